"""The row journal's triggers: on every table of the study, they copy each changed row into `operation_change`
while an operation is active (`journal_state` names it), as a JSON object of column name to SQL literal.

They list each table's columns, so they are made anew after every upgrade rather than frozen in a revision.
Stored in the file, they cost nothing when a connection opens; with no operation active they only read one row.
"""

from __future__ import annotations

import sqlite3

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
        new, old_row = image_sql(columns, "NEW."), image_sql(columns, "OLD.")
        for event, images in (
            ("INSERT", f"NULL, {new}"),
            ("UPDATE", f"{old_row}, {new}"),
            ("DELETE", f"{old_row}, NULL"),
        ):
            conn.execute(
                f"CREATE TRIGGER {quoted('journal_' + event.lower() + '_' + table)} AFTER {event} ON {quoted(table)} "
                f"{when} BEGIN {record} ({operation}, '{table}', {images}); END"
            )


def image_sql(columns: list[str], prefix: str) -> str:
    """A row as a JSON object of column name to SQL literal (`quote()`: exact for text, blobs and reals)."""
    pairs = ", ".join(f"'{column}', quote({prefix}{quoted(column)})" for column in columns)
    return f"json_object({pairs})"


def quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
