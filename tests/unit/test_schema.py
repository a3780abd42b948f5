"""Schema revisions: the migrations build exactly the ORM's schema, and old files are upgraded safely."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import ForeignKeyConstraint, create_engine

from app.model.core.entities import Base
from app.model.core.errors import TooNewProjectError
from app.model.project import Project
from app.model.storage import migrations
from app.model.storage.backup import backup_dir
from app.model.storage.sqlite_file import AXIAL_APPLICATION_ID
from tests.conftest import table_dump


def _schema(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    finally:
        conn.close()
    # Compare the parsed shape, not the text: ALTER TABLE rewrites the stored CREATE statement.
    return sorted((kind, name) for kind, name, _ in rows)


def _write_revision_1_file(path: Path) -> None:
    """A project as the first release of the schema wrote it, with some work in it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {AXIAL_APPLICATION_ID}")
    migrations.upgrade(conn, to=1)
    conn.executescript(
        """
        BEGIN;
        INSERT INTO project (id, name, created_at) VALUES (1, 'Old study', '2025-01-02 03:04:05');
        INSERT INTO coder (id, guid, name, colour, created_at) VALUES (1, 'g-c', 'Ana', '#112233', '2025-01-02');
        INSERT INTO document (id, guid, name, kind, length, word_count, imported_at, text)
            VALUES (1, 'g-d', 'Interview 1', 'interview', 11, 2, '2025-01-02', 'Hello 😀 you');
        INSERT INTO code (id, guid, position, name, colour, is_codable, definition, inclusion, exclusion,
                          example, created_at)
            VALUES (1, 'g-k', 0, 'Greeting', '#AA0000', 1, '', '', '', '', '2025-01-02');
        INSERT INTO coding (id, guid, document_id, code_id, start, "end", coder_id, created_at, memo)
            VALUES (1, 'g-x', 1, 1, 0, 7, 1, '2025-01-02', '');
        COMMIT;
        """
    )
    conn.close()


def _fk_key(constraint: ForeignKeyConstraint) -> tuple[str, tuple[str, ...], str]:
    return (constraint.table.name, tuple(c.name for c in constraint.columns), constraint.referred_table.name)


def test_migrations_build_the_orm_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.axial"
    Project.create(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    # SQLAlchemy cannot read ON DELETE from a REFERENCES clause added by ALTER TABLE, so it reports such a key
    # as removed and re-added; the actions themselves are compared below, from SQLite's own account.
    removed = {_fk_key(d[1]) for d in differences if d[0] == "remove_fk"}
    added = {_fk_key(d[1]) for d in differences if d[0] == "add_fk"}
    assert removed == added
    # The search index is an FTS5 virtual table (with shadow tables SQLite makes), which no ORM model describes.
    search = [d for d in differences if d[0] == "remove_table" and d[1].name.startswith("search_")]
    shadows = {f"search_index{s}" for s in ("", "_data", "_idx", "_docsize", "_config")}
    assert {d[1].name for d in search} == {*shadows, "search_vocabulary"}
    assert [d for d in differences if d[0] not in ("remove_fk", "add_fk") and d not in search] == []

    conn = sqlite3.connect(path)
    stored = {
        (table, column, parent, on_delete)
        for table in Base.metadata.tables
        for _, _, parent, column, _, _, on_delete, _ in conn.execute(f'PRAGMA foreign_key_list("{table}")')
    }
    conn.close()
    declared = {
        (table.name, element.parent.name, element.column.table.name, element.ondelete or "NO ACTION")
        for table in Base.metadata.tables.values()
        for element in (e for fk in table.foreign_key_constraints for e in fk.elements)
    }
    assert stored == declared


def test_upgraded_file_has_the_same_schema_as_a_new_one(tmp_path: Path) -> None:
    old, new = tmp_path / "old.axial", tmp_path / "new.axial"
    _write_revision_1_file(old)
    Project.open(old, backups=0).close()
    Project.create(new).close()
    assert _schema(old) == _schema(new)


def test_revision_1_file_is_backed_up_then_upgraded_with_its_work_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.axial"
    _write_revision_1_file(path)
    original = hashlib.sha256(path.read_bytes()).hexdigest()

    with Project.open(path, coder="Ana", backups=0) as project:
        assert project.upgraded_from == 1
        assert project.info().schema_revision == migrations.HEAD
        [coding] = project.codings.for_document(1)
        assert project.documents.text(1)[coding.start : coding.end] == "Hello 😀"
        # Revision 2 seeded the paradigm model's relation types.
        assert "causal condition" in [t.name for t in project.relations.types()]

    [kept] = [p for p in backup_dir(path).iterdir() if "before upgrade from revision 1" in p.name]
    assert hashlib.sha256(kept.read_bytes()).hexdigest() != ""  # a real file...
    conn = sqlite3.connect(kept)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1  # ...holding the file as it was
    assert conn.execute("SELECT name FROM project").fetchone()[0] == "Old study"
    conn.close()
    assert original != hashlib.sha256(path.read_bytes()).hexdigest()


def test_failed_upgrade_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.axial"
    _write_revision_1_file(path)
    before = table_dump(path, skip=())
    broken = migrations.Revision(2, "broken", ("CREATE TABLE extra (id INTEGER)", "THIS IS NOT SQL"))
    monkeypatch.setattr(migrations, "REVISIONS", (migrations.REVISIONS[0], broken))
    with pytest.raises(Exception, match="could not be upgraded"):
        Project.open(path, backups=0)
    assert table_dump(path, skip=()) == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_file_from_a_newer_axial_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.axial"
    Project.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.HEAD + 1}")
    conn.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(TooNewProjectError, match="newer version of Axial"):
        Project.open(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
