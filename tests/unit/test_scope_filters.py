"""Sets of documents and ranges of number or date attributes narrow analyses, excerpts and their exports, search
and autocoding alike: one `Scope`, read the same way everywhere."""

from __future__ import annotations

from datetime import date

import pytest

from app.model.analysis.lookup import sets_named, where_scope
from app.model.analysis.matrices import Analysis, Measure
from app.model.analysis.scope import Range, Scope, bin_range, parse_range
from app.model.cases.bins import Method, attribute_bins, make_bins
from app.model.codings.autocode import autocode_turns, speakers_in
from app.model.core.dto import AttributeType
from app.model.core.errors import ValidationError
from app.model.project import Project
from app.model.reports.excerpts import ExcerptFilter, collect
from app.model.reports.export_request import ExcerptRequest, describe
from app.model.search.searching import SearchFilter, search
from tests.unit.small_study import INTERVIEW, fill_small_study


@pytest.fixture
def study(project: Project) -> Project:
    fill_small_study(project)
    return project


def _attribute(project: Project, name: str) -> int:
    return next(a.id for a in project.cases.attributes() if a.name == name)


def _speakers_of(project: Project, scope: Scope) -> list[str]:
    """Who said the Supervision excerpts in scope, in document order."""
    return [e.speaker or "" for e in collect(project, ExcerptFilter(scope=scope)).items]


def test_typed_ranges_hold_what_they_say() -> None:
    assert parse_range(">= 5", dates=False) == Range("≥ 5", lower=5.0)
    assert [parse_range("≥5", False).holds(v) for v in ("4", "5", "7", "(no value)", "x")] == [0, 1, 1, 0, 0]
    assert [parse_range("> 5", False).holds(v) for v in ("5", "5.5")] == [False, True]
    assert [parse_range("<= 5", False).holds(v) for v in ("5", "6")] == [True, False]
    assert [parse_range("<5", False).holds(v) for v in ("4.9", "5")] == [True, False]
    between = parse_range("9..3", False)  # either order; both ends included
    assert between.label == "3–9"
    assert [between.holds(v) for v in ("2", "3", "9", "10")] == [False, True, True, False]
    summer = parse_range("2024-06-01..2024-08-31", dates=True)
    assert summer.label == "2024-06-01 – 2024-08-31"
    assert [summer.holds(v) for v in ("2024-05-31", "2024-06-01", "2024-08-31", "2024-09-01")] == [0, 1, 1, 0]
    for bad in ("5", "abc", ">= x", "1..y"):
        with pytest.raises(ValidationError):
            parse_range(bad, dates=False)
    with pytest.raises(ValidationError):
        parse_range("< 5", dates=True)


def test_a_bins_range_holds_exactly_the_values_its_column_counts() -> None:
    values = [1.0, 2.0, 4.0, 5.0, 7.0, 9.0, 12.0]
    for bins in (make_bins(values, Method.EQUAL_WIDTH, 3), make_bins(values, Method.CUTS, cuts=[5, 10])):
        for label in (b.label for b in bins.bins):
            chosen = bin_range(bins, label)
            shown = [str(int(v)) for v in [0.0, *values, 20.0]]
            assert [v for v in shown if chosen.holds(v)] == [v for v in shown if bins.label_of_shown(v) == label]
    days = make_bins([date(2024, 1, 1), date(2024, 6, 1)], Method.CUTS, cuts=[date(2024, 3, 1)])
    later = bin_range(days, days.bins[-1].label)
    assert (later.holds("2024-03-01"), later.holds("2024-02-29")) == (True, False)
    with pytest.raises(ValidationError):
        bin_range(days, "no such range")


def test_a_range_of_a_computed_attribute_narrows_analyses_and_excerpts(study: Project) -> None:
    change = _attribute(study, "Change")
    improved = Scope(attribute_ranges=((change, parse_range(">= 5", False)),))
    assert _speakers_of(study, improved) == ["P1", "P4"]
    assert _speakers_of(study, Scope(attribute_ranges=((change, parse_range("< 5", False)),))) == ["P2"]
    code = study.codes.tree()[0].code.id
    assert Analysis(study, improved).frequencies([code]).get(code, Measure.CASES.value) == 2
    # The range of a table's column selects what that column counts.
    bins = attribute_bins(study, change, Method.CUTS, cuts=[5])
    column = Analysis(study).by_attribute([code], change, Measure.CODINGS, bins)
    for label in (b.label for b in bins.bins):
        ranged = Scope(attribute_ranges=((change, bin_range(bins, label)),))
        assert len(Analysis(study, ranged).codings) == column.get(code, label)


def test_a_set_narrows_analyses_and_excerpts_to_its_documents(study: Project) -> None:
    wave = sets_named(study, ["wave 2"])
    assert _speakers_of(study, Scope(set_ids=wave)) == ["P4"]
    group = next(d.id for d in study.documents.all() if d.name == "Focus group")
    assert _speakers_of(study, Scope(document_ids=frozenset({group}), set_ids=wave)) == []
    with pytest.raises(ValidationError, match="Wave 2"):
        sets_named(study, ["Wave 3"])
    assert sets_named(study, []) is None


def test_search_reads_sets_and_ranges_from_the_same_scope(study: Project) -> None:
    change = _attribute(study, "Change")

    def who(scope: Scope) -> list[str]:
        return [h.speaker or "" for h in search(study, "supervision", SearchFilter(scope)).hits]

    assert who(Scope()) == ["P1", "P2", "P3", "P4"]
    assert who(Scope(attribute_ranges=((change, parse_range(">= 5", False)),))) == ["P1", "P4"]
    assert who(Scope(set_ids=sets_named(study, ["Wave 2"]))) == ["P4"]
    both = Scope(set_ids=sets_named(study, ["Wave 2"]), attribute_ranges=((change, parse_range("< 5", False)),))
    assert who(both) == []


def test_autocoding_turns_follows_the_scope(study: Project) -> None:
    change = _attribute(study, "Change")
    improved = Scope(attribute_ranges=((change, parse_range(">= 5", False)),))
    assert sorted(s.label for s in speakers_in(study, improved)) == ["P1", "P4"]
    in_wave = Scope(set_ids=sets_named(study, ["Wave 2"]), attribute_ranges=improved.attribute_ranges)
    speakers = speakers_in(study, in_wave)
    assert [s.label for s in speakers] == ["P4"]
    code = study.edits.create_code("Improvers speak")
    added = autocode_turns(study, [s.id for s in speakers], code.id)
    assert [INTERVIEW[c.start : c.end] for c in added] == ["Supervision keeps me going."]
    assert [s.label for s in speakers_in(study, Scope(set_ids=in_wave.set_ids), "Interviewer")] == ["Interviewer"]


def test_conditions_as_typed_on_the_command_line(study: Project) -> None:
    change, pre = _attribute(study, "Change"), _attribute(study, "Pre")
    scope = where_scope(study, ["change>=5", "Pre = 1..3"])
    assert scope.attribute_ranges == (
        (change, Range("≥ 5", lower=5.0)),
        (pre, Range("1–3", 1.0, 3.0, upper_included=True)),
    )
    assert where_scope(study, ["Pre=3,4"]).attribute_values == ((pre, frozenset({"3", "4"})),)
    assert [e.speaker for e in collect(study, ExcerptFilter(scope=scope)).items] == ["P1", "P4"]
    study.edits.define_attribute("Role", AttributeType.TEXT)
    for bad, said in (("Role>=5", "only numbers and dates"), ("Change>=x", "not a number"), ("Nope>3", "Role")):
        with pytest.raises(ValidationError, match=said):
            where_scope(study, [bad])


def test_the_reports_title_page_names_the_set_and_the_range(study: Project) -> None:
    scope = where_scope(study, ["Change>=5"], Scope(set_ids=sets_named(study, ["Wave 2"])))
    lines = describe(study, ExcerptRequest(wanted=ExcerptFilter(scope=scope)))
    assert "Sets: Wave 2" in lines
    assert "Change: ≥ 5" in lines
