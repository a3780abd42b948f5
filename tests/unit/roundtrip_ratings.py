"""Round-trip cases: the framework matrix's cells (keyboard ratings, rationales, summaries, raters)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.model.project import Project
from tests.unit.history_projects import Finder
from tests.unit.roundtrip_harness import Step, case, equal


@case("set_rating_value")
def rate_a_rated_cell_by_key(p: Project, find: Finder, tmp: Path) -> Step:
    before = p.frameworks.ratings()[0]

    def check(_: Any) -> None:
        after = p.frameworks.rating(before.unit_id, before.node_id)
        assert after is not None
        assert (after.value, after.rationale, after.evidence_coding_ids) == (
            "-1", before.rationale, before.evidence_coding_ids,
        )  # fmt: skip

    return Step(lambda: p.edits.set_rating_value(before.unit_id, before.node_id, "-1"), check)


@case("set_rating_value")
def rate_an_empty_cell_by_key(p: Project, find: Finder, tmp: Path) -> Step:
    unit, node = p.frameworks.rating_units()[0].id, find.construct("II.A").id
    return Step(
        lambda: p.edits.set_rating_value(unit, node, "X"),
        lambda _: equal(p.frameworks.rating(unit, node).value, "X"),  # type: ignore[union-attr]
    )


@case("set_rationale")
def write_a_rationale(p: Project, find: Finder, tmp: Path) -> Step:
    before = p.frameworks.ratings()[0]
    return Step(
        lambda: p.edits.set_rationale(before.unit_id, before.node_id, "Every nurse named the caseload."),
        lambda _: equal(
            p.frameworks.rating(before.unit_id, before.node_id).rationale,  # type: ignore[union-attr]
            "Every nurse named the caseload.",
        ),
    )


@case("clear_rating")
def clear_a_rating(p: Project, find: Finder, tmp: Path) -> Step:
    before = p.frameworks.ratings()[0]
    return Step(
        lambda: p.edits.clear_rating(before.unit_id, before.node_id), lambda _: equal(p.frameworks.ratings(), [])
    )


@case("set_cell_summary")
def write_a_summary(p: Project, find: Finder, tmp: Path) -> Step:
    unit, node = p.frameworks.rating_units()[0].id, find.construct("I.A").id
    return Step(
        lambda: p.edits.set_cell_summary(unit, node, "Caseloads doubled.\n“We had no time.”"),
        lambda _: equal(p.frameworks.summaries()[(unit, node)].summary, "Caseloads doubled.\n“We had no time.”"),
    )


@case("rate_as_rater")
def rate_beside_the_team(p: Project, find: Finder, tmp: Path) -> Step:
    team = p.frameworks.ratings()[0]

    def check(_: Any) -> None:
        assert [(r.value, r.rationale) for r in p.frameworks.rater_ratings()] == [("+2", "Clear examples.")]
        assert p.frameworks.rating(team.unit_id, team.node_id) == team  # the team's rating is left alone

    return Step(lambda: p.edits.rate_as_rater(team.unit_id, team.node_id, "+2", "Clear examples."), check)


@case("set_flag")
def flag_a_rating(p: Project, find: Finder, tmp: Path) -> Step:
    before = p.frameworks.ratings()[0]

    def check(_: Any) -> None:
        after = p.frameworks.rating(before.unit_id, before.node_id)
        assert after is not None
        assert (after.flag, after.value, after.rationale) == ("to discuss", before.value, before.rationale)

    return Step(lambda: p.edits.set_flag(before.unit_id, before.node_id, "  to   discuss "), check)


@case("add_range_units")
def rate_ranges_of_a_number(p: Project, find: Finder, tmp: Path) -> Step:
    fidelity = next(a for a in p.cases.attributes() if a.name == "Fidelity")  # CM-01 has 4.5

    def check(units: Any) -> None:
        assert [(u.label, u.attribute_value) for u in units] == [
            ("Fidelity 4 to < 5", "(-∞, 5)"), ("Fidelity ≥ 5", "[5, ∞)"),
        ]  # fmt: skip
        assert p.frameworks.rating_units()[-2:] == units

    return Step(lambda: p.edits.add_range_units(fidelity.id, "cut points", cuts=["4", "5"]), check)
