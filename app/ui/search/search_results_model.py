"""Search hits as a keyword-in-context table: document, speaker, paragraph, then the words before, the hit (bold)
and the words after, lined up on the hit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.model.search.searching import Hit
from app.ui.core.column_titles import column_title

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Document", "Speaker", "¶", "Before", "Hit", "After", "Likeness")
DOCUMENT, SPEAKER, PARAGRAPH, BEFORE, HIT, AFTER, LIKENESS = range(7)


class SearchResultsModel(QAbstractTableModel):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self._names: dict[int, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def show(self, hits: list[Hit], names: dict[int, str]) -> None:
        self.beginResetModel()
        self.hits, self._names = hits, names
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        return column_title(HEADERS, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit, column = self.hits[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self._names.get(hit.document_id, ""),
                hit.speaker or "",
                hit.paragraph,
                _one_line(hit.before),
                _one_line(hit.text),
                _one_line(hit.after),
                "exact" if hit.score >= 100 else f"{hit.score:.0f}",
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == BEFORE:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column in (PARAGRAPH, LIKENESS):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == HIT:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.before}{hit.text}{hit.after}"
        return None


def _one_line(text: str) -> str:
    return text.replace("\n", " ")
