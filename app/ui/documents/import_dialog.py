"""Importing transcripts: choose files or a folder, look at what was found, set kind, case and speakers, import.

Reading (the preview) and importing run in a worker with a progress bar and Cancel; the window stays responsive.
The finished import is one step in the undo history. Importing is a deliberate act: the Import button or
Ctrl+Enter, never a plain Enter pressed while editing a case name. A legacy .doc is listed with the way out, and
converted through LibreOffice (in the worker) when it is installed and the user asks for it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.cases.attribute_sheet import preview_sheet
from app.model.core.dto import DocumentKind
from app.model.core.errors import AxialError
from app.model.core.text import plural
from app.model.documents.importing import DocConverter, FilePlan, FilePreview, Importer, ImportReport, expand
from app.model.documents.readers import ReadOptions
from app.model.documents.readers.legacy_doc import find_converter
from app.model.history.edits import Edits
from app.model.project import Project
from app.ui.core import file_dialogs
from app.ui.core.file_dialogs import Purpose
from app.ui.core.file_filters import transcript_files
from app.ui.core.workers import Job

# Notes come last: they take the width left over, and an empty Notes column takes none from the others.
COLUMNS = ("File", "Format", "Encoding", "Words", "Speakers", "Kind", "Case", "Notes")
FILE, FORMAT, ENCODING, WORDS, SPEAKERS, KIND, CASE, NOTES = range(len(COLUMNS))
# Widest a column grows to fit its contents (pixels); longer texts are elided and shown whole in a tooltip.
_WIDEST = {FILE: 260, ENCODING: 160, SPEAKERS: 300}
_CASE_WIDTH = 140  # room to type a case name
CONVERT_HINT = "or tick “Convert .doc files with LibreOffice” below"


class ImportDialog(QDialog):
    preview_finished = Signal()
    import_finished = Signal(object)  # ImportReport

    def __init__(self, project: Project, edits: Edits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import transcripts")
        self.project = project
        self.edits = edits
        self.previews: list[FilePreview] = []
        self.speaker_cases: dict[Path, dict[str, str]] = {}
        self.sheet: Path | None = None  # an attribute sheet previewed, applied once the documents and cases exist
        self.job: Job | None = None
        program = find_converter()
        self.converter = DocConverter(program) if program else None
        self._build()
        self.resize(980, 640)

    # --- layout --------------------------------------------------------------------------------------------

    def _build(self) -> None:
        add_files = QPushButton("Add files…")
        add_folder = QPushButton("Add folder…")
        self.remove_button = QPushButton("Remove")
        sheet = QPushButton("Case attributes from a sheet…")
        add_files.clicked.connect(self._choose_files)
        add_folder.clicked.connect(self._choose_folder)
        self.remove_button.clicked.connect(self._remove_selected)
        sheet.clicked.connect(self._choose_sheet)
        self.sheet_creates = QCheckBox("Sheet makes the cases it names")
        self.sheet_creates.setToolTip("A row naming a case that does not exist makes that case")
        self.sheet_creates.setChecked(True)
        self.sheet_creates.toggled.connect(lambda _: self._preview_sheet())
        self.apply_sheet_button = QPushButton("Apply Sheet")
        self.apply_sheet_button.setToolTip("Apply the sheet previewed now (otherwise it is applied after the import)")
        self.apply_sheet_button.clicked.connect(self.apply_sheet)
        self.case_from_name = QCheckBox("Case named after each file")
        self.case_from_name.toggled.connect(self._fill_cases_from_names)
        self.include_comments = QCheckBox("Comments")
        self.include_notes = QCheckBox("Footnotes and endnotes")
        self.include_headers = QCheckBox("Headers and footers")
        for box in (self.include_comments, self.include_notes, self.include_headers):
            box.setToolTip("Appended to the document as a section of its own")
            box.toggled.connect(lambda _: self.run_preview())
        self.convert_doc = QCheckBox("Convert .doc files with LibreOffice")
        self.convert_doc.setToolTip(
            "Legacy Word .doc files are converted to .docx by LibreOffice, installed on this computer, and read from"
            " that; check their text before coding"
        )
        self.convert_doc.hide()  # shown when a .doc is listed and LibreOffice is installed
        self.convert_doc.toggled.connect(lambda _: self.run_preview())

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # the case column takes what is left, not an empty Notes column
        self.table.itemSelectionChanged.connect(self._show_speakers)

        self.speakers = QTableWidget(0, 3)
        self.speakers.setHorizontalHeaderLabels(("Speaker", "Turns", "Is case (name)"))
        self.speakers.verticalHeader().hide()
        self.speakers.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.speakers.itemChanged.connect(self._speaker_case_edited)
        speakers_box = QWidget()
        speakers_layout = QVBoxLayout(speakers_box)
        speakers_layout.setContentsMargins(0, 0, 0, 0)
        speakers_layout.addWidget(QLabel("Speakers in the selected file (name the case each one is, if any):"))
        speakers_layout.addWidget(self.speakers)

        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setPlaceholderText("What was imported, and what could not be, will be listed here.")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(speakers_box)
        lower.addWidget(self.summary)
        splitter.addWidget(lower)
        splitter.setSizes([380, 200])

        self.progress = QProgressBar()
        self.progress.hide()
        self.status = QLabel()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        self.import_button = QPushButton("Import")
        self.import_button.setToolTip("Import the files listed (Ctrl+Enter)")
        self.import_button.clicked.connect(self.start_import)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = (add_files, add_folder, self.remove_button, sheet, self.apply_sheet_button, self.cancel_button)
        for button in (*buttons, self.import_button, close):
            button.setAutoDefault(False)  # Enter pressed anywhere must not click a button that has had focus

        top = QHBoxLayout()
        for widget in (add_files, add_folder, self.remove_button, sheet):
            top.addWidget(widget)
        top.addWidget(self.sheet_creates)
        top.addWidget(self.apply_sheet_button)
        top.addStretch(1)
        top.addWidget(self.case_from_name)
        options = QHBoxLayout()
        options.addWidget(QLabel("Also import:"))
        for box in (self.include_comments, self.include_notes, self.include_headers):
            options.addWidget(box)
        options.addStretch(1)
        options.addWidget(self.convert_doc)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.import_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self._update_buttons()

    # --- choosing files ------------------------------------------------------------------------------------

    def _choose_files(self) -> None:
        names = file_dialogs.open_names(
            self, "Transcripts to import", Purpose.SOURCES, transcript_files(), self.project.path
        )
        self.add_paths([Path(name) for name in names])

    def _choose_folder(self) -> None:
        folder = file_dialogs.folder_name(self, "Folder of transcripts", Purpose.SOURCES, self.project.path)
        if folder:
            self.add_paths([Path(folder)])

    def _choose_sheet(self) -> None:
        name = file_dialogs.open_name(
            self, "Case attributes", Purpose.SOURCES, "Sheets (*.csv *.xlsx)", self.project.path
        )
        if name:
            self.load_sheet(Path(name))

    def load_sheet(self, path: Path) -> None:
        """Preview a sheet of case attributes; it is applied after the import (when the documents and the cases
        they make exist), or at once with Apply Sheet."""
        self.sheet = path
        self._preview_sheet()

    def _preview_sheet(self) -> None:
        if self.sheet is None:
            return
        try:
            report = preview_sheet(self.project, self.sheet, create_cases=self.sheet_creates.isChecked())
        except AxialError as error:
            self.summary.appendPlainText(str(error))
            self.sheet = None
            self._update_buttons()
            return
        when = "after the import" if self.plans() else "with Apply Sheet"
        self.summary.appendPlainText(
            f"Preview of {self.sheet.name} (as the project is now; applied {when}):\n{report.summary()}"
        )
        self._update_buttons()

    def apply_sheet(self) -> None:
        path, self.sheet = self.sheet, None
        self._update_buttons()
        if path is None:
            return
        try:
            report = self.edits.apply_attribute_sheet(path, create_cases=self.sheet_creates.isChecked())
        except AxialError as error:
            self.summary.appendPlainText(str(error))
            return
        self.summary.appendPlainText(f"{path.name} applied:\n{report.summary()}")

    def add_paths(self, paths: list[Path]) -> None:
        known = {preview.path for preview in self.previews}
        fresh = [p for p in expand(paths) if p not in known]
        if fresh:
            self.previews += [FilePreview(p, p.stem) for p in fresh]
            self.run_preview()

    def _remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            del self.previews[row]
            self.table.removeRow(row)
        self._update_buttons()

    # --- preview -------------------------------------------------------------------------------------------

    def options(self) -> ReadOptions:
        return ReadOptions(
            include_comments=self.include_comments.isChecked(),
            include_notes=self.include_notes.isChecked(),
            include_headers=self.include_headers.isChecked(),
        )

    def run_preview(self) -> None:
        if not self.previews or self.job is not None:
            return
        paths = [preview.path for preview in self.previews]
        importer = self._importer()
        self._start(lambda progress: importer.preview(paths, progress), self._preview_done, "Reading")

    def _importer(self) -> Importer:
        converter = self.converter if self.convert_doc.isChecked() else None
        return Importer(self.project, self.options(), converter)

    def _preview_done(self, previews: object) -> None:
        assert isinstance(previews, list)
        self._finish()
        by_path = {preview.path: preview for preview in previews}
        self.previews = [by_path.get(p.path, p) for p in self.previews]
        self._fill_table()
        refused = sum(not preview.importable for preview in self.previews)
        status = f"{plural(len(self.previews), 'file')} listed"
        if refused:
            status += f", {refused} cannot be imported (see Notes)"
        self.status.setText(f"{status}. Check them, then Import.")
        self.preview_finished.emit()

    def _fill_table(self) -> None:
        kinds = {row: self.kind(row) for row in range(self.table.rowCount())}
        cases = {row: self.case_name(row) for row in range(self.table.rowCount())}
        self.table.setRowCount(len(self.previews))
        for row, preview in enumerate(self.previews):
            values = {
                FILE: (preview.path.name, str(preview.path)),
                FORMAT: (preview.format or "", ""),
                ENCODING: (preview.encoding or "", ""),
                WORDS: (f"{preview.words:,}" if preview.importable else "", ""),
                SPEAKERS: (", ".join(label for label, _ in preview.speakers), _speakers_tip(preview)),
                NOTES: (self._notes(preview), ""),
            }
            for column, (value, tip) in values.items():
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(tip or value)
                if column == NOTES and preview.error:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(row, column, item)
            combo = QComboBox()
            for kind in DocumentKind:
                combo.addItem(kind.label, kind)
            combo.setCurrentIndex(list(DocumentKind).index(kinds.get(row, preview.kind)))
            self.table.setCellWidget(row, KIND, combo)
            self.table.setItem(row, CASE, QTableWidgetItem(cases.get(row, "")))
        self._fill_cases_from_names(self.case_from_name.isChecked())
        self.convert_doc.setVisible(self.converter is not None and any(p.legacy_doc for p in self.previews))
        self._size_columns()
        self._update_buttons()

    def _notes(self, preview: FilePreview) -> str:
        if preview.error is not None:
            offer = preview.legacy_doc and self.converter is not None and not self.convert_doc.isChecked()
            return f"{preview.error} — {CONVERT_HINT}" if offer else preview.error
        duplicate = [f"already imported as “{preview.duplicate_of}”"] if preview.duplicate_of else []
        return "; ".join([*preview.warnings, *duplicate])

    def _size_columns(self) -> None:
        """Each column as wide as its contents (and its title), up to a limit; Notes take what is left."""
        for column in range(NOTES):
            self.table.resizeColumnToContents(column)
        for column, widest in _WIDEST.items():
            if self.table.columnWidth(column) > widest:
                self.table.setColumnWidth(column, widest)
        self.table.setColumnWidth(CASE, max(self.table.columnWidth(CASE), _CASE_WIDTH))

    def _fill_cases_from_names(self, on: bool) -> None:
        for row, preview in enumerate(self.previews):
            item = self.table.item(row, CASE)
            if item is not None and (on or item.text() == preview.path.stem):
                item.setText(preview.path.stem if on else "")

    def kind(self, row: int) -> DocumentKind:
        combo = self.table.cellWidget(row, KIND)
        return combo.currentData() if isinstance(combo, QComboBox) else DocumentKind.INTERVIEW

    def set_kind(self, row: int, kind: DocumentKind) -> None:
        combo = self.table.cellWidget(row, KIND)
        if isinstance(combo, QComboBox):
            combo.setCurrentIndex(list(DocumentKind).index(kind))

    def case_name(self, row: int) -> str:
        item = self.table.item(row, CASE)
        return item.text().strip() if item is not None else ""

    def set_case_name(self, row: int, name: str) -> None:
        item = self.table.item(row, CASE)
        if item is not None:
            item.setText(name)

    # --- speakers ------------------------------------------------------------------------------------------

    def _show_speakers(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        self.speakers.blockSignals(True)
        self.speakers.setRowCount(0)
        if len(rows) == 1:
            preview = self.previews[rows.pop()]
            mapped = self.speaker_cases.get(preview.path, {})
            self.speakers.setRowCount(len(preview.speakers))
            for row, (label, turns) in enumerate(preview.speakers):
                for column, value in enumerate((label, str(turns))):
                    item = QTableWidgetItem(value)
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.speakers.setItem(row, column, item)
                self.speakers.setItem(row, 2, QTableWidgetItem(mapped.get(label, "")))
        self.speakers.blockSignals(False)

    def _speaker_case_edited(self, item: QTableWidgetItem) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if item.column() != 2 or len(rows) != 1:
            return
        label_item = self.speakers.item(item.row(), 0)
        if label_item is not None:
            self.map_speaker(self.previews[rows.pop()].path, label_item.text(), item.text())

    def map_speaker(self, path: Path, label: str, case_name: str) -> None:
        mapping = self.speaker_cases.setdefault(path, {})
        if case_name.strip():
            mapping[label] = case_name.strip()
        else:
            mapping.pop(label, None)

    # --- importing -----------------------------------------------------------------------------------------

    def plans(self) -> list[FilePlan]:
        plans = []
        for row, preview in enumerate(self.previews):
            if not preview.importable:
                continue
            case = self.case_name(row)
            speakers: dict[str, int | str] = dict(self.speaker_cases.get(preview.path, {}))
            plans.append(
                FilePlan(preview.path, kind=self.kind(row), case_names=(case,) if case else (), speaker_cases=speakers)
            )
        return plans

    def start_import(self) -> None:
        plans = self.plans()
        if not plans or self.job is not None:
            return
        importer = self._importer()
        self._start(lambda progress: importer.run(plans, progress), self._import_done, "Importing")

    def _import_done(self, report: object) -> None:
        assert isinstance(report, ImportReport)
        self._finish()
        lines = [f"{result.outcome.value:>9}  {result.path.name}: {result.message}" for result in report.results]
        self.summary.appendPlainText("\n".join([*lines, f"Done: {report.summary()}."]))
        self.status.setText(f"Done: {report.summary()}.")
        imported = {r.path for r in report.results if r.document_id is not None}
        self.previews = [p for p in self.previews if p.path not in imported]
        self._fill_table_after_import()
        self.apply_sheet()
        self.import_finished.emit(report)

    def _fill_table_after_import(self) -> None:
        self.table.setRowCount(0)
        self._fill_table()

    # --- the worker ----------------------------------------------------------------------------------------

    def _start(self, work: Callable[[Job], object], done: Callable[[object], None], verb: str) -> None:
        job = Job(work, self)
        job.signals.progressed.connect(self._progressed)
        job.signals.finished.connect(done)  # each `done` settles the dialog first, then announces
        job.signals.failed.connect(self._failed)
        self.job = job
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.status.setText(f"{verb}…")
        self._update_buttons()
        job.start()

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(message)

    def _failed(self, message: str) -> None:
        self._finish()
        self.summary.appendPlainText(message)
        self.status.setText("Stopped: " + message)

    def _finish(self) -> None:
        self.job = None
        self.progress.hide()
        self.cancel_button.hide()
        self._update_buttons()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText("Cancelling after the current file…")

    def reject(self) -> None:
        if self.job is not None:
            self.cancel()
            return  # closes when the worker has stopped; nothing is left half done
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.start_import()
            event.accept()  # a plain Enter never imports the batch
            return
        super().keyPressEvent(event)

    def _update_buttons(self) -> None:
        busy = self.job is not None
        self.import_button.setEnabled(not busy and any(p.importable and p.format for p in self.previews))
        self.remove_button.setEnabled(not busy and bool(self.previews))
        self.convert_doc.setEnabled(not busy)
        self.apply_sheet_button.setEnabled(not busy and self.sheet is not None)


def _speakers_tip(preview: FilePreview) -> str:
    return "\n".join(f"{label}: {plural(turns, 'turn')}" for label, turns in preview.speakers)
