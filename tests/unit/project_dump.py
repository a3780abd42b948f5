"""A whole project file as data, for proving that an undo puts back exactly what was there.

Every table with every column (GUIDs, timestamps, BLOBs as bytes, REALs compared bit for bit and never equal to
an INTEGER of the same value), rows ordered by primary key. Left out: the operation log and the audit trail (they
grow with every step, undo included), SQLite's own bookkeeping, and the search index's storage, whose segments
differ after equal changes. The index is compared by what it answers instead: for every word it knows, the rows
that match it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.model.project import Project

# Not the project's content: the history of how it came to be, and storage internals.
EXCLUDED = frozenset(
    {"operation", "operation_change", "operation_step", "audit", "sqlite_sequence", "search_vocabulary"}
)
EXCLUDED_PREFIXES = ("search_index", "sqlite_stat")

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Real:
    """A REAL as its exact bits: 0.1 + 0.2 is not 0.3 here, and 1.0 is not the INTEGER 1."""

    bits: str

    def __repr__(self) -> str:
        return repr(float.fromhex(self.bits))


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class ProjectDump:
    tables: dict[str, Table]
    search: dict[str, tuple[int, ...]]  # every word of the index → the rows (document paragraphs) it matches

    def difference(self, other: ProjectDump, *, rows_shown: int = 6, names: tuple[str, str] = ("this", "other")) -> str:
        """What differs, first table first, in a few readable lines ('' when the dumps are equal); `names` says
        what this dump and the other are in the message."""
        mine_is, theirs_is = names
        for name in sorted(self.tables.keys() | other.tables.keys()):
            mine, theirs = self.tables.get(name), other.tables.get(name)
            if mine == theirs:
                continue
            if mine is None or theirs is None:
                return f"table {name} is only in the {theirs_is if mine is None else mine_is} dump"
            if mine.columns != theirs.columns:
                return f"table {name}: columns {mine.columns} != {theirs.columns}"
            first, second = set(mine.rows), set(theirs.rows)
            only_first = [row for row in mine.rows if row not in second]
            only_second = [row for row in theirs.rows if row not in first]
            lines = [
                f"table {name} ({', '.join(mine.columns)}): {len(mine.rows)} rows {mine_is}, {len(theirs.rows)} {theirs_is}"
            ]
            lines += [f"  only {mine_is}: {row!r}" for row in only_first[:rows_shown]]
            lines += [f"  only {theirs_is}: {row!r}" for row in only_second[:rows_shown]]
            if not only_first and not only_second:
                lines.append("  the same rows in another order (or repeated)")
            return "\n".join(lines)
        if self.search != other.search:
            words = sorted(
                w for w in self.search.keys() | other.search.keys() if self.search.get(w) != other.search.get(w)
            )
            shown = ", ".join(f"{w!r}: {self.search.get(w)} / {other.search.get(w)}" for w in words[:rows_shown])
            return f"the search index answers differently ({mine_is} / {theirs_is}) for {len(words)} words: {shown}"
        return ""


def dump(source: Project | Path) -> ProjectDump:
    """Read the committed state of a project (open or closed) through a read-only connection of its own."""
    path = source.path if isinstance(source, Project) else source
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("BEGIN")  # one snapshot for every table and the index
        tables = {name: _table(conn, name) for name in _content_tables(conn)}
        return ProjectDump(tables, _search(conn))
    finally:
        conn.close()


def assert_same(actual: ProjectDump, expected: ProjectDump, context: str = "") -> None:
    difference = expected.difference(actual, names=("expected", "found"))
    assert not difference, f"{context}\n{difference}" if context else difference


def _content_tables(conn: sqlite3.Connection) -> Iterator[str]:
    for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        virtual = (sql or "").lstrip().upper().startswith("CREATE VIRTUAL")
        if name not in EXCLUDED and not name.startswith(EXCLUDED_PREFIXES) and not virtual:
            yield name


def _table(conn: sqlite3.Connection, name: str) -> Table:
    info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
    columns = tuple(column[1] for column in info)
    key = [column[1] for column in sorted(info, key=lambda c: c[5]) if column[5]] or list(columns)
    order = ", ".join(f'"{column}"' for column in key)
    rows = conn.execute(f'SELECT * FROM "{name}" ORDER BY {order}').fetchall()
    return Table(columns, tuple(tuple(_exact(value) for value in row) for row in rows))


def _exact(value: object) -> object:
    return Real(value.hex()) if isinstance(value, float) else value


def _search(conn: sqlite3.Connection) -> dict[str, tuple[int, ...]]:
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE name = 'search_vocabulary'")}
    if not present:
        return {}
    words = [row[0] for row in conn.execute("SELECT term FROM search_vocabulary ORDER BY term")]
    return {
        word: tuple(
            row[0]
            for row in conn.execute(
                "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid",
                ('"' + word.replace('"', '""') + '"',),
            )
        )
        for word in words
    }
