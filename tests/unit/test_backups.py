"""Rolling backups on open, a consistent 'save a copy', and a clean file after close."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.model.core.dto import NewDocument
from app.model.project import Project
from app.model.storage.backup import backup_dir, list_backups
from tests.conftest import table_dump


def _project_with_work(path: Path) -> None:
    with Project.create(path) as project:
        doc = project.documents.add(NewDocument(name="A", text="caseload talk 😀 here"))
        code = project.codes.create("Caseload")
        project.codings.apply(doc.id, code.id, 0, 8)


def test_each_open_takes_a_backup_and_only_the_newest_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "study.axial"
    _project_with_work(path)
    for _ in range(4):
        with Project.open(path, backups=2) as project:
            project.wait_for_backup()
            assert project.backup_error is None
            assert project.last_backup is not None
    kept = list_backups(path)
    assert len(kept) == 2
    assert all(p.parent == backup_dir(path) for p in kept)
    # A backup is a complete project with the same work in it.
    with Project.open(kept[-1], read_only=True) as copy:
        assert copy.info().codings == 1
    assert table_dump(kept[-1]) == table_dump(path)


def test_backups_can_be_switched_off(tmp_path: Path) -> None:
    path = tmp_path / "study.axial"
    _project_with_work(path)
    Project.open(path, backups=0).close()
    assert list_backups(path) == []


def test_save_a_copy_holds_the_current_state_and_work_goes_on_in_the_original(project: Project) -> None:
    doc = project.documents.add(NewDocument(name="A", text="words words"))
    copy = project.save_copy_as(project.path.with_name("copy.axial"))
    project.codes.create("After the copy")
    with Project.open(copy, read_only=True) as opened:
        assert opened.info().documents == 1
        assert opened.info().codes == 0
        assert opened.documents.text(doc.id) == "words words"
    assert project.info().codes == 1
    assert not copy.with_name("copy.axial.partial").exists()


def test_close_folds_the_log_into_the_file_and_releases_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "study.axial"
    _project_with_work(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.axial"]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM coding").fetchone()[0] == 1
    conn.close()


def test_pruning_copes_with_brackets_and_stars_in_the_project_name(tmp_path: Path) -> None:
    path = tmp_path / "Site [A] *pilot*.axial"
    _project_with_work(path)
    for _ in range(3):
        Project.open(path, backups=1).close()
    assert len(list_backups(path)) == 1
