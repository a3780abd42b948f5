"""Rating constructs per unit (site or case): the matrix, ordered by an outcome, with advisory comparisons.

Units are the values of a case attribute (usually Site) or individual cases. Each cell holds a rating (+2 … -2, X mixed,
missing, n/a) with its rationale; every edit can be undone. The advisory column compares high- and low-outcome
units to help the team's judgement; it is not a verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.core.changes import Changes, Topic
from app.model.core.dto import RATING_VALUES, AttributeType
from app.model.core.errors import AxialError
from app.model.frameworks.ratings_matrix import RatingsMatrix
from app.model.history.edits import Edits
from app.model.project import Project
from app.ui.core import file_dialogs
from app.ui.core.file_dialogs import Purpose
from app.ui.core.settings import paper_for_locale

COLOURS = {"+2": "#1a9850", "+1": "#91cf60", "0": "#e0e0e0", "-1": "#fc8d59", "-2": "#d73027", "X": "#b2abd2"}
LABELS = {"missing": "missing", "na": "n/a"}
EACH_CASE = -1  # the unit chooser's entry for rating individual cases rather than attribute values


class RatingEditor(QDialog):
    def __init__(
        self,
        title: str,
        value: str,
        rationale: str,
        flag: str,
        linked: int,
        offered: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.value = QComboBox()
        for option in RATING_VALUES:
            self.value.addItem(LABELS.get(option, option), option)
        self.value.setCurrentIndex(max(0, self.value.findData(value)))
        self.rationale = QPlainTextEdit(rationale)
        self.flag = QLineEdit(flag)
        self.flag.setPlaceholderText("e.g. low confidence, to discuss")
        form = QFormLayout(self)
        form.addRow("Rating", self.value)
        form.addRow("Rationale", self.rationale)
        form.addRow("Flag", self.flag)
        self.link = QCheckBox(
            f"Link the {offered} excerpts chosen in the Excerpts panel as its evidence"
            + (f" (now {linked} linked)" if linked else "")
        )
        self.link.setEnabled(offered > 0)
        self.link.setChecked(offered > 0 and not linked)
        form.addRow("Evidence", self.link)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(480, 320)


class RatingsDialog(QDialog):
    def __init__(
        self,
        project: Project,
        edits: Edits,
        framework_id: int,
        chosen_excerpts: Callable[[], list[int]] = list,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ratings by construct")
        self.project, self.edits, self.framework_id = project, edits, framework_id
        self.chosen_excerpts = chosen_excerpts  # coding ids chosen in the Excerpts panel, offered as evidence
        self.matrix = RatingsMatrix(project, framework_id)
        self.unit_attribute = QComboBox()
        self.outcome = QComboBox()
        self.outcome.addItem("(no outcome)", None)
        for attribute in project.cases.attributes():
            # Units come from categories; a number or a date would make a column per distinct value.
            if attribute.type in (AttributeType.TEXT, AttributeType.CHOICE, AttributeType.BOOLEAN):
                self.unit_attribute.addItem(attribute.name, attribute.id)
            self.outcome.addItem(attribute.name, attribute.id)
        self.unit_attribute.addItem("each case on its own", EACH_CASE)
        make_units = QPushButton("Rate these units")
        make_units.clicked.connect(self.make_units)
        self.outcome.currentIndexChanged.connect(lambda _: self.refresh())
        self.table = QTableWidget()
        self.table.cellDoubleClicked.connect(self.edit_cell)
        self.status = QLabel("Double-click a cell to rate. Advisory comparisons are an aid to the team, not a verdict.")
        export = QPushButton("Export…")
        export.setToolTip("The matrix in Word (landscape, with every rationale) or as an Excel workbook")
        export.clicked.connect(self._choose_export)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(QLabel("Rate the values of"))
        top.addWidget(self.unit_attribute)
        top.addWidget(make_units)
        top.addSpacing(24)
        top.addWidget(QLabel("Columns ordered by"))
        top.addWidget(self.outcome)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(export)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(1200, 760)
        self.refresh()

    def make_units(self) -> None:
        attribute_id = self.unit_attribute.currentData()
        if attribute_id is not None:
            self.edits.add_rating_units(None if attribute_id == EACH_CASE else attribute_id)
        self.refresh()

    def refresh(self) -> None:
        self.matrix = RatingsMatrix(self.project, self.framework_id, self.outcome.currentData())
        columns = self.matrix.columns
        self.table.setColumnCount(len(columns) + 1)
        self.table.setRowCount(len(self.matrix.rows))
        headers = [
            c.unit.label + (f"\n{c.outcome:g}" if c.outcome is not None else "") + ("  ▲" if c.high else "")
            for c in columns
        ]
        self.table.setHorizontalHeaderLabels([*headers, "Advisory comparison"])
        titles = []
        for row_index, row in enumerate(self.matrix.rows):
            node = row.node
            title = f"{node.official_id or '+'} {node.study_name or node.name}" + ("  ↺" if node.reverse_rated else "")
            titles.append(("    " if node.level == "subconstruct" else "") + title)
            for column_index, rating in enumerate(row.ratings):
                item = QTableWidgetItem(LABELS.get(rating.value, rating.value) if rating else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if rating is not None:
                    item.setBackground(QBrush(QColor(COLOURS.get(rating.value, "#f4f4f4"))))
                    evidence = (
                        f"\n{len(rating.evidence_coding_ids)} linked excerpts" if rating.evidence_coding_ids else ""
                    )
                    item.setToolTip(rating.rationale + (f"\n[{rating.flag}]" if rating.flag else "") + evidence)
                    if rating.evidence_coding_ids:
                        item.setText(item.text() + " •")
                self.table.setItem(row_index, column_index, item)
            advisory = QTableWidgetItem(row.advisory.value if row.advisory else "")
            advisory.setFlags(advisory.flags() & ~Qt.ItemFlag.ItemIsEditable)
            advisory.setForeground(QBrush(QColor(90, 90, 90)))
            self.table.setItem(row_index, len(columns), advisory)
        self.table.setVerticalHeaderLabels(titles)
        self.table.resizeColumnsToContents()

    def on_changes(self, changes: Changes) -> None:
        if changes.topics & {Topic.RATINGS, Topic.FRAMEWORKS, Topic.ATTRIBUTES}:
            self.refresh()

    def edit_cell(self, row: int, column: int) -> None:
        if column >= len(self.matrix.columns):
            return
        node = self.matrix.rows[row].node
        unit = self.matrix.columns[column].unit
        rating = self.matrix.rows[row].ratings[column]
        offered = self.chosen_excerpts()
        editor = RatingEditor(
            f"{node.label} — {unit.label}",
            rating.value if rating else "missing",
            rating.rationale if rating else "",
            rating.flag if rating else "",
            len(rating.evidence_coding_ids) if rating else 0,
            len(offered),
            self,
        )
        if editor.exec():
            evidence = offered if editor.link.isChecked() else None
            self.rate(
                row, column, editor.value.currentData(), editor.rationale.toPlainText(), editor.flag.text(), evidence
            )

    def rate(
        self, row: int, column: int, value: str, rationale: str, flag: str = "", evidence: Sequence[int] | None = None
    ) -> None:
        node = self.matrix.rows[row].node
        unit = self.matrix.columns[column].unit
        try:
            self.edits.rate(unit.id, node.id, value, rationale, flag, evidence)
        except AxialError as error:
            self.status.setText(str(error))

    def _choose_export(self) -> None:
        suggested = f"{self.project.path.stem} ratings.docx"
        filters = "Word document (*.docx);;Excel workbook (*.xlsx)"
        name = file_dialogs.save_name(
            self, "Export ratings matrix", Purpose.EXPORTS, suggested, filters, self.project.path
        )
        if name:
            self.export(Path(name))

    def export(self, path: Path) -> None:
        # Imported here, not at the top: python-docx costs a tenth of a second of each start of the desktop.
        from app.model.reports.ratings_docx import write_ratings_docx
        from app.model.reports.ratings_xlsx import write_ratings

        outcome = self.outcome.currentText() if self.outcome.currentData() is not None else None
        try:
            if path.suffix.lower() == ".docx":
                write_ratings_docx(path, self.matrix, self.project.info().name, outcome, paper_for_locale())
            else:
                write_ratings(path, self.matrix, outcome)
        except AxialError as error:
            self.status.setText(str(error))
            return
        self.status.setText(f"Saved {path.name}")
