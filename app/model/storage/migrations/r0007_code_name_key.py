"""Revision 7: each code's name key (the name in NFKC form, case folded, white space collapsed), unique among
siblings, so "Ärger" and "ärger" can no longer be two codes side by side. Frozen: never edit.

Files written before could hold such pairs, since the old check folded ASCII letters only. The code made first
(lowest id) keeps its name; each later one is renamed by appending " (2)", " (3)"... (the first number whose name
is free under that parent), and every rename is written to the audit trail ("upgrade: rename code").
"""

import sqlite3
import unicodedata
from datetime import datetime

STATEMENTS = ("ALTER TABLE code ADD COLUMN name_key VARCHAR NOT NULL DEFAULT ''",)

# After the keys are filled in (`seed`): two indexes, because a UNIQUE index treats NULL parents as distinct.
_INDEXES = (
    "CREATE UNIQUE INDEX ux_code_sibling_name ON code (parent_id, name_key)",
    "CREATE UNIQUE INDEX ux_code_top_name ON code (name_key) WHERE parent_id IS NULL",
)


def _key(name: str) -> str:
    """The rule as this revision applies it (`code_names.name_key`); a change of the rule re-keys in its own."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join(folded.split())


def seed(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT id, parent_id, name FROM code ORDER BY id").fetchall()
    taken: set[tuple[int | None, str]] = set()
    later: list[tuple[int, int | None, str]] = []
    for code_id, parent_id, name in rows:  # first every name that is free keeps it...
        if (parent_id, _key(name)) in taken:
            later.append((code_id, parent_id, name))
        else:
            taken.add((parent_id, _key(name)))
            conn.execute("UPDATE code SET name_key = ? WHERE id = ?", (_key(name), code_id))
    now = datetime.now().isoformat(" ", "microseconds")
    for code_id, parent_id, name in later:  # ...then the later twins take the first free number
        number = 2
        while (parent_id, _key(f"{name} ({number})")) in taken:
            number += 1
        renamed = f"{name} ({number})"
        taken.add((parent_id, _key(renamed)))
        conn.execute("UPDATE code SET name = ?, name_key = ? WHERE id = ?", (renamed, _key(renamed), code_id))
        conn.execute(
            "INSERT INTO audit (at, coder, action, detail) VALUES (?, '', 'upgrade: rename code', ?)",
            (now, f"code {code_id} from {name!r} to {renamed!r}: a sibling had the same name but for case or form"),
        )
    for statement in _INDEXES:
        conn.execute(statement)
