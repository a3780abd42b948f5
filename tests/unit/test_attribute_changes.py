"""Renaming and deleting attributes: formulas that read one follow its new name, and a delete that would break a
formula is refused with the reason."""

from __future__ import annotations

import pytest

from app.model.cases.computed import formulas, sheet
from app.model.cases.formula import renamed
from app.model.core.dto import AttributeType
from app.model.core.errors import ConflictError, ValidationError
from app.model.project import Project

NAMES = ("Pre", "Post", "Post-test", "Fidelity 0m", "Role")


def test_a_renamed_name_is_rewritten_where_it_is_read_and_nowhere_else() -> None:
    assert renamed("Post - Pre", NAMES, "Pre", "Baseline") == "Post - Baseline"
    assert renamed("post-PRE  *2", NAMES, "Pre", "Before") == "post-Before  *2"  # spacing and case kept
    assert renamed("[Post-test] - Post", NAMES, "Post", "After") == "[Post-test] - After"
    assert renamed('Role = "Pre"', NAMES, "Pre", "Before") == 'Role = "Pre"'  # text is not a name


def test_a_new_name_that_would_read_otherwise_is_bracketed() -> None:
    # Plain, a name that is a number reads as the number.
    assert renamed("Pre + 1", NAMES, "Pre", "12") == "[12] + 1"
    assert renamed("Pre >= 5", NAMES, "Pre", "Pre and post") == "Pre and post >= 5"
    # Plain, "Score - 1" would read as the (oddly named) attribute "Score - 1".
    assert renamed("Pre - 1", [*NAMES, "Score - 1"], "Pre", "Score") == "[Score] - 1"


def test_a_name_that_cannot_be_written_is_refused() -> None:
    with pytest.raises(ValidationError, match="cannot be written"):
        renamed("Pre - 1", [*NAMES, "a]b - 1"], "Pre", "a]b")


@pytest.fixture
def study(project: Project) -> Project:
    edits = project.edits
    pre = edits.define_attribute("Pre", AttributeType.NUMBER)
    post = edits.define_attribute("Post", AttributeType.NUMBER)
    edits.define_attribute("Change", AttributeType.NUMBER, formula="Post - Pre")
    case = edits.create_case("P1")
    edits.set_attribute_values([(case.id, pre.id, 10), (case.id, post.id, 17)])
    return project


def _id(project: Project, name: str) -> int:
    return next(a.id for a in project.cases.attributes() if a.name == name)


def test_renaming_an_input_keeps_the_computed_values(study: Project) -> None:
    study.edits.rename_attribute(_id(study, "Pre"), "Pre score")
    with study.store.read() as s:
        assert formulas(s)[_id(study, "Change")] == "Post - Pre score"
    table = sheet(study)
    assert table.value(table.cases[0].id, _id(study, "Change")) == 7
    study.history.undo()
    assert [a.name for a in study.cases.attributes()] == ["Pre", "Post", "Change"]
    with study.store.read() as s:
        assert formulas(s)[_id(study, "Change")] == "Post - Pre"


def test_a_name_taken_is_refused_ignoring_case(study: Project) -> None:
    with pytest.raises(ConflictError, match="already exists"):
        study.edits.rename_attribute(_id(study, "Pre"), "post")


def test_deleting_an_input_of_a_formula_is_refused_with_the_reason(study: Project) -> None:
    steps = len(study.history.operations())
    with pytest.raises(ValidationError, match="read by the formula of 'Change'"):
        study.edits.delete_attribute(_id(study, "Pre"))
    assert len(study.history.operations()) == steps
    assert [a.name for a in study.cases.attributes()] == ["Pre", "Post", "Change"]


def test_deleting_keeps_positions_distinct(study: Project) -> None:
    study.edits.delete_attribute(_id(study, "Change"))
    study.edits.delete_attribute(_id(study, "Pre"))
    study.edits.define_attribute("Site", AttributeType.TEXT)
    assert [(a.name, a.position) for a in study.cases.attributes()] == [("Post", 0), ("Site", 1)]
