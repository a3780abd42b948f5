"""`axial deidentify`: a de-identified copy of a project. The copy is made first (the project itself is never
changed), de-identified through the same operation the desktop applies, and then every other text column is
replaced with the same table; its history, the texts its versions replaced and its original files go, so no
original survives in it. The originals are written only to the key file the user names."""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from app.model.deidentify.apply import DeidentifyReport, apply_deidentification
from app.model.deidentify.candidates import find_candidates, table_for
from app.model.deidentify.matcher import Matcher
from app.model.deidentify.pseudonyms import PseudonymTable
from app.model.project import Project

# Replaced by the operation itself (through the position map or an edit): not replaced a second time.
_DONE = {("document", "text"), ("document", "name"), ("case", "name"), ("speaker", "label"), ("memo", "title")}
_DONE |= {("memo", "body"), ("coding", "memo"), ("document_source", "filename"), ("code", "name"), ("code", "name_key")}
# The history and the audit trail hold every earlier value: emptied, not rewritten.
_EMPTIED = ("operation_step", "operation_change", "operation", "audit")


@dataclass(frozen=True)
class CopyReport:
    table: PseudonymTable
    applied: DeidentifyReport
    other_values: int  # values replaced in other columns (code names, attribute values, descriptions…)


def deidentify_copy(
    source: Path, destination: Path, listed: Sequence[tuple[str, str]], *, patterns: bool = False
) -> CopyReport:
    with Project.open(source, read_only=True) as original:
        original.save_copy_as(destination)
    try:
        return _deidentify(destination, listed, patterns=patterns)
    except BaseException:
        for path in (destination, Path(f"{destination}-wal"), Path(f"{destination}-shm")):
            path.unlink(missing_ok=True)  # half a de-identified copy would still hold originals
        raise


def _deidentify(destination: Path, listed: Sequence[tuple[str, str]], *, patterns: bool) -> CopyReport:
    with Project.open(destination, backups=0) as project:
        table = table_for(project, listed)
        matcher = Matcher(table, patterns=patterns)
        applied = apply_deidentification(project, matcher, find_candidates(project, matcher))
        project.rebuild_search_index()
    conn = sqlite3.connect(destination, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("BEGIN IMMEDIATE")
        matcher = Matcher(table, patterns=patterns)
        other = _replace_other_columns(conn, matcher)
        _drop_originals(conn, matcher)
        conn.execute("COMMIT")
        conn.execute("VACUUM")
    finally:
        conn.close()
    return CopyReport(table, applied, other)


def _replace_other_columns(conn: sqlite3.Connection, matcher: Matcher) -> int:
    replaced = 0
    for table in _plain_tables(conn):
        columns = [
            name
            for _, name, kind, *_ in conn.execute(f'PRAGMA table_info("{table}")')
            if (table, name) not in _DONE and (not kind or any(t in kind.upper() for t in ("CHAR", "TEXT", "CLOB")))
        ]
        for column in columns:
            rows = conn.execute(f'SELECT rowid, "{column}" FROM "{table}" WHERE typeof("{column}") = \'text\'')
            for rowid, value in rows.fetchall():
                new = matcher.replace(value)
                if new != value:
                    conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', (new, rowid))
                    replaced += 1
    return replaced


def _plain_tables(conn: sqlite3.Connection) -> list[str]:
    """Ordinary tables, not the search index (built again from the replaced text) nor the emptied history."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    return [
        name
        for name, _ in rows
        if name not in _EMPTIED
        and not name.startswith("sqlite_")
        and not any(name == v or name.startswith(v + "_") for v in virtual)
    ]


def _drop_originals(conn: sqlite3.Connection, matcher: Matcher) -> None:
    """The history, the texts revisions replaced and the original files all hold the original words."""
    for table in _EMPTIED:
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
                str(PurePath(matcher.replace(filename)).with_suffix(".txt")),
                hashlib.sha256(content).hexdigest(),
                zlib.compress(content, 6),
                document_id,
            ),
        )
