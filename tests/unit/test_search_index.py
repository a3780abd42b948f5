"""The search index written from Python holds exactly what FTS5 builds through the `search_source` view."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.model.core.dto import NewDocument, Span
from app.model.project import Project
from app.model.search.searching import search
from app.model.storage import search_index
from app.model.storage.search_index import index_problems, rebuild_index

# Accents, an emoji outside the BMP, Hebrew and Chinese before the later paragraphs: a cut off by one code point
# (or counted in UTF-16 or bytes) would index different words.
TEXTS = (
    "Interviewer: Café naïve résumé 😀 supervision.\n\nP1: 我们的督导很好 😀😀 fidelity reviews.\n\nP1: שלום staff",
    "P2: Caseload supervisor, caseload\n\nP3: Turnover 😀 morale naïve\n\nP2: fidelity",
    "No paragraphs here at all but words",
)
WORDS = (
    "cafe",
    "naive",
    "supervision",
    "fidelity",
    "caseload",
    "turnover",
    "morale",
    "staff",
    "שלום",
    "我们的督导很好",
)


def _paragraphs(text: str) -> tuple[Span, ...]:
    spans, position = [], 0
    for part in text.split("\n\n"):
        spans.append(Span(position, position + len(part)))
        position += len(part) + 2
    return tuple(spans)


def _study(project: Project) -> list[int]:
    ids = [
        project.documents.add(NewDocument(f"Interview {i}", text, paragraphs=_paragraphs(text))).id
        for i, text in enumerate(TEXTS[:2])
    ]
    ids.append(project.documents.add(NewDocument("Plain", TEXTS[2])).id)
    return ids


def _index_of(path: Path) -> tuple[list[tuple[object, ...]], dict[str, list[int]]]:
    """Every term with its counts, and the paragraphs each searched word is found in."""
    conn = sqlite3.connect(path)
    try:
        vocabulary = conn.execute("SELECT term, doc, cnt FROM search_vocabulary ORDER BY term").fetchall()
        hits = {
            word: [r[0] for r in conn.execute("SELECT rowid FROM search_index(?) ORDER BY rowid", (f'"{word}"',))]
            for word in WORDS
        }
    finally:
        conn.close()
    return vocabulary, hits


def _rebuild_through_the_view(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO search_index(search_index) VALUES('rebuild')")
        conn.commit()
    finally:
        conn.close()


def test_documents_are_indexed_as_fts5_indexes_them_through_the_view(project: Project) -> None:
    _study(project)
    path = project.path
    project.close()
    written = _index_of(path)
    _rebuild_through_the_view(path)
    assert _index_of(path) == written
    assert all(written[1][word] for word in WORDS)


def test_delete_and_undo_leave_the_index_as_a_fresh_build(project: Project) -> None:
    first, *_ = _study(project)
    project.edits.delete_documents([first])
    assert not search(project, "supervision").hits
    project.history.undo()
    assert project.check() == []  # FTS5's integrity check reads the text through the view
    path = project.path
    project.close()
    kept = _index_of(path)
    _rebuild_through_the_view(path)
    assert _index_of(path) == kept


def test_rebuilding_from_python_matches_fts5_rebuild(project: Project) -> None:
    _study(project)
    path = project.path
    project.close()
    _rebuild_through_the_view(path)
    built_by_fts5 = _index_of(path)
    conn = sqlite3.connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        rebuild_index(conn)
        conn.execute("COMMIT")
    finally:
        conn.close()
    assert _index_of(path) == built_by_fts5
    with Project.open(path) as reopened:
        assert reopened.check() == []


def _problems(path: Path) -> list[str]:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        found = index_problems(conn)
        assert not conn.in_transaction
        assert not conn.execute("SELECT name FROM temp.sqlite_master").fetchall()  # the index built aside is gone
        return found
    finally:
        conn.close()


@pytest.fixture(params=["fts5 through the view", "index built aside"])
def check_way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways the check compares the words: FTS5's own (short documents) and an index built aside (long ones)."""
    if request.param == "index built aside":
        monkeypatch.setattr(search_index, "VIEW_CHECK_PARAGRAPHS", 0)
    return str(request.param)


def test_the_check_finds_an_index_out_of_step_with_the_text(project: Project, check_way: str) -> None:
    _study(project)
    path = project.path
    project.close()
    assert _problems(path) == []
    conn = sqlite3.connect(path)
    conn.execute("UPDATE paragraph SET start = start + 5 WHERE ordinal = 1")  # the text the index was built from moves
    conn.commit()
    conn.close()
    assert _problems(path) == ["the search index is out of step with the documents (its words differ from the text)"]
    with Project.open(path) as reopened:
        assert reopened.check()


def test_the_check_falls_back_to_fts5_on_text_that_is_not_utf8(project: Project, check_way: str) -> None:
    _study(project)
    path = project.path
    project.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE document SET text = CAST(X'50313A20FF20776F7264' AS TEXT) WHERE name = 'Plain'")
    conn.commit()
    conn.close()
    assert _problems(path)  # FTS5's own comparison, through the view: the index no longer matches
