"""Tools ▸ Pseudonyms…: the project's pseudonym table (original → pseudonym, by kind) to review and edit. Every
change is one step to undo; the table follows undo and redo. The originals leave the project only through Save
Key…, to a file the user chooses; no export or de-identified copy carries the table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.core.changes import Changes, Topic
from app.model.core.errors import AxialError
from app.model.core.text import plural
from app.model.deidentify.candidates import fill_table
from app.model.deidentify.pseudonym_service import PseudonymInfo
from app.model.deidentify.pseudonyms import read_names
from app.model.project import Project
from app.ui.core.file_dialogs import Purpose, open_name, save_name

KINDS = ("person", "case manager", "agency", "site", "programme", "case", "speaker")
_COLUMNS = ("Original", "Pseudonym", "Kind")
# What the pseudonym cell of an original marked not identifying shows (the row has no pseudonym).
NOT_IDENTIFYING = "not identifying (kept as written)"


class PseudonymsWindow(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.rows: list[PseudonymInfo] = []
        self.setWindowTitle("Pseudonyms")
        self.resize(760, 560)
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self._edited)
        self.original = QLineEdit()
        self.original.setPlaceholderText("Original (a name, an agency, a site)")
        self.kind = QComboBox()
        self.kind.setEditable(True)
        self.kind.addItems(KINDS)
        self.pseudonym = QLineEdit()
        self.pseudonym.setPlaceholderText("Pseudonym (blank: proposed from the kind)")
        add = QPushButton("&Add")
        add.clicked.connect(self.add)
        self.original.returnPressed.connect(self.add)
        self.pseudonym.returnPressed.connect(self.add)
        row = QHBoxLayout()
        row.addWidget(self.original, 2)
        row.addWidget(self.kind, 1)
        row.addWidget(self.pseudonym, 2)
        row.addWidget(add)
        buttons = QHBoxLayout()
        for text, tip, slot in (
            (
                "&Remove",
                "Remove the selected rows (one step to undo); a case or speaker is proposed again the next time",
                self.remove_selected,
            ),
            (
                "&Not Identifying",
                "Keep the selected originals as they are written: never replaced, and never proposed again from the "
                "cases and speakers (again on a row marked so: give it a pseudonym)",
                self.toggle_identifying,
            ),
            ("Add &Cases and Speakers", "Add every case name and each speaker label that names someone", self.seed),
            ("&Import List…", "Add rows from a CSV file: original[,pseudonym[,kind]] per line", self._choose_list),
            ("Save &Key…", "Write original,pseudonym,kind to a CSV file you keep apart from any copy", self._save_key),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        intro = QLabel(
            "The same original always gets the same pseudonym, in every document and every de-identified copy. "
            "Double-click a cell to change it. This table stays in this project only: a de-identified copy and "
            "every export leave it out; Save Key… writes the originals where you choose."
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        self._unsubscribe: Callable[[], None] | None = project.subscribe(self._changed)
        self.refresh()

    def refresh(self) -> None:
        self.rows = self.project.pseudonyms.all()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for at, row in enumerate(self.rows):
            for column, value in enumerate((row.original, row.pseudonym, row.kind)):
                self.table.setItem(at, column, QTableWidgetItem(value))
            if not row.pseudonym:
                self.table.setItem(at, 1, _kept_cell())
        self.table.blockSignals(False)
        kinds = sorted({r.kind for r in self.rows})
        kept = sum(1 for r in self.rows if not r.pseudonym)
        self.summary.setText(
            f"{plural(len(self.rows), 'name')}"
            + (f" ({', '.join(kinds)})" if kinds else "")
            + (f", {kept} of them not identifying (never replaced)" if kept else "")
            + "."
        )

    def add(self) -> None:
        original = self.original.text()
        if not original.strip():
            return
        if self._do(lambda: self.project.edits.add_pseudonym(original, self.pseudonym.text(), self.kind.currentText())):
            self.original.clear()
            self.pseudonym.clear()

    def remove_selected(self) -> None:
        ids = [self.rows[i].id for i in sorted({index.row() for index in self.table.selectedIndexes()})]
        if ids:

            def remove() -> None:
                with self.project.edits.together(f"Remove {plural(len(ids), 'pseudonym')}"):
                    for pseudonym_id in ids:
                        self.project.edits.remove_pseudonym(pseudonym_id)

            self._do(remove)

    def toggle_identifying(self) -> None:
        """The selected rows marked not identifying; when all of them are marked already, identifying again."""
        chosen = [self.rows[i] for i in sorted({index.row() for index in self.table.selectedIndexes()})]
        if not chosen:
            return
        identifying = all(not r.pseudonym for r in chosen)
        label = "identifying" if identifying else "not identifying"

        def mark() -> None:
            with self.project.edits.together(f"Mark {plural(len(chosen), 'original')} {label}"):
                for row in chosen:
                    self.project.edits.set_pseudonym_identifying(row.id, identifying)

        self._do(mark)

    def seed(self) -> None:
        self._do(lambda: fill_table(self.project))

    def import_list(self, path: Path) -> None:
        self._do(lambda: self.project.edits.import_pseudonyms(read_names(path)))

    def save_key(self, path: Path) -> None:
        try:
            path.write_text(self.project.pseudonyms.table().key_csv(), encoding="utf-8")
        except OSError as error:
            QMessageBox.warning(self, "Pseudonyms", f"The key could not be written: {error}")

    def _edited(self, item: QTableWidgetItem) -> None:
        row = self.rows[item.row()]
        value = item.text()
        change = self.project.edits.change_pseudonym
        if item.column() == 0:
            self._do(lambda: change(row.id, original=value))
        elif item.column() == 1:
            if not row.pseudonym and value == NOT_IDENTIFYING:
                return
            self._do(lambda: change(row.id, pseudonym=value))
        else:
            self._do(lambda: change(row.id, kind=value))

    def _do(self, edit: Callable[[], object]) -> bool:
        try:
            edit()
        except (AxialError, OSError) as error:
            QMessageBox.warning(self, "Pseudonyms", str(error))
            self.refresh()
            return False
        return True

    def _changed(self, changes: Changes) -> None:
        if Topic.PROJECT in changes.topics:
            self.refresh()

    def _choose_list(self) -> None:
        name = open_name(self, "Import Names", Purpose.SOURCES, "Names (*.csv *.txt)", self.project.path)
        if name:
            self.import_list(Path(name))

    def _save_key(self) -> None:
        suggested = f"{self.project.path.stem} key.csv"
        name = save_name(self, "Save Key", Purpose.EXPORTS, suggested, "CSV (*.csv)", self.project.path)
        if name:
            self.save_key(Path(name))

    def done(self, result: int) -> None:
        self._stop_listening()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self._stop_listening()
        super().closeEvent(event)

    def _stop_listening(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None


def _kept_cell() -> QTableWidgetItem:
    item = QTableWidgetItem(NOT_IDENTIFYING)
    font = item.font()
    font.setItalic(True)
    item.setFont(font)
    item.setForeground(QColor("gray"))
    item.setToolTip("Never replaced, never proposed again. Type a pseudonym here to replace it after all.")
    return item
