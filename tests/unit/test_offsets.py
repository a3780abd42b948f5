"""Positions are code points into the stored text: emoji, CJK and combining characters never shift a coding."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model.core.dto import NewDocument, NewTurn
from app.model.core.errors import ValidationError
from app.model.core.text import normalise
from app.model.project import Project

# Astral emoji, a family joined by zero-width joiners, CJK, Hebrew, and 'é' written as e + combining accent.
TEXT = "I: The group 😀 felt safe.\nP2: 我们的团队 works; family 👩‍👩‍👧 first.\nP3: שלום — cafe\u0301 talk"

WORDS = ["😀", "felt safe", "我们的团队", "👩‍👩‍👧", "שלום", "cafe\u0301", "talk"]


def test_codings_cover_exactly_their_words_and_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "unicode.axial"
    spans = {}
    with Project.create(path) as project:
        doc = project.documents.add(NewDocument(name="Unicode", text=TEXT))
        code = project.codes.create("Marked")
        for word in WORDS:
            start = TEXT.index(word)
            spans[word] = project.codings.apply(doc.id, code.id, start, start + len(word))
        assert doc.length == len(TEXT)
    with Project.open(path, backups=0) as project:
        text = project.documents.text(doc.id)
        assert text == TEXT
        stored = {text[c.start : c.end]: c for c in project.codings.for_document(doc.id)}
        assert sorted(stored) == sorted(WORDS)
        # 'é' as two code points: the coding spans both, so the accent is never cut off.
        assert stored["cafe\u0301"].end - stored["cafe\u0301"].start == 5
        # The family emoji is 5 code points (3 people, 2 joiners), not its 8 UTF-16 units.
        family = stored["👩‍👩‍👧"]
        assert family.end - family.start == 5
        assert len("👩‍👩‍👧".encode("utf-16-le")) // 2 == 8


def test_bounds_outside_the_text_or_empty_are_refused(project: Project) -> None:
    doc = project.documents.add(NewDocument(name="Short", text="😀 ok"))
    code = project.codes.create("X")
    for start, end in [(-1, 2), (2, 2), (3, 2), (0, 5), (4, 99)]:
        with pytest.raises(ValidationError, match="within the document"):
            project.codings.apply(doc.id, code.id, start, end)
    assert project.codings.apply(doc.id, code.id, 0, 4).end == len("😀 ok")


def test_turns_are_stored_in_code_points(project: Project) -> None:
    text = "P1: 😀😀 yes\nP2: no"
    second = text.index("P2")
    turns = (NewTurn("P1", 0, second - 1), NewTurn("P2", second, len(text), 61_000))
    doc = project.documents.add(NewDocument(name="Turns", text=text, turns=turns))
    turns = project.documents.turns(doc.id)
    assert [text[t.start : t.end] for t in turns] == ["P1: 😀😀 yes", "P2: no"]
    assert turns[1].timestamp_ms == 61_000
    assert [(s.label, s.turn_count) for s in project.documents.speakers(doc.id)] == [("P1", 1), ("P2", 1)]


def test_line_endings_are_stored_as_newlines_only(project: Project) -> None:
    raw = "\ufeffA\r\nB\rC\u2029D\u2028E"
    assert normalise(raw) == "A\nB\nC\nD\nE"
    with pytest.raises(ValidationError, match="normalised"):
        project.documents.add(NewDocument(name="CRLF", text="A\r\nB"))
    doc = project.documents.add(NewDocument(name="LF", text=normalise(raw)))
    assert [(p.start, p.end) for p in project.documents.paragraphs(doc.id)] == [(0, 1), (2, 3), (4, 5), (6, 7), (8, 9)]
