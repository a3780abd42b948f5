"""The disk's edges: read-only media, a full disk, a damaged search index, foreign bytes in the text, leftovers.

Read-only media and full disks are real here when the test may mount (a read-only bind mount, a small tmpfs);
elsewhere those tests are skipped, and the logic they rely on is tested on its own below.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.model.core.dto import MemoTarget
from app.model.core.errors import AxialError, CorruptProjectError, DiskFullError, ProjectFileError, ReadOnlyError
from app.model.documents.importing import FilePlan, Importer
from app.model.project import Project
from app.model.search.searching import search
from app.model.storage import disk
from app.model.storage.writer_lock import lock_path

TRANSCRIPT = "Interviewer: How did supervision go?\nPat: Supervision helped with my caseload every week.\n"


def _mount(*args: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0


@contextlib.contextmanager
def _mounted(target: Path, *args: str) -> Iterator[bool]:
    target.mkdir()
    ok = _mount(*args, str(target))
    try:
        yield ok
    finally:
        if ok:
            subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


def _project_with_text(path: Path) -> Path:
    source = path.parent / "interview.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    with Project.create(path, coder="Tester") as project:
        report = Importer(project).run([FilePlan(source)])
        assert report.results[0].document_id is not None
    source.unlink()
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(("-wal", "-shm", "-lock")))


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a closed project, mounted read-only (as a CD, a locked share or a write-protected stick)."""
    source = tmp_path / "source"
    source.mkdir()
    _project_with_text(source / "study.axial")
    with _mounted(tmp_path / "ro", "--bind", str(source)) as ok:
        if not ok or not _mount("-o", "remount,bind,ro", str(tmp_path / "ro")):
            pytest.skip("this machine does not let the test mount a read-only folder")
        yield tmp_path / "ro"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with _mounted(tmp_path / "disk", "-t", "tmpfs", "-o", "size=3m", "tmpfs") as ok:
        if not ok:
            pytest.skip("this machine does not let the test mount a small disk")
        yield tmp_path / "disk"


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    # The suppression encloses the file: closing it flushes what the last write left buffered, which fails too.
    with contextlib.suppress(OSError), filler.open("wb") as handle:
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()
    return filler


class TestReadOnlyMedium:
    def test_info_and_check_read_a_healthy_file(self, read_only_folder: Path) -> None:
        with Project.open(read_only_folder / "study.axial", read_only=True) as project:
            assert project.info().documents == 1
            assert project.check() == []

    def test_opening_for_writing_opens_read_only_and_says_why(self, read_only_folder: Path) -> None:
        with Project.open(read_only_folder / "study.axial") as project:
            assert project.read_only
            assert "read-only disk" in project.read_only_because
            with pytest.raises(ReadOnlyError, match="read-only disk"):
                project.codes.create("Supervision")
        assert _leftovers(read_only_folder) == []

    def test_a_folder_that_cannot_be_written_counts_as_read_only(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = _project_with_text(tmp_path / "study.axial")
        monkeypatch.setattr("app.model.project.writable_location", lambda _: False)
        with Project.open(path) as project:
            assert project.read_only
            assert project.read_only_because == disk.READ_ONLY_MEDIUM
        assert not lock_path(path).exists()


def _write_until_refused(project: Project) -> None:
    for index in range(2000):  # the log has some slack: write until the disk says no
        project.memos.add(MemoTarget(), f"Note {index}", uuid.uuid4().hex * 256)
        project.codes.create(f"Code {index} " + uuid.uuid4().hex)


class TestFullDisk:
    def test_a_change_on_a_full_disk_is_refused_whole_and_works_once_space_is_freed(self, small_disk: Path) -> None:
        project = Project.open(_project_with_text(small_disk / "study.axial"), backups=0)
        try:
            before = project.info().codes
            filler = _fill(small_disk)
            with pytest.raises(DiskFullError, match="disk is full"):
                _write_until_refused(project)
            filler.unlink()
            created = project.codes.create("After space was freed")
            assert created.id
            assert project.info().codes >= before + 1
            assert project.check() == []
        finally:
            project.close()
        assert _leftovers(small_disk) == []

    def test_opening_on_a_full_disk_fails_cleanly_and_the_same_process_can_open_it_later(
        self, small_disk: Path
    ) -> None:
        path = _project_with_text(small_disk / "study.axial")
        filler = _fill(small_disk)
        with pytest.raises(AxialError):
            # A new coder needs a row written: the disk says no. (A coder already known opens read-write fine.)
            Project.open(path, coder="Someone new", backups=0).close()
        filler.unlink()
        with Project.open(path, coder="Someone new", backups=0) as project:
            assert not project.read_only
        assert _leftovers(small_disk) == []

    def test_the_lock_is_released_when_its_file_cannot_be_written(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = _project_with_text(tmp_path / "study.axial")
        real_write = os.write

        def full(fd: int, data: bytes) -> int:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("app.model.storage.writer_lock.os.write", full)
        with pytest.raises(ProjectFileError, match="disk is full"):
            Project.open(path, backups=0)
        monkeypatch.setattr("app.model.storage.writer_lock.os.write", real_write)
        with Project.open(path, backups=0) as project:
            assert not project.read_only


class TestDamagedSearchIndex:
    @pytest.fixture
    def damaged(self, tmp_path: Path) -> Path:
        path = _project_with_text(tmp_path / "study.axial")
        conn = sqlite3.connect(path)
        conn.execute("UPDATE search_index_data SET block = zeroblob(length(block)) WHERE id > 10")
        conn.commit()
        conn.close()
        return path

    def test_check_finds_it_read_only_too_and_rebuilding_mends_it(self, damaged: Path) -> None:
        with Project.open(damaged, read_only=True) as project:
            assert any("search index" in problem for problem in project.check())
        with Project.open(damaged, backups=0) as project:
            assert any("search index" in problem for problem in project.check())
            project.rebuild_search_index()
            assert project.check() == []
            hits = search(project, "caseload")
            assert len(hits.hits) == 1

    def test_close_succeeds_and_leaves_no_lock(self, damaged: Path) -> None:
        project = Project.open(damaged, backups=0)
        with contextlib.suppress(AxialError):
            search(project, "supervision")
        project.close()
        assert _leftovers(damaged.parent) == []
        Project.open(damaged, backups=0).close()


def test_text_that_is_not_utf8_is_found_by_check_and_is_a_message_not_a_crash(tmp_path: Path) -> None:
    path = _project_with_text(tmp_path / "study.axial")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE document SET text = CAST(X'4920776173206E6F7420FF20737572652E' AS TEXT)")
    conn.commit()
    conn.close()
    with Project.open(path, read_only=True) as project:
        assert any("not valid UTF-8" in problem for problem in project.check())
        with pytest.raises(CorruptProjectError, match="not valid UTF-8"):
            project.documents.text(project.documents.all()[0].id)


def test_a_backup_cut_short_is_cleaned_on_the_next_open(tmp_path: Path) -> None:
    path = _project_with_text(tmp_path / "study.axial")
    folder = tmp_path / "study backups"
    folder.mkdir()
    leftover = folder / "study 2026-01-01 120000.000000.axial.partial"
    leftover.write_bytes(b"half a copy")
    project = Project.open(path, backups=3)
    project.wait_for_backup()
    project.close()
    assert not leftover.exists()
    assert len(list(folder.glob("*.axial"))) == 1


def test_closing_leaves_only_the_project_file(tmp_path: Path) -> None:
    path = _project_with_text(tmp_path / "study.axial")
    with Project.open(path, backups=0) as project:
        project.codes.create("Supervision")
        with Project.open(path, read_only=True) as reader:
            assert reader.info().codes == 1
    assert _leftovers(tmp_path) == []


def test_axial_check_offers_and_makes_the_rebuild(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli.main import main

    path = _project_with_text(tmp_path / "study.axial")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE search_index_data SET block = zeroblob(length(block)) WHERE id > 10")
    conn.commit()
    conn.close()
    assert main(["check", str(path)]) == 1
    assert "axial check --rebuild-index" in capsys.readouterr().err
    assert main(["check", "--rebuild-index", str(path)]) == 0
    assert "intact" in capsys.readouterr().out
