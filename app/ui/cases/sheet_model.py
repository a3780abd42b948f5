"""The classification sheet as a table: one row per case, its counts, then one column per attribute (computed ones
read-only). Editing a cell is one edit; change notices refresh the values in place, so sorting and selection stay."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.model.cases.attribute_values import label
from app.model.cases.case_counts import CaseCounts, case_counts
from app.model.cases.computed import Sheet, sheet
from app.model.core.changes import Changes, Topic
from app.model.core.dto import AttributeInfo, AttributeType, CaseInfo
from app.model.core.errors import AxialError
from app.model.history.edits import Edits
from app.model.project import Project

Index = QModelIndex | QPersistentModelIndex
FIXED = ("Case", "Documents", "Turns", "Codings")
NAME, DOCUMENTS, TURNS, CODINGS = range(len(FIXED))
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_NO_COUNTS = CaseCounts((), 0, 0)
_SHOWN_TYPE = {AttributeType.BOOLEAN: "yes/no"}
# The topics that can change what the sheet shows (codings move the counts; PROJECT: the coder went blind or
# compared, which changes whose codings are counted).
_TOPICS = {Topic.CASES, Topic.ATTRIBUTES, Topic.DOCUMENTS, Topic.CODINGS, Topic.PROJECT}


def type_name(kind: AttributeType) -> str:
    return _SHOWN_TYPE.get(kind, kind.value)


class CaseSheetModel(QAbstractTableModel):
    def __init__(self, project: Project, edits: Edits, report: Callable[[str], None], parent: QObject) -> None:
        super().__init__(parent)
        self._project = project
        self._edits = edits
        self._report = report
        self.sheet = Sheet((), (), {}, {})
        self.counts: dict[int, CaseCounts] = {}
        self.counts_stale = False  # codings changed since the counts were made (see `recount`)
        # Read when the panel first comes into view: counting a large project's cases cost half a second of
        # every opening, for a tab most sessions never show.
        self.loaded = False

    # --- reading -------------------------------------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self.sheet = sheet(self._project)
        self.counts = case_counts(self._project)
        self.counts_stale = False
        self.loaded = True
        self.endResetModel()

    def on_changes(self, changes: Changes) -> None:
        if not self.loaded or not changes.topics & _TOPICS:
            return
        if changes.topics == {Topic.CODINGS}:
            # Counting every case's codings again after each coding would slow coding down as a project grows:
            # the panel asks for `recount` when it is in view.
            self.counts_stale = True
            return
        fresh = sheet(self._project)
        same_shape = [c.id for c in fresh.cases] == [c.id for c in self.sheet.cases] and [
            a.id for a in fresh.attributes
        ] == [a.id for a in self.sheet.attributes]
        if not same_shape:
            self.reload()
            return
        # The same rows and columns: values change in place, so the view keeps its order, selection and editor.
        self.sheet = fresh
        self.counts = case_counts(self._project)
        self.counts_stale = False
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def recount(self) -> None:
        """Count the cases' documents, turns and codings again (after codings changed)."""
        self.counts = case_counts(self._project)
        self.counts_stale = False
        if self.rowCount():
            self.dataChanged.emit(self.index(0, DOCUMENTS), self.index(self.rowCount() - 1, CODINGS))

    def case(self, row: int) -> CaseInfo:
        return self.sheet.cases[row]

    def attribute(self, column: int) -> AttributeInfo | None:
        """The attribute shown in a column (None for the case's name and counts)."""
        at = column - len(FIXED)
        return self.sheet.attributes[at] if 0 <= at < len(self.sheet.attributes) else None

    def column_of(self, attribute_id: int) -> int | None:
        found = next((i for i, a in enumerate(self.sheet.attributes) if a.id == attribute_id), None)
        return None if found is None else found + len(FIXED)

    def row_of(self, case_id: int) -> int | None:
        return next((row for row, c in enumerate(self.sheet.cases) if c.id == case_id), None)

    def is_computed(self, column: int) -> bool:
        attribute = self.attribute(column)
        return attribute is not None and attribute.id in self.sheet.formulas

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.sheet.cases)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(FIXED) + len(self.sheet.attributes)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        attribute = self.attribute(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return FIXED[section] if attribute is None else attribute.name
        if role == Qt.ItemDataRole.ToolTipRole and attribute is not None:
            formula = self.sheet.formulas.get(attribute.id)
            told = f"{attribute.name}: {type_name(attribute.type)}"
            if attribute.choices:
                told += f" ({', '.join(attribute.choices)})"
            return f"{told}\nComputed: {formula}" if formula else told
        if role == Qt.ItemDataRole.FontRole and attribute is not None and attribute.id in self.sheet.formulas:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        writable = not self._project.read_only and not self.is_computed(index.column())
        if writable and (index.column() == NAME or self.attribute(index.column()) is not None):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.sheet.cases):
            return None
        case = self.sheet.cases[index.row()]
        column = index.column()
        attribute = self.attribute(column)
        if role == CASE_ID_ROLE:
            return case.id
        if attribute is None:
            return self._fixed(case, column, role)
        value = self.sheet.value(case.id, attribute.id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return "" if value is None else label(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and attribute.type is AttributeType.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and attribute.id in self.sheet.formulas:
            # A tint, not faded text: computed values must stay as readable as typed ones.
            return QApplication.palette().brush(QPalette.ColorRole.AlternateBase)
        if role == Qt.ItemDataRole.ToolTipRole and attribute.id in self.sheet.formulas:
            return f"Computed: {self.sheet.formulas[attribute.id]}"
        return None

    def _fixed(self, case: CaseInfo, column: int, role: int) -> Any:
        counts = self.counts.get(case.id, _NO_COUNTS)
        shown = (case.name, len(counts.document_ids), counts.turns, counts.codings)[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return shown
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME and case.description:
            return case.description
        return None

    # --- writing -------------------------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        editable = index.isValid() and self.flags(index) & Qt.ItemFlag.ItemIsEditable
        if role != Qt.ItemDataRole.EditRole or not editable:
            return False
        case = self.sheet.cases[index.row()]
        attribute = self.attribute(index.column())
        text = str(value).strip() if value is not None else ""
        try:
            if attribute is None:
                if text == case.name:
                    return False
                self._edits.rename_case(case.id, text)
            else:
                if text == self.data(index, Qt.ItemDataRole.EditRole):
                    return False  # left as it was: no step in the history
                self._edits.set_attribute_value(case.id, attribute.id, text or None)
        except AxialError as error:
            self._report(str(error))
            return False
        return True
