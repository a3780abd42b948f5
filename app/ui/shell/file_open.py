"""Projects the system asks the running app to open (macOS sends a `QFileOpenEvent` on a double-click)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent


class FileOpener(QObject):
    """An application event filter that hands each opened file to `open_project`."""

    def __init__(self, open_project: Callable[[Path], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open = open_project

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if isinstance(event, QFileOpenEvent) and event.type() == QEvent.Type.FileOpen and event.file():
            self._open(Path(event.file()))
            return True
        return super().eventFilter(watched, event)
