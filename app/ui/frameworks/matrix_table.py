"""The framework matrix's grid, rated from the keyboard: no dialog per cell.

On a selected cell, `2 1 0` rate +2 +1 0, `+2 +1` and `-1 -2` (sign then digit) rate as written, `x` is mixed,
`m` missing, `n` not applicable, Delete takes the rating off; arrows move; Enter edits the rationale in place.
So a cell costs at most three key presses: a sign, a digit and an arrow.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from app.ui.frameworks.framework_matrix_model import FrameworkMatrixModel

LETTERS = {"x": "X", "m": "missing", "n": "na"}


class MatrixTable(QTableView):
    def __init__(self, model: FrameworkMatrixModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix_model = model
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # typing rates; Enter edits
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.horizontalHeader().setDefaultSectionSize(96)
        self.horizontalHeader().setMinimumSectionSize(40)
        self.verticalHeader().setDefaultSectionSize(26)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._sign = ""
        model.modelReset.connect(self.fit_columns)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Each column as wide as the longest word of its header needs: words are never cut."""
        header = self.horizontalHeader()
        metrics = header.fontMetrics()
        least = header.defaultSectionSize()
        for column in range(self.matrix_model.columnCount()):
            said = str(self.matrix_model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = max((metrics.horizontalAdvance(word) for word in said.split()), default=0)
            header.resizeSection(column, max(least, widest + 16))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        index = self.currentIndex()
        key, text = event.key(), event.text()
        if not index.isValid() or self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._sign = ""
            self.edit(index)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._sign = ""
            self.matrix_model.rate(index, None)
            return
        if text in ("+", "-"):
            self._sign = text
            return
        if text in ("0", "1", "2"):
            value = "0" if text == "0" else (self._sign or "+") + text
            self._sign = ""
            self.matrix_model.rate(index, value)
            return
        if text.lower() in LETTERS:
            self._sign = ""
            self.matrix_model.rate(index, LETTERS[text.lower()])
            return
        self._sign = ""
        super().keyPressEvent(event)
