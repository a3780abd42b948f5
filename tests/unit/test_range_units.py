"""Rows of the framework matrix that are ranges of a number or date attribute ("Change 20–34", "Change ≥ 35"),
their codings found through the same case attribution as every other row."""

from __future__ import annotations

import pytest

from app.model.analysis.scope import Range, parse_range
from app.model.core.dto import RatingUnitInfo
from app.model.core.errors import ValidationError
from app.model.frameworks.distinguishing import Cut, CutKind
from app.model.frameworks.framework_matrix import framework_matrix
from app.model.frameworks.ratings_matrix import RatingsMatrix
from app.model.frameworks.unit_ranges import interval, unit_holds, unit_range
from app.model.project import Project
from tests.unit.study2_project import Study2, build_study2


@pytest.fixture
def study(project: Project) -> Study2:
    return build_study2(project)


def _unit(value: str) -> RatingUnitInfo:
    return RatingUnitInfo(1, "Visit", None, 7, value, 0)


def test_ranges_of_the_computed_change_are_rows_holding_their_sites_codings(project: Project, study: Study2) -> None:
    # Change (12 months - baseline): Riverside 40, Northumberland 35, Eastgate 30, Hillcrest 25, Lakeview 20, rest < 20.
    units = project.edits.add_range_units(study.change, "cut points", cuts=["20", "35"])
    assert [u.label for u in units] == ["Change 0–19", "Change 20–34", "Change ≥ 35"]
    matrix = framework_matrix(project, study.framework_id)
    training = study.constructs["III.K"]
    # Two training codings per site: four sites below 20, three from 20 to 34, two at 35 or more.
    assert [matrix.count(u.id, training) for u in units] == [8, 6, 4]
    assert [u.label for u in matrix.rows][-3:] == ["Change 0–19", "Change 20–34", "Change ≥ 35"]
    # Asked again, the same rows come back rather than copies.
    assert project.edits.add_range_units(study.change, "cut points", cuts=["20", "35"]) == units


def test_range_rows_take_part_in_the_distinguishing_aid(project: Project, study: Study2) -> None:
    low, _, high = project.edits.add_range_units(study.change, "cut points", cuts=["20", "35"])
    matrix = RatingsMatrix(project, study.framework_id, study.change, Cut(CutKind.MEDIAN))
    outcomes = {c.unit.label: c.outcome for c in matrix.columns}
    assert outcomes[high.label] == 37.5  # the mean change of the sites it holds
    assert outcomes[low.label] == 7.5


def test_quantile_ranges_and_refusals(project: Project, study: Study2) -> None:
    units = project.edits.add_range_units(study.baseline, "quantiles", count=3)
    assert [u.label for u in units] == ["Fidelity baseline 30–43", "Fidelity baseline 44–51", "Fidelity baseline ≥ 52"]
    with pytest.raises(ValidationError, match="not a way to make ranges"):
        project.edits.add_range_units(study.change, "halves")
    with pytest.raises(ValidationError, match="Only numbers and dates"):
        project.edits.add_range_units(study.site_attribute, "quantiles")
    with pytest.raises(ValidationError, match="not a number"):
        project.edits.add_range_units(study.change, "cut points", cuts=["twenty"])


def test_a_stored_range_reads_back_as_the_range_it_was() -> None:
    for typed, dates in ((">= 5", False), ("< 2024-06-01", True), ("2024-01-01..2024-06-30", True), ("-3..4.5", False)):
        chosen = parse_range(typed, dates)
        back = unit_range(_unit(interval(chosen)))
        assert back is not None
        assert (back.lower, back.upper, back.lower_included, back.upper_included, back.dates) == (
            chosen.lower, chosen.upper, chosen.lower_included, chosen.upper_included, chosen.dates,
        )  # fmt: skip
    assert interval(Range("", 5.0, None)) == "[5, ∞)"
    holds = unit_holds(_unit(interval(parse_range("2024-01-01..2024-06-30", True))))
    assert [holds(7, "2024-06-30"), holds(7, "2024-07-01"), holds(8, "2024-03-01")] == [True, False, False]
    # A single value is never a range: a value unit still matches exactly its value.
    assert [unit_range(_unit("5")), unit_range(_unit("[draft, final)"))] == [None, None]
    assert [unit_holds(_unit("5"))(7, "5"), unit_holds(_unit("5"))(7, "6")] == [True, False]
