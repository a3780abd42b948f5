"""Shared fixtures. Qt runs offscreen; every test gets its own project in a temporary folder."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never write into the user's own data folder (logs, the demo study, settings kept there).
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="axial-tests-data-")

from app.model.project import Project


@pytest.fixture
def make_project(tmp_path: Path) -> Iterator[Callable[..., Project]]:
    """THE way a domain test makes a project: `make_project(name="study", coder="Tester")`, open for writing,
    closed after the test.

    This is the one place a second storage backend is plugged in (a fresh database on a server instead of a file in
    `tmp_path`), so the domain tests run against it unchanged. Tests about the file itself (opening, locking,
    backups, crashes) make one with `Project.create` on a path instead.
    """
    made: list[Project] = []

    def make(*, name: str = "study", coder: str = "Tester") -> Project:
        made.append(Project.create(tmp_path / f"{name}.axial", name=name, coder=coder))
        return made[-1]

    yield make
    for opened in made:
        opened.close()


@pytest.fixture
def project(make_project: Callable[..., Project]) -> Project:
    return make_project()


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    """A closed, empty project on disk."""
    path = tmp_path / "study.axial"
    Project.create(path, coder="Tester").close()
    return path


def table_dump(
    path: Path, *, skip: tuple[str, ...] = ("audit", "operation", "operation_change", "operation_step")
) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: two dumps are equal exactly when the stored study is the same."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
            # The search index is derived from the text; its internal segments differ after equal changes.
            if table not in skip and not table.startswith("search_index")
        }
    finally:
        conn.close()
