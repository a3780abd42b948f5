"""Export coded excerpts: choose what to include and how to lay it out, then write Word, CSV or XLSX in a worker.

Every choice becomes one `ExcerptRequest`, the same object `axial export` builds, so the dialog holds no export
logic of its own. Nothing checked in a list means no restriction by it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.analysis.matrices import Scope, attribute_values
from app.model.core.dto import AttributeType
from app.model.core.errors import AxialError
from app.model.frameworks.definitions import in_framework_order
from app.model.project import Project
from app.model.reports.excerpt_outline import Grouping, Order, OutlineOptions
from app.model.reports.excerpts import Context, ExcerptFilter
from app.model.reports.export_request import ExcerptRequest, export_excerpts
from app.model.reports.paper import Paper
from app.ui.core import file_dialogs
from app.ui.core.file_dialogs import Purpose
from app.ui.core.scope_bar import RangeChoice
from app.ui.core.settings import paper_for_locale
from app.ui.core.workers import Job

ID = Qt.ItemDataRole.UserRole


class ExportExcerptsDialog(QDialog):
    exported = Signal(object)  # the path written
    export_failed = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export coded excerpts")
        self.project = project
        self.job: Job | None = None
        self.written: Path | None = None
        self._attributes = project.cases.attributes()
        self._framework = project.frameworks.default_id()
        self._build()
        self.resize(960, 640)

    # --- layout --------------------------------------------------------------------------------------------

    def _build(self) -> None:
        include = QTabWidget()
        self.codes = self._code_tree()
        self.constructs = self._construct_tree()
        self.documents = self._checklist(sorted((d.name, d.id) for d in self.project.documents.all()))
        self.sets = self._checklist([(g.name, g.id) for g in self.project.groups.all() if g.kind == "documents"])
        self.cases = self._attribute_tree()
        self.range = RangeChoice(self.project)
        self.range.fill()
        cases = QWidget()
        in_range = QHBoxLayout()
        in_range.addWidget(QLabel("and in a range of"))
        in_range.addWidget(self.range, 1)
        stacked_cases = QVBoxLayout(cases)
        stacked_cases.setContentsMargins(0, 0, 0, 0)
        stacked_cases.addWidget(self.cases, 1)
        stacked_cases.addLayout(in_range)
        self.coders = self._checklist([(c.name, c.id) for c in self.project.coders()])
        include.addTab(self.codes, "Codes")
        include.addTab(self.constructs, "Constructs")
        include.setTabEnabled(1, self._framework is not None)
        include.addTab(self.documents, "Documents")
        include.addTab(self.sets, "Sets")
        include.setTabEnabled(3, self.sets.count() > 0)
        include.addTab(cases, "Cases where")
        include.addTab(self.coders, "Coders")
        self.since, self.since_on = self._date("Coded from")
        self.until, self.until_on = self._date("Coded until")
        dates = QHBoxLayout()
        for widget in (self.since_on, self.since, self.until_on, self.until):
            dates.addWidget(widget)
        dates.addStretch(1)
        left = QGroupBox("What to include (nothing checked in a list: everything)")
        column = QVBoxLayout(left)
        column.addWidget(include, 1)
        column.addLayout(dates)

        self.grouping = QComboBox()
        self.grouping.addItem("Code tree (headings follow the tree)", Grouping.TREE)
        if self._framework is not None:
            self.grouping.addItem("CFIR: domain › construct › code", Grouping.FRAMEWORK)
        self.split_by = self._attribute_combo("(no second grouping)")
        self.order = QComboBox()
        self.order.addItem("Document order", (Order.DOCUMENT, None))
        self.order.addItem("Case", (Order.CASE, None))
        for attribute in self._attributes:
            self.order.addItem(attribute.name, (Order.ATTRIBUTE, attribute.id))
        self.context = QComboBox()
        self.context.addItem("No context", Context.NONE)
        self.context.addItem("The sentence around each excerpt", Context.SENTENCE)
        self.context.addItem("The speaker's whole turn", Context.TURN)
        self.shown = self._checklist([(a.name, a.id) for a in self._attributes])
        for index, attribute in enumerate(self._attributes):
            categorical = attribute.type in (AttributeType.CHOICE, AttributeType.TEXT)
            self.shown.item(index).setCheckState(Qt.CheckState.Checked if categorical else Qt.CheckState.Unchecked)
        self.shown.setMaximumHeight(110)
        self.unmapped = QCheckBox("List codes not mapped to the framework at the end")
        self.unmapped.setChecked(True)
        self.title = QLineEdit("Coded excerpts")
        self.paper = QComboBox()
        self.paper.addItem("A4", Paper.A4)
        self.paper.addItem("US Letter", Paper.LETTER)
        self.paper.setCurrentIndex(self.paper.findData(paper_for_locale()))
        right = QGroupBox("How to lay it out")
        form = QFormLayout()
        stacked = QVBoxLayout(right)
        stacked.addLayout(form)
        stacked.addStretch(1)
        form.addRow("Title", self.title)
        form.addRow("Group by", self.grouping)
        form.addRow("Then split by", self.split_by)
        form.addRow("Sort excerpts by", self.order)
        form.addRow("Context", self.context)
        form.addRow("Source lines show", self.shown)
        form.addRow("", self.unmapped)
        form.addRow("Paper (Word)", self.paper)

        self.progress = QProgressBar()
        self.progress.hide()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.word = QPushButton("Export to Word…")
        self.word.setDefault(True)
        self.word.clicked.connect(lambda: self._choose("Word document (*.docx)", ".docx"))
        self.table = QPushButton("Export as Table…")
        self.table.setToolTip("One row per excerpt, with its source, attributes, code path and constructs")
        self.table.clicked.connect(lambda: self._choose("Excel workbook (*.xlsx);;CSV (*.csv)", ".xlsx"))
        self.cancel = QPushButton("Cancel Export")
        self.cancel.hide()
        self.cancel.clicked.connect(self._cancel)
        self.open_file = QPushButton("Open File")
        self.open_file.hide()
        self.open_file.clicked.connect(self._open_written)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress)
        bottom.addWidget(self.status, 1)
        for button in (self.open_file, self.cancel, self.table, self.word, close):
            bottom.addWidget(button)
        columns = QHBoxLayout()
        columns.addWidget(left, 3)
        columns.addWidget(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

    def _checklist(self, entries: list[tuple[str, int]]) -> QListWidget:
        found = QListWidget()
        for name, entry_id in entries:
            item = QListWidgetItem(name)
            item.setData(ID, entry_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            found.addItem(item)
        return found

    def _code_tree(self) -> QTreeWidget:
        tree = self._tree("Code")
        items: dict[int, QTreeWidgetItem] = {}
        for node in self.project.codes.tree():
            parent = items.get(node.code.parent_id) if node.code.parent_id is not None else None
            items[node.code.id] = self._check_item(parent or tree.invisibleRootItem(), node.code.name, node.code.id)
        tree.expandAll()
        return tree

    def _construct_tree(self) -> QTreeWidget:
        tree = self._tree("Construct")
        if self._framework is None:
            return tree
        items: dict[int, QTreeWidgetItem] = {}
        for node in in_framework_order(self.project.frameworks.nodes(self._framework)):
            if node.hidden:
                continue
            parent = items.get(node.parent_id) if node.parent_id is not None else None
            items[node.id] = self._check_item(parent or tree.invisibleRootItem(), node.label, node.id)
        return tree

    def _attribute_tree(self) -> QTreeWidget:
        tree = self._tree("Attribute value")
        for attribute, values in attribute_values(self.project):
            top = QTreeWidgetItem(tree.invisibleRootItem(), [attribute.name])
            top.setData(0, ID, attribute.id)
            for value in values:
                self._check_item(top, value, value)
        tree.expandAll()
        return tree

    def _tree(self, header: str) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setHeaderLabels([header])
        tree.setUniformRowHeights(True)
        return tree

    def _check_item(self, parent: QTreeWidgetItem, text: str, data: object) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text])
        item.setData(0, ID, data)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Unchecked)
        return item

    def _attribute_combo(self, none: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(none, None)
        for attribute in self._attributes:
            combo.addItem(attribute.name, attribute.id)
        return combo

    def _date(self, label: str) -> tuple[QDateEdit, QCheckBox]:
        edit = QDateEdit(QDate.currentDate())
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        switch = QCheckBox(label)
        switch.toggled.connect(edit.setEnabled)
        return edit, switch

    # --- the request ---------------------------------------------------------------------------------------

    def request(self) -> ExcerptRequest:
        """The export chosen; `ValidationError` for a range typed badly."""
        values = []
        for top in _children(self.cases.invisibleRootItem()):
            chosen = frozenset(
                str(item.data(0, ID)) for item in _children(top) if item.checkState(0) == Qt.CheckState.Checked
            )
            if chosen:
                values.append((int(top.data(0, ID)), chosen))
        documents = _checked_list(self.documents)
        sets = _checked_list(self.sets)
        coders = _checked_list(self.coders)
        in_range = self.range.condition()
        scope = Scope(
            document_ids=frozenset(documents) if documents else None,
            set_ids=frozenset(sets) if sets else None,
            attribute_values=tuple(values),
            attribute_ranges=(in_range,) if in_range is not None else (),
            coder_ids=frozenset(coders) if coders else None,
            coded_from=self.since.date().toPython() if self.since_on.isChecked() else None,  # type: ignore[arg-type]
            coded_to=self.until.date().toPython() if self.until_on.isChecked() else None,  # type: ignore[arg-type]
        )
        order, order_attribute = self.order.currentData()
        return ExcerptRequest(
            wanted=ExcerptFilter(
                scope=scope, code_ids=tuple(_checked_tree(self.codes)), node_ids=tuple(_checked_tree(self.constructs))
            ),
            layout=OutlineOptions(
                grouping=self.grouping.currentData(),
                split_by=self.split_by.currentData(),
                order=order,
                order_attribute=order_attribute,
                include_unmapped=self.unmapped.isChecked(),
            ),
            context=self.context.currentData(),
            source_attributes=tuple(_checked_list(self.shown)),
            title=self.title.text().strip() or "Coded excerpts",
            paper=self.paper.currentData(),
        )

    # --- exporting -----------------------------------------------------------------------------------------

    def _choose(self, filters: str, suffix: str) -> None:
        try:
            self.request()  # a range typed badly is said before a file is asked for
        except AxialError as error:
            self.status.setText(str(error))
            return
        suggested = f"{self.project.path.stem} excerpts{suffix}"
        name = file_dialogs.save_name(
            self, "Export coded excerpts", Purpose.EXPORTS, suggested, filters, self.project.path
        )
        if name:
            self.export(Path(name))

    def export(self, path: Path) -> Job | None:
        """Write the export on a worker; `exported` or `export_failed` tells how it ended."""
        if self.job is not None:
            return None
        try:
            request = self.request()
        except AxialError as error:
            self.status.setText(str(error))
            self.export_failed.emit(str(error))
            return None
        job = Job(lambda progress: export_excerpts(self.project, path, request, progress), self)
        job.signals.progressed.connect(self._progressed)
        job.signals.finished.connect(self._done)
        job.signals.failed.connect(self._failed)
        self.job = job
        self.written = None
        self.open_file.hide()
        self.status.setText(f"Writing {path.name}…")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel.show()
        self.word.setEnabled(False)
        self.table.setEnabled(False)
        job.start()
        return job

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(message)

    def _cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText("Cancelling…")

    def _done(self, path: object) -> None:
        assert isinstance(path, Path)
        self._settle()
        self.written = path
        self.status.setText(f"Saved {path.name}")
        self.open_file.show()
        self.exported.emit(path)

    def _failed(self, message: str) -> None:
        self._settle()
        self.status.setText(message if message != "Cancelled." else "Export cancelled; no file was written.")
        self.export_failed.emit(message)

    def _settle(self) -> None:
        self.job = None
        self.progress.hide()
        self.cancel.hide()
        self.word.setEnabled(True)
        self.table.setEnabled(True)

    def _open_written(self) -> None:
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written)))

    def reject(self) -> None:
        if self.job is not None:
            self.job.cancel()  # the worker stops at its next check and removes its partial file
        super().reject()


def _checked_list(widget: QListWidget) -> list[int]:
    return [
        int(widget.item(i).data(ID))
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


def _checked_tree(tree: QTreeWidget) -> list[int]:
    """Checked items whose ancestors are not checked (a checked category already brings its sub-codes)."""
    found: list[int] = []
    stack = _children(tree.invisibleRootItem())
    while stack:
        item = stack.pop(0)
        if item.checkState(0) == Qt.CheckState.Checked:
            found.append(int(item.data(0, ID)))
        else:
            stack.extend(_children(item))
    return found


def _children(item: QTreeWidgetItem | None) -> list[QTreeWidgetItem]:
    if item is None:
        return []
    return [child for i in range(item.childCount()) if (child := item.child(i)) is not None]
