"""Round-trip cases: documents after import (name, kind, date, cases, speakers), document sets, and renaming or
deleting attributes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from app.model.core.dto import AttributeType, DocumentKind
from app.model.project import Project
from tests.unit.history_projects import Finder
from tests.unit.roundtrip_harness import Step, case, equal


def _attribute(p: Project, name: str) -> Any:
    return next(a for a in p.cases.attributes() if a.name == name)


# --- attributes ----------------------------------------------------------------------------------------------


@case("rename_attribute")
def rename_attribute(p: Project, find: Finder, tmp: Path) -> Step:
    # A formula reads the attribute: renaming it rewrites the formula, and undo writes both back.
    score = _attribute(p, "Fidelity")
    high = p.cases.define_attribute("High", AttributeType.BOOLEAN)
    from app.model.cases.computed import formulas, set_formula

    set_formula(p, high.id, "Fidelity >= 2")

    def check(made: Any) -> None:
        assert made.name == "Fidelity 0m"
        with p.store.read() as s:
            assert formulas(s)[high.id] == "Fidelity 0m >= 2"

    return Step(lambda: p.edits.rename_attribute(score.id, "Fidelity 0m"), check)


@case("delete_attribute")
def delete_attribute(p: Project, find: Finder, tmp: Path) -> Step:
    note = _attribute(p, "Note")
    return Step(
        lambda: p.edits.delete_attribute(note.id),
        lambda _: equal("Note" in [a.name for a in p.cases.attributes()], False),
    )


# --- documents -----------------------------------------------------------------------------------------------


@case("rename_document")
def rename_document(p: Project, find: Finder, tmp: Path) -> Step:
    plain = find.document("Plain").id
    return Step(
        lambda: p.edits.rename_document(plain, "Interview 1"),
        lambda _: equal(p.documents.get(plain).name, "Interview 1"),
    )


@case("set_document_kind")
def set_document_kind(p: Project, find: Finder, tmp: Path) -> Step:
    plain = find.document("Plain").id
    return Step(
        lambda: p.edits.set_document_kind(plain, DocumentKind.FOCUS_GROUP),
        lambda _: equal(p.documents.get(plain).kind, DocumentKind.FOCUS_GROUP),
    )


@case("set_interview_date")
def set_interview_date(p: Project, find: Finder, tmp: Path) -> Step:
    plain = find.document("Plain").id
    return Step(
        lambda: p.edits.set_interview_date(plain, date(2024, 3, 5)),
        lambda _: equal(p.documents.get(plain).interview_date, date(2024, 3, 5)),
    )


@case("set_document_cases")
def set_document_cases(p: Project, find: Finder, tmp: Path) -> Step:
    plain = find.document("Plain").id
    other = p.cases.create("CM-02").id
    return Step(
        lambda: p.edits.set_document_cases(plain, [other]), lambda _: equal(p.documents.get(plain).case_ids, (other,))
    )


@case("link_speaker")
def link_speaker(p: Project, find: Finder, tmp: Path) -> Step:
    speaker = next(s for s in p.documents.speakers() if s.case_id is None)
    case_id = p.cases.all()[0].id

    def check(_: Any) -> None:
        assert next(s for s in p.documents.speakers() if s.id == speaker.id).case_id == case_id

    return Step(lambda: p.edits.link_speaker(speaker.id, case_id), check)


# --- sets ----------------------------------------------------------------------------------------------------


@case("create_set")
def create_set(p: Project, find: Finder, tmp: Path) -> Step:
    plain = find.document("Plain").id

    def check(group_id: Any) -> None:
        assert next(g for g in p.groups.all() if g.id == group_id).document_ids == (plain,)

    return Step(lambda: p.edits.create_set("Wave 1", [plain]), check)


@case("rename_set")
def rename_set(p: Project, find: Finder, tmp: Path) -> Step:
    group_id = p.groups.create("Wave 1")
    return Step(lambda: p.edits.rename_set(group_id, "Baseline"), lambda _: equal(p.groups.all()[0].name, "Baseline"))


@case("delete_set")
def delete_set(p: Project, find: Finder, tmp: Path) -> Step:
    group_id = p.groups.create("Wave 1", document_ids=[find.document("Plain").id])
    return Step(lambda: p.edits.delete_set(group_id), lambda _: equal(p.groups.all(), []))


@case("add_to_set")
def add_to_set(p: Project, find: Finder, tmp: Path) -> Step:
    plain = find.document("Plain").id
    group_id = p.groups.create("Wave 1", document_ids=[plain])
    ids = [d.id for d in p.documents.all()]
    return Step(lambda: p.edits.add_to_set(group_id, ids), lambda added: equal(added, len(ids) - 1))


@case("remove_from_set")
def remove_from_set(p: Project, find: Finder, tmp: Path) -> Step:
    ids = [d.id for d in p.documents.all()]
    group_id = p.groups.create("Wave 1", document_ids=ids)
    return Step(
        lambda: p.edits.remove_from_set(group_id, ids[:1]),
        lambda _: equal(p.groups.documents_in([group_id]), set(ids[1:])),
    )
