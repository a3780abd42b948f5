"""The code tree as a Qt item model over the codes service: colours, counts, inline rename, drag to move."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPixmap

from app.model.codes.name_matching import filter_matches, filter_query
from app.model.core.changes import Changes, Topic
from app.model.core.dto import CodeNode
from app.model.core.errors import AxialError
from app.model.history.edits import Edits
from app.model.project import Project
from app.ui.core.column_titles import column_title

CODE_IDS_MIME = "application/x-axial-code-ids"
Index = QModelIndex | QPersistentModelIndex
NAME, TOTAL, OWN = range(3)
HEADERS = ("Code", "Codings", "Own")
CODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def encode_ids(ids: list[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(CODE_IDS_MIME, ",".join(map(str, ids)).encode())
    return mime


def decode_ids(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(CODE_IDS_MIME):
        return []
    return [int(part) for part in bytes(mime.data(CODE_IDS_MIME).data()).decode().split(",") if part]


class CodeTreeModel(QAbstractItemModel):
    def __init__(self, project: Project, edits: Edits, report: Any, parent: QObject) -> None:
        super().__init__(parent)  # a parent frees it on the GUI thread; see app.ui.core.collector
        self._project = project
        self._edits = edits
        self._report = report
        self._nodes: dict[int, CodeNode] = {}
        self._roots: list[int] = []
        self._row: dict[int, int] = {}
        self._icons: dict[str, QIcon] = {}
        self.coders: frozenset[int] | None = None  # whose codings are counted (None: everyone's)
        self.reload()

    # --- reading the service -------------------------------------------------------------------------------

    def set_coders(self, coders: frozenset[int] | None) -> None:
        """Count only these coders' codings (None: everyone's)."""
        if coders != self.coders:
            self.coders = coders
            self.reload()

    def reload(self) -> None:
        nodes = self._project.codes.tree(self.coders)
        shape = [(n.code.id, n.code.parent_id, n.child_ids) for n in nodes]
        same_shape = shape == [(n.code.id, n.code.parent_id, n.child_ids) for n in self._nodes.values()]
        if same_shape and self._nodes:
            # Only names, colours or counts changed: keep the view's expansion and selection, and repaint
            # just the rows that differ (a coding touches one code and its ancestors, not 1,500 rows).
            old, self._nodes = self._nodes, {n.code.id: n for n in nodes}
            for code_id, node in self._nodes.items():
                if old.get(code_id) != node:
                    self.dataChanged.emit(self.index_of(code_id), self.index_of(code_id, len(HEADERS) - 1))
            return
        self.beginResetModel()
        self._nodes = {n.code.id: n for n in nodes}
        self._roots = [n.code.id for n in nodes if n.code.parent_id is None]
        self._row = {}
        for siblings in [self._roots, *(n.child_ids for n in nodes)]:
            for row, code_id in enumerate(siblings):
                self._row[code_id] = row
        self.endResetModel()

    def on_changes(self, changes: Changes) -> None:
        if changes.topics == {Topic.CODINGS} and changes.code_ids and changes.code_ids <= self._nodes.keys():
            if changes.coding_ids and self.coders is None:  # the change says by how much each code's count moved
                deltas = dict(changes.code_deltas)
                self._recount({c: self._nodes[c].own_count + deltas.get(c, 0) for c in changes.code_ids})
            else:  # only those codes and their ancestors' counts move (by the counted coders' codings)
                self._recount(self._project.codes.own_counts(changes.code_ids, self.coders))
        elif changes.topics & {Topic.CODES, Topic.CODINGS, Topic.DOCUMENTS}:
            self.reload()

    def _recount(self, own: dict[int, int]) -> None:
        """Show these codes' own counts, and their ancestors' totals."""
        affected: set[int] = set()
        for code_id in own:
            current: int | None = code_id
            while current is not None and current not in affected:
                affected.add(current)
                current = self._nodes[current].code.parent_id
        # Deepest first, so each total is built from its children's new totals.
        for code_id in sorted(affected, key=lambda c: -self._nodes[c].depth):
            node = self._nodes[code_id]
            own_count = own.get(code_id, node.own_count)
            total = own_count + sum(self._nodes[child].total_count for child in node.child_ids)
            if (own_count, total) != (node.own_count, node.total_count):
                self._nodes[code_id] = replace(node, own_count=own_count, total_count=total)
                self.dataChanged.emit(self.index_of(code_id), self.index_of(code_id, len(HEADERS) - 1))

    def node(self, index: Index) -> CodeNode | None:
        return self._nodes.get(int(index.internalId())) if index.isValid() else None

    def nodes(self) -> list[CodeNode]:
        return list(self._nodes.values())

    def index_of(self, code_id: int, column: int = 0) -> QModelIndex:
        if code_id not in self._row:
            return QModelIndex()
        return self.createIndex(self._row[code_id], column, code_id)

    # --- structure -----------------------------------------------------------------------------------------

    def _children(self, parent: Index) -> list[int]:
        if not parent.isValid():
            return self._roots
        node = self._nodes.get(int(parent.internalId()))
        return list(node.child_ids) if node else []

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        children = self._children(parent)
        if not (0 <= row < len(children) and 0 <= column < len(HEADERS)):
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node(index)
        if node is None or node.code.parent_id is None:
            return QModelIndex()
        return self.index_of(node.code.parent_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return len(HEADERS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return self.rowCount(parent) > 0

    # --- data ----------------------------------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        return column_title(HEADERS, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        code, column = node.code, index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (code.name, node.total_count, node.own_count)[column]
        if role == CODE_ID_ROLE:
            return code.id
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return self._icon(code.colour)
        if role == Qt.ItemDataRole.FontRole and column == NAME and not code.is_codable:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = "Category (groups codes)" if not code.is_codable else "Code"
            lines = [f"{kind}: {' / '.join(node.path)}", f"{node.own_count} codings, {node.total_count} with sub-codes"]
            if code.definition:
                lines.append(code.definition)
            return "\n".join(lines)
        return None

    def _icon(self, colour: str) -> QIcon:
        if colour not in self._icons:
            pixmap = QPixmap(12, 12)
            pixmap.fill(QColor(colour))
            self._icons[colour] = QIcon(pixmap)
        return self._icons[colour]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == NAME:
            flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        node = self.node(index)
        if node is None or role != Qt.ItemDataRole.EditRole or index.column() != NAME:
            return False
        name = str(value).strip()
        if not name or name == node.code.name:
            return False
        try:
            self._edits.rename_code(node.code.id, name)
        except AxialError as error:
            self._report(str(error))
            return False
        return True

    # --- drag and drop -------------------------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CODE_IDS_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]  # noqa: N802
        ids = list(dict.fromkeys(int(i.internalId()) for i in indexes if i.isValid()))
        return encode_ids(ids)

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:  # noqa: N802
        target = self.node(parent)
        ids = decode_ids(data)
        if not ids:
            return False
        if target is None:
            return True
        # Not onto itself or into its own sub-codes.
        ancestors = set()
        node: CodeNode | None = target
        while node is not None:
            ancestors.add(node.code.id)
            node = self._nodes.get(node.code.parent_id) if node.code.parent_id is not None else None
        return not ancestors & set(ids)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:  # noqa: N802
        """Move the dragged codes under `parent` at `row` (the end if -1) through undoable edits.

        Returns False even when the move happened: the tree re-reads the service, and the view must not also
        remove the dragged rows itself, as it would after a successful move drop.
        """
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self.node(parent)
        parent_id = target.code.id if target else None
        ids = decode_ids(data)
        try:
            with self._edits.together("Move codes" if len(ids) > 1 else "Move code"):
                for offset, code_id in enumerate(ids):
                    self._edits.move_code(code_id, parent_id, None if row < 0 else row + offset)
        except AxialError as error:
            self._report(str(error))
        return False


class CodeFilter(QSortFilterProxyModel):
    """Shows codes whose name fuzzily matches the filter text, with the categories above them."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._query = ""
        self.setRecursiveFilteringEnabled(True)

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._query = filter_query(text)
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if not self._query:
            return True
        model = self.sourceModel()
        name = str(model.data(model.index(source_row, NAME, source_parent)) or "")
        return filter_matches(self._query, name)
