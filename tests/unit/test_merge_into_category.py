"""A category holds no codings: merging coded codes into one is refused, or makes it a code by the user's choice."""

from __future__ import annotations

import pytest

from app.model.core.dto import NewDocument
from app.model.core.errors import ValidationError
from app.model.project import Project
from tests.conftest import table_dump

TEXT = "We talked about caseload and paperwork every single week."


def _coded(project: Project) -> tuple[int, int, int]:
    doc = project.documents.add(NewDocument(name="A", text=TEXT))
    caseload = project.codes.create("Caseload").id
    paperwork = project.codes.create("Paperwork").id
    start = TEXT.index("caseload")
    project.codings.apply(doc.id, caseload, start, start + len("caseload"))
    category = project.codes.create_category("Workload", [paperwork])
    return doc.id, caseload, category.id


def test_merging_coded_codes_into_a_category_is_refused_and_changes_nothing(project: Project) -> None:
    _, caseload, category = _coded(project)
    before = table_dump(project.path)
    with pytest.raises(ValidationError, match="is a category"):
        project.codes.merge([caseload], category)
    assert table_dump(project.path) == before


def test_by_choice_the_category_becomes_a_code_and_every_step_undoes(project: Project) -> None:
    doc, caseload, category = _coded(project)
    before = table_dump(project.path)
    project.edits.merge_codes([caseload], category, make_codable=True)
    assert project.codes.get(category).is_codable
    (moved,) = project.codings.for_document(doc)
    assert moved.code_id == category
    project.edits.remove_coding(moved.id)
    project.history.undo()  # the coding comes back on the category the merge made a code
    assert project.codings.for_document(doc) == [moved]
    project.history.undo()
    assert table_dump(project.path) == before


def test_a_category_can_still_take_codes_that_have_no_codings(project: Project) -> None:
    _, _, category = _coded(project)
    empty = project.codes.create("Forms").id
    project.codes.merge([empty], category)
    assert not project.codes.get(category).is_codable
