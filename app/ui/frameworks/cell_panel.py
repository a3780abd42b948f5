"""Beside the framework matrix: the chosen cell's rating and rationale, the distinguishing aid's reason for its
construct, the researcher's summary (with one click to quote an excerpt into it) and the excerpts behind the cell,
readable, with speaker and source; choosing one opens it in its document."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.model.core.errors import AxialError
from app.model.frameworks.quotes import quotes
from app.model.project import Project
from app.ui.analysis.excerpts_panel import ExcerptsPanel
from app.ui.frameworks.framework_matrix_model import FrameworkMatrixModel

AID_TITLE = "Distinguishing aid (an aid to the team's judgement, not a verdict)"
EXCERPTS_DELAY_MS = 120


class CellPanel(QWidget):
    excerpt_opened = Signal(int, int)  # document id, coding id
    refused = Signal(str)

    def __init__(self, project: Project, model: FrameworkMatrixModel) -> None:
        super().__init__()
        self.project, self.model = project, model
        self.cell: tuple[int, int] | None = None  # (unit id, column id)
        # Fixed heights: a cell's words never re-lay the window out, so moving between cells repaints two cells.
        self.title = QLabel("Choose a cell.")
        self.title.setStyleSheet("font-weight: bold")
        self.rating = _fixed_text(2)
        self.flag = QLineEdit()
        self.flag.setPlaceholderText("Flag, e.g. to discuss, low confidence (f on the cell flags it to discuss)")
        self.flag.setClearButtonEnabled(True)
        self.flag.setToolTip("A flagged rating shows ⚑ in its cell; clear the flag to take it off")
        self.flag.editingFinished.connect(self.save_flag)
        self.aid = _fixed_text(6)
        aid_box = QGroupBox(AID_TITLE)
        QVBoxLayout(aid_box).addWidget(self.aid)
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText("What this unit said about this construct, in a few lines.")
        self.save_button = QPushButton("Save summary")
        self.save_button.clicked.connect(self.save_summary)
        self.quote_button = QPushButton("Quote this excerpt into the summary")
        self.quote_button.setToolTip("Adds the excerpt chosen below, with its speaker and source, and saves")
        self.quote_button.clicked.connect(self.quote_excerpt)
        self.cite_button = QPushButton("Cite as the rating's evidence")
        self.cite_button.setToolTip(
            "The excerpts chosen below (or all listed) become the rating's evidence: its key quotes in the report"
        )
        self.cite_button.clicked.connect(self.cite_excerpts)
        self.excerpts = ExcerptsPanel(project, can_split=False)
        self.excerpts.excerpt_opened.connect(self.excerpt_opened)
        # The excerpts are read once the arrows rest: moving along a row at typing speed never waits for them.
        self._excerpts_later = QTimer(self)
        self._excerpts_later.setSingleShot(True)
        self._excerpts_later.setInterval(EXCERPTS_DELAY_MS)
        self._excerpts_later.timeout.connect(self.show_excerpts)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quote_button)
        buttons.addWidget(self.cite_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        top = QWidget()
        layout = QVBoxLayout(top)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.rating)
        layout.addWidget(self.flag)
        layout.addWidget(aid_box)
        layout.addWidget(QLabel("Summary"))
        layout.addWidget(self.summary, 1)
        layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.excerpts)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(split)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        editable = on and self.model.kind.value == "constructs"
        for widget in (self.summary, self.save_button, self.quote_button, self.cite_button, self.flag):
            widget.setEnabled(editable)

    def show_cell(self, unit_id: int | None, column_id: int | None) -> None:
        """Show a cell (None: nothing chosen); an unsaved summary of the cell left is saved first."""
        if self.cell is not None and self.summary.document().isModified():
            self.save_summary()
        if unit_id is None or column_id is None:
            self.cell = None
            self.title.setText("Choose a cell.")
            self._enable(False)
            return
        self.cell = (unit_id, column_id)
        self._enable(True)
        self.refresh()
        self._excerpts_later.start()

    def show_excerpts(self) -> None:
        """The chosen cell's excerpts, with speaker and source (at once, rather than when the arrows rest)."""
        self._excerpts_later.stop()
        if self.cell is None:
            return
        unit_id, column_id = self.cell
        matrix = self.model.matrix
        unit = next((u for u in matrix.rows if u.id == unit_id), None)
        column = next((c for c in matrix.columns if c.id == column_id), None)
        if unit is None or column is None:
            return
        codings = self.project.codings.by_ids(matrix.excerpt_ids(unit_id, column_id))
        self.excerpts.show_codings(f"{unit.label} · {column.label}", codings)

    def refresh(self) -> None:
        """The chosen cell's rating, reason and summary as they are now (after an edit or an undo)."""
        if self.cell is None:
            return
        unit_id, column_id = self.cell
        matrix = self.model.matrix
        unit = next((u for u in matrix.rows if u.id == unit_id), None)
        column = next((c for c in matrix.columns if c.id == column_id), None)
        if unit is None or column is None:
            self.show_cell(None, None)
            return
        self.title.setText(f"{unit.label} · {column.label}")
        rating = matrix.rating(unit_id, column_id)
        if rating is None:
            self.rating.setPlainText("Not rated. Type 2 1 0 -1 -2, x (mixed), m (missing) or n (n/a) on the cell.")
        else:
            why = rating.rationale or "no rationale yet (Enter on the cell to write one)"
            cited = len(rating.evidence_coding_ids)
            evidence = f" ({cited} excerpt{'' if cited == 1 else 's'} cited as evidence)" if cited else ""
            self.rating.setPlainText(f"Rating {rating.value}: {why}{evidence}")
        if not self.flag.hasFocus():  # never throw away a flag being typed
            self.flag.setText(rating.flag if rating else "")
        explanation = self.model.explanations.get(column_id)
        self.aid.setPlainText(
            f"{explanation.advisory.value.capitalize()}. {explanation.reason}"
            if explanation
            else "Choose an outcome to order the units by, or an attribute value to split them, to compare."
        )
        if not self.summary.document().isModified():  # never throw away words being typed
            self.summary.setPlainText(matrix.summary(unit_id, column_id))
            self.summary.document().setModified(False)

    def save_summary(self) -> None:
        if self.cell is None:
            return
        unit_id, column_id = self.cell
        text = self.summary.toPlainText()
        self.summary.document().setModified(False)
        if text.strip() == self.model.matrix.summary(unit_id, column_id):
            return
        try:
            self.project.edits.set_cell_summary(unit_id, column_id, text)
        except AxialError as error:
            self.refused.emit(str(error))
            return
        self._reload_cell()

    def save_flag(self) -> None:
        """The flag as typed, once it is left or Enter is pressed (an unrated cell refuses it)."""
        index = self.model.index_of(*self.cell) if self.cell else None
        rating = self.model.matrix.rating(*self.cell) if self.cell else None
        typed = " ".join(self.flag.text().split())
        if index is None or not index.isValid() or typed == (rating.flag if rating else ""):
            return
        if not self.model.set_flag(index, self.flag.text()):
            self.flag.setText(rating.flag if rating else "")

    def quote_excerpt(self) -> None:
        if self._excerpts_later.isActive():
            self.show_excerpts()
        chosen = self.excerpts.selected_coding_ids() or self.excerpts.chosen_coding_ids()[:1]
        if self.cell is None or not chosen:
            self.refused.emit("Choose an excerpt below to quote.")
            return
        cursor = self.summary.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        before = "\n" if self.summary.toPlainText().strip() else ""
        cursor.insertText(before + "\n".join(q.cited() for q in quotes(self.project, chosen[:1])))
        self.save_summary()

    def cite_excerpts(self) -> None:
        rating = self.model.matrix.rating(*self.cell) if self.cell else None
        if self.cell is None or rating is None:
            self.refused.emit("Rate the cell first: evidence supports a rating.")
            return
        if self._excerpts_later.isActive():
            self.show_excerpts()
        chosen = self.excerpts.chosen_coding_ids()
        try:
            self.project.edits.rate(*self.cell, rating.value, rating.rationale, rating.flag, chosen)
        except AxialError as error:
            self.refused.emit(str(error))
            return
        self._reload_cell()

    def _reload_cell(self) -> None:
        index = self.model.index_of(*self.cell) if self.cell else None
        if index is not None and index.isValid():
            self.model.reload_cell(index)
        else:  # the cell is filtered out of sight
            self.model.reload_ratings()


def _fixed_text(lines: int) -> QPlainTextEdit:
    """Read-only text a few lines high that scrolls rather than grows."""
    shown = QPlainTextEdit()
    shown.setReadOnly(True)
    shown.setFrameShape(QPlainTextEdit.Shape.NoFrame)
    shown.setStyleSheet("background: transparent")
    shown.setFixedHeight(shown.fontMetrics().lineSpacing() * lines + 10)
    return shown
