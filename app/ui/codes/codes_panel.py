"""The codes panel: the code tree with counts, a fuzzy filter, a context menu, and drag to move or to code."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QMenu, QTreeView, QVBoxLayout, QWidget

from app.ui.codes.code_tree_model import NAME, OWN, TOTAL, CodeFilter, CodeTreeModel
from app.ui.core.mnemonics import literal

SIZING_SAMPLE = 200
EXPAND_ALL_UP_TO = 400


def fit_code_columns(tree: QTreeView) -> None:
    """The name takes the room left by the counts, so both counts stay in view however narrow the tree."""
    header = tree.header()
    header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    header.setResizeContentsPrecision(SIZING_SAMPLE)  # sizing reads a sample, not every code
    # Counts are sized once, wide enough for six digits: sizing to contents re-measured rows after every coding.
    digits = tree.fontMetrics().horizontalAdvance("000000") + 16
    for column in (TOTAL, OWN):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, max(digits, header.sectionSizeHint(column), tree.sizeHintForColumn(column)))


class CodesPanel(QWidget):
    apply_requested = Signal(int)  # double-click: code the selection with this code
    new_child_requested = Signal(int)
    colour_requested = Signal(int)
    definition_requested = Signal(int)
    excerpts_requested = Signal(int)
    delete_requested = Signal(int)
    category_requested = Signal(list)  # create a category above these codes
    merge_requested = Signal(list, int)  # merge these codes into that one
    codable_requested = Signal(int, bool)
    current_changed = Signal(object)  # the current code id, or None

    def __init__(self, model: CodeTreeModel) -> None:
        super().__init__()
        self.model = model
        model.setParent(self)  # the panel owns its model: Qt frees both together, on the GUI thread
        self.read_only = False
        self.proxy = CodeFilter(self)
        self.proxy.setSourceModel(model)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter codes (fuzzy)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(False)
        fit_code_columns(self.tree)
        self.tree.setUniformRowHeights(True)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.selectionModel().currentChanged.connect(
            lambda current, _: self.current_changed.emit(self.code_id(current))
        )
        self.model.modelReset.connect(self._restore_expansion)
        self._expanded: set[int] = set()
        self.tree.expanded.connect(lambda index: self._remember(index, expanded=True))
        self.tree.collapsed.connect(lambda index: self._remember(index, expanded=False))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self._restore_expansion()

    def code_id(self, index: QModelIndex) -> int | None:
        node = self.model.node(self.proxy.mapToSource(index)) if index.isValid() else None
        return node.code.id if node else None

    def selected_ids(self) -> list[int]:
        """The selected codes, in tree order."""
        rows = self.tree.selectionModel().selectedRows(NAME)
        ids = [code_id for index in rows if (code_id := self.code_id(index)) is not None]
        order = {node.code.id: i for i, node in enumerate(self.model.nodes())}
        return sorted(ids, key=lambda code_id: order.get(code_id, 0))

    def current_code_id(self) -> int | None:
        return self.code_id(self.tree.currentIndex())

    def select(self, code_id: int) -> None:
        index = self.proxy.mapFromSource(self.model.index_of(code_id))
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def rename(self, code_id: int) -> None:
        self.select(code_id)
        self.tree.edit(self.tree.currentIndex())

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        if text:
            self.tree.expandAll()

    def _remember(self, index: QModelIndex, *, expanded: bool) -> None:
        code_id = self.code_id(index)
        if code_id is not None:
            (self._expanded.add if expanded else self._expanded.discard)(code_id)

    def _restore_expansion(self) -> None:
        if not self._expanded:
            # A new tree opens fully when it is small, by its categories when it is large.
            nodes = self.model.nodes()
            opened = [n for n in nodes if n.child_ids and (len(nodes) <= EXPAND_ALL_UP_TO or n.depth == 0)]
            self._expanded = {n.code.id for n in opened}
            if len(opened) == sum(1 for n in nodes if n.child_ids):
                self.tree.expandAll()
                return
        for code_id in self._expanded:
            index = self.proxy.mapFromSource(self.model.index_of(code_id))
            if index.isValid():
                self.tree.expand(index)
        current = self.current_code_id()
        if current is not None:
            self.select(current)

    def _double_clicked(self, index: QModelIndex) -> None:
        code_id = self.code_id(index)
        if code_id is not None:
            self.apply_requested.emit(code_id)

    def set_read_only(self) -> None:
        """A read-only project: codes can be looked at and their excerpts shown, nothing more."""
        self.read_only = True
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def _menu(self, point: QPoint) -> None:
        menu = self.menu_for(self.code_id(self.tree.indexAt(point)))
        if not menu.isEmpty():
            menu.popup(self.tree.viewport().mapToGlobal(point))

    def menu_for(self, code_id: int | None) -> QMenu:
        """The right-click menu on a code (or on the empty tree, `code_id` None)."""
        menu = QMenu(self)
        if self.read_only:
            if code_id is None:
                return menu
            menu.addAction("Show excerpts", lambda: self.excerpts_requested.emit(code_id))
            menu.addAction("Definition and criteria…", lambda: self.definition_requested.emit(code_id))
        elif code_id is None:
            menu.addAction("New code", lambda: self.new_child_requested.emit(-1))
        else:
            chosen = self.selected_ids() if code_id in self.selected_ids() else [code_id]
            clicked = self.model.node(self.model.index_of(code_id))
            name = clicked.code.name if clicked else ""
            if len(chosen) > 1:
                others = [c for c in chosen if c != code_id]
                menu.addAction(
                    f"Create category above these {len(chosen)} codes…", lambda: self.category_requested.emit(chosen)
                )
                merge = f"Merge the others into “{literal(name)}”…"
                menu.addAction(merge, lambda: self.merge_requested.emit(others, code_id))
                menu.addSeparator()
            else:
                menu.addAction("Create category above this code…", lambda: self.category_requested.emit(chosen))
            if clicked is not None:
                codable = clicked.code.is_codable
                menu.addAction(
                    "Make it a category (groups codes only)" if codable else "Make it a code (can be applied to text)",
                    lambda: self.codable_requested.emit(code_id, not codable),
                )
            menu.addAction("New sub-code…", lambda: self.new_child_requested.emit(code_id))
            menu.addAction("Rename", lambda: self.rename(code_id))
            menu.addAction("Colour…", lambda: self.colour_requested.emit(code_id))
            menu.addAction("Definition and criteria…", lambda: self.definition_requested.emit(code_id))
            menu.addAction("Show excerpts", lambda: self.excerpts_requested.emit(code_id))
            menu.addSeparator()
            menu.addAction("Delete…", lambda: self.delete_requested.emit(code_id))
        return menu
