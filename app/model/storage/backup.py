"""Rolling backups: a consistent copy of the project taken with SQLite's online backup, keeping the newest N."""

from __future__ import annotations

import glob
import sqlite3
from datetime import datetime
from pathlib import Path


def backup_dir(project: Path) -> Path:
    return project.with_name(f"{project.stem} backups")


def copy_database(source: Path | sqlite3.Connection, destination: Path) -> None:
    """Write a consistent snapshot of `source` to `destination` via a temporary name, so no half copy remains."""
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    src = (
        source
        if isinstance(source, sqlite3.Connection)
        else sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    )
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # A copy is a standalone file: no write-ahead log beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
        partial.replace(destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        if src is not source:
            src.close()


def rolling_backup(project: Path, keep: int, *, label: str = "") -> Path | None:
    """Copy `project` into its backup folder and prune all but the newest `keep` copies; `keep` 0 disables."""
    if keep <= 0:
        return None
    folder = backup_dir(project)
    folder.mkdir(exist_ok=True)
    # A copy cut short by a kill or a full disk: the project's lock is ours, so no other copy is under way.
    for leftover in folder.glob("*.partial"):
        leftover.unlink(missing_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d %H%M%S.%f")
    suffix = f" {label}" if label else ""
    destination = folder / f"{project.stem} {stamp}{suffix}.axial"
    copy_database(project, destination)
    prune(folder, project.stem, keep)
    return destination


def prune(folder: Path, stem: str, keep: int) -> None:
    # Timestamps in the names sort in time order; only the rolling copies (no label) are pruned.
    rolling = sorted(folder.glob(f"{glob.escape(stem)} ????-??-?? ??????.??????.axial"))
    for old in rolling[:-keep]:
        old.unlink(missing_ok=True)


def list_backups(project: Path) -> list[Path]:
    folder = backup_dir(project)
    return sorted(folder.glob("*.axial")) if folder.is_dir() else []
