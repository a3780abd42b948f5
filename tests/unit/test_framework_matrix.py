"""The framework matrix (units by constructs with the excerpts behind each cell, summaries, raters) and the
distinguishing aid with its reason."""

from __future__ import annotations

import pytest

from app.model.core.dto import AttributeType
from app.model.core.errors import NotFoundError, ValidationError
from app.model.frameworks.distinguishing import Advisory, Cut, CutKind, Side, explain
from app.model.frameworks.framework_matrix import Columns, framework_matrix
from app.model.frameworks.ratings_matrix import RatingsMatrix
from app.model.project import Project
from tests.unit.study2_project import SITES, Study2, build_study2


@pytest.fixture
def study(project: Project) -> Study2:
    return build_study2(project)


def test_cells_hold_the_codings_of_the_codes_mapped_to_each_construct(project: Project, study: Study2) -> None:
    matrix = framework_matrix(project, study.framework_id)
    assert [u.label for u in matrix.rows] == sorted(name for name, _, _ in SITES)
    columns = [c.id for c in matrix.columns]
    assert len(columns) == 48 + 19  # every construct and subconstruct of CFIR 2.0, domains as groups
    knowledge, leaders, resources = (study.constructs[i] for i in ("III.K", "IV.A", "III.J"))
    group = next(c.group for c in matrix.columns if c.id == knowledge)
    assert group.endswith("Inner Setting")
    riverside = study.units["Riverside"]
    assert (matrix.count(riverside, knowledge), matrix.count(riverside, leaders)) == (2, 1)
    assert matrix.count(riverside, resources) == 1
    assert matrix.count(riverside, study.constructs["I.A"]) == 0
    # Each cell's codings are that site's own.
    texts = {
        project.documents.text(c.document_id)[c.start : c.end]
        for c in project.codings.by_ids(matrix.excerpt_ids(riverside, leaders))
    }
    assert texts == {"Senior leaders at Riverside came to every huddle"}
    assert matrix.rating(riverside, knowledge).value == "+2"  # type: ignore[union-attr]


def test_hidden_constructs_leave_the_matrix_and_codes_can_be_the_columns(project: Project, study: Study2) -> None:
    project.edits.adapt_construct(study.constructs["I.A"], hidden=True)
    assert study.constructs["I.A"] not in {c.id for c in framework_matrix(project, study.framework_id).columns}
    by_code = framework_matrix(project, study.framework_id, Columns.CODES)
    assert [c.label for c in by_code.columns] == ["Training", "Leadership engagement", "Staffing shortfalls"]
    assert by_code.count(study.units["Eastgate"], study.codes["Training"]) == 2
    assert by_code.ratings == {}


def test_a_summary_is_written_cleared_and_read_with_the_matrix(project: Project, study: Study2) -> None:
    unit, node = study.units["Lakeview"], study.constructs["III.K"]
    project.edits.set_cell_summary(unit, node, "  Hands-on training.\r\n“We could ask anything.”  ")
    assert (
        framework_matrix(project, study.framework_id).summary(unit, node)
        == "Hands-on training.\n“We could ask anything.”"
    )
    project.edits.set_cell_summary(unit, node, "   ")
    assert project.frameworks.summaries() == {}
    with pytest.raises(NotFoundError):
        project.edits.set_cell_summary(9999, node, "x")


def test_keyboard_rating_keeps_the_rationale_and_a_rationale_needs_a_rating(project: Project, study: Study2) -> None:
    unit, node = study.units["Riverside"], study.constructs["III.K"]
    project.edits.set_rating_value(unit, node, "X")
    rating = project.frameworks.rating(unit, node)
    assert rating is not None
    assert (rating.value, rating.rationale) == ("X", "What Riverside said about training.")
    empty = study.constructs["I.B"]
    with pytest.raises(ValidationError, match="Rate the cell first"):
        project.edits.set_rationale(unit, empty, "Why")
    project.edits.clear_rating(unit, node)
    assert project.frameworks.rating(unit, node) is None
    project.history.undo()
    assert project.frameworks.rating(unit, node) is not None


def test_a_second_raters_ratings_sit_beside_the_first_and_the_team(project: Project, study: Study2) -> None:
    unit, node = study.units["Riverside"], study.constructs["IV.A"]
    project.edits.rate_as_rater(unit, node, "+1", "Mostly positive.")
    project.use_coder("Second rater")
    project.edits.rate_as_rater(unit, node, "+2", "Clear examples.")
    project.edits.rate_as_rater(unit, node, "+2", "Clear examples, twice.")  # a rater's own rating is replaced
    names = {c.id: c.name for c in project.coders()}
    assert [(names[r.coder_id], r.value, r.rationale) for r in project.frameworks.rater_ratings()] == [
        ("Tester", "+1", "Mostly positive."),
        ("Second rater", "+2", "Clear examples, twice."),
    ]
    assert project.frameworks.rating(unit, node) is None  # the team has not agreed yet
    with pytest.raises(ValidationError):
        project.edits.rate_as_rater(unit, node, "+3")


# --- the distinguishing aid ----------------------------------------------------------------------------------


def test_the_monotone_pattern_is_explained_with_its_tie(project: Project, study: Study2) -> None:
    matrix = RatingsMatrix(project, study.framework_id, study.change)
    # Ordered by the computed change, highest first.
    assert [c.unit.label for c in matrix.columns] == [name for name, _, _ in SITES]
    assert [c.high for c in matrix.columns] == [True] * 5 + [False] * 4
    row = next(r for r in matrix.rows if r.node.id == study.constructs["III.K"])
    assert row.explanation is not None
    assert row.advisory is Advisory.WEAK
    reason = row.explanation.reason
    assert "Change at or above its median (20)" in reason
    assert "Riverside +2, Northumberland Community Mental Health +2" in reason
    assert "Low units: Westmoor 0, Southbank -1, Oakfield -2, Pinecrest -2." in reason
    assert "High units average +1.2, low units -1.25 (2.45 apart)." in reason
    assert "Every high unit is rated above every low unit except a tie: 0/0 (Lakeview and Westmoor)." in reason
    assert "strongly needs no tie or overlap at all" in reason
    assert "not a verdict" in reason


def test_the_cut_can_be_top_k_a_threshold_or_an_attribute_value(project: Project, study: Study2) -> None:
    node = study.constructs["III.K"]

    def label(cut: Cut, outcome: int | None) -> tuple[Advisory | None, list[str]]:
        matrix = RatingsMatrix(project, study.framework_id, outcome, cut)
        row = next(r for r in matrix.rows if r.node.id == node)
        return row.advisory, [c.unit.label for c in matrix.columns if c.high]

    top4 = label(Cut(CutKind.TOP, top=4), study.change)
    assert top4 == (Advisory.STRONG, ["Riverside", "Northumberland Community Mental Health", "Eastgate", "Hillcrest"])
    assert label(Cut(CutKind.THRESHOLD, threshold=30), study.change)[1] == [
        "Riverside", "Northumberland Community Mental Health", "Eastgate",
    ]  # fmt: skip
    high_fidelity = project.edits.define_attribute(
        "High fidelity", AttributeType.BOOLEAN, formula="[Fidelity 12 months] >= 70"
    )
    advisory, high = label(Cut(CutKind.VALUE, attribute_id=high_fidelity.id, value="yes"), None)
    assert high == ["Eastgate", "Hillcrest", "Pinecrest", "Riverside", "Southbank"]  # without an outcome, in unit order
    assert advisory is Advisory.MIXED
    matrix = RatingsMatrix(
        project, study.framework_id, None, Cut(CutKind.VALUE, attribute_id=high_fidelity.id, value="yes")
    )
    assert matrix.rule == "High fidelity = yes"


def test_without_an_outcome_or_cut_there_is_no_label(project: Project, study: Study2) -> None:
    assert all(r.explanation is None for r in RatingsMatrix(project, study.framework_id).rows)


def test_overlapping_ratings_are_not_called_every_high_above_every_low(project: Project, study: Study2) -> None:
    units = project.frameworks.rating_units()[:4]
    sides = [Side(unit, None, high) for unit, high in zip(units, (True, True, False, False), strict=True)]
    reason = explain(list(zip(sides, ["-2", "+1", "-1", "+1"], strict=True)), "a rule").reason
    assert "Every high unit" not in reason
    assert (
        f"The ratings overlap: in 2 of the 4 high-low pairs the high unit is rated below the low one (such as "
        f"{units[0].label} -2 under {units[2].label} -1), and 1 pair ties." in reason
    )


def test_a_speaker_who_is_a_case_takes_their_words_to_their_own_site(project: Project, study: Study2) -> None:
    # Riverside's manager is mapped to the Eastgate team: what they said counts for Eastgate, the rest stays home.
    riverside_interview = next(d for d in project.documents.all() if d.name == "Riverside interview")
    eastgate_team = next(c for c in project.cases.all() if c.name == "Eastgate team")
    manager = next(s for s in project.documents.speakers(riverside_interview.id) if s.label == "Manager")
    project.documents.map_speaker(manager.id, eastgate_team.id)
    matrix = framework_matrix(project, study.framework_id)
    leaders, knowledge = study.constructs["IV.A"], study.constructs["III.K"]
    riverside, eastgate = study.units["Riverside"], study.units["Eastgate"]
    assert (matrix.count(riverside, leaders), matrix.count(eastgate, leaders)) == (0, 2)
    assert (matrix.count(riverside, knowledge), matrix.count(eastgate, knowledge)) == (2, 2)
