"""The row journal's triggers: on every table of the study, they copy each changed row into `operation_change`
while an operation is active (`journal_state` names it), as a JSON object of column name to SQL literal.

They list each table's columns, so they are made anew after every upgrade rather than frozen in a revision.
Stored in the file, they cost nothing when a connection opens; with no operation active they only read one row.
"""

from __future__ import annotations

import sqlite3

# Large values written once with their row (a document's text, its original file): an insert, or an update that
# leaves them as they were, records them as LAZY (the row's own value) instead of copying megabytes into the log;
# the journal reads them from the row when it needs them. A delete, or an update that changes them, copies them.
BY_REFERENCE = {"document": ("text",), "document_source": ("content",)}
LAZY = "@"

# The log itself, the audit trail, the journal's own switch, derived tables (the search index) and SQLite's own.
NOT_JOURNALED = frozenset({"audit", "operation", "operation_change", "operation_step", "journal_state"})
_DERIVED_PREFIXES = ("sqlite_", "search_")


def journaled_tables(conn: sqlite3.Connection) -> list[str]:
    names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return [n for n in names if n not in NOT_JOURNALED and not n.startswith(_DERIVED_PREFIXES)]


def rebuild(conn: sqlite3.Connection) -> None:
    """Drop the journal's triggers and make them for the tables as they are now (inside the caller's transaction)."""
    old = [
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'journal_%'")
    ]
    for name in old:
        conn.execute(f"DROP TRIGGER {quoted(name)}")
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'journal_state'").fetchone():
        return  # a file from before the operation log
    when = "WHEN (SELECT operation_id FROM journal_state) IS NOT NULL"
    record = "INSERT INTO operation_change (operation_id, tbl, before, after) VALUES"
    operation = "(SELECT operation_id FROM journal_state)"
    for table in journaled_tables(conn):
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({quoted(table)})")]
        large = BY_REFERENCE.get(table, ())
        inserted = image_sql(columns, "NEW.", lazy=large)
        before, after = image_sql(columns, "OLD.", unchanged=large), image_sql(columns, "NEW.", unchanged=large)
        for event, images in (
            ("INSERT", f"NULL, {inserted}"),
            ("UPDATE", f"{before}, {after}"),
            ("DELETE", f"{image_sql(columns, 'OLD.')}, NULL"),
        ):
            conn.execute(
                f"CREATE TRIGGER {quoted('journal_' + event.lower() + '_' + table)} AFTER {event} ON {quoted(table)} "
                f"{when} BEGIN {record} ({operation}, '{table}', {images}); END"
            )


def image_sql(columns: list[str], prefix: str, *, lazy: tuple[str, ...] = (), unchanged: tuple[str, ...] = ()) -> str:
    """A row as a JSON object of column name to SQL literal (`quote()`: exact for text, blobs and reals); `lazy`
    columns as LAZY, `unchanged` ones as LAZY when an update leaves them as they were."""

    def value(column: str) -> str:
        literal = f"quote({prefix}{quoted(column)})"
        if column in lazy:
            return f"'{LAZY}'"
        if column in unchanged:
            return f"CASE WHEN OLD.{quoted(column)} IS NEW.{quoted(column)} THEN '{LAZY}' ELSE {literal} END"
        return literal

    pairs = ", ".join(f"'{column}', {value(column)}" for column in columns)
    return f"json_object({pairs})"


def quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
