"""Analysis views: code frequencies, a co-occurrence heat map, codes by a case attribute.

One filter bar (an attribute value, a coder, a set of documents, a range such as Change ≥ 5, the documents chosen
in the Documents panel) applies to every view. Codes × attribute counts by each value, or by ranges of a number or
date attribute.
Counting runs in a worker. Double-click a cell for the excerpts behind it; export any table to CSV or XLSX.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.model.analysis.matrices import NO_VALUE, Analysis, Coded, Matrix, Measure, Scope, Unit
from app.model.cases.attribute_values import parse_date
from app.model.cases.bins import Binnable, Bins, Method, attribute_bins
from app.model.cases.case_service import parse_number
from app.model.core.dto import AttributeType
from app.model.core.errors import AxialError, ValidationError
from app.model.project import Project
from app.model.reports.tables import write_table
from app.ui.analysis.excerpts_window import ExcerptsWindow
from app.ui.analysis.heat_legend import HeatLegend
from app.ui.analysis.matrix_model import MatrixModel
from app.ui.core import file_dialogs
from app.ui.core.file_dialogs import Purpose
from app.ui.core.scope_bar import RangeChoice
from app.ui.core.workers import Job

ALL = "(all)"
HINT = "Double-click a cell to see the excerpts behind it."
FREQUENCIES, COOCCURRENCE, BY_ATTRIBUTE = range(3)
# How a number or date attribute's values make columns: each value, or ranges (a method and how many).
RANGES: tuple[tuple[str, Method | None, int], ...] = (
    ("each value", None, 0),
    ("2 equal ranges", Method.EQUAL_WIDTH, 2),
    ("3 equal ranges", Method.EQUAL_WIDTH, 3),
    ("4 equal ranges", Method.EQUAL_WIDTH, 4),
    ("halves (median)", Method.QUANTILES, 2),
    ("thirds", Method.QUANTILES, 3),
    ("quartiles", Method.QUANTILES, 4),
    ("cut at…", Method.CUTS, 0),
)


class AnalysisDialog(QDialog):
    excerpts_requested = Signal(str, list)  # a title, the codings (Coded) behind a cell
    excerpt_opened = Signal(int, int)  # document id, coding id: chosen in the dialog's excerpts window
    computed = Signal()

    def __init__(
        self, project: Project, selected_documents: Callable[[], list[int]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("What goes with what")
        self.project = project
        self._selected_documents = selected_documents
        self.analysis: Analysis | None = None
        self.shown_bins: Bins | None = None  # the ranges the codes × attribute table was counted by
        self.job: Job | None = None
        self._nodes = {n.code.id: n for n in project.codes.tree()}
        self._attributes = project.cases.attributes()
        self._build()
        self.excerpts_window = ExcerptsWindow(project, self)
        self.excerpts_window.excerpt_opened.connect(self.excerpt_opened)
        self.resize(1100, 680)

    # --- layout --------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.filter_attribute = QComboBox()
        self.filter_value = QComboBox()
        self.filter_attribute.addItem(ALL, None)
        for attribute in self._attributes:
            self.filter_attribute.addItem(attribute.name, attribute.id)
        self.filter_attribute.currentIndexChanged.connect(self._fill_filter_values)
        self.filter_value.addItem(ALL, None)
        self.coder = QComboBox()
        self.coder.addItem("any coder", None)
        for coder in self.project.coders():
            self.coder.addItem(coder.name, coder.id)
        self.in_set = QComboBox()
        self.in_set.addItem("in any set", None)
        for group in project_sets(self.project):
            self.in_set.addItem(f"in {group[1]}", group[0])
        self.in_set.setVisible(self.in_set.count() > 1)
        self.in_range = RangeChoice(self.project)
        self.in_range.fill()
        self.in_range.changed.connect(self.compute)
        self.only_selected = QCheckBox("Only the documents selected in the Documents panel")
        scope = QHBoxLayout()
        scope.addWidget(QLabel("Cases where"))
        scope.addWidget(self.filter_attribute)
        scope.addWidget(QLabel("is"))
        scope.addWidget(self.filter_value)
        scope.addWidget(QLabel("coded by"))
        scope.addWidget(self.coder)
        scope.addWidget(self.in_set)
        scope.addWidget(self.in_range)
        scope.addWidget(self.only_selected)
        scope.addStretch(1)

        self.tabs = QTabWidget()
        self.models = [MatrixModel(self), MatrixModel(self), MatrixModel(self)]
        self.tables = []
        self.split_by = self._attribute_combo(with_none=True)
        self.unit = QComboBox()
        for unit in Unit:
            self.unit.addItem(unit.value, unit)
        self.codes_under = QComboBox()
        self.codes_under.addItem("Top-level codes and categories", None)
        for node in self._nodes.values():
            if node.child_ids:
                self.codes_under.addItem(f"Under {' / '.join(node.path)}", node.code.id)
        self.attribute = self._attribute_combo(with_none=False)
        self.measure = QComboBox()
        for measure in Measure:
            self.measure.addItem(measure.value, measure)
        self.ranges = QComboBox()
        for title, _, _ in RANGES:
            self.ranges.addItem(title)
        self.ranges.setToolTip("Columns for each value, or for ranges of a number or date attribute")
        self.cuts = QLineEdit()
        self.cuts.setPlaceholderText("5  or  0, 10, 20  or  2024-06-01")
        self.cuts.setToolTip("Where ranges start, separated by commas or spaces (for example 5: below 5, 5 and over)")
        self.cuts.editingFinished.connect(self.compute)
        self.attribute.currentIndexChanged.connect(lambda _: self._ranges_allowed())
        self.ranges.currentIndexChanged.connect(lambda _: self._ranges_allowed())
        by_attribute = [QLabel("Attribute"), self.attribute, QLabel("by"), self.ranges, self.cuts]
        options = [
            [QLabel("Split by"), self.split_by],
            [QLabel("Codes"), self.codes_under, QLabel("counted together when in"), self.unit],
            [*by_attribute, QLabel("counting"), self.measure],
        ]
        for title, model, row in zip(
            ("Frequencies", "Co-occurrence", "Codes × attribute"), self.models, options, strict=True
        ):
            page = QWidget()
            table = QTableView()
            table.setModel(model)
            table.setWordWrap(False)
            _compact_rows(table)
            table.doubleClicked.connect(self._open_cell)
            self.tables.append(table)
            bar = QHBoxLayout()
            for widget in row:
                bar.addWidget(widget)
            bar.addStretch(1)
            column = QVBoxLayout(page)
            column.addLayout(bar)
            column.addWidget(table, 1)
            self.tabs.addTab(page, title)
        for combo in (
            self.split_by,
            self.unit,
            self.codes_under,
            self.attribute,
            self.measure,
            self.ranges,
            self.filter_value,
            self.coder,
            self.in_set,
        ):
            combo.currentIndexChanged.connect(lambda _: self.compute())
        self.only_selected.toggled.connect(lambda _: self.compute())
        self.tabs.currentChanged.connect(lambda _: self.compute())

        self.progress = QProgressBar()
        self.progress.hide()
        self.status = QLabel(HINT)
        self.legend = HeatLegend()
        self.legend.hide()
        export = QPushButton("Export…")
        export.clicked.connect(self._choose_export)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        for button in (export, close):
            button.setAutoDefault(False)  # Return in the cut points counts again; it must not export or close
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.legend)
        bottom.addWidget(export)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(scope)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._ranges_allowed()

    def _ranges_allowed(self) -> None:
        """Ranges only for numbers and dates; cut points typed only when cutting."""
        attribute = next((a for a in self._attributes if a.id == self.attribute.currentData()), None)
        numeric = attribute is not None and attribute.type in (AttributeType.NUMBER, AttributeType.DATE)
        self.ranges.setEnabled(numeric)
        self.cuts.setVisible(numeric and RANGES[self.ranges.currentIndex()][1] is Method.CUTS)

    def bins(self) -> Bins | None:
        """The ranges chosen for the attribute's columns (None: a column for each value)."""
        _, method, count = RANGES[self.ranges.currentIndex()]
        attribute_id = self.attribute.currentData()
        if method is None or attribute_id is None or not self.ranges.isEnabled():
            return None
        cuts: list[Binnable] = []
        for word in self.cuts.text().replace(",", " ").split() if method is Method.CUTS else []:
            day, number = parse_date(word), parse_number(word)
            if day is not None:
                cuts.append(day)
            elif number is not None:
                cuts.append(number)
            else:
                raise ValidationError(f"{word!r} is not a number or a date to cut at.")
        return attribute_bins(self.project, attribute_id, method, count, cuts)

    def _attribute_combo(self, *, with_none: bool) -> QComboBox:
        combo = QComboBox()
        if with_none:
            combo.addItem("(nothing)", None)
        for attribute in self._attributes:
            combo.addItem(attribute.name, attribute.id)
        return combo

    def _fill_filter_values(self) -> None:
        self.filter_value.blockSignals(True)
        self.filter_value.clear()
        self.filter_value.addItem(ALL, None)
        attribute_id = self.filter_attribute.currentData()
        if attribute_id is not None:
            for value in Analysis(self.project).attribute_columns(attribute_id):
                self.filter_value.addItem(value, value)
        self.filter_value.blockSignals(False)
        self.compute()

    # --- computing -----------------------------------------------------------------------------------------

    def scope(self) -> Scope:
        attribute_id, value = self.filter_attribute.currentData(), self.filter_value.currentData()
        values = ((attribute_id, frozenset({value})),) if attribute_id is not None and value is not None else ()
        documents = frozenset(self._selected_documents()) if self.only_selected.isChecked() else None
        group = self.in_set.currentData()
        if group is not None:
            members = frozenset(self.project.groups.documents_in([group]))
            documents = members if documents is None else documents & members
        coder = self.coder.currentData()
        coders = frozenset({coder}) if coder is not None else None
        ranged = self.in_range.condition()
        ranges = (ranged,) if ranged is not None else ()
        return Scope(document_ids=documents, attribute_values=values, attribute_ranges=ranges, coder_ids=coders)

    def codes(self) -> list[int]:
        parent = self.codes_under.currentData() if self.tabs.currentIndex() == COOCCURRENCE else None
        if parent is not None:
            return [c for c in self._nodes if c != parent and parent in self._ancestors(c)]
        if self.tabs.currentIndex() == COOCCURRENCE:
            return [c for c, node in self._nodes.items() if node.code.parent_id is None]
        return list(self._nodes)

    def _ancestors(self, code_id: int) -> set[int]:
        found, parent = set(), self._nodes[code_id].code.parent_id
        while parent is not None:
            found.add(parent)
            parent = self._nodes[parent].code.parent_id
        return found

    def compute(self) -> None:
        if self.job is not None:
            return
        tab, codes = self.tabs.currentIndex(), self.codes()
        unit, split = self.unit.currentData(), self.split_by.currentData()
        attribute, measure = self.attribute.currentData(), self.measure.currentData()
        try:
            scope = self.scope()
            bins = self.bins() if tab == BY_ATTRIBUTE else None
        except AxialError as error:
            self.status.setText(str(error))
            return
        self.status.setText(HINT)
        self.shown_bins = bins

        def work(progress: Job) -> tuple[Analysis, Matrix]:
            analysis = Analysis(self.project, scope)
            if tab == FREQUENCIES:
                return analysis, analysis.frequencies(codes, split)
            if tab == COOCCURRENCE:
                return analysis, analysis.cooccurrence(codes, unit, progress)
            if attribute is None:
                return analysis, Matrix(tuple(codes), ())
            return analysis, analysis.by_attribute(codes, attribute, measure, bins)

        job = Job(work, self)
        job.signals.progressed.connect(self._progressed)
        job.signals.finished.connect(lambda result: self._show(tab, result))
        job.signals.failed.connect(self.status.setText)
        job.signals.failed.connect(lambda _: self._finish())
        self.job = job
        self.progress.setRange(0, 0)
        self.progress.show()
        job.start()

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _show(self, tab: int, result: object) -> None:
        assert isinstance(result, tuple)
        self.analysis, matrix = result
        rows = [" / ".join(self._nodes[c].path) for c in matrix.row_ids]
        if tab == COOCCURRENCE:
            columns = [self._nodes[int(c)].code.name for c in matrix.columns]
        else:
            columns = list(matrix.columns)
        self.models[tab].show(matrix, rows, columns, heat=tab != FREQUENCIES)
        self.tables[tab].resizeColumnsToContents()
        self.legend.set_top(self.models[tab].top)
        self.legend.setVisible(tab != FREQUENCIES)
        self._finish()
        if tab != self.tabs.currentIndex():
            self.compute()  # the user moved on while this was counting
        self.computed.emit()

    def _finish(self) -> None:
        self.job = None
        self.progress.hide()

    # --- cells and export ----------------------------------------------------------------------------------

    def _open_cell(self, index: QModelIndex) -> None:
        title, codings = self.cell(self.tabs.currentIndex(), index.row(), index.column())
        self.excerpts_requested.emit(title, codings)
        self.excerpts_window.show_codings(title, codings)

    def cell(self, tab: int, row: int, column: int) -> tuple[str, list[Coded]]:
        """The title and the codings behind a cell of a tab's table."""
        if self.analysis is None:
            return "", []
        model = self.models[tab]
        code_id = model.matrix.row_ids[row]
        key = model.matrix.columns[column]
        name = self._nodes[code_id].code.name
        if tab == COOCCURRENCE:
            other = int(key)
            codings = self.analysis.codings_together(code_id, other, self.unit.currentData())
            return f"{name} with {self._nodes[other].code.name}", codings
        attribute = self.split_by.currentData() if tab == FREQUENCIES else self.attribute.currentData()
        if key in (Measure.CODINGS.value, Measure.DOCUMENTS.value, Measure.CASES.value) and tab == FREQUENCIES:
            return name, self.analysis.codings_with_value(code_id, None, None)
        label = "no value" if key == NO_VALUE else key
        bins = self.shown_bins if tab == BY_ATTRIBUTE else None
        if bins is not None and attribute is not None:
            # A range's codings are those of every value that falls in it.
            values = [v for v in self.analysis.attribute_columns(attribute) if bins.label_of_shown(v) == key]
            found = {c.id: c for v in values for c in self.analysis.codings_with_value(code_id, attribute, v)}
            return f"{name}, {label}", list(found.values())
        return f"{name}, {label}", self.analysis.codings_with_value(code_id, attribute, key)

    def _choose_export(self) -> None:
        filters = "Excel workbook (*.xlsx);;CSV (*.csv)"
        name = file_dialogs.save_name(self, "Export table", Purpose.EXPORTS, "", filters, self.project.path)
        if name:
            self.export(Path(name))

    def export(self, path: Path) -> None:
        tab = self.tabs.currentIndex()
        model = self.models[tab]
        try:
            write_table(path, ["Code", *model.column_titles], model.rows(), sheet=self.tabs.tabText(tab))
        except AxialError as error:
            self.status.setText(str(error))
            return
        self.status.setText(f"Saved {path.name}")


def project_sets(project: Project) -> list[tuple[int, str]]:
    """The document sets a view can be narrowed to, (id, name) each."""
    return [(g.id, g.name) for g in project.groups.all() if g.kind == "documents"]


def _compact_rows(table: QTableView) -> None:
    """Rows one line of text high: the style's default row is nearly twice that, and long code lists need room."""
    rows = table.verticalHeader()
    height = table.fontMetrics().height() + 6
    rows.setMinimumSectionSize(height)
    rows.setDefaultSectionSize(height)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
