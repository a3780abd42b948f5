"""Scrubbing the originals out of a project's study tables: every text column not already replaced goes through
the replacement, the texts earlier versions replaced are emptied and the original files become the replaced text
(inside the operation that de-identifies an open project, so undo can take it back). A de-identified copy is then
closed over: its history, its audit trail and its pseudonym table go, and the file is vacuumed so no freed page
keeps them. SQLite's side of `deidentify`."""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections.abc import Callable, Collection
from pathlib import Path, PurePath

from app.model.storage.migrations.journal_triggers import journaled_tables

Replace = Callable[[str], str]
# The originals and their pseudonyms: only the working project keeps them (the key file is the user's own copy).
PSEUDONYMS = "pseudonym"


def replace_in_study(conn: sqlite3.Connection, replace: Replace, done: Collection[tuple[str, str]]) -> int:
    """In the caller's transaction: every text value of the study outside `done` (table, column) pairs and the
    pseudonym table through `replace`; earlier versions' texts emptied, original files made the replaced text.
    Returns how many values were replaced."""
    replaced = 0
    for table in journaled_tables(conn):
        if table == PSEUDONYMS:
            continue
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
    _drop_earlier_words(conn, replace)
    return replaced


def scrub_copy(path: Path, emptied: Collection[str]) -> None:
    """In a closed, de-identified copy: empty the `emptied` tables (the history) and the pseudonym table, then
    vacuum so no freed page keeps what they held."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("BEGIN IMMEDIATE")
        for table in (*emptied, PSEUDONYMS):
            conn.execute(f'DELETE FROM "{table}"')
        conn.execute("COMMIT")
        conn.execute("VACUUM")
    finally:
        conn.close()


def _drop_earlier_words(conn: sqlite3.Connection, replace: Replace) -> None:
    """The texts revisions replaced and the original files hold the original words."""
    empty = zlib.compress(b"")
    conn.execute(
        "UPDATE document_version SET previous_text = ?, previous_sha256 = '' WHERE previous_text != ?", (empty, empty)
    )
    sources = conn.execute(
        "SELECT s.document_id, s.filename, s.content, d.text FROM document_source s "
        "JOIN document d ON d.id = s.document_id"
    ).fetchall()
    for document_id, filename, content, text in sources:
        new = text.encode("utf-8")
        name = replace(filename)
        if name == filename and zlib.decompress(content) == new:
            continue  # already the replaced text
        conn.execute(
            "UPDATE document_source SET filename = ?, format = 'txt', sha256 = ?, content = ? WHERE document_id = ?",
            (
                str(PurePath(name).with_suffix(".txt")),
                hashlib.sha256(new).hexdigest(),
                zlib.compress(new, 6),
                document_id,
            ),
        )
