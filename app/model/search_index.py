"""Keeping the full-text index (FTS5, revision 4) in step with the documents: written with them, in one transaction.

The index reads text through the `search_source` view, so adding a document indexes its paragraphs from there,
and deleting one must first tell the index the exact words it is forgetting (FTS5's 'delete' command), while the
text is still in the file.
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
        session.execute(
            text("INSERT INTO search_index(rowid, body) SELECT key, body FROM search_source WHERE document_id = :id"),
            {"id": document_id},
        )


def unindex_documents(session: Session, document_ids: Sequence[int]) -> None:
    """Call before the documents are deleted: the index needs their text to know which entries to remove."""
    for document_id in document_ids:
        session.execute(
            text(
                "INSERT INTO search_index(search_index, rowid, body) "
                "SELECT 'delete', key, body FROM search_source WHERE document_id = :id"
            ),
            {"id": document_id},
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
            r0004_search.seed(conn)
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
