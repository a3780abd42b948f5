"""The thorough check of a project file (`axial check`): SQLite's structures, the stored text, the search index.

Every part works on a read-only connection, so a file on a read-only disk is checked as fully as any other.
"""

from __future__ import annotations

import sqlite3

from app.model.storage.search_index import index_problems, rebuild_index
from app.model.storage.sqlite_file import integrity_problems

# The tables whose text columns a researcher's work lives in; each is read as bytes and decoded here.
_TEXT_COLUMNS = (
    ("document", "text"),
    ("document", "name"),
    ("code", "name"),
    ("code", "definition"),
    ("memo", "body"),
    ("case", "name"),
    ("speaker", "label"),
    ("attribute_value", "text"),
    ("coding", "memo"),
)


def problems(conn: sqlite3.Connection, *, read_only: bool) -> list[str]:
    """Everything wrong with the file, each in words; an empty list means it is sound."""
    found = integrity_problems(conn, thorough=True)
    if found:
        return found  # damaged pages make every later check unreliable
    return found + undecodable_text(conn) + search_index_problems(conn, read_only=read_only)


def undecodable_text(conn: sqlite3.Connection) -> list[str]:
    """Stored text that is not UTF-8 (written by another program): Axial could not show or search it."""
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    found: list[str] = []
    for table, column in _TEXT_COLUMNS:
        if table not in present:
            continue
        rows = conn.execute(f'SELECT rowid, CAST("{column}" AS BLOB) FROM "{table}" WHERE "{column}" IS NOT NULL')
        for row_id, raw in rows:
            try:
                bytes(raw).decode("utf-8")
            except UnicodeDecodeError as error:
                found.append(f"{table} {row_id}: its {column} is not valid UTF-8 text (byte {error.start})")
    return found


def search_index_problems(conn: sqlite3.Connection, *, read_only: bool) -> list[str]:
    """FTS5 checks its index only as a write; on a read-only connection it checks a copy made in memory."""
    if not read_only:
        return index_problems(conn)
    copy = sqlite3.connect(":memory:")
    try:
        conn.backup(copy)
        return index_problems(copy)
    finally:
        copy.close()


def rebuild_search_index(conn: sqlite3.Connection) -> None:
    """Build the search index again from the stored text, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        rebuild_index(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
