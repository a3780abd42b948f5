"""Round-trip cases: the project's pseudonym table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.model.project import Project
from tests.unit.history_projects import Finder
from tests.unit.roundtrip_harness import Step, case, equal


def _rows(p: Project) -> list[tuple[str, str, str]]:
    return [(r.original, r.pseudonym, r.kind) for r in p.pseudonyms.all()]


@case("add_pseudonym")
def add_pseudonym(p: Project, find: Finder, tmp: Path) -> Step:
    p.pseudonyms.add("Riverside Agency", kind="agency")

    def check(made: Any) -> None:
        equal((made.original, made.pseudonym, made.kind), ("Jane Smith", "[Case manager 1]", "case manager"))
        equal(_rows(p)[-1], ("Jane Smith", "[Case manager 1]", "case manager"))

    return Step(lambda: p.edits.add_pseudonym("Jane  Smith", kind="case manager"), check)


@case("change_pseudonym")
def change_pseudonym(p: Project, find: Finder, tmp: Path) -> Step:
    row = p.pseudonyms.add("Jane Smith")
    return Step(
        lambda: p.edits.change_pseudonym(row.id, pseudonym="[Nurse 2]", kind="nurse"),
        lambda _: equal(_rows(p), [("Jane Smith", "[Nurse 2]", "nurse")]),
    )


@case("remove_pseudonym")
def remove_pseudonym(p: Project, find: Finder, tmp: Path) -> Step:
    row = p.pseudonyms.add("Jane Smith")
    p.pseudonyms.add("Maple Grove", kind="site")
    return Step(
        lambda: p.edits.remove_pseudonym(row.id), lambda _: equal(_rows(p), [("Maple Grove", "[Site 1]", "site")])
    )


@case("import_pseudonyms")
def import_pseudonyms(p: Project, find: Finder, tmp: Path) -> Step:
    p.pseudonyms.add("Jane Smith", "[Case manager 3]", "case manager")

    def check(made: Any) -> None:
        equal((made.added, made.changed), (3, 0))
        equal(
            _rows(p),
            [
                ("Jane Smith", "[Case manager 3]", "case manager"),  # kept: the same original, the same pseudonym
                ("Riverside Agency", "[Agency A]", "agency"),
                ("Eastside Agency", "[Agency B]", "agency"),
                ("Maple Grove", "[Site 1]", "site"),
            ],
        )

    rows = [
        ("JANE SMITH", "", "person"),
        ("Riverside Agency", "", "agency"),
        ("Eastside Agency", "", "agency"),
        ("Maple Grove", "", "site"),
    ]
    return Step(lambda: p.edits.import_pseudonyms(rows), check)


@case("set_pseudonym_identifying")
def set_pseudonym_identifying(p: Project, find: Finder, tmp: Path) -> Step:
    row = p.pseudonyms.add("Coordinator", kind="speaker")
    return Step(
        lambda: p.edits.set_pseudonym_identifying(row.id, False),
        lambda _: equal(_rows(p), [("Coordinator", "", "speaker")]),
    )
