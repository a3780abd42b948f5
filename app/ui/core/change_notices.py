"""Change notices from the services, delivered on the GUI thread as a Qt signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.model.core.changes import Changes
from app.model.project import Project


class ProjectEvents(QObject):
    """Emits `changed` after every committed change, whichever thread made it (queued onto the GUI thread)."""

    changed = Signal(object)

    def __init__(self, project: Project, parent: QObject) -> None:
        super().__init__(parent)
        self._unsubscribe = project.subscribe(self._relay)

    def _relay(self, changes: Changes) -> None:
        self.changed.emit(changes)

    def detach(self) -> None:
        self._unsubscribe()
        self.deleteLater()
