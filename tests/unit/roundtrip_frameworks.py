"""Round-trip cases: framework mapping and ratings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.model.core.dto import RATING_VALUES
from app.model.project import Project
from tests.unit.history_projects import Finder
from tests.unit.roundtrip_harness import Step, case, equal

# --- frameworks ----------------------------------------------------------------------------------------------


@case("map_codes")
def map_codes(p: Project, find: Finder, tmp: Path) -> Step:
    codes, node = [find.code("Supervision").id, find.code("Caseload").id], find.construct("I.B").id
    return Step(
        lambda: p.edits.map_codes(codes, node),
        lambda _: equal({c for c, n in p.frameworks.mappings() if n == node}, set(codes)),
    )


@case("unmap_code")
def unmap_code(p: Project, find: Finder, tmp: Path) -> Step:
    code, node = find.code("Caseload").id, find.construct("I.A").id
    return Step(lambda: p.edits.unmap_code(code, node), lambda _: equal(p.frameworks.mappings(), []))


@case("rate")
def rate_anew(p: Project, find: Finder, tmp: Path) -> Step:
    unit, node = p.frameworks.rating_units()[0].id, find.construct("II.A").id
    evidence = [c.id for c in find.codings("Supervision")]

    def check(_: Any) -> None:
        rating = next(r for r in p.frameworks.ratings() if r.node_id == node)
        assert (rating.value, rating.evidence_coding_ids) == ("-2", tuple(sorted(evidence)))

    return Step(lambda: p.edits.rate(unit, node, "-2", "Weak.", "check", evidence), check)


@case("rate")
def rate_again(p: Project, find: Finder, tmp: Path) -> Step:
    rating = p.frameworks.ratings()[0]
    value = next(v for v in RATING_VALUES if v != rating.value)

    def check(_: Any) -> None:
        again = p.frameworks.ratings()[0]
        assert (again.value, again.evidence_coding_ids) == (value, rating.evidence_coding_ids)

    return Step(lambda: p.edits.rate(rating.unit_id, rating.node_id, value, "Changed."), check)


@case("adapt_construct")
def hide_construct(p: Project, find: Finder, tmp: Path) -> Step:
    node = find.construct("I.A").id
    return Step(lambda: p.edits.adapt_construct(node, hidden=True), lambda _: equal(find.construct("I.A").hidden, True))


@case("adapt_construct")
def reverse_rate_construct(p: Project, find: Finder, tmp: Path) -> Step:
    node = find.construct("I.B").id
    return Step(
        lambda: p.edits.adapt_construct(node, reverse_rated=True),
        lambda _: equal(find.construct("I.B").reverse_rated, True),
    )


@case("adapt_construct")
def adapt_construct_name(p: Project, find: Finder, tmp: Path) -> Step:
    node = find.construct("II.A").id
    return Step(
        lambda: p.edits.adapt_construct(node, study_name="Partners"),
        lambda _: equal(find.construct("II.A").study_name, "Partners"),
    )
