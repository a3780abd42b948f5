"""A new project made from an import is built aside, in a hidden `.name.axial.partial` beside its destination, and
moved into place only when complete. A failure or a cancel removes the partial (with its lock, log and shared
memory); a kill leaves only hidden files, which the next attempt at the same destination clears. So a retry never
hears "already exists", and nothing half-made ever sits under the project's name."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from app.model.core.errors import ProjectFileError, ProjectLockedError
from app.model.project import Project
from app.model.storage.writer_lock import ProjectLock, lock_path

T = TypeVar("T")


def build_aside(destination: Path, name: str, fill: Callable[[Project], T]) -> tuple[Project, T]:
    """A new project named `name`, filled by `fill`, then opened at `destination` (which must not exist)."""
    partial = destination.with_name(f".{destination.name}.partial")
    _clear_stale(partial, destination)
    project = _create(partial, destination, name)
    try:
        try:
            result = fill(project)
        finally:
            project.close()
        _move_into_place(partial, destination)
    except BaseException:
        _remove(partial)
        raise
    return Project.open(destination, backups=0), result


def _clear_stale(partial: Path, destination: Path) -> None:
    """A partial project left by a killed import is removed; one another import is building is not touched."""
    if not partial.exists():
        _remove(partial)  # a lone lock, log or shared-memory file
        return
    try:
        lock = ProjectLock.acquire(partial)
    except ProjectLockedError:
        raise ProjectFileError(
            destination, "is being made by another import right now; wait for it to finish, or choose another name"
        ) from None
    _remove(partial, keep_lock=True)
    lock.release()


def _create(partial: Path, destination: Path, name: str) -> Project:
    """The empty project; if it was made but could not be opened, it is removed (one another import made in the
    meantime is not: that one holds its lock). Refusals name the destination, not the hidden partial."""
    try:
        return Project.create(partial, name=name)
    except BaseException as error:
        if partial.exists() and not lock_path(partial).exists():
            _remove(partial)
        if isinstance(error, ProjectFileError) and error.path == partial:
            raise ProjectFileError(destination, error.reason) from None
        raise


def _move_into_place(partial: Path, destination: Path) -> None:
    """Move the finished project to its name, never over a file that appeared there meanwhile."""
    log = partial.with_name(partial.name + "-wal")
    if log.exists() and log.stat().st_size > 0:
        raise ProjectFileError(destination, "could not be finished (its changes were not written into the file)")
    _remove(partial, keep_project=True)
    try:
        os.link(partial, destination)
    except FileExistsError:
        raise ProjectFileError(destination, "already exists; choose a new name or merge into it") from None
    except OSError:  # a file system without hard links (FAT, some network shares)
        if destination.exists():
            raise ProjectFileError(destination, "already exists; choose a new name or merge into it") from None
        os.replace(partial, destination)
        return
    partial.unlink()


def _remove(partial: Path, *, keep_project: bool = False, keep_lock: bool = False) -> None:
    """The partial project and the files SQLite and the lock keep beside it."""
    names = [f"{partial.name}-wal", f"{partial.name}-shm", f"{partial.name}-journal"]
    names += [] if keep_project else [partial.name]
    names += [] if keep_lock else [lock_path(partial).name]
    for name in names:
        partial.with_name(name).unlink(missing_ok=True)
