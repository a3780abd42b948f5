"""One writer per project, across processes.

Beside `study.axial` sits `study.axial-lock`, holding who has the project open. The claim itself is an OS advisory
lock on that file, which the OS drops when the holder exits or crashes: a lock file nobody holds is stale, and the
next opener takes it over. The file's text only serves to name the holder in the refusal message.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.model.core.errors import ProjectFileError, ProjectLockedError

# The byte range the OS lock covers: far past the text, so readers on Windows can still read who holds it.
_LOCK_OFFSET = 1 << 20
# Whether the OS lets a file be removed while it is open (POSIX does, Windows does not).
UNLINK_WHILE_HELD = sys.platform != "win32"


def lock_path(project: Path) -> Path:
    return project.with_name(project.name + "-lock")


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        return f"{self.user} on {self.host} (process {self.pid}, since {self.since})"

    @staticmethod
    def me() -> LockOwner:
        return LockOwner(
            user=_user_name(),
            host=socket.gethostname(),
            pid=os.getpid(),
            since=datetime.now().isoformat("T", "seconds"),
        )


class ProjectLock:
    """Held from `acquire` to `release`; `stale_owner` names a crashed holder this lock replaced, if any."""

    def __init__(self, fd: int, path: Path, stale_owner: LockOwner | None) -> None:
        self._fd: int | None = fd
        self.path = path
        self.stale_owner = stale_owner

    @classmethod
    def acquire(cls, project: Path) -> ProjectLock:
        """Claim the project; a disk that refuses the lock file is a `ProjectFileError`, with nothing left open."""
        try:
            return cls._acquire(project)
        except OSError as error:
            reason = "the disk is full" if error.errno == errno.ENOSPC else (error.strerror or str(error))
            raise ProjectFileError(
                project, f"cannot be opened for writing: its lock file cannot be written ({reason})"
            ) from error

    @classmethod
    def _acquire(cls, project: Path) -> ProjectLock:
        path = lock_path(project)
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_os_lock(fd):
                holder = _read_owner(fd)
                os.close(fd)
                raise ProjectLockedError(project, holder.describe() if holder else "another Axial window")
            if _still_at(path, fd):
                break
            # The holder released and removed the file between our open and our lock: try the new file.
            _os_unlock(fd)
            os.close(fd)
        try:
            stale = _read_owner(fd)
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, json.dumps(LockOwner.me().__dict__).encode())
        except OSError:
            with contextlib.suppress(OSError):
                path.unlink()
            _os_unlock(fd)
            os.close(fd)
            raise
        return cls(fd, path, stale)

    def release(self) -> None:
        """Clear our name, give up the claim and remove the file, in the order the platform allows.

        The name goes first, while still held, so nobody reads it once we are gone (and a file left behind does
        not pass for a crashed holder). On POSIX the file is unlinked while held: unlinked after, a newcomer that
        locked it in between would be left holding a file no longer there, and a third opener would create a new
        one, a second writer. Windows refuses to delete a file that is open, so there the file is closed first;
        if another opener has it open by then, the delete fails and the empty file stays, harmless without the
        OS lock (that opener's own claim is on this very file).
        """
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        if UNLINK_WHILE_HELD:
            _unlink(self.path)
        _os_unlock(fd)
        os.close(fd)
        if not UNLINK_WHILE_HELD:
            _unlink(self.path)


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _read_owner(fd: int) -> LockOwner | None:
    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, 4096)
    try:
        data = json.loads(raw.decode())
        return LockOwner(user=str(data["user"]), host=str(data["host"]), pid=int(data["pid"]), since=str(data["since"]))
    except (ValueError, KeyError, TypeError):
        return None


def _still_at(path: Path, fd: int) -> bool:
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown user"


if sys.platform == "win32":
    import msvcrt

    def _try_os_lock(fd: int) -> bool:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _os_unlock(fd: int) -> None:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_os_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _os_unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
