"""Scrubbing a de-identified copy's file: every text column not already replaced goes through the replacement,
and the history, the texts revisions replaced and the original files (which all hold the original words) go;
then the file is vacuumed so no freed page keeps them. SQLite's side of `deidentify.deidentified_copy`."""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections.abc import Callable, Collection
from pathlib import Path, PurePath

Replace = Callable[[str], str]


def scrub_copy(path: Path, replace: Replace, done: Collection[tuple[str, str]], emptied: Collection[str]) -> int:
    """Replace every text value outside `done` (table, column) pairs, empty the `emptied` tables, drop the old
    texts and original files, and vacuum; returns how many values were replaced."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("BEGIN IMMEDIATE")
        other = _replace_other_columns(conn, replace, done, emptied)
        _drop_originals(conn, replace, emptied)
        conn.execute("COMMIT")
        conn.execute("VACUUM")
    finally:
        conn.close()
    return other


def _replace_other_columns(
    conn: sqlite3.Connection, replace: Replace, done: Collection[tuple[str, str]], emptied: Collection[str]
) -> int:
    replaced = 0
    for table in _plain_tables(conn, emptied):
        columns = [
            name
            for _, name, kind, *_ in conn.execute(f'PRAGMA table_info("{table}")')
            if (table, name) not in done and (not kind or any(t in kind.upper() for t in ("CHAR", "TEXT", "CLOB")))
        ]
        for column in columns:
            rows = conn.execute(f'SELECT rowid, "{column}" FROM "{table}" WHERE typeof("{column}") = \'text\'')
            for rowid, value in rows.fetchall():
                new = replace(value)
                if new != value:
                    conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', (new, rowid))
                    replaced += 1
    return replaced


def _plain_tables(conn: sqlite3.Connection, emptied: Collection[str]) -> list[str]:
    """Ordinary tables, not the search index (built again from the replaced text) nor the emptied history."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    return [
        name
        for name, _ in rows
        if name not in emptied
        and not name.startswith("sqlite_")
        and not any(name == v or name.startswith(v + "_") for v in virtual)
    ]


def _drop_originals(conn: sqlite3.Connection, replace: Replace, emptied: Collection[str]) -> None:
    """The history, the texts revisions replaced and the original files all hold the original words."""
    for table in emptied:
        conn.execute(f'DELETE FROM "{table}"')
    conn.execute(
        "UPDATE document_version SET previous_text = ?, previous_sha256 = '', description = 'de-identified'",
        (zlib.compress(b""),),
    )
    sources = conn.execute(
        "SELECT s.document_id, s.filename, d.text FROM document_source s JOIN document d ON d.id = s.document_id"
    ).fetchall()
    for document_id, filename, text in sources:
        content = text.encode("utf-8")
        conn.execute(
            "UPDATE document_source SET filename = ?, format = 'txt', sha256 = ?, content = ? WHERE document_id = ?",
            (
                str(PurePath(replace(filename)).with_suffix(".txt")),
                hashlib.sha256(content).hexdigest(),
                zlib.compress(content, 6),
                document_id,
            ),
        )
