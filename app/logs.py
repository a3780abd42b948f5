"""A log file for what went wrong: `app.*` records go to a rotating file in the user's data folder.

Nothing touches the disk until something is logged, so a command that succeeds leaves no trace; a frozen build,
which has no console, keeps its errors there.
"""

from __future__ import annotations

import logging
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from app.user_folder import data_folder

FORMAT = "%(asctime)s %(levelname)s [%(process)d %(threadName)s] %(name)s: %(message)s"


def log_file() -> Path:
    return data_folder() / "logs" / "axial.log"


class _LazyFile(RotatingFileHandler):
    """Creates the folder when it first writes (`delay` already defers opening the file)."""

    def _open(self) -> TextIOWrapper:
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()


def start_logging(path: Path | None = None) -> Path:
    """Log `app.*` at INFO and above to `path` (the user's log file unless given); calling again moves the log."""
    path = path or log_file()
    logger = logging.getLogger("app")
    for old in [h for h in logger.handlers if isinstance(h, _LazyFile)]:
        logger.removeHandler(old)
        old.close()
    handler = _LazyFile(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path


def stop_logging() -> None:
    logger = logging.getLogger("app")
    for old in [h for h in logger.handlers if isinstance(h, _LazyFile)]:
        logger.removeHandler(old)
        old.close()
