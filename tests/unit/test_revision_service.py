"""Revising a document's text in one transaction: codings, paragraphs, turns and the search index move through the
position map; a coding wholly in deleted text is never dropped quietly; every revision is a version."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model.core.dto import NewDocument, NewTurn
from app.model.core.errors import ConflictError, ValidationError
from app.model.project import Project
from app.model.revisions.revision_service import RevisionService
from app.model.search.searching import search

TEXT = "A: We meet weekly.\nB: The caseload is heavy.\nA: And supervision?\n"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    made = Project.create(tmp_path / "s.axial", coder="Ann")
    turns = tuple(
        NewTurn(label, TEXT.index(speech), TEXT.index(speech) + len(speech))
        for label, speech in (("A", "We meet weekly."), ("B", "The caseload is heavy."), ("A", "And supervision?"))
    )
    made.documents.add(NewDocument(name="Interview", text=TEXT, turns=turns))
    return made


def _code(project: Project, phrase: str, name: str = "Theme") -> int:
    code = next((n.code for n in project.codes.tree() if n.code.name == name), None) or project.edits.create_code(name)
    at = project.documents.text(1).index(phrase)
    return project.edits.apply_coding(1, code.id, at, at + len(phrase)).id


def test_turns_and_paragraphs_move_and_a_line_break_cuts_a_paragraph(project: Project) -> None:
    at = TEXT.index("The caseload")
    project.edits.correct_text(1, at, at + 3, "Well.\nThe")
    text = project.documents.text(1)
    paragraphs = [text[p.start : p.end] for p in project.documents.paragraphs(1)]
    assert paragraphs == ["A: We meet weekly.", "B: Well.", "The caseload is heavy.", "A: And supervision?"]
    assert [text[t.start : t.end] for t in project.documents.turns(1)] == [
        "We meet weekly.",
        "Well.\nThe caseload is heavy.",
        "And supervision?",
    ]


def test_a_coding_in_deleted_text_refuses_the_revision_until_it_may_go_with_its_evidence(project: Project) -> None:
    gone = _code(project, "weekly")
    kept = _code(project, "caseload")
    at = TEXT.index(" weekly")
    with pytest.raises(ConflictError, match="1 coding would lie wholly in deleted text"):
        project.edits.correct_text(1, at, at + 7, "")
    assert project.documents.text(1) == TEXT
    result = project.edits.correct_text(1, at, at + 7, "", remove_lost=True)
    assert (result.removed, result.moved) == (1, 1)
    assert [c.id for c in project.codings.for_document(1)] == [kept]
    project.history.undo()
    assert {c.id for c in project.codings.for_document(1)} == {gone, kept}


def test_codings_shifting_onto_each_others_old_places_are_moved_safely(project: Project) -> None:
    first, second = _code(project, "We"), _code(project, "me")
    project.edits.correct_text(1, 0, 0, "xxx")  # the first moves exactly onto the second's old place
    text = project.documents.text(1)
    spans = {c.id: (c.start, text[c.start : c.end]) for c in project.codings.for_document(1)}
    assert spans == {first: (6, "We"), second: (9, "me")}


def test_each_revision_is_a_version_with_the_text_it_replaced(project: Project) -> None:
    at = TEXT.index("heavy")
    project.edits.correct_text(1, at, at + 5, "very heavy")
    project.edits.correct_text(1, 0, 1, "Interviewer")
    revisions = RevisionService(project.store)
    versions = revisions.versions(1)
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].previous_sha256 == versions[0].sha256
    assert versions[0].made_by is not None
    assert revisions.previous_text(1, 1) == TEXT
    assert search(project, "very").hits
    project.history.undo()
    project.history.undo()
    assert revisions.versions(1) == []
    assert project.documents.text(1) == TEXT
    assert not search(project, "very").hits


def test_a_revision_that_changes_nothing_is_refused(project: Project) -> None:
    with pytest.raises(ValidationError):
        project.edits.correct_text(1, 0, 1, "A")


def test_a_speaker_renamed_to_a_label_the_document_has_is_refused(project: Project) -> None:
    a = next(s for s in project.documents.speakers(1) if s.label == "A")
    with pytest.raises(ConflictError):
        project.edits.rename_speaker_label(a.id, "B")
    project.edits.rename_speaker_label(a.id, "Interviewer")
    text = project.documents.text(1)
    assert text == TEXT.replace("A: ", "Interviewer: ")
    assert next(text[t.start : t.end] for t in project.documents.turns(1)) == "We meet weekly."


def test_joining_turns_takes_the_next_turn_and_its_label_out(project: Project) -> None:
    coded = _code(project, "weekly.\nB: The")
    first = project.documents.turns(1)[0]
    project.edits.join_turns(first.id)
    text = project.documents.text(1)
    assert text == "A: We meet weekly. The caseload is heavy.\nA: And supervision?\n"
    turns = project.documents.turns(1)
    assert [(t.speaker, text[t.start : t.end]) for t in turns] == [
        ("A", "We meet weekly. The caseload is heavy."),
        ("A", "And supervision?"),
    ]
    assert [s.label for s in project.documents.speakers(1)] == ["A"]  # B spoke no more
    moved = project.codings.get(coded)
    assert text[moved.start : moved.end] == "weekly. The"
    project.history.undo()
    assert project.documents.text(1) == TEXT
    assert [s.label for s in project.documents.speakers(1)] == ["A", "B"]


def test_splitting_a_turn_writes_the_new_label_as_the_document_does(project: Project) -> None:
    second = project.documents.turns(1)[1]
    at = TEXT.index("is heavy")
    project.edits.split_turn(second.id, at, "C")
    text = project.documents.text(1)
    assert text == "A: We meet weekly.\nB: The caseload\nC: is heavy.\nA: And supervision?\n"
    assert [(t.speaker, text[t.start : t.end]) for t in project.documents.turns(1)] == [
        ("A", "We meet weekly."),
        ("B", "The caseload"),
        ("C", "is heavy."),
        ("A", "And supervision?"),
    ]
    with pytest.raises(ValidationError):
        project.edits.split_turn(second.id, second.start, "C")
