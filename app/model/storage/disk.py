"""What the disk under a project allows, and SQLite's storage failures turned into messages a researcher can act on.

SQLite reports a full disk, a failing or unplugged drive and damage as error codes on whatever statement met
them; `storage_errors` is the one place that turns those codes into Axial's errors, so no service, command or
window has to know them.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from app.model.core.errors import CorruptProjectError, DiskFullError, StorageError

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_NOTADB = 26
# What Python's sqlite3 says when a stored text is not UTF-8 (it raises this itself, with no SQLite code).
_UNDECODABLE = "Could not decode to UTF-8"

READ_ONLY_MEDIUM = "it is on a read-only disk or in a folder you cannot write to"


def writable_location(path: Path) -> bool:
    """Whether the project and its folder can be written: SQLite's log and Axial's lock live beside the file."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def translated(path: Path, error: BaseException) -> Exception | None:
    """The Axial error a storage failure stands for, or None when it is not one (a constraint, a query error)."""
    if isinstance(error, DBAPIError):
        error = error.orig if isinstance(error.orig, BaseException) else error
    if isinstance(error, OSError):
        return DiskFullError(path) if error.errno == errno.ENOSPC else None
    if not isinstance(error, sqlite3.Error):
        return None
    if str(error).startswith(_UNDECODABLE):
        return CorruptProjectError(
            path, "is damaged: some stored text is not valid UTF-8. Run 'axial check' to see where."
        )
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code == _SQLITE_FULL:
        return DiskFullError(path)
    if code == _SQLITE_IOERR:
        return StorageError(
            path, f"the disk could not be read or written ({error}); nothing was saved. Is the drive still there?"
        )
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return CorruptProjectError(path, f"is damaged ({error}). Run 'axial check', or restore a backup.")
    return None


@contextmanager
def storage_errors(path: Path) -> Iterator[None]:
    """Re-raise storage failures met inside the block as Axial errors; everything else passes untouched."""
    try:
        yield
    except (DBAPIError, sqlite3.Error, OSError) as error:
        mapped = translated(path, error)
        if mapped is None:
            raise
        raise mapped from error
