"""The documents panel: a filterable, sortable list; choosing a document opens it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from app.ui.models.documents import DOCUMENT_ID_ROLE, NAME, DocumentFilter, DocumentListModel


class DocumentsPanel(QWidget):
    document_opened = Signal(int)

    def __init__(self, model: DocumentListModel) -> None:
        super().__init__()
        self.model = model
        model.setParent(self)  # the panel owns its model: Qt frees both together, on the GUI thread
        self.proxy = DocumentFilter(self)
        self.proxy.setSourceModel(model)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter documents")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setResizeContentsPrecision(200)  # sizing reads a sample of rows, not every document
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)

    def _selected(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) == 1:
            self.document_opened.emit(int(rows[0].data(DOCUMENT_ID_ROLE)))

    def selected_ids(self) -> list[int]:
        return [int(index.data(DOCUMENT_ID_ROLE)) for index in self.table.selectionModel().selectedRows()]

    def select(self, document_id: int) -> None:
        row = self.model.row_of(document_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, NAME, QModelIndex()))
        if index.isValid() and self.selected_ids() != [document_id]:
            self.table.selectRow(index.row())
            self.table.scrollTo(index)
