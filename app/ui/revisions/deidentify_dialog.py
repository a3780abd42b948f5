"""Tools ▸ De-identify…: names pasted (original,pseudonym per line) join the project's pseudonym table with its
case names and the speaker labels that name someone; every candidate the table (and, when chosen in Preferences,
an installed named-entity model) finds in the documents is listed with its context, to accept one by one or all.
Apply replaces the accepted ones, and every speaker label, name, memo, case description and attribute value the
table names, as one step to undo. The originals stay in the undo log and the pseudonym table until a de-identified
copy is saved; the copy keeps neither."""

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
from app.model.deidentify.candidates import MODEL, Candidate, fill_table, find_candidates
from app.model.deidentify.deidentified_copy import CopyReport, save_deidentified_copy
from app.model.deidentify.matcher import Matcher
from app.model.deidentify.pseudonyms import parse_names, read_names
from app.model.deidentify.recogniser import Recogniser
from app.model.deidentify.spacy_recogniser import load_spacy
from app.model.project import EXTENSION, Project
from app.ui.core.file_dialogs import Purpose, open_name, save_name
from app.ui.revisions.pseudonyms_window import NOT_IDENTIFYING, PseudonymsWindow

NOTICE = (
    "Until you save a de-identified copy, the originals stay recoverable in this project: Edit ▸ Undo takes "
    "de-identification back, and the pseudonym table (Tools ▸ Pseudonyms…) keeps each original. A copy saved "
    "with Save De-identified Copy… or axial deidentify keeps neither."
)


class DeidentifyDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None, *, ner_model: str = "") -> None:
        super().__init__(parent)
        self.project = project
        self.ner_model = ner_model
        self.recogniser: Recogniser | None = None
        self.matcher: Matcher | None = None
        self.candidates: list[Candidate] = []
        self.report: DeidentifyReport | None = None
        self.setWindowTitle("De-identify")
        self.resize(1100, 680)
        self.names = QPlainTextEdit()
        self.names.setPlaceholderText("Jane Smith,[Case manager 3]\nRiverside Agency,,agency\nTom Okafor")
        self.patterns = QCheckBox("Also find emails, URLs, phone numbers, dates, street addresses and record numbers")
        self.use_model = QCheckBox(
            f"Also ask the named-entity model “{ner_model}”" if ner_model else "Also ask a named-entity model"
        )
        self.use_model.setEnabled(bool(ner_model))
        self.use_model.setChecked(bool(ner_model))
        if not ner_model:
            self.use_model.setToolTip("Choose an installed spaCy pipeline in Preferences (Axial never downloads one)")
        edit_table = QPushButton("&Edit Table…")
        edit_table.setToolTip("Tools ▸ Pseudonyms…: change, add or remove rows of the table")
        edit_table.clicked.connect(self._edit_table)
        find = QPushButton("&Find Candidates")
        find.clicked.connect(self.find_candidates)
        load = QPushButton("&Load List…")
        load.setToolTip("Read names from a CSV file (original,pseudonym per line) into the list")
        load.clicked.connect(self._choose_list)
        self.table = _table(["Original", "Pseudonym", "Kind"])
        self.list = _table(["Document", "Found", "Replace with", "From", "Context"])
        self.list.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(
            "Paste names, one per line: original[,pseudonym[,kind]] (a blank pseudonym is proposed from the kind). "
            "Find Candidates adds them to the project's pseudonym table."
        )
        self.summary.setWordWrap(True)
        notice = QLabel(NOTICE)
        notice.setWordWrap(True)
        accept_all = QPushButton("Accept &All")
        accept_all.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        accept_none = QPushButton("Accept &None")
        accept_none.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton("&Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(False)
        save_copy = self.buttons.addButton("Save De-identified &Copy…", QDialogButtonBox.ButtonRole.ActionRole)
        save_copy.setToolTip("A copy with every original of the table replaced, no history and no pseudonym table")
        save_copy.clicked.connect(self._choose_copy)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel("Names to add to the pseudonym table:"))
        left_layout.addWidget(self.names, 1)
        left_layout.addWidget(load)
        left_layout.addWidget(
            QLabel("The project's pseudonym table (with its cases and the speakers that name someone):")
        )
        left_layout.addWidget(self.table, 2)
        left_layout.addWidget(edit_table)
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
        splitter.setSizes([380, 720])
        layout = QVBoxLayout(self)
        layout.addWidget(notice)
        layout.addWidget(self.patterns)
        layout.addWidget(self.use_model)
        layout.addWidget(find)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self._show_table()

    def find_candidates(self) -> None:
        """Add the pasted names (and the cases and speakers) to the stored table, then list what it finds."""
        pasted = self.names.toPlainText()
        try:
            fill_table(self.project, parse_names(pasted) if pasted.strip() else [])
        except AxialError as error:
            QMessageBox.warning(self, "De-identify", str(error))
            return
        self.names.clear()
        self.matcher = Matcher(self.project.pseudonyms.table(), patterns=self.patterns.isChecked())
        recogniser = self._recogniser() if self.use_model.isChecked() else None
        self.candidates = find_candidates(self.project, self.matcher, recogniser)
        self._show_table()
        self.list.setRowCount(len(self.candidates))
        for row, c in enumerate(self.candidates):
            from_model = c.how == MODEL
            document = _cell(c.document)
            document.setFlags(document.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # The model's guesses wait to be ticked: it also names things that are nobody.
            document.setCheckState(Qt.CheckState.Unchecked if from_model else Qt.CheckState.Checked)
            self.list.setItem(row, 0, document)
            self.list.setItem(row, 1, _cell(c.text, f"{c.how} of {c.original}"))
            self.list.setItem(row, 2, _cell(c.pseudonym))
            source = f"model ({recogniser.name})" if from_model and recogniser is not None else _SOURCES[c.how]
            self.list.setItem(row, 3, _cell(source, "a new name for the table, if you tick it" if from_model else ""))
            self.list.setItem(row, 4, _cell(f"…{c.before}«{c.text}»{c.after}…"))
        documents = len({c.document_id for c in self.candidates})
        guesses = sum(1 for c in self.candidates if c.how == MODEL)
        self.summary.setText(
            f"{plural(len(self.candidates), 'candidate')} in {plural(documents, 'document')}"
            + (f", {guesses} from the model (not ticked: tick those that name someone)" if guesses else "")
            + ". Apply replaces those ticked, and every speaker label, document, case and code name, memo, case "
            "description and attribute value the table names, as one step to undo."
        )
        self.apply_button.setEnabled(True)

    def _show_table(self) -> None:
        entries = self.project.pseudonyms.table().entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            shown = (entry.original, entry.pseudonym or NOT_IDENTIFYING, entry.kind)
            for column, value in enumerate(shown):
                self.table.setItem(row, column, _cell(value))

    def _recogniser(self) -> Recogniser | None:
        """The model chosen in Preferences, loaded once; a missing spaCy or model is said, and the table alone used."""
        if self.recogniser is None:
            try:
                self.recogniser = load_spacy(self.ner_model)
            except AxialError as error:
                QMessageBox.warning(self, "De-identify", f"{error}\n\nCandidates come from the table alone.")
                self.use_model.setChecked(False)
        return self.recogniser

    def save_copy(self, destination: Path) -> CopyReport | None:
        try:
            report = save_deidentified_copy(self.project, destination, patterns=self.patterns.isChecked())
        except AxialError as error:
            QMessageBox.warning(self, "De-identify", str(error))
            return None
        self.summary.setText(
            f"Saved {destination.name}: {plural(report.applied.replacements, 'replacement')} in the texts, no "
            "history, no pseudonym table. Keep the key apart from it (Edit Table… ▸ Save Key…)."
        )
        return report

    def _choose_copy(self) -> None:
        suggested = f"{self.project.path.stem} de-identified{EXTENSION}"
        name = save_name(self, "Save De-identified Copy", Purpose.PROJECTS, suggested, f"Axial projects (*{EXTENSION})")
        if name:
            self.save_copy(Path(name))

    def _edit_table(self) -> None:
        PseudonymsWindow(self.project, self).exec()
        if self.matcher is not None:
            self.find_candidates()

    def load_list(self, path: Path) -> None:
        """Add a names file's rows to the list (checked as the command line checks it)."""
        try:
            rows = read_names(path)
        except (AxialError, OSError) as error:
            QMessageBox.warning(self, "De-identify", str(error))
            return
        lines = [",".join((o, p, "" if k == "person" else k)).rstrip(",") for o, p, k in rows]
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


_SOURCES = {"name": "table", "part": "table (part)", "misspelling": "table (misspelt)", "pattern": "pattern"}


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
