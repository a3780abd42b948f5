"""Document sets and documents' details after import, through the edits the desktop makes."""

from __future__ import annotations

from datetime import date

import pytest

from app.model.core.dto import DocumentKind, NewDocument
from app.model.core.errors import ConflictError, NotFoundError, ValidationError
from app.model.project import Project


@pytest.fixture
def documents(project: Project) -> list[int]:
    return [project.documents.add(NewDocument(f"D{i}", f"Text {i}.")).id for i in range(3)]


def test_a_set_gains_and_loses_documents_and_narrows_to_them(project: Project, documents: list[int]) -> None:
    edits = project.edits
    wave = edits.create_set("  Wave   1 ", documents[:1])
    assert edits.add_to_set(wave, documents) == 2  # the one already in it stays once
    other = edits.create_set("Focus groups", [documents[2]])
    assert edits.remove_from_set(wave, [documents[0]]) == 1
    assert project.groups.documents_in([wave]) == {documents[1], documents[2]}
    assert project.groups.documents_in([wave, other]) == {documents[1], documents[2]}
    edits.rename_set(wave, "Baseline")
    edits.delete_set(other)
    assert [(g.name, g.document_ids) for g in project.groups.all()] == [("Baseline", (documents[1], documents[2]))]
    assert [d.name for d in project.documents.all()] == ["D0", "D1", "D2"]  # deleting a set keeps its documents


def test_sets_refuse_what_is_not_there(project: Project, documents: list[int]) -> None:
    wave = project.edits.create_set("Wave 1")
    with pytest.raises(NotFoundError):
        project.edits.add_to_set(wave, [documents[0], 999])
    with pytest.raises(NotFoundError):
        project.edits.rename_set(wave + 1, "X")
    with pytest.raises(ValidationError, match="needs a name"):
        project.edits.rename_set(wave, "  ")
    assert project.groups.all()[0].document_ids == ()


def test_a_document_is_renamed_retyped_dated_and_given_cases_each_as_one_step(
    project: Project, documents: list[int]
) -> None:
    edits, first = project.edits, documents[0]
    case = edits.create_case("P1")
    edits.rename_document(first, "Interview P1")
    edits.set_document_kind(first, DocumentKind.FOCUS_GROUP)
    edits.set_interview_date(first, date(2024, 5, 1))
    edits.set_document_cases(first, [case.id])
    found = project.documents.get(first)
    assert (found.name, found.kind, found.interview_date, found.case_ids) == (
        "Interview P1", DocumentKind.FOCUS_GROUP, date(2024, 5, 1), (case.id,),
    )  # fmt: skip
    assert project.history.undo_label() == "Set the document's cases"
    with pytest.raises(ConflictError):
        edits.rename_document(first, "D1")
