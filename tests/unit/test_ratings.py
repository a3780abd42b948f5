"""The ratings matrix: units from Site, ordered by fidelity, advisory labels that stay advisory."""

from __future__ import annotations

import pytest

from app.model.core.dto import AttributeType
from app.model.frameworks import definitions
from app.model.frameworks.ratings_matrix import Advisory, RatingsMatrix, advise, units_from_attribute, units_from_cases
from app.model.project import Project


@pytest.mark.parametrize(
    ("high", "low", "expected"),
    [
        (["+2", "+2", "+1"], ["-1", "-2", "0"], Advisory.STRONG),
        (["+1", "+1"], ["0", "0"], Advisory.WEAK),
        (["+2", "-1"], ["+1", "0"], Advisory.MIXED),
        (["+2", "X", "missing"], ["-2", "-2"], Advisory.WEAK),  # clearly apart, but one rated unit on a side
        (["X", "missing"], ["-2", "-1"], Advisory.LITTLE),  # nothing rated on the high side
        (["+2"], ["-2"], Advisory.LITTLE),  # two units in all
        (["+1", "+2"], ["0", "+1"], Advisory.WEAK),
    ],
)
def test_advisory_labels(high: list[str], low: list[str], expected: Advisory) -> None:
    assert advise(high, low) is expected


def test_matrix_of_sites_ordered_by_fidelity_with_labels(project: Project) -> None:
    cfir = definitions.install(project, "cfir-2022")
    nodes = {n.official_id: n.id for n in project.frameworks.nodes(cfir.id)}
    site = project.cases.define_attribute("Site", AttributeType.CHOICE, ["A", "B", "C", "D"])
    fidelity = project.cases.define_attribute("Fidelity", AttributeType.NUMBER)
    for name, site_value, score in (
        ("P1", "A", 4.5),
        ("P2", "A", 3.5),
        ("P3", "B", 2.0),
        ("P4", "C", 4.9),
        ("P5", "D", 1.0),
    ):
        case = project.cases.create(name)
        project.cases.set_value(case.id, site.id, site_value)
        project.cases.set_value(case.id, fidelity.id, score)
    units = {u.label: u.id for u in units_from_attribute(project, site.id)}
    assert sorted(units) == ["A", "B", "C", "D"]
    assert units_from_attribute(project, site.id)  # running it again reuses them
    assert len(project.frameworks.rating_units()) == 4
    for label, value in (("A", "+2"), ("C", "+2"), ("B", "-1"), ("D", "-2")):
        project.frameworks.set_rating(units[label], nodes["III.K"], value, "training everywhere")
    for label, value in (("A", "+1"), ("C", "-1"), ("B", "+1"), ("D", "0")):
        project.frameworks.set_rating(units[label], nodes["IV.A"], value)
    project.frameworks.set_reverse_rated(nodes["I.F"], True)
    matrix = RatingsMatrix(project, cfir.id, fidelity.id)
    assert [(c.unit.label, c.outcome, c.high) for c in matrix.columns] == [
        ("C", 4.9, True),
        ("A", 4.0, True),
        ("B", 2.0, False),
        ("D", 1.0, False),
    ]
    rows = {row.node.official_id: row for row in matrix.rows}
    assert rows["III.K"].advisory is Advisory.STRONG
    assert rows["IV.A"].advisory is Advisory.MIXED
    assert rows["I.A"].advisory is Advisory.LITTLE
    assert [r.value if r else None for r in rows["III.K"].ratings] == ["+2", "+2", "-1", "-2"]
    assert len(matrix.rows) == 48 + 19
    assert RatingsMatrix(project, cfir.id).rows[0].advisory is None  # no outcome, no comparison


def test_individual_cases_as_units_ordered_by_their_own_outcome(project: Project) -> None:
    cfir = definitions.install(project, "cfir-2022")
    fidelity = project.cases.define_attribute("Fidelity", AttributeType.NUMBER)
    for name, score in (("Team North", 2.0), ("Team South", 4.0), ("Team East", None)):
        case = project.cases.create(name)
        if score is not None:
            project.cases.set_value(case.id, fidelity.id, score)
    units = units_from_cases(project)
    assert [u.label for u in units] == ["Team East", "Team North", "Team South"]  # as the Cases list orders them
    assert [u.id for u in units_from_cases(project)] == [u.id for u in units]  # reused, not duplicated
    matrix = RatingsMatrix(project, cfir.id, fidelity.id)
    assert [(c.unit.label, c.outcome) for c in matrix.columns] == [
        ("Team South", 4.0),
        ("Team North", 2.0),
        ("Team East", None),
    ]
