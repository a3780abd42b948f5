"""Attribute values in their natural order wherever they are listed: numbers by size, dates in time, words naturally."""

from __future__ import annotations

from datetime import date

import pytest

from app.model.analysis.lookup import attribute_condition
from app.model.analysis.matrices import NO_VALUE, Analysis, attribute_values
from app.model.cases.attribute_sheet import infer_type
from app.model.cases.attribute_values import parse_date, sort_key, sorted_values
from app.model.core.dto import AttributeInfo, AttributeType, NewDocument
from app.model.core.errors import ValidationError
from app.model.frameworks import definitions
from app.model.frameworks.ratings_matrix import RatingsMatrix, units_from_attribute
from app.model.project import Project
from app.model.reports.excerpt_outline import Order, OutlineOptions, outline
from app.model.reports.excerpts import collect

NUMBERS = ["-1", "1", "10", "12", "2", "9"]  # the order the issue saw: as strings


def _attribute(kind: AttributeType, choices: tuple[str, ...] = ()) -> AttributeInfo:
    return AttributeInfo(1, "A", kind, choices, 0)


@pytest.mark.parametrize("kind", [AttributeType.NUMBER, AttributeType.TEXT, AttributeType.CHOICE])
def test_numbers_sort_by_size_whatever_the_attribute_type(kind: AttributeType) -> None:
    assert sorted_values(NUMBERS, _attribute(kind)) == ["-1", "1", "2", "9", "10", "12"]
    assert sorted_values(["2.5", "-0.5", "1,000", "10", NO_VALUE], _attribute(kind)) == [
        "-0.5",
        "2.5",
        "10",
        "1,000",
        NO_VALUE,
    ]


def test_dates_sort_in_time_in_several_formats() -> None:
    iso = ["2024-03-05", "2023-12-31", "2024-01-15", "2024-10-01"]
    assert sorted_values(iso, _attribute(AttributeType.DATE)) == [
        "2023-12-31",
        "2024-01-15",
        "2024-03-05",
        "2024-10-01",
    ]
    spelled = ["5 March 2024", "12 Jan 2024", "2023-12-31T09:30:00", "Feb 2, 2024", "2024/02/10"]
    assert sorted_values(spelled, _attribute(AttributeType.TEXT)) == [
        "2023-12-31T09:30:00",
        "12 Jan 2024",
        "Feb 2, 2024",
        "2024/02/10",
        "5 March 2024",
    ]
    assert parse_date("9 September 2025") == date(2025, 9, 9)
    assert parse_date("Sept 3, 2024") == parse_date("2024-09-03T10:00:00Z") == date(2024, 9, 3)
    assert parse_date("March 2024") == date(2024, 3, 1)
    for not_a_date in ("Site 9", "31 Feb 2024", "05/03/2024", "May"):  # 05/03: 5 March or May 3?
        assert parse_date(not_a_date) is None


def test_words_sort_naturally_and_ignore_case() -> None:
    assert sorted_values(["Site 10", "site 2", "Site 1", "Agency", NO_VALUE, "Site 2b"]) == [
        "Agency",
        "Site 1",
        "site 2",
        "Site 2b",
        "Site 10",
        NO_VALUE,
    ]


def test_choices_keep_their_own_order_then_the_rest_and_no_value_last() -> None:
    attribute = _attribute(AttributeType.CHOICE, ("low", "medium", "high"))
    assert sorted_values([NO_VALUE, "high", "10", "low", "other", "2"], attribute) == [
        "low",
        "high",
        "2",
        "10",
        "other",
        NO_VALUE,
    ]


def test_yes_comes_after_no_and_missing_values_come_last() -> None:
    assert sorted_values(["yes", "no"], _attribute(AttributeType.BOOLEAN)) == ["no", "yes"]
    assert sort_key("") == sort_key(None) == sort_key(NO_VALUE)
    assert sort_key("nan") > sort_key("1e9")  # "nan" and "inf" are words, not numbers


def _scored(project: Project, kind: AttributeType = AttributeType.NUMBER) -> tuple[int, int, dict[str, int]]:
    """Six participants with a score each (as a number or as text), one quote each, all under one code."""
    score = project.cases.define_attribute("Score", kind)
    code = project.codes.create("Burnout")
    cases = {}
    for value in NUMBERS:
        case = project.cases.create(f"P{value}")
        project.cases.set_value(case.id, score.id, float(value) if kind is AttributeType.NUMBER else value)
        document = project.documents.add(
            NewDocument(name=f"Interview {value}", text="It is heavy.", case_ids=(case.id,))
        )
        project.codings.apply(document.id, code.id, 0, 5)
        cases[value] = case.id
    return score.id, code.id, cases


@pytest.mark.parametrize("kind", [AttributeType.NUMBER, AttributeType.TEXT])
def test_code_by_attribute_columns_go_by_size(project: Project, kind: AttributeType) -> None:
    score, code, _ = _scored(project, kind)
    analysis = Analysis(project)
    matrix = analysis.by_attribute([code], score)
    assert matrix.columns == ("-1", "1", "2", "9", "10", "12", NO_VALUE)
    assert [matrix.get(code, c) for c in matrix.columns] == [1, 1, 1, 1, 1, 1, 0]
    assert analysis.frequencies([code], split_by=score).columns[3:] == matrix.columns
    assert dict(attribute_values(project))[project.cases.attributes()[0]] == ["-1", "1", "2", "9", "10", "12"]


def test_large_numbers_are_distinct_columns(project: Project) -> None:
    budget = project.cases.define_attribute("Budget", AttributeType.NUMBER)
    for name, value in (("A", 1234567.0), ("B", 1234568.0), ("C", 0.25)):
        project.cases.set_value(project.cases.create(name).id, budget.id, value)
    assert Analysis(project).attribute_columns(budget.id) == ["0.25", "1234567", "1234568", NO_VALUE]


def test_command_line_lists_values_by_size(project: Project) -> None:
    _scored(project)
    assert attribute_condition(project, "score=10")[1] == frozenset({"10"})
    with pytest.raises(ValidationError, match=r"its values are: -1, 1, 2, 9, 10, 12$"):
        attribute_condition(project, "Score=7")


def test_rating_units_follow_the_values_order_and_an_outcome_of_zero_ranks_as_zero(project: Project) -> None:
    cfir = definitions.install(project, "cfir-2022")
    site = project.cases.define_attribute("Site", AttributeType.TEXT)
    change = project.cases.define_attribute("Change", AttributeType.NUMBER)
    for name, site_value, outcome in (("a", "Site 10", -1.0), ("b", "Site 2", 0.0), ("c", "Site 1", None)):
        case = project.cases.create(name)
        project.cases.set_value(case.id, site.id, site_value)
        if outcome is not None:
            project.cases.set_value(case.id, change.id, outcome)
    assert [u.label for u in units_from_attribute(project, site.id)] == ["Site 1", "Site 2", "Site 10"]
    columns = RatingsMatrix(project, cfir.id, change.id).columns
    assert [(c.unit.label, c.outcome) for c in columns] == [("Site 2", 0.0), ("Site 10", -1.0), ("Site 1", None)]


def test_a_yes_no_attribute_gives_rating_units_with_outcomes(project: Project) -> None:
    cfir = definitions.install(project, "cfir-2022")
    rural = project.cases.define_attribute("Rural", AttributeType.BOOLEAN)
    reach = project.cases.define_attribute("Reach", AttributeType.NUMBER)
    for name, is_rural, value in (("a", True, 3.0), ("b", False, 5.0)):
        case = project.cases.create(name)
        project.cases.set_value(case.id, rural.id, is_rural)
        project.cases.set_value(case.id, reach.id, value)
    units_from_attribute(project, rural.id)
    columns = RatingsMatrix(project, cfir.id, reach.id).columns
    assert [(c.unit.label, c.outcome) for c in columns] == [("no", 5.0), ("yes", 3.0)]


def test_a_report_split_or_ordered_by_a_number_goes_by_size(project: Project) -> None:
    score, _, _ = _scored(project)
    excerpts = collect(project)
    (section,) = outline(excerpts, OutlineOptions(split_by=score))
    assert [s.title for s in section.children] == [f"Score: {v}" for v in ("-1", "1", "2", "9", "10", "12")]
    (ordered,) = outline(excerpts, OutlineOptions(order=Order.ATTRIBUTE, order_attribute=score))
    assert [excerpts.value(e, score) for e in ordered.excerpts] == ["-1", "1", "2", "9", "10", "12"]


def test_choices_read_from_a_sheet_are_in_natural_order() -> None:
    kind, choices = infer_type(["Site 10", "Site 2", "Site 1", "Site 2", "n/a", "Site 10"])
    assert kind is AttributeType.CHOICE
    assert choices == ("n/a", "Site 1", "Site 2", "Site 10")
