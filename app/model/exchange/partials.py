"""A REFI-QDA file is written into a hidden partial beside its target and renamed into place when whole
(`reports.atomic`). Every failure in the process removes the partial; a process killed while writing cannot, so
the next export into that folder removes such leftovers. A partial is locked while it is written, which tells a
leftover from one another window or process is writing at that moment."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

_PATTERNS = (".*.qdpx.partial", ".*.qdc.partial")


@contextmanager
def held(partial: Path) -> Iterator[BinaryIO]:
    """The partial, opened for writing and locked until it is closed."""
    with open(partial, "wb") as handle:
        _try_lock(handle.fileno())  # not had only if the same file is being exported twice at once: last one wins
        yield handle


def sweep(folder: Path) -> None:
    """Remove the partial REFI-QDA files in `folder` that nobody is writing (left by a killed export)."""
    for pattern in _PATTERNS:
        for leftover in folder.glob(pattern):
            with contextlib.suppress(OSError):
                descriptor = os.open(leftover, os.O_RDONLY)
                try:
                    if _try_lock(descriptor):
                        leftover.unlink()
                finally:
                    os.close(descriptor)


if sys.platform == "win32":

    def _try_lock(descriptor: int) -> bool:
        return True  # Windows refuses to remove a file another program has open, which protects it

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
