"""The framework matrix window: units (sites or cases) by constructs or codes, rated from the keyboard, with the
chosen cell's excerpts, summary, rationale and the distinguishing aid beside it.

It replaces the ratings dialog's one modal dialog per cell. Every edit goes through `project.edits`, so Ctrl+Z here
(or Edit ▸ Undo in the main window) takes it back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.model.core.changes import Changes, Topic
from app.model.core.dto import AttributeType
from app.model.core.errors import AxialError
from app.model.frameworks.distinguishing import Cut, CutKind
from app.model.frameworks.framework_matrix import Columns
from app.model.project import Project
from app.ui.core import file_dialogs
from app.ui.core.file_dialogs import Purpose
from app.ui.core.settings import paper_for_locale
from app.ui.frameworks.cell_panel import CellPanel
from app.ui.frameworks.framework_matrix_model import ALL_ROWS, COLUMN_ROLE, UNIT_ROLE, FrameworkMatrixModel
from app.ui.frameworks.matrix_table import MatrixTable

EACH_CASE = -1  # the rows chooser's entry for rating individual cases rather than attribute values
RANGES = "ranges"  # the rows chooser's entries (RANGES, attribute id): a row per range of a number or date
HINT = (
    "Type 2 1 0 -1 -2 (or +2 +1), x mixed, m missing, n n/a; Delete clears; f flags to discuss; Enter writes the "
    "rationale. A cell shows its rating (⚑ flagged), (excerpts) and ✎ when it has a summary."
)
# PROJECT: the coder went blind or compared, which changes whose codings the cells count.
_RELOAD = {Topic.CODINGS, Topic.CODES, Topic.FRAMEWORKS, Topic.CASES, Topic.ATTRIBUTES, Topic.DOCUMENTS, Topic.PROJECT}


class FrameworkMatrixWindow(QDialog):
    excerpt_opened = Signal(int, int)  # document id, coding id

    def __init__(self, project: Project, framework_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Framework matrix")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.project, self.framework_id = project, framework_id
        self.model = FrameworkMatrixModel(project, framework_id)
        self.table = MatrixTable(self.model)
        self.panel = CellPanel(project, self.model)
        self.status = QLabel(HINT)
        self.model.refused.connect(self.status.setText)
        self.panel.refused.connect(self.status.setText)
        self.panel.excerpt_opened.connect(self.excerpt_opened)
        self.model.modelReset.connect(self._reselect)
        self.model.dataChanged.connect(lambda *_: self.panel.refresh())
        self.table.selectionModel().selectionChanged.connect(self._chosen)
        self._build_controls()
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([880, 480])
        layout = QVBoxLayout(self)
        layout.addLayout(self.rows_bar)
        layout.addLayout(self.compare_bar)
        layout.addWidget(split, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.summaries_button)
        layout.addLayout(bottom)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, self.redo)
        self.resize(1400, 820)
        self.table.setFocus()
        if self.model.rowCount() and self.model.columnCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    # --- the controls --------------------------------------------------------------------------------------

    def _build_controls(self) -> None:
        attributes = self.project.cases.attributes()
        self.unit_attribute = QComboBox()
        for attribute in attributes:
            if attribute.type in (AttributeType.TEXT, AttributeType.CHOICE, AttributeType.BOOLEAN):
                self.unit_attribute.addItem(attribute.name, attribute.id)
        for attribute in attributes:
            if attribute.type in (AttributeType.NUMBER, AttributeType.DATE):
                self.unit_attribute.addItem(f"ranges of {attribute.name}", (RANGES, attribute.id))
        self.unit_attribute.addItem("each case on its own", EACH_CASE)
        self.cuts = QLineEdit()
        self.cuts.setPlaceholderText("cut at, e.g. 20, 35")
        self.cuts.setToolTip(
            "Where one range ends and the next begins (numbers, or dates as 2024-06-01); empty: three ranges of "
            "about as many cases each"
        )
        self.unit_attribute.currentIndexChanged.connect(lambda _: self._ranges_chosen())
        make_units = QPushButton("Add these rows")
        make_units.setToolTip(
            "A row per value of the attribute (Site = A, B, …), per range of a number or date (Change ≥ 35) or per "
            "case; existing rows stay"
        )
        make_units.clicked.connect(self.make_units)
        self.group = QComboBox()
        self.group.setToolTip("Show every row, or one kind of them: the outcome's cut is taken among the rows shown")
        self.group.currentIndexChanged.connect(lambda _: self.model.set_group(self.group.currentData() or ALL_ROWS))
        self._fill_groups()
        self.documents = QComboBox()
        self.documents.setToolTip("Count the excerpts of every document, or of one set of documents")
        self.documents.addItem("all documents", None)
        for group in self.project.groups.all():
            if group.kind == "documents":
                self.documents.addItem(f"in {group.name}", frozenset(group.document_ids))
        self.documents.setVisible(self.documents.count() > 1)  # only once the project has a document set
        self.documents.currentIndexChanged.connect(lambda _: self.model.set_documents(self.documents.currentData()))
        self.kind = QComboBox()
        self.kind.addItem("constructs", Columns.CONSTRUCTS)
        self.kind.addItem("codes", Columns.CODES)
        self.kind.currentIndexChanged.connect(lambda _: self.model.set_kind(self.kind.currentData()))
        self.row_filter = QLineEdit()
        self.row_filter.setPlaceholderText("Filter rows")
        self.column_filter = QLineEdit()
        self.column_filter.setPlaceholderText("Filter columns")
        self.hide_empty = QCheckBox("Hide empty columns")
        for edit in (self.row_filter, self.column_filter):
            edit.setClearButtonEnabled(True)
            edit.textChanged.connect(lambda _: self._filter())
        self.hide_empty.toggled.connect(lambda _: self._filter())
        self.rows_bar = QHBoxLayout()
        shown: list[QWidget] = [
            QLabel("Rows:"), self.unit_attribute, self.cuts, make_units, QLabel("  Show:"), self.group,
            self.documents, QLabel("  Columns:"),
        ]  # fmt: skip
        for widget in [*shown, self.kind]:
            self.rows_bar.addWidget(widget)
        self.rows_bar.addStretch(1)
        for widget in [self.row_filter, self.column_filter, self.hide_empty]:
            self.rows_bar.addWidget(widget)

        self.outcome = QComboBox()
        self.outcome.addItem("(their own order)", None)
        self.cut = QComboBox()
        self.cut.addItem("median", (CutKind.MEDIAN, None, ""))
        self.cut.addItem("top k", (CutKind.TOP, None, ""))
        self.cut.addItem("at or above", (CutKind.THRESHOLD, None, ""))
        for attribute in attributes:
            if attribute.type in (AttributeType.NUMBER, AttributeType.BOOLEAN, AttributeType.CHOICE):
                self.outcome.addItem(attribute.name, attribute.id)
            if attribute.type is AttributeType.BOOLEAN:
                self.cut.addItem(f"{attribute.name} = yes", (CutKind.VALUE, attribute.id, "yes"))
            elif attribute.type is AttributeType.CHOICE:
                for choice in attribute.choices:
                    self.cut.addItem(f"{attribute.name} = {choice}", (CutKind.VALUE, attribute.id, choice))
        self.amount = QDoubleSpinBox()
        self.amount.setRange(-1e9, 1e9)
        self.amount.setDecimals(2)
        self.amount.setValue(3)
        self.amount.setToolTip("k for “top k”; the value for “at or above”")
        self.outcome.currentIndexChanged.connect(lambda _: self._compare())
        self.cut.currentIndexChanged.connect(lambda _: self._compare())
        self.amount.valueChanged.connect(lambda _: self._compare())
        self.compare_bar = QHBoxLayout()
        compare: list[QWidget] = [QLabel("Order rows by"), self.outcome, QLabel("  High and low:"), self.cut]
        for widget in [*compare, self.amount]:
            self.compare_bar.addWidget(widget)
        self.compare_bar.addWidget(QLabel("  The labels are an aid to the team's judgement, not a verdict."))
        self.compare_bar.addStretch(1)
        self.as_rater = QCheckBox("Rate as myself, beside the team")
        self.as_rater.setToolTip(
            "Keys write your own rating (shown first: mine | the team's); the team's agreed rating is left alone"
        )
        self.as_rater.toggled.connect(self.model.set_as_rater)
        self.compare_bar.addWidget(self.as_rater)
        self.export_button = QPushButton("Export Matrix…")
        self.export_button.setToolTip("The ratings matrix in Word (landscape, shaded, every rationale) or Excel")
        self.export_button.clicked.connect(lambda: self._choose_export(summaries=False))
        self.summaries_button = QPushButton("Export Site Summaries…")
        self.summaries_button.setToolTip("Per unit and construct: rating, rationale, summary and key quotes, in Word")
        self.summaries_button.clicked.connect(lambda: self._choose_export(summaries=True))
        self._compare()
        self._ranges_chosen()

    def _ranges_chosen(self) -> None:
        self.cuts.setVisible(isinstance(self.unit_attribute.currentData(), tuple))

    def make_units(self) -> None:
        chosen = self.unit_attribute.currentData()
        try:
            if isinstance(chosen, tuple):
                cuts = [c for c in self.cuts.text().replace(";", ",").split(",") if c.strip()]
                method = "cut points" if cuts else "quantiles"
                made = self.project.edits.add_range_units(chosen[1], method, cuts=cuts)
            else:
                made = self.project.edits.add_rating_units(None if chosen == EACH_CASE else chosen)
        except AxialError as error:
            self.status.setText(str(error))
            return
        self.model.reload()
        self._fill_groups(self.model.groups.get(made[0].id, ALL_ROWS) if made else ALL_ROWS)

    def _fill_groups(self, chosen: str | None = None) -> None:
        """Offer every row or one group of them; keep the group shown unless another is `chosen`."""
        wanted = self.model.group if chosen is None else chosen
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem("all rows", ALL_ROWS)
        for name in self.model.group_names():
            self.group.addItem(name, name)
        self.group.setCurrentIndex(max(0, self.group.findData(wanted)))
        self.group.blockSignals(False)
        if self.group.currentData() != self.model.group:
            self.model.set_group(self.group.currentData())

    def _filter(self) -> None:
        self.model.set_filters(
            self.row_filter.text(), self.column_filter.text(), hide_empty=self.hide_empty.isChecked()
        )

    def current_cut(self) -> Cut:
        kind, attribute_id, value = self.cut.currentData()
        self.amount.setEnabled(kind in (CutKind.TOP, CutKind.THRESHOLD))
        return Cut(kind, top=int(self.amount.value()), threshold=self.amount.value(), attribute_id=attribute_id,
                   value=value)  # fmt: skip

    def _compare(self) -> None:
        self.model.set_comparison(self.outcome.currentData(), self.current_cut())

    # --- the chosen cell -----------------------------------------------------------------------------------

    def _chosen(self, selected: QItemSelection, _: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            self.panel.show_cell(None, None)
            return
        self.panel.show_cell(indexes[0].data(UNIT_ROLE), indexes[0].data(COLUMN_ROLE))

    def _reselect(self) -> None:
        """After the rows or columns changed, keep the same cell chosen when it is still shown."""
        cell = self.panel.cell
        index = self.model.index_of(*cell) if cell else QModelIndex()
        if not index.isValid() and self.model.rowCount() and self.model.columnCount():
            index = self.model.index(0, 0)
        if index.isValid():
            self.table.setCurrentIndex(index)

    # --- changes, undo -------------------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        if changes.topics & _RELOAD:
            self.model.reload()
            self._fill_groups()
        elif Topic.RATINGS in changes.topics:
            self.model.reload_ratings()

    def undo(self) -> None:
        self._step(self.project.history.undo)

    def redo(self) -> None:
        self._step(self.project.history.redo)

    def _step(self, step: Callable[[], object]) -> None:
        try:
            done = step()
        except AxialError as error:
            self.status.setText(str(error))
            return
        if done is not None:
            self.model.reload()
            self._fill_groups()

    # --- export --------------------------------------------------------------------------------------------

    def _choose_export(self, *, summaries: bool) -> None:
        what = "site summaries" if summaries else "matrix"
        filters = "Word document (*.docx)" if summaries else "Word document (*.docx);;Excel workbook (*.xlsx)"
        name = file_dialogs.save_name(
            self, f"Export {what}", Purpose.EXPORTS, f"{self.project.path.stem} {what}.docx", filters,
            self.project.path,
        )  # fmt: skip
        if name:
            self.export(Path(name), summaries=summaries)

    def export(self, path: Path, *, summaries: bool = False) -> None:
        # Imported here, not at the top: python-docx costs a tenth of a second of each start of the desktop.
        from app.model.frameworks.ratings_matrix import RatingsMatrix
        from app.model.reports.ratings_docx import write_ratings_docx
        from app.model.reports.ratings_xlsx import write_ratings
        from app.model.reports.site_summaries_docx import write_site_summaries_docx

        outcome = self.outcome.currentText() if self.outcome.currentData() is not None else None
        # The kind of row shown is the kind exported (all rows when none is chosen).
        shown = [u.id for u in self.model.matrix.rows if self.model.group in (ALL_ROWS, self.model.groups[u.id])]
        outcome_id, cut = self.outcome.currentData(), self.current_cut()
        matrix = RatingsMatrix(self.project, self.framework_id, outcome_id, cut, shown)
        try:
            if summaries:
                write_site_summaries_docx(path, self.project, self.framework_id, paper_for_locale(), shown)
            elif path.suffix.lower() == ".docx":
                write_ratings_docx(path, matrix, self.project.info().name, outcome, paper_for_locale())
            else:
                write_ratings(path, matrix, outcome)
        except AxialError as error:
            self.status.setText(str(error))
            return
        self.status.setText(f"Saved {path.name}")
