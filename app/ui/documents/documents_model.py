"""The documents list: name, kind, cases (its own and its speakers'), words and codings, refreshed from change
notices."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from app.model.core.changes import Changes, Topic
from app.model.core.dto import DocumentInfo, GroupInfo
from app.model.documents.document_service import case_labels
from app.model.project import Project
from app.ui.core.column_titles import column_title

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Document", "Kind", "Case", "Words", "Codings")
NAME, KIND, CASE, WORDS, CODINGS = range(5)
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DocumentListModel(QAbstractTableModel):
    def __init__(self, project: Project, parent: QObject) -> None:
        super().__init__(parent)  # a parent frees it on the GUI thread; see app.ui.core.collector
        self._project = project
        self.project = project
        self._rows: list[DocumentInfo] = []
        self._case_names: dict[int, str] = {}
        self.sets: list[GroupInfo] = []  # the document sets, for filtering the list
        self.coders: frozenset[int] | None = None  # whose codings are counted (None: everyone's)
        self.reload()

    def set_coders(self, coders: frozenset[int] | None) -> None:
        """Count only these coders' codings (None: everyone's)."""
        if coders != self.coders:
            self.coders = coders
            self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._project.documents.all()
        if self.coders is not None:
            counts = self._project.documents.coding_counts([d.id for d in self._rows], self.coders)
            self._rows = [replace(d, coding_count=counts[d.id]) for d in self._rows]
        self._case_names = self._project.cases.names()
        self.sets = [g for g in self._project.groups.all() if g.kind == "documents" or g.document_ids]
        self.endResetModel()

    def on_changes(self, changes: Changes) -> None:
        if changes.topics == {Topic.CODINGS} and changes.coding_ids and self.coders is None:
            self._move_counts(dict(changes.document_deltas))  # the change says by how much, no need to count
        elif changes.topics == {Topic.CODINGS} and changes.document_ids:
            self._recount(changes.document_ids)  # a coding changed: only those documents' counts move
        elif changes.topics & {Topic.DOCUMENTS, Topic.CODINGS, Topic.CASES, Topic.CODES}:
            self.reload()

    def _recount(self, document_ids: Iterable[int]) -> None:
        counts = self._project.documents.coding_counts(document_ids, self.coders)
        for row, document in enumerate(self._rows):
            if document.id in counts and counts[document.id] != document.coding_count:
                self._rows[row] = replace(document, coding_count=counts[document.id])
                self.dataChanged.emit(self.index(row, CODINGS), self.index(row, CODINGS))

    def _move_counts(self, deltas: dict[int, int]) -> None:
        for row, document in enumerate(self._rows):
            if deltas.get(document.id):
                self._rows[row] = replace(document, coding_count=document.coding_count + deltas[document.id])
                self.dataChanged.emit(self.index(row, CODINGS), self.index(row, CODINGS))

    def document(self, row: int) -> DocumentInfo:
        return self._rows[row]

    def row_of(self, document_id: int) -> int | None:
        return next((row for row, doc in enumerate(self._rows) if doc.id == document_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        return column_title(HEADERS, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        doc = self._rows[index.row()]
        column = index.column()
        if role == DOCUMENT_ID_ROLE:
            return doc.id
        if role == Qt.ItemDataRole.DisplayRole:
            cases = self._cases(doc) if column == CASE else ""
            return (doc.name, doc.kind.label, cases, doc.word_count, doc.coding_count)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (WORDS, CODINGS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            source = f" from a .{doc.source_format} file" if doc.source_format else ""
            told = f"{doc.name}\n{doc.kind.label}{source}, imported {doc.imported_at:%Y-%m-%d}"
            cases = self._cases(doc)
            return f"{told}\nCases: {cases}" if cases else told
        return None

    def _cases(self, doc: DocumentInfo) -> str:
        return "; ".join(case_labels(doc, self._case_names))


class DocumentFilter(QSortFilterProxyModel):
    """Filters by name or case, case-insensitively, and by set; sorts by any column (numbers as numbers)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._only: set[int] | None = None
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(Qt.ItemDataRole.DisplayRole)

    def show_only(self, document_ids: set[int] | None) -> None:
        """Keep only these documents (a set's members); None shows every document."""
        self.beginFilterChange()
        self._only = document_ids
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 (Qt's name)
        if self._only is not None:
            index = self.sourceModel().index(source_row, 0, source_parent)
            if index.data(DOCUMENT_ID_ROLE) not in self._only:
                return False
        return super().filterAcceptsRow(source_row, source_parent)
