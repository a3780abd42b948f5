"""Exports are written whole or not at all: into a hidden partial file that is renamed over the target when done."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.model.core.errors import AxialError


class ExportError(AxialError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")


@contextmanager
def whole_or_nothing(path: Path) -> Iterator[Path]:
    """Yield the partial path to write; on success it replaces `path`, on failure it is removed."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        yield partial
        os.replace(partial, path)
    except PermissionError:
        partial.unlink(missing_ok=True)
        raise ExportError(path, "cannot be written; is it open in another program?") from None
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ExportError(path, f"cannot be written ({error.strerror})") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
