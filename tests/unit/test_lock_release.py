"""Closing gives the project up cleanly: a write in progress on a worker finishes first, nothing writes after, and
the lock file goes away in an order every platform accepts (Windows refuses to delete a file that is open)."""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path
from types import TracebackType

import pytest
from sqlalchemy import update

from app.model.core.entities import ProjectMeta
from app.model.core.errors import ProjectLockedError, ReadOnlyError
from app.model.project import Project
from app.model.storage import writer_lock as lock_module
from app.model.storage.writer_lock import ProjectLock, lock_path

WAIT = 60  # seconds; a guard so a broken build fails instead of hanging, never a measure of speed


def _open_fds_on(path: Path) -> list[int]:
    """This process's file descriptors open on `path` (Linux)."""
    found = []
    for name in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{name}") == str(path):
                found.append(int(name))
        except OSError:
            continue  # the descriptor listdir itself used, closed by now
    return found


def _locked_by_someone(path: Path) -> bool:
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops the probe's own lock
    return False


def test_on_windows_the_file_is_closed_and_unlocked_before_it_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "study.axial"
    held = ProjectLock.acquire(project)
    path = lock_path(project)
    seen: list[tuple[list[int], bool, bytes]] = []
    real_unlink = os.unlink

    def unlink(target: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        if Path(target) == path:
            seen.append((_open_fds_on(path), _locked_by_someone(path), path.read_bytes()))
        real_unlink(target)

    monkeypatch.setattr(lock_module, "UNLINK_WHILE_HELD", False)
    monkeypatch.setattr(os, "unlink", unlink)
    held.release()
    assert seen == [([], False, b"")]
    assert not path.exists()


def test_on_windows_a_lock_file_that_cannot_be_removed_is_left_nameless_and_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "study.axial"
    path = lock_path(project)

    def refuse(target: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(lock_module, "UNLINK_WHILE_HELD", False, raising=False)
    monkeypatch.setattr(os, "unlink", refuse)
    ProjectLock.acquire(project).release()
    assert path.exists()
    assert not _locked_by_someone(path)
    monkeypatch.undo()
    again = ProjectLock.acquire(project)
    assert again.stale_owner is None  # a clean close is not mistaken for a crashed holder
    again.release()


def test_on_posix_the_file_is_removed_while_still_held_and_without_a_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "study.axial"
    held = ProjectLock.acquire(project)
    path = lock_path(project)
    seen: list[tuple[bool, bytes]] = []
    real_unlink = os.unlink

    def unlink(target: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        if Path(target) == path:
            seen.append((_locked_by_someone(path), path.read_bytes()))
        real_unlink(target)

    monkeypatch.setattr(lock_module, "UNLINK_WHILE_HELD", True)
    monkeypatch.setattr(os, "unlink", unlink)
    held.release()
    assert seen == [(True, b"")]
    assert _open_fds_on(path) == []


class _WatchedLock:
    """The store's write lock, telling when the closing thread asks for it."""

    def __init__(self, inner: threading.RLock, asked: threading.Event) -> None:
        self.inner, self.asked = inner, asked

    def __enter__(self) -> bool:
        if threading.current_thread().name == "closer":
            self.asked.set()
        return self.inner.__enter__()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.inner.__exit__(kind, error, trace)


def test_closing_waits_for_a_write_in_progress_and_refuses_any_after(tmp_path: Path) -> None:
    path = tmp_path / "busy.axial"
    project = Project.create(path, name="Study")
    writing, go, closing = threading.Event(), threading.Event(), threading.Event()
    project.store._write_lock = _WatchedLock(project.store._write_lock, closing)  # type: ignore[assignment]
    second_writer: list[str] = []

    def worker() -> None:
        with project.store.write("a long import") as tx:
            writing.set()
            assert go.wait(WAIT)
            try:
                ProjectLock.acquire(path).release()
                second_writer.append("got in")
            except ProjectLockedError:
                second_writer.append("refused")
            tx.session.execute(update(ProjectMeta).values(name="Written last"))

    def close() -> None:
        project.close()
        closing.set()  # the old close never asked for the write lock: it was simply done

    writer = threading.Thread(target=worker)
    writer.start()
    assert writing.wait(WAIT)
    closer = threading.Thread(target=close, name="closer")
    closer.start()
    assert closing.wait(WAIT)
    go.set()
    writer.join(WAIT)
    closer.join(WAIT)
    assert second_writer == ["refused"]  # the project stayed locked until the write was in
    with pytest.raises(ReadOnlyError, match="closed"):
        project.codes.create("Too late")
    assert not lock_path(path).exists()
    with Project.open(path, backups=0) as reopened:
        assert reopened.info().name == "Written last"
        assert reopened.codes.tree() == []
