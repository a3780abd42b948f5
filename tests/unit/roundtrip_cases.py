"""Round-trip cases: cases and attributes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.model.project import Project
from tests.unit.history_projects import Finder
from tests.unit.roundtrip_harness import Step, case, equal

# --- cases and attributes -----------------------------------------------------------------------------------


def _attribute(p: Project, name: str) -> Any:
    return next(a for a in p.cases.attributes() if a.name == name)


@case("create_case")
def create_case(p: Project, find: Finder, tmp: Path) -> Step:
    return Step(lambda: p.edits.create_case("CM-02"), lambda made: equal(p.cases.find("CM-02"), made))


@case("rename_case")
def rename_case(p: Project, find: Finder, tmp: Path) -> Step:
    case_id = p.cases.all()[0].id
    return Step(
        lambda: p.edits.rename_case(case_id, "CM-01 (pilot)"),
        lambda _: equal(p.cases.get(case_id).name, "CM-01 (pilot)"),
    )


@case("merge_cases")
def merge_cases(p: Project, find: Finder, tmp: Path) -> Step:
    source, target = p.cases.all()[0].id, p.cases.create("CM-02").id
    return Step(
        lambda: p.edits.merge_cases([source], target), lambda _: equal([c.name for c in p.cases.all()], ["CM-02"])
    )


@case("delete_case")
def delete_case(p: Project, find: Finder, tmp: Path) -> Step:
    case_id = p.cases.all()[0].id
    return Step(lambda: p.edits.delete_case(case_id), lambda _: equal(p.cases.all(), []))


@case("define_attribute")
def define_computed_attribute(p: Project, find: Finder, tmp: Path) -> Step:
    from app.model.cases.computed import sheet
    from app.model.core.dto import AttributeType

    def check(made: Any) -> None:
        assert sheet(p).value(p.cases.all()[0].id, made.id) is True

    return Step(lambda: p.edits.define_attribute("High", AttributeType.BOOLEAN, formula="Fidelity >= 0"), check)


@case("retype_attribute")
def retype_attribute(p: Project, find: Finder, tmp: Path) -> Step:
    from app.model.core.dto import AttributeType

    note = _attribute(p, "Fidelity")
    return Step(
        lambda: p.edits.retype_attribute(note.id, AttributeType.TEXT),
        lambda made: equal(made.type, AttributeType.TEXT),
    )


@case("set_choices")
def set_choices(p: Project, find: Finder, tmp: Path) -> Step:
    role = _attribute(p, "Role")
    choices = ["supervisor", "case manager", "director"]
    return Step(lambda: p.edits.set_choices(role.id, choices), lambda made: equal(list(made.choices), choices))


@case("set_formula")
def set_formula(p: Project, find: Finder, tmp: Path) -> Step:
    score = _attribute(p, "Fidelity")
    return Step(lambda: p.edits.set_formula(score.id, "2 * 3"), lambda _: None)


@case("set_attribute_value")
def set_attribute_value(p: Project, find: Finder, tmp: Path) -> Step:
    case_id, note = p.cases.all()[0].id, _attribute(p, "Note")
    return Step(lambda: p.edits.set_attribute_value(case_id, note.id, "changed"), lambda _: None)


@case("set_attribute_values")
def set_attribute_values(p: Project, find: Finder, tmp: Path) -> Step:
    case_id, note, lead = p.cases.all()[0].id, _attribute(p, "Note"), _attribute(p, "Lead")
    return Step(
        lambda: p.edits.set_attribute_values([(case_id, note.id, "x"), (case_id, lead.id, None)]),
        lambda n: equal(n, 2),
    )


@case("cases_from_speakers")
def cases_from_speakers(p: Project, find: Finder, tmp: Path) -> Step:
    return Step(lambda: p.edits.cases_from_speakers(), lambda made: equal("Interviewer" in made.skipped, True))
