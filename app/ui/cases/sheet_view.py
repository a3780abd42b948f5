"""How the classification sheet is sorted, filtered and edited: values sort by their type (numbers by size, dates
in time, choices in their order, missing last), a filter matches any cell, and choice and yes/no cells edit with a
list to pick from."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.model.cases.attribute_values import natural, sort_key
from app.model.core.dto import AttributeType
from app.ui.cases.sheet_model import NAME, CaseSheetModel

Index = QModelIndex | QPersistentModelIndex


class SheetFilter(QSortFilterProxyModel):
    def __init__(self, model: CaseSheetModel, parent: QObject) -> None:
        super().__init__(parent)
        self.setSourceModel(model)
        self.sheet = model
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802 (Qt's name)
        return bool(self._key(left) < self._key(right))

    def _key(self, index: Index) -> Any:
        shown = index.data(Qt.ItemDataRole.DisplayRole)
        attribute = self.sheet.attribute(index.column())
        if attribute is not None:
            return sort_key(shown, attribute.type, attribute.choices)
        if index.column() == NAME:
            return natural(str(shown))
        return int(shown)


class SheetDelegate(QStyledItemDelegate):
    """A list to pick from for choice and yes/no cells (with an empty entry to clear), a line to type otherwise."""

    def __init__(self, model: CaseSheetModel, parent: QObject) -> None:
        super().__init__(parent)
        self.sheet = model

    def _choices(self, index: Index) -> tuple[str, ...] | None:
        source = index.model()
        column = index.column()
        while isinstance(source, QSortFilterProxyModel):
            source = source.sourceModel()
        attribute = self.sheet.attribute(column) if source is self.sheet else None
        if attribute is None:
            return None
        if attribute.type is AttributeType.CHOICE:
            return attribute.choices
        if attribute.type is AttributeType.BOOLEAN:
            return ("yes", "no")
        return None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        choices = self._choices(index)
        if choices is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.addItems(["", *choices])
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findText(str(index.data(Qt.ItemDataRole.EditRole))), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
