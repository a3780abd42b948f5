"""The journal's view of the schema and of its images: each table's columns, key and foreign keys (read once per
open project), and the SQL literals (`quote()`'s output) the images hold, read back exactly."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from app.model.storage.migrations.journal_triggers import image_sql, quoted


class Schema:
    """Each table's columns, key and foreign keys, read once: a project's schema does not change while it is open,
    so its history keeps one (reading them for each undo cost more than the undo)."""

    def __init__(self) -> None:
        self._raw: sqlite3.Connection | None = None
        self._cache: dict[str, Shape] = {}
        self._referrers: dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]] | None = None

    def bind(self, raw: sqlite3.Connection) -> Schema:
        """Read through this connection (the write's own) from now on."""
        self._raw = raw
        return self

    @property
    def raw(self) -> sqlite3.Connection:
        assert self._raw is not None, "bind the schema to a connection first"
        return self._raw

    def of(self, table: str) -> Shape:
        if table not in self._cache:
            info = self.raw.execute(f"PRAGMA table_info({quoted(table)})").fetchall()
            columns = [row[1] for row in info]
            key = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]]
            grouped: dict[int, list[tuple[str, str, str]]] = {}
            for row in self.raw.execute(f"PRAGMA foreign_key_list({quoted(table)})"):
                grouped.setdefault(row[0], []).append((row[3], row[2], row[4] or "id"))
            references = tuple(
                (tuple(c for c, _, _ in parts), parts[0][1], tuple(p for _, _, p in parts))
                for parts in grouped.values()
            )
            self._cache[table] = Shape(table, image_sql(columns, ""), tuple(key), references)
        return self._cache[table]

    def references(self, table: str) -> tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]:
        """(columns, parent table, parent columns) for each foreign key of `table`."""
        return self.of(table).references

    def referrers(self, table: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        """(child table, child columns, columns of `table`) for each foreign key pointing at `table`."""
        if self._referrers is None:
            self._referrers = {}
            tables = [row[0] for row in self.raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for child in tables:
                if child.startswith(("sqlite_", "search_")):
                    continue
                for column, parent, parent_column in self.references(child):
                    self._referrers.setdefault(parent, []).append((child, column, parent_column))
        return self._referrers.get(table, [])


@dataclass(frozen=True)
class Shape:
    table: str
    image: str
    key: tuple[str, ...]
    references: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]

    def key_values(self, image: dict[str, str]) -> tuple[str, ...]:
        return tuple(sql_literal(image[column]) for column in self.key)

    def key_of(self, image: dict[str, str]) -> str:
        return " AND ".join(f"{quoted(column)} = {sql_literal(image[column])}" for column in self.key)

    def rows(self, raw: sqlite3.Connection, keys: list[tuple[str, ...]]) -> dict[tuple[str, ...], dict[str, str]]:
        """The rows with these keys as they are now, by key (as SQL literals, like the images)."""
        found: dict[tuple[str, ...], dict[str, str]] = {}
        wanted = list(dict.fromkeys(keys))
        picks = ", ".join(f"quote({quoted(column)})" for column in self.key)
        for start in range(0, len(wanted), 400):
            chunk = wanted[start : start + 400]
            if len(self.key) == 1:
                where = f"{quoted(self.key[0])} IN ({', '.join('?' * len(chunk))})"
            else:
                row = "(" + ", ".join("?" * len(self.key)) + ")"
                where = f"({', '.join(quoted(c) for c in self.key)}) IN (VALUES {', '.join([row] * len(chunk))})"
            values = [bound_value(v) for key in chunk for v in key]
            rows = raw.execute(f"SELECT {picks}, {self.image} FROM {quoted(self.table)} WHERE {where}", values)
            keys, images = [], []
            for *key, image in rows:
                keys.append(tuple(key))
                images.append(image)
            found.update(zip(keys, json.loads("[" + ",".join(images) + "]"), strict=True))
        return found


def parse_image(image: str | None) -> dict[str, str] | None:
    return None if image is None else dict(json.loads(image))


def bound_value(literal: str) -> object:
    """The value an image's SQL literal stands for, to bind as a parameter (exact: `quote()` wrote it)."""
    if literal.isdigit():
        return int(literal)
    if literal == "NULL":
        return None
    if literal.startswith("'"):
        return literal[1:-1].replace("''", "'")
    if literal.startswith("X'"):
        return bytes.fromhex(literal[2:-1])
    if literal.lstrip("-").isdigit():
        return int(literal)
    return float(sql_literal(literal))


def sql_literal(value: str) -> str:
    """An image's value is already a SQL literal made by `quote()`; refuse anything else rather than run it."""
    if value.isdigit() or value == "NULL" or value.startswith(("'", "X'")) or is_number(value):
        return value
    raise ValueError(f"not a SQL literal: {value[:40]!r}")


def is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
