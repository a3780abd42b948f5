"""The documents panel: a filterable, sortable list; choosing a document opens it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.documents.document_menu import DocumentMenu
from app.ui.documents.document_properties import DocumentProperties
from app.ui.documents.documents_model import DOCUMENT_ID_ROLE, NAME, DocumentFilter, DocumentListModel


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
        # Sets of documents made in other tools (NVivo sets, ATLAS.ti groups), shown only when there are any.
        self.sets = QComboBox()
        self.sets.setToolTip("Show the documents of one set")
        self.sets.currentIndexChanged.connect(self._set_chosen)
        model.modelReset.connect(self._fill_sets)
        self._fill_sets()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Sized to contents when the list is (re)filled, not after every coding: that re-measured rows each time.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setResizeContentsPrecision(200)  # sizing reads a sample of rows, not every document
        self._fit_columns()
        model.modelReset.connect(self._fit_columns)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        # A reload (after a rename, a new kind, a set) keeps the documents chosen, without opening them again.
        self._kept: list[int] = []
        self._restoring = False
        model.modelAboutToBeReset.connect(lambda: setattr(self, "_kept", self.selected_ids()))
        model.modelReset.connect(self._restore_selection)
        # How the panel asks and explains, and shows a dialog (tests answer in their place).
        self.ask_text: Callable[[str, str, str], str | None] = self._ask_text
        self.tell: Callable[[str, str], None] = self._tell
        self.run_dialog: Callable[[QDialog], bool] = lambda dialog: bool(dialog.exec())
        self.menu = DocumentMenu(
            model.project, lambda *a: self.ask_text(*a), lambda t, x: self.tell(t, x), self.show_properties
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu_at)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.sets)
        layout.addLayout(top)
        layout.addWidget(self.table)

    def _ask_text(self, title: str, label: str, default: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label, text=default)
        return text if ok else None

    def _tell(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def context_menu(self) -> QMenu:
        """The menu for the chosen documents (what a right-click shows)."""
        chosen = set(self.selected_ids())
        rows = range(self.model.rowCount())
        documents = [self.model.document(row) for row in rows if self.model.document(row).id in chosen]
        return self.menu.build(self, documents)

    def _menu_at(self, position: QPoint) -> None:
        self.context_menu().popup(self.table.viewport().mapToGlobal(position))

    def show_properties(self, document_id: int) -> None:
        """The document's properties; what is changed there is saved as one step."""
        dialog = DocumentProperties(self.model.project, document_id, self)
        if self.run_dialog(dialog):
            self.menu.run(dialog.save)
        dialog.deleteLater()

    def _fit_columns(self) -> None:
        """Columns fit their contents up to a limit, the name's the widest: a focus group's list of cases would
        otherwise squeeze every document's name to a few letters (tooltips have whole texts; the list scrolls)."""
        self.table.resizeColumnsToContents()
        letter = self.fontMetrics().horizontalAdvance("n")
        for column in range(self.proxy.columnCount()):
            widest = letter * (40 if column == NAME else 18)
            if self.table.columnWidth(column) > widest:
                self.table.setColumnWidth(column, widest)

    def _fill_sets(self) -> None:
        chosen = self.sets.currentData()
        self.sets.blockSignals(True)
        self.sets.clear()
        self.sets.addItem("All documents", None)
        for group in self.model.sets:
            self.sets.addItem(f"{group.name} ({len(group.document_ids)})", group.id)
        at = self.sets.findData(chosen) if chosen is not None else 0
        self.sets.setCurrentIndex(max(at, 0))
        self.sets.blockSignals(False)
        self.sets.setVisible(bool(self.model.sets))
        self._set_chosen()

    def _set_chosen(self) -> None:
        group_id = self.sets.currentData()
        group = next((g for g in self.model.sets if g.id == group_id), None)
        self.proxy.show_only(set(group.document_ids) if group is not None else None)

    def _restore_selection(self) -> None:
        self._restoring = True
        try:
            for document_id in self._kept:
                row = self.model.row_of(document_id)
                if row is not None:
                    index = self.proxy.mapFromSource(self.model.index(row, NAME, QModelIndex()))
                    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                    self.table.selectionModel().select(index, flags)
        finally:
            self._restoring = False

    def _selected(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        if self._restoring:
            return
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
