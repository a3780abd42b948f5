"""Mapping codes onto the framework: the code tree beside the construct tree, drag codes onto constructs.

Each construct shows how many codes, codings, documents and cases stand behind it (with its subconstructs). Codes
that reach no construct are listed apart, each with three suggested constructs to accept in one click. A construct
can be renamed for the study, hidden, marked reverse rated, given study-specific constructs, and shown with its
excerpts, filtered by a case attribute.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from app.model.analysis.matrices import Analysis, Coded, Scope
from app.model.core.changes import Changes, Topic
from app.model.core.errors import AxialError
from app.model.frameworks.framework_map import FrameworkMap, NodeCounts
from app.model.history.edits import Edits
from app.model.project import Project
from app.ui.analysis.excerpts_window import ExcerptsWindow
from app.ui.codes.code_tree_model import CODE_IDS_MIME, CodeFilter, CodeTreeModel, decode_ids
from app.ui.codes.codes_panel import fit_code_columns
from app.ui.core.mnemonics import literal
from app.ui.core.tree_items import empty

_NODE_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Construct", "Codes", "Codings", "Documents", "Cases")


class ConstructTree(QTreeWidget):
    """The framework, taking codes dropped onto its constructs."""

    codes_dropped = Signal(list, int)

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderLabels(COLUMNS)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        # The construct takes the spare width; the counts stay side by side at the right, each as wide as it needs.
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            self.headerItem().setTextAlignment(column, Qt.AlignmentFlag.AlignRight)

    def _node_at(self, point: QPoint) -> int | None:
        item = self.itemAt(point)
        return None if item is None else item.data(0, _NODE_ROLE)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasFormat(CODE_IDS_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if event.mimeData().hasFormat(CODE_IDS_MIME) and self._node_at(event.position().toPoint()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        node_id = self._node_at(event.position().toPoint())
        ids = decode_ids(event.mimeData())
        if node_id is not None and ids:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.codes_dropped.emit(ids, node_id)


class MappingDialog(QDialog):
    excerpts_requested = Signal(str, list)
    excerpt_opened = Signal(int, int)  # document id, coding id: chosen in the dialog's excerpts window

    def __init__(
        self,
        project: Project,
        edits: Edits,
        code_tree: CodeTreeModel,
        framework_id: int,
        ask_text: Callable[[str, str, str], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project, self.edits, self.framework_id, self.ask_text = project, edits, framework_id, ask_text
        framework = next(f for f in project.frameworks.all() if f.id == framework_id)
        self.setWindowTitle(f"Map codes to {framework.name}")
        self.map = FrameworkMap(project, framework_id)
        # Kept on the dialog: a view does not own its model, and a model only a local held would be freed under it.
        self.code_filter = CodeFilter(self)
        self.code_filter.setSourceModel(code_tree)
        self.codes = QTreeView()
        self.codes.setModel(self.code_filter)
        self.codes.setDragEnabled(True)
        self.codes.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.codes.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.codes.expandAll()
        fit_code_columns(self.codes)
        self.constructs = ConstructTree()
        self.constructs.codes_dropped.connect(self.map_codes)
        self.constructs.currentItemChanged.connect(lambda *_: self._show_mapped())
        self.constructs.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.constructs.customContextMenuRequested.connect(self._menu)
        self.mapped = QListWidget()
        self.unmap_button = QPushButton("Unmap")
        self.unmap_button.clicked.connect(self._unmap_selected)
        self.unmapped = QListWidget()
        self.unmapped.currentItemChanged.connect(lambda *_: self._show_suggestions())
        self.suggestions = [QPushButton() for _ in range(3)]
        for button in self.suggestions:
            button.clicked.connect(lambda _=False, b=button: self._accept(b))
        self.filter_attribute = QComboBox()
        self.filter_value = QComboBox()
        self._fill_filters()
        self.status = QLabel("Drag codes from the left onto constructs; a category brings its sub-codes along.")
        self.excerpts_window = ExcerptsWindow(project, self)
        self.excerpts_window.excerpt_opened.connect(self.excerpt_opened)
        self._structure: tuple[tuple[int, int | None, int], ...] = ()
        self._items: dict[int, QTreeWidgetItem] = {}
        self._build()
        self.resize(1240, 760)
        self.refresh()

    def _build(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel("Codes"))
        left_layout.addWidget(self.codes, 1)
        left_layout.addWidget(QLabel("Not mapped to any construct (click one for suggestions):"))
        left_layout.addWidget(self.unmapped, 1)
        for button in self.suggestions:
            left_layout.addWidget(button)
        self.no_suggestion = QLabel("No construct shares a word with this code: drag it onto the one you choose.")
        self.no_suggestion.setWordWrap(True)
        self.no_suggestion.hide()
        left_layout.addWidget(self.no_suggestion)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.constructs, 3)
        row = QHBoxLayout()
        row.addWidget(QLabel("Mapped to the chosen construct:"))
        row.addStretch(1)
        excerpts = QPushButton("Show excerpts")
        excerpts.clicked.connect(self.show_excerpts)
        row.addWidget(QLabel("from cases where"))
        row.addWidget(self.filter_attribute)
        row.addWidget(QLabel("is"))
        row.addWidget(self.filter_value)
        row.addWidget(excerpts)
        right_layout.addLayout(row)
        right_layout.addWidget(self.mapped, 1)
        right_layout.addWidget(self.unmap_button)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([420, 820])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

    def _fill_filters(self) -> None:
        self.filter_attribute.addItem("(any)", None)
        for attribute in self.project.cases.attributes():
            self.filter_attribute.addItem(attribute.name, attribute.id)
        self.filter_attribute.currentIndexChanged.connect(self._fill_values)
        self.filter_value.addItem("(any)", None)

    def _fill_values(self) -> None:
        self.filter_value.clear()
        self.filter_value.addItem("(any)", None)
        attribute_id = self.filter_attribute.currentData()
        if attribute_id is not None:
            for value in Analysis(self.project).attribute_columns(attribute_id):
                self.filter_value.addItem(value, value)

    # --- showing -------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.current_node()
        self.map = FrameworkMap(self.project, self.framework_id)
        counts = self.map.counts()
        structure = tuple((n.id, n.parent_id, n.position) for n in sorted(self.map.nodes.values(), key=lambda n: n.id))
        # Rebuilding sends "current item changed" while items go: nothing may listen meanwhile.
        self.constructs.blockSignals(True)
        if structure != self._structure:
            self._structure = structure
            empty(self.constructs)
            self._items = {}
            children: dict[int | None, list[int]] = {}
            for node in sorted(self.map.nodes.values(), key=lambda n: n.position):
                children.setdefault(node.parent_id, []).append(node.id)

            def add(node_id: int, parent: QTreeWidgetItem | None) -> None:
                # Created with its parent, so Qt alone owns it.
                item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem(self.constructs)
                item.setData(0, _NODE_ROLE, node_id)
                for column in range(1, len(COLUMNS)):
                    item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
                self._items[node_id] = item
                for child in children.get(node_id, []):
                    add(child, item)

            for root in children.get(None, []):
                add(root, None)
            self.constructs.expandAll()
        for node_id, item in self._items.items():
            self._describe(item, node_id, counts[node_id])
        if current in self._items:
            self.constructs.setCurrentItem(self._items[current])
        self.constructs.blockSignals(False)
        self._fill_unmapped()
        self._show_mapped()

    def _describe(self, item: QTreeWidgetItem, node_id: int, count: NodeCounts) -> None:
        node = self.map.nodes[node_id]
        title = (
            f"{node.official_id} {node.study_name or node.name}" if node.official_id else node.study_name or node.name
        )
        if node.study_name:
            title += f"  [{node.name}]"
        for column, text in enumerate(
            (title, str(count.codes), str(count.codings), str(count.documents), str(count.cases))
        ):
            item.setText(column, text)
        item.setToolTip(0, "\n".join(x for x in (node.name, node.gist, node.definition) if x))
        font = QFont(item.font(0))
        font.setItalic(node.added_by_project)
        font.setBold(node.level == "domain")
        item.setFont(0, font)
        item.setForeground(0, QBrush(QColor(150, 150, 150)) if node.hidden else self.palette().text())

    def on_changes(self, changes: Changes) -> None:
        if changes.topics & {Topic.FRAMEWORKS, Topic.CODES, Topic.CODINGS}:
            self.refresh()

    def select_construct(self, node_id: int) -> None:
        iterator = QTreeWidgetItemIterator(self.constructs)
        while (item := iterator.value()) is not None:
            if item.data(0, _NODE_ROLE) == node_id:
                self.constructs.setCurrentItem(item)
                return
            iterator += 1

    def current_node(self) -> int | None:
        item = self.constructs.currentItem()
        return None if item is None else item.data(0, _NODE_ROLE)

    def _fill_unmapped(self) -> None:
        empty(self.unmapped)
        for node in self.map.unmapped():
            item = QListWidgetItem(" / ".join(node.path))
            item.setData(_NODE_ROLE, node.code.id)
            self.unmapped.addItem(item)
        self._show_suggestions()

    def _show_mapped(self) -> None:
        empty(self.mapped)
        node_id = self.current_node()
        if node_id is None:
            return
        names = {n.code.id: " / ".join(n.path) for n in self.map.tree}
        for code_id in sorted(self.map.codes_at(node_id, with_subconstructs=False), key=lambda c: names.get(c, "")):
            inherited = [m for m in self.map.mappings(code_id) if m.node_id == node_id and m.inherited_from is not None]
            label = names.get(code_id, "?") + ("   (through its category)" if inherited else "")
            item = QListWidgetItem(label)
            item.setData(_NODE_ROLE, None if inherited else code_id)
            self.mapped.addItem(item)

    def _show_suggestions(self) -> None:
        item = self.unmapped.currentItem()
        code_id = None if item is None else item.data(_NODE_ROLE)
        found = self.map.suggest([code_id])[code_id] if code_id is not None else []
        self.no_suggestion.setVisible(code_id is not None and not found)
        for button, suggestion in zip(self.suggestions, [*found, None, None, None], strict=False):
            if suggestion is None:
                button.hide()
                continue
            node = self.map.nodes[suggestion.node_id]
            button.setText(f"Map to {literal(node.label)}  (shares {suggestion.score:.0f}% of the code’s words)")
            button.setToolTip(
                "How much of the code's name and definition this construct's words cover, rare words counting more"
            )
            button.setProperty("mapping", (code_id, suggestion.node_id))
            button.show()

    # --- changing ------------------------------------------------------------------------------------------

    def map_codes(self, code_ids: list[int], node_id: int) -> None:
        try:
            self.edits.map_codes(code_ids, node_id)
        except AxialError as error:
            self.status.setText(str(error))

    def _accept(self, button: QPushButton) -> None:
        code_id, node_id = button.property("mapping")
        self.map_codes([code_id], node_id)

    def _unmap_selected(self) -> None:
        node_id = self.current_node()
        for item in self.mapped.selectedItems():
            code_id = item.data(_NODE_ROLE)
            if code_id is not None and node_id is not None:
                self.edits.unmap_code(code_id, node_id)

    def _menu(self, point: QPoint) -> None:
        item = self.constructs.itemAt(point)
        if item is None:
            return
        node = self.map.nodes[item.data(0, _NODE_ROLE)]
        menu = QMenu(self)
        menu.addAction("Call it in the study’s words…", lambda: self._rename(node.id, node.study_name or node.name))
        if node.level != "subconstruct":
            what = "construct" if node.level == "domain" else "subconstruct"
            menu.addAction(f"Add a study {what} under it…", lambda: self.add_under(node.id, what))
        menu.addAction("Show it" if node.hidden else "Hide it (not used in this study)",
                       lambda: self.edits.adapt_construct(node.id, hidden=not node.hidden))  # fmt: skip
        menu.addAction("Not reverse rated" if node.reverse_rated else "Reverse rated",
                       lambda: self.edits.adapt_construct(node.id, reverse_rated=not node.reverse_rated))  # fmt: skip
        menu.popup(self.constructs.viewport().mapToGlobal(point))

    def _rename(self, node_id: int, current: str) -> None:
        name = self.ask_text(
            "Construct in the study's words", "Name used in this study (empty: the official name):", current
        )
        if name is not None:
            self.edits.adapt_construct(node_id, study_name=name)

    def add_under(self, parent_id: int, what: str) -> None:
        """Ask for the name of a construct (or subconstruct) the study adds under `parent_id`, and add it."""
        name = self.ask_text(f"Study {what}", f"Name of the {what} this study adds:", "")
        if name and name.strip():
            try:
                self.edits.add_construct(self.framework_id, parent_id, name)
            except AxialError as error:
                self.status.setText(str(error))

    def scope(self) -> Scope:
        attribute_id, value = self.filter_attribute.currentData(), self.filter_value.currentData()
        if attribute_id is None or value is None:
            return Scope()
        return Scope(attribute_values=((attribute_id, frozenset({value})),))

    def show_excerpts(self) -> list[Coded]:
        node_id = self.current_node()
        if node_id is None:
            return []
        node = self.map.nodes[node_id]
        codings = self.map.excerpts(node_id, self.scope())
        self.excerpts_requested.emit(node.label, codings)
        self.excerpts_window.show_codings(node.label, codings)
        return codings
