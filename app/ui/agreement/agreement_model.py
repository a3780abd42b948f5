"""The agreement table as a two-level tree: "All codes", then each code with its documents beneath it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.model.agreement.coefficients import Coefficients
from app.model.agreement.service import AgreementReport, CodeAgreement
from app.model.reports.agreement_columns import Column, columns, interval, shown

Index = QModelIndex | QPersistentModelIndex
TARGET_ROLE = Qt.ItemDataRole.UserRole + 1  # (code id, document id) of a row; None for "All codes"
_TOP = 0  # internal id of a top-level row; a document row's is its code's row + 1 (never 0)
_EXPLAINED = {
    "uα": "Krippendorff's unitizing α over characters: for a code, agreement on where its segments are and are "
    "not; for all codes, on the segments and the codes given them",
    "|uα": "Unitizing α of coded against not coded, over all codes",
    "cuα": "Unitizing α of the codes given where the coders' segments overlap, over all codes",
    "(k)uα": "How reliably this code is told from the others where the coders' segments overlap",
}


class AgreementModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report: AgreementReport | None = None
        self._columns: tuple[Column | None, ...] = ()  # None: α's interval, beside α

    def show(self, report: AgreementReport | None) -> None:
        self.beginResetModel()
        self.report = report
        self._columns = () if report is None else _ordered(columns(report))
        self.endResetModel()

    # --- shape ---------------------------------------------------------------------------------------------

    def _codes(self) -> tuple[CodeAgreement, ...]:
        return () if self.report is None else self.report.codes

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        if self.report is None:
            return 0
        if not parent.isValid():
            return 1 + len(self._codes())
        if parent.internalId() != _TOP or parent.column() != 0 or parent.row() == 0:
            return 0
        return len(self._codes()[parent.row() - 1].documents)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if self.report is None else 1 + len(self._columns)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(int(child.internalId()) - 1, 0, _TOP)

    # --- content -------------------------------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or self.report is None:
            return None
        titles = ["Code / document", *("α 95% CI" if c is None else c.title for c in self._columns)]
        if not 0 <= section < len(titles):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return _EXPLAINED.get(titles[section])
        return titles[section] if role == Qt.ItemDataRole.DisplayRole else None

    def _row(self, index: Index) -> tuple[str, Coefficients, tuple[int, int | None] | None]:
        assert self.report is not None
        if index.internalId() == _TOP:
            if index.row() == 0:
                return "All codes", self.report.overall, None
            code = self._codes()[index.row() - 1]
            return code.path, code.coefficients, (code.code_id, None)
        code = self._codes()[int(index.internalId()) - 2]  # the parent's row, less the "All codes" row
        cell = code.documents[index.row()]
        return cell.document, cell.coefficients, (code.code_id, cell.document_id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.report is None:
            return None
        name, figures, target = self._row(index)
        column = index.column()
        if role == TARGET_ROLE:
            return target
        if role == Qt.ItemDataRole.FontRole and target is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return name
        chosen = self._columns[column - 1]
        if chosen is None:
            return interval(figures.alpha_low, figures.alpha_high)
        return shown(chosen.value(figures), chosen.kind)


def _ordered(found: tuple[Column, ...]) -> tuple[Column | None, ...]:
    """The columns with α's two ends as one interval right after α."""
    kept: list[Column | None] = [c for c in found if not c.title.startswith("α 95%")]
    place = next(i for i, c in enumerate(kept) if c is not None and c.title == "Krippendorff's α") + 1
    return (*kept[:place], None, *kept[place:])
