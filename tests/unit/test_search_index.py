"""The search index written from Python holds exactly what FTS5 builds through the `search_source` view."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.model.dto import NewDocument, Span
from app.model.project import Project
from app.model.search import search
from app.model.search_index import rebuild_index

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


def test_delete_and_restore_leave_the_index_as_a_fresh_build(project: Project) -> None:
    first, *_ = _study(project)
    taken = project.documents.delete([first])
    assert not search(project, "supervision").hits
    project.documents.restore(taken)
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
