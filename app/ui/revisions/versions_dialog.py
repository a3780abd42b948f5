"""File ▸ Versions of This Document…: every version of the open document's text (as imported, then each correction,
renamed speaker, split or join, corrected file, de-identification), when, by whom and what; any one can be saved
as a text file or gone back to, which goes through Replace with Corrected Version: the codings move through the same
alignment and any that cannot follow are listed for review."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.core.errors import AxialError
from app.model.project import Project
from app.model.revisions.revision_service import RevisionService
from app.model.revisions.versions import version_text
from app.ui.core.file_dialogs import Purpose, save_name
from app.ui.revisions.revision_flows import replace_from_file

_HEADER = ("Version", "When", "By", "What", "Text (SHA-256)")


class VersionsDialog(QDialog):
    def __init__(self, project: Project, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.document_id = project, document_id
        self.document = next(d.name for d in project.documents.all() if d.id == document_id)
        self.setWindowTitle(f"Versions of {self.document}")
        self.resize(900, 360)
        # Where Save Text As… writes (tests answer in its place).
        self.choose_file: Callable[[str], str] = lambda suggested: save_name(
            self, "Save This Version's Text", Purpose.EXPORTS, suggested, "Text (*.txt)", project.path
        )
        self.table = QTableWidget(0, len(_HEADER))
        self.table.setHorizontalHeaderLabels(_HEADER)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # what changed: the rest of the width
        self.table.itemSelectionChanged.connect(self._selected)
        note = QLabel(
            "Every change to this document's text is kept as a version. Going back to an earlier one replaces the "
            "text as a corrected version would: the codings follow, any that cannot are listed for review, and "
            "Edit ▸ Undo takes it back."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.save_button = QPushButton("Save Text As…")
        self.save_button.clicked.connect(self.save_text)
        self.go_back_button = QPushButton("Go Back to This Version…")
        self.go_back_button.clicked.connect(self.go_back)
        for button in (self.save_button, self.go_back_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.fill()

    def fill(self) -> None:
        versions = RevisionService(self.project.store).versions(self.document_id)
        rows: list[tuple[str, str, str, str, str]] = []
        if versions:
            rows.append(("0", "", "", "as imported", versions[0].previous_sha256[:12]))
        else:
            rows.append(("0", "", "", "as imported (no later versions)", ""))
        rows += [
            (
                str(v.number),
                v.made_at.strftime("%Y-%m-%d %H:%M"),
                self.project.coder_name(v.made_by),
                v.description,
                v.sha256[:12],
            )
            for v in versions
        ]
        self.table.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.selectRow(len(rows) - 1)
        self._selected()

    def chosen(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _selected(self) -> None:
        chosen = self.chosen()
        self.save_button.setEnabled(chosen is not None)
        # The latest version is the text as it is: there is nothing to go back to.
        self.go_back_button.setEnabled(chosen is not None and chosen < self.table.rowCount() - 1)

    def save_text(self) -> bool:
        number = self.chosen()
        if number is None:
            return False
        name = self.choose_file(f"{self.document} version {number}.txt")
        if not name:
            return False
        try:
            Path(name).write_text(version_text(self.project, self.document_id, number), encoding="utf-8")
        except (AxialError, OSError) as error:
            QMessageBox.warning(self, "Save This Version's Text", f"{name} could not be written: {error}")
            return False
        return True

    def go_back(self) -> bool:
        number = self.chosen()
        if number is None:
            return False
        with tempfile.TemporaryDirectory(prefix="axial-version-") as folder:
            # The new version is described as "replaced with version N.txt": it says where it came from.
            path = Path(folder) / f"version {number}.txt"
            path.write_text(version_text(self.project, self.document_id, number), encoding="utf-8")
            done = replace_from_file(self, self.project, self.document_id, path, "Go Back to an Earlier Version")
        if done:
            self.fill()
        return done
