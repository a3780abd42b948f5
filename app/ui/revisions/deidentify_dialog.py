"""Tools ▸ De-identify…: names pasted (original,pseudonym per line), the pseudonym table they make with the
project's case names and speaker labels, and every candidate found in the documents with its context, to accept
one by one or all. Apply replaces the accepted ones (and every speaker label, document, case and code name and memo
the table names) as one step to undo. The originals stay only in this project's history: keep them elsewhere."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.core.errors import AxialError
from app.model.core.text import plural
from app.model.deidentify.apply import DeidentifyReport, apply_deidentification
from app.model.deidentify.candidates import Candidate, find_candidates, table_for
from app.model.deidentify.matcher import Matcher
from app.model.deidentify.pseudonyms import parse_names, read_names
from app.model.project import Project
from app.ui.core.file_dialogs import Purpose, open_name


class DeidentifyDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.matcher: Matcher | None = None
        self.candidates: list[Candidate] = []
        self.report: DeidentifyReport | None = None
        self.setWindowTitle("De-identify")
        self.resize(1100, 680)
        self.names = QPlainTextEdit()
        self.names.setPlaceholderText("Jane Smith,[Case manager 3]\nRiverside Agency,[Agency B]\nTom Okafor")
        self.patterns = QCheckBox("Also find emails, URLs, phone numbers, dates, street addresses and record numbers")
        find = QPushButton("&Find Candidates")
        find.clicked.connect(self.find_candidates)
        load = QPushButton("&Load List…")
        load.setToolTip("Read names from a CSV file (original,pseudonym per line) into the list")
        load.clicked.connect(self._choose_list)
        self.table = _table(["Original", "Pseudonym"])
        self.list = _table(["Document", "Found", "Replace with", "Context"])
        self.list.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel("Paste names, one per line: original,pseudonym (a blank pseudonym is made for you).")
        self.summary.setWordWrap(True)
        accept_all = QPushButton("Accept &All")
        accept_all.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        accept_none = QPushButton("Accept &None")
        accept_none.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton("&Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(False)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel("Names to replace:"))
        left_layout.addWidget(self.names, 1)
        left_layout.addWidget(load)
        left_layout.addWidget(QLabel("Pseudonym table (with the cases and speakers that name someone):"))
        left_layout.addWidget(self.table, 2)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(QLabel("Candidates (tick those to replace):"))
        right_layout.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(accept_all)
        row.addWidget(accept_none)
        row.addStretch()
        right_layout.addLayout(row)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([350, 750])
        layout = QVBoxLayout(self)
        layout.addWidget(self.patterns)
        layout.addWidget(find)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def find_candidates(self) -> None:
        try:
            table = table_for(self.project, parse_names(self.names.toPlainText()))
        except AxialError as error:
            QMessageBox.warning(self, "De-identify", str(error))
            return
        self.matcher = Matcher(table, patterns=self.patterns.isChecked())
        self.candidates = find_candidates(self.project, self.matcher)
        self.table.setRowCount(len(table.entries))
        for row, entry in enumerate(table.entries):
            self.table.setItem(row, 0, _cell(entry.original))
            self.table.setItem(row, 1, _cell(entry.pseudonym))
        self.list.setRowCount(len(self.candidates))
        for row, c in enumerate(self.candidates):
            document = _cell(c.document)
            document.setFlags(document.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            document.setCheckState(Qt.CheckState.Checked)
            self.list.setItem(row, 0, document)
            self.list.setItem(row, 1, _cell(c.text, f"{c.how} of {c.original}"))
            self.list.setItem(row, 2, _cell(c.pseudonym))
            self.list.setItem(row, 3, _cell(f"…{c.before}«{c.text}»{c.after}…"))
        documents = len({c.document_id for c in self.candidates})
        self.summary.setText(
            f"{plural(len(self.candidates), 'candidate')} in {plural(documents, 'document')}. Apply replaces those "
            "ticked, and every "
            "speaker label, document, case and code name and memo the table names, as one step to undo."
        )
        self.apply_button.setEnabled(True)

    def load_list(self, path: Path) -> None:
        """Add a names file's rows to the list (checked as the command line checks it)."""
        try:
            rows = read_names(path)
        except (AxialError, OSError) as error:
            QMessageBox.warning(self, "De-identify", str(error))
            return
        lines = [f"{original},{pseudonym}" if pseudonym else original for original, pseudonym in rows]
        current = self.names.toPlainText().rstrip("\n")
        self.names.setPlainText("\n".join(([current] if current else []) + lines) + "\n")

    def _choose_list(self) -> None:
        name = open_name(self, "Load Names", Purpose.SOURCES, "Names (*.csv *.txt)", self.project.path)
        if name:
            self.load_list(Path(name))

    def accepted_candidates(self) -> list[Candidate]:
        return [c for row, c in enumerate(self.candidates) if _checked(self.list.item(row, 0))]

    def apply(self) -> None:
        if self.matcher is None:
            return
        try:
            self.report = apply_deidentification(self.project, self.matcher, self.accepted_candidates())
        except AxialError as error:
            QMessageBox.warning(self, "De-identify", str(error))
            return
        self.accept()

    def _check_all(self, state: Qt.CheckState) -> None:
        for row in range(self.list.rowCount()):
            item = self.list.item(row, 0)
            if item is not None:
                item.setCheckState(state)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _cell(text: str, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if tip:
        item.setToolTip(tip)
    return item


def _checked(item: QTableWidgetItem | None) -> bool:
    return item is not None and item.checkState() == Qt.CheckState.Checked
