"""The row journal: every row an operation inserts, updates or deletes, before and after, written by SQLite itself.

Triggers on every table of the study (`migrations.journal_triggers`) append each changed row to `operation_change`
while an operation is active, as a JSON object of column name to SQL literal (`quote()`: exact for text, blobs and
reals). Undo writes the "before"
images back in reverse order, redo the "after" images in order, each only if the row is still exactly as the
operation left it; a row changed since is refused rather than overwritten.

Rows inserted in bulk (an import's paragraphs and turns, an autocode's codings) go in through `insert_batch`,
which keeps them as one change holding a JSON array of images: tens of thousands of rows cost one entry instead of a
trigger each, and undo takes them back with one comparison while they are as they were.

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
from app.model.storage.journal_schema import Schema, bound_value, parse_image
from app.model.storage.migrations.journal_triggers import LAZY, quoted
from app.model.storage.search_index import index_documents, unindex_documents


@dataclass(frozen=True)
class RowChange:
    """One changed row: its table and its images (column name to SQL literal), None where the row was absent."""

    table: str
    before: dict[str, str] | None
    after: dict[str, str] | None
    id: int = 0  # its row in `operation_change` (0: not stored there)
    batch: bool = False  # one of a batch of inserted rows stored together (`insert_batch`)


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


def set_state(session: Session, operation_id: int, state: str) -> None:
    _raw(session).execute("UPDATE operation SET state = ? WHERE id = ?", (state, operation_id))


def next_step(session: Session, *, undo: bool) -> tuple[int, str, bool] | None:
    """The operation undo would take back next (the latest done), or redo would make again (the earliest undone):
    its id, label and whether its rows are kept."""
    query = (
        "SELECT id, label, kept FROM operation WHERE state = 'done' ORDER BY id DESC LIMIT 1"
        if undo
        else "SELECT id, label, kept FROM operation WHERE state = 'undone' ORDER BY id LIMIT 1"
    )
    row = _raw(session).execute(query).fetchone()
    return None if row is None else (int(row[0]), str(row[1]), bool(row[2]))


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


def _insert_many(
    raw: sqlite3.Connection, insert: str, columns: Sequence[str], rows: Sequence[Sequence[object]]
) -> None:
    """Rows in statements of many rows each: inside an edit's savepoint SQLite keeps a journal for every statement,
    which made one statement per row (executemany) five times slower for a large batch."""
    names, row = ", ".join(quoted(c) for c in columns), f"({', '.join('?' * len(columns))})"
    per = max(1, min(500, raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(columns)))
    for first in range(0, len(rows), per):
        chunk = rows[first : first + per]
        raw.execute(f"{insert} ({names}) VALUES {', '.join([row] * len(chunk))}", [v for r in chunk for v in r])


def insert_batch(
    session: Session, table: str, columns: Sequence[str], rows: Sequence[Sequence[object]], *, skip_repeats: bool
) -> int:
    """Insert new rows (their keys chosen by SQLite; with `skip_repeats`, those repeating a unique key left out)
    and, while an operation is recorded, log them as one change holding an array of their images rather than a
    change per row written by a trigger each. Returns the largest key before: the rows added are those above it."""
    raw = _raw(session)
    (operation_id,) = raw.execute("SELECT operation_id FROM journal_state").fetchone()
    (last,) = raw.execute(f"SELECT coalesce(max(rowid), 0) FROM {quoted(table)}").fetchone()
    if not rows:
        return int(last)
    if operation_id is not None:
        raw.execute("UPDATE journal_state SET operation_id = NULL")  # the triggers stand aside for this batch
    try:
        _insert_many(raw, f"{'INSERT OR IGNORE' if skip_repeats else 'INSERT'} INTO {quoted(table)}", columns, rows)
    finally:
        if operation_id is not None:
            raw.execute("UPDATE journal_state SET operation_id = ?", (operation_id,))
    if operation_id is not None and raw.execute(f"SELECT 1 FROM {quoted(table)} WHERE rowid > ?", (last,)).fetchone():
        # New rows take keys above the old largest, so `rowid > last` is exactly this batch, in order.
        image = Schema().bind(raw).of(table).image
        raw.execute(
            f"INSERT INTO operation_change (operation_id, tbl, before, after) "
            f"SELECT ?, ?, NULL, json_group_array({image}) FROM (SELECT * FROM {quoted(table)} WHERE rowid > ? "
            "ORDER BY rowid)",
            (operation_id, table, last),
        )
    return int(last)


def recorded(session: Session, operation_id: int) -> list[RowChange]:
    """The rows an operation changed, in the order it changed them (a batch of inserted rows, row by row)."""
    rows = _raw(session).execute(
        "SELECT id, tbl, before, after FROM operation_change WHERE operation_id = ? ORDER BY id", (operation_id,)
    )
    found = rows.fetchall()
    # One parse for the whole operation: thousands of small ones cost more than the undo's writing.
    images = json.loads("[" + ",".join(f"[{before or 'null'},{after or 'null'}]" for *_, before, after in found) + "]")
    changes: list[RowChange] = []
    for (change_id, table, _, _), (before, after) in zip(found, images, strict=True):
        if isinstance(after, list):
            changes += [RowChange(table, None, image, change_id, batch=True) for image in after]
        else:
            changes.append(RowChange(table, before, after, change_id))
    return changes


def apply(session: Session, changes: Sequence[RowChange], *, forward: bool, schema: Schema | None = None) -> None:
    """Write the changes back: `forward` (redo) puts the "after" images in order, else (undo) the "before" images
    in reverse. Each row must be exactly as the other image says; if one is not, `ConcurrentEditError`.

    Call inside a write with foreign-key actions off (`Store.write(applying_changes=True)`); the keys of the rows
    written back and taken away are checked here. The full-text index follows the documents whose text or
    paragraphs change. Rows go in batches of one table: an import's tens of thousands of rows undo in moments.
    """
    raw = _raw(session)
    steps = changes if forward else list(reversed(changes))
    shapes = (schema or Schema()).bind(raw)
    reindexed = _documents_with_text_changes(changes)
    unindex_documents(session, _existing_documents(session, reindexed))
    written: list[tuple[str, dict[str, str]]] = []
    removed: list[tuple[str, dict[str, str]]] = []
    for batch_id, segment in _segments(steps, forward=forward):
        if batch_id is None or not _undo_batch(raw, shapes, segment, batch_id, removed):
            _write_runs(raw, shapes, segment, forward=forward, written=written, removed=removed)
    _check_keys(raw, shapes, written, removed)
    index_documents(session, _existing_documents(session, reindexed))


def _segments(steps: Sequence[RowChange], *, forward: bool) -> list[tuple[int | None, list[RowChange]]]:
    """The changes in order, in groups: when undoing, each batch of inserted rows alone (with its change's id),
    the other changes between them together (None)."""
    segments: list[tuple[int | None, list[RowChange]]] = []
    for change in steps:
        batch_id = change.id if change.batch and not forward else None
        if not segments or segments[-1][0] != batch_id:
            segments.append((batch_id, []))
        segments[-1][1].append(change)
    return segments


def _undo_batch(
    raw: sqlite3.Connection,
    shapes: Schema,
    batch: list[RowChange],
    batch_id: int,
    removed: list[tuple[str, dict[str, str]]],
) -> bool:
    """Take back a batch of inserted rows at once when every one is still exactly as inserted: the rows as they
    are now, as one array, compared with the array stored. False (nothing done) when any differs or is gone."""
    table = batch[0].table
    shape = shapes.of(table)
    if shape.key != ("id",):
        return False
    stored = "(SELECT after FROM operation_change WHERE id = :batch)"
    ids = f"SELECT CAST(json_extract(value, '$.id') AS INTEGER) FROM json_each({stored})"
    (same,) = raw.execute(
        f"SELECT (SELECT json_group_array(json(image)) FROM (SELECT {shape.image} AS image FROM {quoted(table)} "
        f"WHERE id IN ({ids}) ORDER BY id)) = {stored}",
        {"batch": batch_id},
    ).fetchone()
    if not same:
        return False
    raw.execute(f"DELETE FROM {quoted(table)} WHERE id IN ({ids})", {"batch": batch_id})
    removed += [(table, change.after) for change in batch if change.after is not None]
    return True


def _write_runs(
    raw: sqlite3.Connection,
    shapes: Schema,
    steps: Sequence[RowChange],
    *,
    forward: bool,
    written: list[tuple[str, dict[str, str]]],
    removed: list[tuple[str, dict[str, str]]],
) -> None:
    """Write the changes back a run at a time (see `apply`), adding the rows written and taken away."""
    for table, run, keys in _runs(steps, shapes):
        shape = shapes.of(table)
        pairs = [(c, *((c.before, c.after) if forward else (c.after, c.before))) for c in run]
        now = shape.rows(raw, keys)
        deletions, insertions = [], []
        updates: list[tuple[tuple[str, ...], dict[str, str], dict[str, str]]] = []
        for (change, expected, wanted), key in zip(pairs, keys, strict=True):
            current = now.get(key)
            if not _as_expected(current, expected):
                raise ConcurrentEditError(
                    f"{_describe(table)} it changed has been changed since by another edit, so nothing was changed"
                )
            if current is not None and wanted is not None:
                wanted = {column: current[column] if value == LAZY else value for column, value in wanted.items()}
            if current is not None and wanted is None and expected is not None and LAZY in expected.values():
                # The row goes; its large values were kept by reference: keep them in the log now, to bring it back.
                side = "after" if change.after is expected else "before"
                raw.execute(f"UPDATE operation_change SET {side} = ? WHERE id = ?", (image_text(current), change.id))
            if current is not None and expected is not None and wanted is not None:
                changed = {column: value for column, value in wanted.items() if current.get(column) != value}
                if not changed.keys() & set(shape.key):
                    updates.append((key, changed, wanted))
                    written.append((table, wanted))
                    continue
            if expected is not None:
                deletions.append(key)
                if wanted is None:
                    removed.append((table, expected))
            if wanted is not None:
                if LAZY in wanted.values():
                    raise ConcurrentEditError(f"{_describe(table)} it needs is no longer kept, so nothing was changed")
                insertions.append(wanted)
                written.append((table, wanted))
        where = " AND ".join(f"{quoted(column)} = ?" for column in shape.key)
        raw.executemany(
            f"DELETE FROM {quoted(table)} WHERE {where}", [[bound_value(v) for v in key] for key in deletions]
        )
        if updates and not _set_in_place(raw, table, where, updates):
            # Rows trading unique values (two codes swapping names): take them out and put them back instead.
            raw.executemany(
                f"DELETE FROM {quoted(table)} WHERE {where}", [[bound_value(v) for v in key] for key, _, _ in updates]
            )
            insertions += [wanted for _, _, wanted in updates]
        for columns in dict.fromkeys(tuple(row) for row in insertions):
            names, marks = ", ".join(quoted(c) for c in columns), ", ".join("?" * len(columns))
            raw.executemany(
                f"INSERT INTO {quoted(table)} ({names}) VALUES ({marks})",
                [[bound_value(row[c]) for c in columns] for row in insertions if tuple(row) == columns],
            )


def _set_in_place(
    raw: sqlite3.Connection,
    table: str,
    where: str,
    updates: list[tuple[tuple[str, ...], dict[str, str], dict[str, str]]],
) -> bool:
    """Set just the columns that differ, row by row; False if a unique index objects, with some rows set and
    others not (the caller then writes every one of them whole). No savepoint: one made the updates four times
    slower, and SQLite takes back the one statement that failed."""
    by_columns: dict[tuple[str, ...], list[list[object]]] = {}
    for key, changed, _ in updates:
        if changed:
            by_columns.setdefault(tuple(changed), []).append(
                [*map(bound_value, changed.values()), *map(bound_value, key)]
            )
    try:
        for columns, rows in by_columns.items():
            settings = ", ".join(f"{quoted(column)} = ?" for column in columns)
            raw.executemany(f"UPDATE {quoted(table)} SET {settings} WHERE {where}", rows)
    except sqlite3.IntegrityError:
        return False
    return True


def _runs(steps: Sequence[RowChange], shapes: Schema) -> list[tuple[str, list[RowChange], list[tuple[str, ...]]]]:
    """Consecutive changes of one table, each to a different row (a row changed twice starts a new run), with
    the key of each row."""
    runs: list[tuple[str, list[RowChange], list[tuple[str, ...]]]] = []
    seen: set[tuple[str, ...]] = set()
    for change in steps:
        image = change.before if change.before is not None else change.after
        assert image is not None, "a recorded change has a row before it, after it, or both"
        key = shapes.of(change.table).key_values(image)
        if not runs or runs[-1][0] != change.table or key in seen:
            runs.append((change.table, [], []))
            seen = set()
        runs[-1][1].append(change)
        runs[-1][2].append(key)
        seen.add(key)
    return runs


def _check_keys(
    raw: sqlite3.Connection,
    shapes: Schema,
    written: list[tuple[str, dict[str, str]]],
    removed: list[tuple[str, dict[str, str]]],
) -> None:
    """What SQLite's foreign keys would say, for just the rows written back and taken away: every key written
    points at a row that is there, and nothing left points at a row taken away (and not brought back)."""
    needed: dict[tuple[str, tuple[str, ...]], set[tuple[str, ...]]] = {}
    for table, image in written:
        for columns, parent, parent_columns in shapes.references(table):
            key = tuple(image.get(column, "NULL") for column in columns)
            if "NULL" not in key:
                needed.setdefault((parent, parent_columns), set()).add(key)
    for (parent, parent_columns), keys in needed.items():
        if _present(raw, parent, parent_columns, keys) != keys:
            raise ConcurrentEditError(f"{_describe(parent)} it needs has been deleted since, so nothing was changed")
    gone: dict[tuple[str, tuple[str, ...]], set[tuple[str, ...]]] = {}
    for table, image in removed:
        for _, _, parent_columns in shapes.referrers(table):
            gone.setdefault((table, parent_columns), set()).add(tuple(image[c] for c in parent_columns))
    for (table, parent_columns), keys in gone.items():
        missing = keys - _present(raw, table, parent_columns, keys)
        for child, columns, referred in shapes.referrers(table):
            if referred == parent_columns and missing and _present(raw, child, columns, missing):
                raise ConcurrentEditError(
                    f"{_describe(child)} made since depends on what it would take away, so nothing was changed"
                )


def _present(
    raw: sqlite3.Connection, table: str, columns: tuple[str, ...], values: set[tuple[str, ...]]
) -> set[tuple[str, ...]]:
    """Which of the values (tuples of SQL literals) the `columns` of `table` hold."""
    found: set[tuple[str, ...]] = set()
    ordered = sorted(values)
    picks = ", ".join(f"quote({quoted(c)})" for c in columns)
    names = ", ".join(quoted(c) for c in columns)
    row = "(" + ", ".join("?" * len(columns)) + ")"
    for start in range(0, len(ordered), 300):
        chunk = ordered[start : start + 300]
        query = (
            f"SELECT DISTINCT {picks} FROM {quoted(table)} WHERE ({names}) IN (VALUES {', '.join([row] * len(chunk))})"
        )
        found.update(tuple(r) for r in raw.execute(query, [bound_value(v) for key in chunk for v in key]))
    return found


def resolved(session: Session, changes: Sequence[RowChange]) -> list[RowChange]:
    """The changes with every value kept by reference read out: from the first later change in the log whose
    before-image holds it in full (a revision of a document's text copies the old text there), else from the row
    as it is now, or, for a row gone since, from another image of it in the log. For writing them elsewhere
    (replay), so without their places in this file's log (ids, batches)."""
    if not any(LAZY in (image or {}).values() for change in changes for image in (change.before, change.after)):
        return [RowChange(c.table, c.before, c.after) for c in changes]
    shapes = Schema().bind(_raw(session))
    logged: dict[tuple[str, str], dict[str, str]] = {}

    def path(column: str) -> str:
        return '$."' + column.replace('"', '\\"') + '"'

    def held_later(table: str, image: dict[str, str], after_id: int, column: str) -> str | None:
        """The column's value in the first later before-image of the same row that holds it in full."""
        key = shapes.of(table).key
        same_row = " AND ".join(f"json_extract(before, :key{i}) = :value{i}" for i in range(len(key)))
        found = session.execute(
            text(
                "SELECT json_extract(before, :column) FROM operation_change WHERE id > :after AND tbl = :tbl "
                f"AND before IS NOT NULL AND {same_row} AND json_extract(before, :column) != :lazy ORDER BY id LIMIT 1"
            ),
            {"column": path(column), "after": after_id, "tbl": table, "lazy": LAZY}
            | {f"key{i}": path(c) for i, c in enumerate(key)}
            | {f"value{i}": image[c] for i, c in enumerate(key)},
        ).scalar()
        return None if found is None else str(found)

    def full(table: str, image: dict[str, str] | None, change_id: int = 0) -> dict[str, str] | None:
        if image is None or LAZY not in image.values():
            return image
        key = shapes.of(table).key_of(image)
        if change_id:
            held = {c: held_later(table, image, change_id, c) for c, v in image.items() if v == LAZY}
            if all(value is not None for value in held.values()):
                return {c: held.get(c) or v for c, v in image.items()}
        found = session.execute(text(f"SELECT {shapes.of(table).image} FROM {quoted(table)} WHERE {key}")).scalar()
        current: dict[str, str] = {} if found is None else json.loads(found)
        if not current:
            if not logged:
                for tbl, before, after in session.execute(text("SELECT tbl, before, after FROM operation_change")):
                    batch = json.loads(after) if before is None and after.startswith("[") else [parse_image(after)]
                    for other in (parse_image(before), *batch):
                        if other is not None and LAZY not in other.values():
                            logged[(tbl, shapes.of(tbl).key_of(other))] = other
            current = logged.get((table, key), {})
        return {column: current.get(column, LAZY) if value == LAZY else value for column, value in image.items()}

    return [RowChange(c.table, full(c.table, c.before, c.id), full(c.table, c.after, c.id)) for c in changes]


def _as_expected(current: dict[str, str] | None, expected: dict[str, str] | None) -> bool:
    """Whether the row is as the image says (a value kept by reference is the row's own, whatever it is)."""
    if current is None or expected is None:
        return current is None and expected is None
    if current == expected:
        return True
    return current.keys() == expected.keys() and all(v == LAZY or current[k] == v for k, v in expected.items())


def foreign_key_actions(connection: Connection, *, on: bool) -> None:
    """Turn SQLite's foreign-key enforcement on or off for a connection outside a transaction."""
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    raw.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def image_text(image: dict[str, str]) -> str:
    """An image as stored in `operation_change` (read back with `recorded`)."""
    return json.dumps(image, ensure_ascii=False, separators=(",", ":"))


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
