"""Keeping the full-text index (FTS5, revision 4) in step with the documents: written with them, in one transaction.

The index reads text through the `search_source` view (for FTS5's own 'rebuild' and 'integrity-check'), but it is
written here with the paragraphs' text cut in Python from the document's text, read once: the same values the view
gives, in time linear in the text. Deleting a document must first tell the index the exact words it is forgetting
(FTS5's 'delete' command), while the text is still in the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from .migrations import r0004_search

# A paragraph's key in the index: its document's id and its ordinal, as the view computes it.
KEY_SHIFT = 21
# What revision 4's statements create, in their order.
_OBJECTS = ("search_source", "search_index", "search_vocabulary")


def index_documents(session: Session, document_ids: Sequence[int]) -> None:
    for document_id in document_ids:
        rows = _paragraph_rows(session, document_id)
        if rows:
            session.execute(text("INSERT INTO search_index(rowid, body) VALUES (:key, :body)"), rows)


def unindex_documents(session: Session, document_ids: Sequence[int]) -> None:
    """Call before the documents are deleted: the index needs their text to know which entries to remove."""
    for document_id in document_ids:
        rows = _paragraph_rows(session, document_id)
        if rows:
            session.execute(
                text("INSERT INTO search_index(search_index, rowid, body) VALUES ('delete', :key, :body)"), rows
            )


def _paragraph_rows(session: Session, document_id: int) -> list[dict[str, object]]:
    """Each paragraph's key and text, exactly as `search_source` gives them, cut from the text read once.

    The view cuts each paragraph with `substr` over the whole text, which SQLite reads and walks from its start
    for every paragraph: indexing through it took time growing with the square of the document's length.
    """
    body = session.execute(text("SELECT text FROM document WHERE id = :id"), {"id": document_id}).scalar_one()
    paragraphs = session.execute(
        text('SELECT ordinal, start, "end" FROM paragraph WHERE document_id = :id ORDER BY ordinal'),
        {"id": document_id},
    )
    return [{"key": _key(document_id, ordinal), "body": body[start:end]} for ordinal, start, end in paragraphs]


def _key(document_id: int, ordinal: int) -> int:
    return (document_id << KEY_SHIFT) + ordinal


def rebuild_index(conn: sqlite3.Connection) -> None:
    """Fill the index afresh from every document's paragraphs, within the caller's transaction.

    The same entries as FTS5's 'rebuild' command, which reads the text through the view (see above), in time
    linear in the text.
    """
    conn.execute("INSERT INTO search_index(search_index) VALUES('delete-all')")
    documents = conn.execute("SELECT DISTINCT document_id FROM paragraph ORDER BY document_id").fetchall()
    for (document_id,) in documents:
        (body,) = conn.execute("SELECT text FROM document WHERE id = ?", (document_id,)).fetchone()
        paragraphs = conn.execute(
            'SELECT ordinal, start, "end" FROM paragraph WHERE document_id = ? ORDER BY ordinal', (document_id,)
        ).fetchall()
        conn.executemany(
            "INSERT INTO search_index(rowid, body) VALUES (?, ?)",
            [(_key(document_id, ordinal), body[start:end]) for ordinal, start, end in paragraphs],
        )


def ensure_index(conn: sqlite3.Connection) -> bool:
    """Build the index again if the file has lost it (a tool dropped it, say); True when it had to be rebuilt."""
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    missing = [(name, sql) for name, sql in zip(_OBJECTS, r0004_search.STATEMENTS, strict=True) if name not in present]
    if not missing:
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        for _, statement in missing:
            conn.execute(statement)
        if "search_index" in dict(missing):
            rebuild_index(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return True


def index_problems(conn: sqlite3.Connection) -> list[str]:
    """FTS5's own check that the index matches the text; an empty list means it does.

    The check is an FTS5 command, which SQLite runs as a write: a read-only connection cannot make it.
    """
    try:
        conn.execute("INSERT INTO search_index(search_index, rank) VALUES('integrity-check', 1)")
    except sqlite3.OperationalError as error:
        if "readonly" in str(error):
            return []
        return [f"the search index is out of step with the documents ({error})"]
    except sqlite3.DatabaseError as error:
        return [f"the search index is out of step with the documents ({error})"]
    return []
