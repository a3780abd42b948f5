"""The domain speaks dialect-neutral SQLAlchemy: what only SQLite understands lives in `app.model.storage`.

A module outside the storage package that imports SQLite's driver or SQLAlchemy's SQLite dialect, or writes
SQLite's `INSERT OR IGNORE` / `OR REPLACE`, would stop the domain running on a second backend.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

MODEL = Path(__file__).resolve().parents[2] / "app" / "model"

# SQLite's own modules, on their way into the storage package.
MOVING_TO_STORAGE = {
    "storage/unit_of_work.py",
    "storage/disk.py",
    "storage/sqlite_file.py",
    "storage/writer_lock.py",
    "storage/backup.py",
    "storage/health.py",
    "storage/search_index.py",
}
# Being written now: the project's opening and closing and the row journal (the operation core; the journal is the
# SQLite side of the operation log, bound for storage), and the REFI loader (one write path).
NOT_YET = {"project.py", "storage/journal.py", "exchange/refi_loader.py"}

_SQLITE_MODULES = ("sqlite3", "sqlalchemy.dialects.sqlite")
_OR_PREFIX = re.compile(r"^\s*OR\b", re.IGNORECASE)  # prefix_with("OR IGNORE") makes INSERT OR IGNORE
_OR_INSERT = re.compile(r"\bINSERT\s+OR\s+(IGNORE|REPLACE)\b", re.IGNORECASE)


def sqlite_only(source: str) -> list[str]:
    """Each SQLite-only construct in a module's source, as `line: what`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            names = []
        found += [f"{node.lineno}: imports {name}" for name in names if name in _SQLITE_MODULES]
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "prefix_with"
            and any(isinstance(a, ast.Constant) and _OR_PREFIX.search(str(a.value)) for a in node.args)
        ):
            found.append(f"{node.lineno}: prefix_with({ast.unparse(node.args[0])})")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _OR_INSERT.search(node.value):
            found.append(f"{node.lineno}: SQL {node.value.strip()[:40]!r}")
    return found


def _checked() -> list[Path]:
    exempt = MOVING_TO_STORAGE | NOT_YET
    return sorted(
        path
        for path in MODEL.rglob("*.py")
        if (relative := path.relative_to(MODEL)).parts[0] not in ("storage", "migrations")
        and relative.as_posix() not in exempt
    )


def test_the_domain_outside_storage_names_no_sqlite_construct() -> None:
    offences = [f"{path.relative_to(MODEL)}:{found}" for path in _checked() for found in sqlite_only(path.read_text())]
    assert offences == []


def test_the_exemptions_name_modules_that_exist() -> None:
    # A module moved into storage or cleaned up leaves the list; a stale name would hide nothing and mislead.
    assert [name for name in sorted(MOVING_TO_STORAGE | NOT_YET) if not (MODEL / name).exists()] == []
    assert len(_checked()) > 50


@pytest.mark.parametrize(
    "source",
    [
        "import sqlite3",
        "import sqlalchemy.dialects.sqlite",
        "from sqlalchemy.dialects.sqlite import insert as upsert",
        "from sqlalchemy.dialects import sqlite",
        "s.execute(insert(Coding).prefix_with('OR IGNORE'), rows)",
        's.execute(insert(Coding).prefix_with("OR REPLACE"))',
        's.execute(text("INSERT OR IGNORE INTO coding VALUES (1)"))',
    ],
)
def test_each_sqlite_construct_is_caught(source: str) -> None:
    assert len(sqlite_only(source)) == 1


def test_neutral_sqlalchemy_passes() -> None:
    source = "from sqlalchemy import insert, select\nfrom .storage.upsert import insert_or_ignore\nx = 'OR else'"
    assert sqlite_only(source) == []
