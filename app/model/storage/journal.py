"""The row journal: every row an operation inserts, updates or deletes, before and after, written by SQLite itself.

Triggers on every table of the study (`migrations.journal_triggers`) append each changed row to `operation_change`
while an operation is active, as a JSON object of column name to SQL literal (`quote()`: exact for text, blobs and
reals). Undo writes the "before"
images back in reverse order, redo the "after" images in order, each only if the row is still exactly as the
operation left it; a row changed since is refused rather than overwritten.

This is the SQLite side of the operation log; another backend would supply the same functions.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from app.model.core.errors import ConcurrentEditError
from app.model.storage.migrations.journal_triggers import image_sql, quoted
from app.model.storage.search_index import index_documents, unindex_documents


@dataclass(frozen=True)
class RowChange:
    """One changed row: its table and its images (column name to SQL literal), None where the row was absent."""

    table: str
    before: dict[str, str] | None
    after: dict[str, str] | None


def open_operation(session: Session, *, guid: str, name: str, label: str, params: str, coder: str) -> int:
    """Record a new operation (done) and start journaling its rows; returns its id.

    The bookkeeping of every edit goes straight to sqlite3: through SQLAlchemy it cost as much as the edit itself.
    """
    raw = _raw(session)
    operation_id = raw.execute(
        "INSERT INTO operation (guid, name, label, params, coder, at, state, touched, kept) "
        "VALUES (?, ?, ?, ?, ?, ?, 'done', '[]', 1)",
        (guid, name, label, params, coder, _now()),
    ).lastrowid
    assert operation_id is not None
    raw.execute("UPDATE journal_state SET operation_id = ?", (operation_id,))
    return operation_id


def close_operation(session: Session, operation_id: int) -> bool:
    """Stop journaling; record the GUIDs the operation touched and its step, and discard what could have been
    redone. Returns False (and forgets the operation) when it changed nothing."""
    raw = _raw(session)
    raw.execute("UPDATE journal_state SET operation_id = NULL")
    # An update that wrote a row back as it was (choosing the framework already in use) is no change.
    raw.execute("DELETE FROM operation_change WHERE operation_id = ? AND before = after", (operation_id,))
    if raw.execute("SELECT 1 FROM operation_change WHERE operation_id = ? LIMIT 1", (operation_id,)).fetchone() is None:
        raw.execute("DELETE FROM operation WHERE id = ?", (operation_id,))
        return False
    # A GUID is stored as its SQL literal ('…'): the quotes go.
    raw.execute(
        "UPDATE operation SET touched = (SELECT json_group_array(guid) FROM ("
        "  SELECT DISTINCT substr(literal, 2, length(literal) - 2) AS guid FROM ("
        "    SELECT json_extract(coalesce(after, before), '$.guid') AS literal FROM operation_change"
        "    WHERE operation_id = ?) WHERE literal IS NOT NULL ORDER BY guid)) "
        "WHERE id = ?",
        (operation_id, operation_id),
    )
    raw.execute("UPDATE operation SET state = 'discarded' WHERE state = 'undone'")
    record_step(session, operation_id, "do", _coder_of(raw, operation_id))
    return True


def record_step(session: Session, operation_id: int, kind: str, coder: str) -> None:
    _raw(session).execute(
        "INSERT INTO operation_step (operation_id, kind, coder, at) VALUES (?, ?, ?, ?)",
        (operation_id, kind, coder, _now()),
    )


def audit(session: Session, coder: str, action: str, detail: str) -> None:
    """The audit line every write ends with (straight to sqlite3, like the operation log: it is on every edit)."""
    _raw(session).execute(
        "INSERT INTO audit (at, coder, action, detail) VALUES (?, ?, ?, ?)", (_now(), coder, action, detail)
    )


def _coder_of(raw: sqlite3.Connection, operation_id: int) -> str:
    return str(raw.execute("SELECT coder FROM operation WHERE id = ?", (operation_id,)).fetchone()[0])


def _raw(session: Session) -> sqlite3.Connection:
    raw = session.connection().connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _now() -> str:
    """As SQLAlchemy stores a DateTime in SQLite, so both read it back alike."""
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f")


def recorded(session: Session, operation_id: int) -> list[RowChange]:
    """The rows an operation changed, in the order it changed them."""
    rows = session.execute(
        text("SELECT tbl, before, after FROM operation_change WHERE operation_id = :id ORDER BY id"),
        {"id": operation_id},
    )
    return [RowChange(table, _parse(before), _parse(after)) for table, before, after in rows]


def apply(session: Session, changes: Sequence[RowChange], *, forward: bool) -> None:
    """Write the changes back: `forward` (redo) puts the "after" images in order, else (undo) the "before" images
    in reverse. Each row must be exactly as the other image says; if one is not, `ConcurrentEditError`.

    Call inside a write with foreign-key actions off (`Store.write(applying_changes=True)`), which checks the keys
    before it commits. The full-text index follows the documents whose text or paragraphs change.
    """
    steps = changes if forward else list(reversed(changes))
    shapes = _Shapes(session)
    reindexed = _documents_with_text_changes(changes)
    unindex_documents(session, _existing_documents(session, reindexed))
    for change in steps:
        expected, wanted = (change.before, change.after) if forward else (change.after, change.before)
        shape = shapes.of(change.table)
        present = expected if expected is not None else wanted
        assert present is not None, "a recorded change has a row before it, after it, or both"
        key = shape.key_of(present)
        current = session.execute(text(f"SELECT {shape.image} FROM {quoted(change.table)} WHERE {key}")).scalar()
        if (None if current is None else json.loads(current)) != expected:
            raise ConcurrentEditError(
                f"{_describe(change.table)} it changed has been changed since by another edit, so nothing was changed"
            )
        if expected is not None:
            session.execute(text(f"DELETE FROM {quoted(change.table)} WHERE {key}"))
        if wanted is not None:
            names = ", ".join(quoted(column) for column in wanted)
            values = ", ".join(_literal(value) for value in wanted.values())
            session.execute(text(f"INSERT INTO {quoted(change.table)} ({names}) VALUES ({values})"))
    index_documents(session, _existing_documents(session, reindexed))


def foreign_key_actions(connection: Connection, *, on: bool) -> None:
    """Turn SQLite's foreign-key enforcement on or off for a connection outside a transaction."""
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    raw.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def check_foreign_keys(session: Session) -> None:
    broken = session.execute(text("PRAGMA foreign_key_check")).first()
    if broken is not None:
        raise ConcurrentEditError(
            f"{_describe(broken[0])} changed since depends on what it would take away, so nothing was changed"
        )


def image_text(image: dict[str, str]) -> str:
    """An image as stored in `operation_change` (read back with `recorded`)."""
    return json.dumps(image, ensure_ascii=False, separators=(",", ":"))


class _Shapes:
    """Each table's columns and key, read once per application."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._cache: dict[str, _Shape] = {}

    def of(self, table: str) -> _Shape:
        if table not in self._cache:
            info = self._session.execute(text(f"PRAGMA table_info({quoted(table)})")).all()
            columns = [row[1] for row in info]
            key = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]]
            self._cache[table] = _Shape(image_sql(columns, ""), tuple(key))
        return self._cache[table]


@dataclass(frozen=True)
class _Shape:
    image: str
    key: tuple[str, ...]

    def key_of(self, image: dict[str, str]) -> str:
        return " AND ".join(f"{quoted(column)} = {_literal(image[column])}" for column in self.key)


def _parse(image: str | None) -> dict[str, str] | None:
    return None if image is None else dict(json.loads(image))


def _literal(value: str) -> str:
    """An image's value is already a SQL literal made by `quote()`; refuse anything else rather than run it."""
    if value == "NULL" or value.startswith(("'", "X'")) or _is_number(value):
        return value
    raise ValueError(f"not a SQL literal: {value[:40]!r}")


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _documents_with_text_changes(changes: Iterable[RowChange]) -> set[int]:
    found: set[int] = set()
    for change in changes:
        column = {"document": "id", "paragraph": "document_id"}.get(change.table)
        if column is None:
            continue
        before, after = change.before or {}, change.after or {}
        if change.table == "document" and before.get("text") == after.get("text"):
            continue  # renamed, retyped: the words are the same
        found.update(int(image[column]) for image in (change.before, change.after) if image is not None)
    return found


def _existing_documents(session: Session, ids: set[int]) -> list[int]:
    if not ids:
        return []
    listed = ", ".join(str(i) for i in sorted(ids))
    return list(session.execute(text(f"SELECT id FROM document WHERE id IN ({listed}) ORDER BY id")).scalars())


def _describe(table: str) -> str:
    return {
        "code": "a code",
        "coding": "a coding",
        "document": "a document",
        "memo": "a memo",
        "case": "a case",
    }.get(table, f"a row of {table.replace('_', ' ')}")
