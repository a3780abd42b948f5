"""What can be learned about a file before SQLite is let near it, and the integrity check.

Everything here only reads: a file that fails a check is never modified.
"""

from __future__ import annotations

import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from app.model.core.errors import CorruptProjectError, NotAProjectError, TooNewProjectError

SQLITE_MAGIC = b"SQLite format 3\x00"
# Written into the file header (`PRAGMA application_id`) so Axial projects are recognised without a query.
AXIAL_APPLICATION_ID = 0x4158494C  # "AXIL"
HEADER_SIZE = 100


@dataclass(frozen=True)
class FileHeader:
    page_size: int
    page_count: int
    user_version: int
    application_id: int


def read_header(path: Path) -> FileHeader:
    """Parse the SQLite header; raise a `ProjectFileError` naming the reason when it is not ours or is cut short."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(HEADER_SIZE)
    except FileNotFoundError:
        raise NotAProjectError(path, "no such file") from None
    except IsADirectoryError:
        raise NotAProjectError(path, "is a folder, not a project file") from None
    except OSError as error:
        raise NotAProjectError(path, f"cannot be read ({error.strerror})") from None
    if not raw:
        raise NotAProjectError(path, "is empty, not an Axial project")
    if not raw.startswith(SQLITE_MAGIC[: len(raw)]) or len(raw) < len(SQLITE_MAGIC):
        raise NotAProjectError(path, "is not an Axial project (it is not a SQLite database)")
    if len(raw) < HEADER_SIZE:
        raise CorruptProjectError(path, "is damaged: the file is cut short (truncated header)")
    (page_size,) = struct.unpack(">H", raw[16:18])
    (page_count,) = struct.unpack(">I", raw[28:32])
    (user_version,) = struct.unpack(">I", raw[60:64])
    (application_id,) = struct.unpack(">I", raw[68:72])
    return FileHeader(
        page_size=65536 if page_size == 1 else page_size,
        page_count=page_count,
        user_version=user_version,
        application_id=application_id,
    )


def check_is_project(path: Path, head_revision: int) -> FileHeader:
    """Refuse foreign, truncated and too-new files, by the header alone."""
    header = read_header(path)
    if header.application_id != AXIAL_APPLICATION_ID:
        raise NotAProjectError(path, "is a SQLite database from another program, not an Axial project")
    if header.user_version > head_revision:
        raise TooNewProjectError(
            path,
            f"was saved by a newer version of Axial (file revision {header.user_version}; "
            f"this version reads up to {head_revision}). Update Axial to open it.",
        )
    size = path.stat().st_size
    has_wal = path.with_name(path.name + "-wal").exists()
    if size % header.page_size or (not has_wal and size < header.page_size * header.page_count):
        raise CorruptProjectError(path, "is damaged: the file is shorter than its header says (truncated)")
    return header


def integrity_problems(conn: sqlite3.Connection, *, thorough: bool = False) -> list[str]:
    """SQLite's own check of the b-trees (and foreign keys); an empty list means intact."""
    pragma = "integrity_check" if thorough else "quick_check"
    rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}")]
    problems = [row for row in rows if row != "ok"]
    problems += [
        f"{table} row {rowid} points to a missing {parent} row"
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")
    ]
    return problems


def database_uri(path: Path, *, read_only: bool, immutable: bool = False) -> str:
    """`immutable` is for files on read-only media: SQLite then needs no log or shared-memory file beside them."""
    return f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rw'}{'&immutable=1' if immutable else ''}"


def open_checked(path: Path, *, read_only: bool, immutable: bool = False) -> sqlite3.Connection:
    """A connection to an intact file; raise `CorruptProjectError` (file untouched) when SQLite finds damage."""
    uri = database_uri(path, read_only=read_only, immutable=immutable)
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise CorruptProjectError(path, f"cannot be opened ({error})") from None
    try:
        problems = integrity_problems(conn)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise CorruptProjectError(path, f"is damaged ({error})") from None
    if problems:
        conn.close()
        raise CorruptProjectError(path, f"is damaged: {problems[0]}")
    return conn
