"""The Edit menu's Undo and Redo over the open project's history (which the project itself keeps)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from app.model.core.errors import AxialError
from app.model.history.operations import History
from app.ui.core.mnemonics import literal


class UndoActions(QObject):
    def __init__(self, parent: QObject, report: Callable[[str], None]) -> None:
        super().__init__(parent)
        self._report = report
        self._history: History | None = None
        self.undo_action = QAction("&Undo", parent)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction("&Redo", parent)
        self.redo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        for action in (self.undo_action, self.redo_action):
            action.setEnabled(False)  # nothing to undo or redo until a project is open

    def attach(self, history: History | None) -> None:
        """Follow this project's history (None when no project is open)."""
        self._history = history
        self.refresh()

    def undo(self) -> None:
        self._step(undo=True)

    def redo(self) -> None:
        self._step(undo=False)

    def _step(self, *, undo: bool) -> None:
        if self._history is None:
            return
        label = self._history.undo_label() if undo else self._history.redo_label()
        try:
            if undo:
                self._history.undo()
            else:
                self._history.redo()
        except AxialError as error:
            self._report(f"Cannot {'undo' if undo else 'redo'} “{label}”: {error}")
        self.refresh()

    def refresh(self) -> None:
        """Name the next undo and redo, or grey them out (after every change, and on opening)."""
        history = self._history
        for action, verb, label in (
            (self.undo_action, "&Undo", history.undo_label() if history else None),
            (self.redo_action, "&Redo", history.redo_label() if history else None),
        ):
            text = f"{verb} {literal(label)}" if label else verb
            if action.text() != text:  # after every change: leave the menu alone when it reads the same
                action.setText(text)
                action.setEnabled(label is not None)
