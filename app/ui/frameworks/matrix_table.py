"""The framework matrix's grid, rated from the keyboard: no dialog per cell.

On a selected cell, `2 1 0` rate +2 +1 0, `+2 +1` and `-1 -2` (sign then digit) rate as written, `x` is mixed,
`m` missing, `n` not applicable, Delete takes the rating off, `f` flags the rating to discuss (or unflags it); arrows
move; Enter edits the rationale in place.
So a cell costs at most three key presses: a sign, a digit and an arrow. Rows and columns can be dragged into
another order and hidden from their header's menu.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTableView, QWidget

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
        self.hidden: set[int] = set()  # column ids the user hid; kept when the columns are read again
        self.hidden_rows: set[int] = set()  # unit ids likewise
        header = self.horizontalHeader()
        header.setSectionsMovable(True)  # drag a column to put it beside another
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        rows = self.verticalHeader()
        rows.setSectionsMovable(True)  # drag a site to put it beside another
        rows.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        rows.customContextMenuRequested.connect(self._row_menu)
        model.modelReset.connect(self.fit_columns)
        model.modelReset.connect(self._hide_rows)
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
            self.setColumnHidden(column, self.matrix_model.columns[column].id in self.hidden)

    def hide_column(self, column: int) -> None:
        self.hidden.add(self.matrix_model.columns[column].id)
        self.setColumnHidden(column, True)

    def show_columns(self) -> None:
        self.hidden.clear()
        for column in range(self.matrix_model.columnCount()):
            self.setColumnHidden(column, False)

    def hide_row(self, row: int) -> None:
        self.hidden_rows.add(self.matrix_model.units[row].id)
        self.setRowHidden(row, True)

    def show_rows(self) -> None:
        self.hidden_rows.clear()
        self._hide_rows()

    def _hide_rows(self) -> None:
        for row, unit in enumerate(self.matrix_model.units):
            self.setRowHidden(row, unit.id in self.hidden_rows)

    def _row_menu(self, position: QPoint) -> None:
        row = self.verticalHeader().logicalIndexAt(position)
        menu = QMenu(self)
        if row >= 0:
            menu.addAction("Hide This Row", lambda: self.hide_row(row))
        shown = menu.addAction("Show Hidden Rows", self.show_rows)
        shown.setEnabled(bool(self.hidden_rows))
        menu.popup(self.verticalHeader().mapToGlobal(position))

    def _header_menu(self, position: QPoint) -> None:
        column = self.horizontalHeader().logicalIndexAt(position)
        menu = QMenu(self)
        if column >= 0:
            menu.addAction("Hide This Column", lambda: self.hide_column(column))
        shown = menu.addAction("Show Hidden Columns", self.show_columns)
        shown.setEnabled(bool(self.hidden))
        menu.popup(self.horizontalHeader().mapToGlobal(position))

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
        if text.lower() == "f":
            self._sign = ""
            self.matrix_model.set_flag(index)
            return
        if text.lower() in LETTERS:
            self._sign = ""
            self.matrix_model.rate(index, LETTERS[text.lower()])
            return
        self._sign = ""
        super().keyPressEvent(event)
