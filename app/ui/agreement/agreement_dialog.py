"""Agreement between coders: choose coders and unit, read the table per code (open a code for its documents), and
for a chosen row see the disagreements side by side; double-click one to go to the text. Exports to Word and XLSX
and the method statement for a paper are a click away."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.model.agreement.consensus import CONSENSUS, Resolution
from app.model.agreement.disagreements import Disagreement, disagreements
from app.model.agreement.method import method_statement
from app.model.agreement.service import AgreementReport, agreement, coders_who_coded
from app.model.agreement.units import Unit
from app.model.core.errors import AxialError
from app.model.core.text import plural
from app.model.project import Project
from app.model.reports.agreement_docx import write_agreement_docx
from app.model.reports.agreement_xlsx import write_agreement_xlsx
from app.model.reports.atomic import ExportError
from app.ui.agreement.agreement_model import TARGET_ROLE, AgreementModel
from app.ui.agreement.consensus_bar import ConsensusBar
from app.ui.core import file_dialogs
from app.ui.core.file_dialogs import Purpose
from app.ui.core.workers import Job

_CODING_ROLE = Qt.ItemDataRole.UserRole + 1  # (document id, coding id) a disagreement cell opens


class AgreementDialog(QDialog):
    excerpt_opened = Signal(int, int)  # document id, coding id
    computed = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agreement between coders")
        self.project = project
        self.report: AgreementReport | None = None
        self.job: Job | None = None
        self.shown: list[Disagreement] = []
        self.model = AgreementModel(self)
        self._build()
        self.resize(1180, 760)

    # --- layout --------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.coders = QListWidget()
        self.coders.setFlow(QListWidget.Flow.LeftToRight)
        self.coders.setMaximumHeight(self.fontMetrics().height() * 2 + 12)
        for index, coder in enumerate(coders_who_coded(self.project)):
            item = QListWidgetItem(coder.name)
            item.setData(Qt.ItemDataRole.UserRole, coder.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if index < 2 else Qt.CheckState.Unchecked)
            self.coders.addItem(item)
        self.unit = QComboBox()
        for unit in Unit:
            self.unit.addItem(unit.plural.capitalize(), unit)
        self.compare = QPushButton("Compare")
        self.compare.setDefault(True)
        self.compare.clicked.connect(self.compute)
        choice = QHBoxLayout()
        choice.addWidget(QLabel("Coders:"))
        choice.addWidget(self.coders, 1)
        choice.addWidget(QLabel("Unit:"))
        choice.addWidget(self.unit)
        choice.addWidget(self.compare)

        self.table = QTreeView()
        self.table.setModel(self.model)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.caption = QLabel("Choose two or more coders and press Compare.")
        self.caption.setWordWrap(True)
        self.disagreements = QTableWidget(0, 0)
        self.disagreements.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.disagreements.setWordWrap(True)
        self.disagreements.verticalHeader().setVisible(False)
        self.disagreements.cellDoubleClicked.connect(self._open)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.caption)
        lower_layout.addWidget(self.disagreements)
        self.consensus = ConsensusBar()
        self.consensus.chosen.connect(self.resolve)
        self.consensus.setEnabled(False)
        self.disagreements.itemSelectionChanged.connect(self._can_resolve)
        lower_layout.addWidget(self.consensus)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([420, 300])

        self.method = QPlainTextEdit()
        self.method.setReadOnly(True)
        self.method.setMaximumHeight(self.fontMetrics().height() * 5)
        self.copy_method = QPushButton("Copy Method Statement")
        self.copy_method.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.method.toPlainText()))
        self.to_word = QPushButton("Export to Word…")
        self.to_word.clicked.connect(lambda: self._export(".docx"))
        self.to_excel = QPushButton("Export to Excel…")
        self.to_excel.clicked.connect(lambda: self._export(".xlsx"))
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.copy_method, self.to_word, self.to_excel):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(choice)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.method)
        layout.addLayout(buttons)

    # --- computing -----------------------------------------------------------------------------------------

    def chosen_coders(self) -> list[int]:
        return [
            int(self.coders.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.coders.count())
            if self.coders.item(i).checkState() == Qt.CheckState.Checked
        ]

    def compute(self) -> None:
        """Compare the chosen coders on a worker (a large project takes seconds); `computed` says when done."""
        coders = self.chosen_coders()
        if len(coders) < 2:
            self.caption.setText("Choose two or more coders.")
            return
        if self.job is not None:
            return
        unit = self.unit.currentData()
        job = Job(lambda _progress: agreement(self.project, coders, unit), self)
        job.signals.finished.connect(self._show)
        job.signals.failed.connect(self._failed)
        self.job = job
        self.compare.setEnabled(False)
        self.caption.setText("Comparing…")
        job.start()

    def _failed(self, message: str) -> None:
        self.job = None
        self.compare.setEnabled(True)
        self.caption.setText(message)

    def _show(self, report: AgreementReport) -> None:
        self.job = None
        self.compare.setEnabled(True)
        self.report = report
        self.model.show(report)
        if len(report.coders) == 2:
            self.consensus.name_coders(report.coders[0].name, report.coders[1].name)
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.method.setPlainText(method_statement(report))
        for button in (self.copy_method, self.to_word, self.to_excel):
            button.setEnabled(True)
        left_out = f" Left out (coded by fewer than two): {', '.join(report.left_out)}." if report.left_out else ""
        self.caption.setText(
            f"{plural(len(report.documents), 'document')} compared.{left_out} Choose a code or a document "
            "to see the disagreements."
        )
        self._fill([])
        self.computed.emit()

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        target = current.data(TARGET_ROLE) if current.isValid() else None
        if self.report is None or target is None:
            self._fill([])
            return
        code_id, document_id = target
        found = disagreements(
            self.project,
            [c.id for c in self.report.coders],
            code_id,
            self.report.unit,
            None if document_id is None else [document_id],
        )
        self._fill(found)
        name = current.siblingAtColumn(0).data()
        self.caption.setText(f"{name}: {plural(len(found), 'disagreement')}. Double-click one to go to the text.")

    def _fill(self, found: list[Disagreement]) -> None:
        self.shown = found
        coders = [] if self.report is None else [c.name for c in self.report.coders]
        self.disagreements.clear()
        self.disagreements.setColumnCount(1 + len(coders))
        self.disagreements.setHorizontalHeaderLabels(["Document", *coders])
        self.disagreements.setRowCount(len(found))
        for row, disagreement in enumerate(found):
            first = next(p.coding_id for coder in disagreement.passages for p in coder or ())
            document = QTableWidgetItem(disagreement.document)
            document.setData(_CODING_ROLE, (disagreement.document_id, first))
            self.disagreements.setItem(row, 0, document)
            for column, passages in enumerate(disagreement.passages, start=1):
                if passages is None:
                    text, coding = "(coded nothing in this document)", first
                elif not passages:
                    text, coding = "(not coded)", first
                else:
                    text, coding = "\n…\n".join(p.text for p in passages), passages[0].coding_id
                item = QTableWidgetItem(text)
                item.setData(_CODING_ROLE, (disagreement.document_id, coding))
                self.disagreements.setItem(row, column, item)
        header = self.disagreements.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, 1 + len(coders)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.disagreements.resizeRowsToContents()
        self._can_resolve()

    def _can_resolve(self) -> None:
        """Two coders who both coded the document, one disagreement chosen, a project open for writing."""
        row = self.disagreements.currentRow()
        chosen = self.shown[row] if 0 <= row < len(self.shown) and self.disagreements.selectedItems() else None
        self.consensus.setEnabled(
            chosen is not None
            and len(chosen.passages) == 2
            and None not in chosen.passages
            and not self.project.read_only
        )

    def resolve(self, resolution: Resolution) -> None:
        row = self.disagreements.currentRow()
        if not 0 <= row < len(self.shown):
            return
        chosen = self.shown[row]
        first, second = ([p.coding_id for p in passages or ()] for passages in chosen.passages)
        try:
            added = self.project.edits.resolve_disagreement(
                chosen.document_id, self._code_id(), first, second, resolution
            )
        except AxialError as error:
            self.caption.setText(str(error))
            return
        if not added:  # nothing was written, so there is no step to undo either
            self.caption.setText(f"The {CONSENSUS} coder already holds this ({resolution.label}): nothing added.")
            return
        self.caption.setText(
            f"Consensus recorded ({resolution.label}): {plural(added, 'coding')} of the {CONSENSUS} coder in "
            f"{chosen.document}. Edit ▸ Undo takes it back."
        )

    def _code_id(self) -> int:
        target = self.table.currentIndex().data(TARGET_ROLE)
        return int(target[0])

    def _open(self, row: int, column: int) -> None:
        item = self.disagreements.item(row, column)
        if item is not None:
            document_id, coding_id = item.data(_CODING_ROLE)
            self.excerpt_opened.emit(document_id, coding_id)

    # --- exports -------------------------------------------------------------------------------------------

    def _export(self, suffix: str) -> None:
        if self.report is None:
            return
        kind = "Word document (*.docx)" if suffix == ".docx" else "Excel workbook (*.xlsx)"
        name = file_dialogs.save_name(
            self, "Export agreement", Purpose.EXPORTS, f"Agreement{suffix}", kind, self.project.path
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> Path | None:
        assert self.report is not None
        try:
            if path.suffix.lower() == ".xlsx":
                written = write_agreement_xlsx(path, self.report)
            else:
                written = write_agreement_docx(path.with_suffix(".docx"), self.report, self.project.info().name)
        except ExportError as error:
            self.caption.setText(str(error))
            return None
        self.caption.setText(f"Saved the agreement table to {written.name}.")
        return written
