"""A table model over an analysis `Matrix`: codes down the side, counts across, shaded as a heat map."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.model.analysis.matrices import Matrix
from app.ui.analysis.heat_colours import heat_colour, scale_top, text_colour

Index = QModelIndex | QPersistentModelIndex


class MatrixModel(QAbstractTableModel):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.matrix = Matrix((), ())
        self.row_titles: list[str] = []
        self.column_titles: list[str] = []
        self.heat = False
        self.top = scale_top(())  # the count shown darkest

    def show(self, matrix: Matrix, row_titles: list[str], column_titles: list[str], *, heat: bool) -> None:
        self.beginResetModel()
        self.matrix, self.row_titles, self.column_titles, self.heat = matrix, row_titles, column_titles, heat
        # The diagonal of a co-occurrence matrix is each code's own total: shading it would drown the rest.
        self.top = scale_top(v for (row, column), v in matrix.cells.items() if column != str(row))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.matrix.row_ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.matrix.columns)

    def value(self, row: int, column: int) -> int:
        return self.matrix.get(self.matrix.row_ids[row], self.matrix.columns[column])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = self.column_titles if orientation == Qt.Orientation.Horizontal else self.row_titles
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.value(index.row(), index.column())
        diagonal = self.matrix.columns[index.column()] == str(self.matrix.row_ids[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            return value if value else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.heat and value and not diagonal:
            return heat_colour(value, self.top)
        if role == Qt.ItemDataRole.ForegroundRole and self.heat and value and not diagonal:
            return text_colour(heat_colour(value, self.top))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.row_titles[index.row()]} × {self.column_titles[index.column()]}: {value}"
        return None

    def rows(self) -> list[list[str | int]]:
        """The table as rows for export, with the codes' titles first."""
        return [
            [self.row_titles[r], *(self.value(r, c) for c in range(self.columnCount()))] for r in range(self.rowCount())
        ]
