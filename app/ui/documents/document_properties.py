"""A document's properties: its name, kind, interview date, the cases it belongs to, the sets it is in, and which
case each of its speakers is. Whatever is changed is saved as one step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.model.core.dto import DocumentKind
from app.model.project import Project

ID_ROLE = Qt.ItemDataRole.UserRole + 1
NO_CASE = "(no case)"


class DocumentProperties(QDialog):
    def __init__(self, project: Project, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.document = project.documents.get(document_id)
        self.setWindowTitle(f"Properties of {self.document.name}")
        self.name = QLineEdit(self.document.name)
        self.kind = QComboBox()
        for kind in DocumentKind:
            self.kind.addItem(kind.label, kind)
        self.kind.setCurrentIndex(list(DocumentKind).index(self.document.kind))
        self.dated = QCheckBox("Interviewed on")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        when = self.document.interview_date
        self.dated.setChecked(when is not None)
        self.date.setDate(QDate(when.year, when.month, when.day) if when else QDate.currentDate())
        self.date.setEnabled(when is not None)
        self.dated.toggled.connect(self.date.setEnabled)
        cases = project.cases.all()
        self.cases = _checklist([(c.id, c.name) for c in cases], set(self.document.case_ids))
        self.cases.setToolTip("The cases the whole document belongs to (a speaker's case is set below)")
        sets = [g for g in project.groups.all() if g.kind == "documents"]
        self.sets = _checklist([(g.id, g.name) for g in sets], {g.id for g in sets if document_id in g.document_ids})
        self.speakers = QTableWidget(0, 3)
        self.speakers.setHorizontalHeaderLabels(("Speaker", "Turns", "Is case"))
        self.speakers.verticalHeader().hide()
        self.speakers.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._speakers = project.documents.speakers(document_id)
        self.speakers.setRowCount(len(self._speakers))
        for row, speaker in enumerate(self._speakers):
            for column, value in enumerate((speaker.label, str(speaker.turn_count))):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.speakers.setItem(row, column, item)
            combo = QComboBox()
            combo.addItem(NO_CASE, None)
            for case in cases:
                combo.addItem(case.name, case.id)
            combo.setCurrentIndex(max(combo.findData(speaker.case_id), 0) if speaker.case_id else 0)
            self.speakers.setCellWidget(row, 2, combo)
        dates = QHBoxLayout()
        dates.addWidget(self.dated)
        dates.addWidget(self.date, 1)
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Kind", self.kind)
        form.addRow(dates)
        form.addRow("Cases", self.cases)
        form.addRow("Sets", self.sets)
        form.addRow("Speakers", self.speakers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, 560)

    def speaker_case(self, row: int) -> int | None:
        combo = self.speakers.cellWidget(row, 2)
        return combo.currentData() if isinstance(combo, QComboBox) else None

    def set_speaker_case(self, label: str, case_id: int | None) -> None:
        row = next(r for r, s in enumerate(self._speakers) if s.label == label)
        combo = self.speakers.cellWidget(row, 2)
        if isinstance(combo, QComboBox):
            combo.setCurrentIndex(max(combo.findData(case_id), 0) if case_id else 0)

    def interview_date(self) -> date | None:
        if not self.dated.isChecked():
            return None
        day = self.date.date()
        return date(day.year(), day.month(), day.day())

    def save(self) -> bool:
        """Make what was changed, as one step; False when nothing was."""
        document, edits = self.document, self.project.edits
        kind = DocumentKind(self.kind.currentData())
        cases, sets = _checked(self.cases), _checked(self.sets)
        was_in = {g.id for g in self.project.groups.all() if document.id in g.document_ids}
        speakers = [(s.id, self.speaker_case(row)) for row, s in enumerate(self._speakers)]
        changed_speakers = [(s, c) for (s, c), old in zip(speakers, self._speakers, strict=True) if c != old.case_id]
        name = self.name.text().strip()
        steps = [
            name != document.name,
            kind is not document.kind,
            self.interview_date() != document.interview_date,
            cases != set(document.case_ids),
            sets != was_in,
            bool(changed_speakers),
        ]
        if not any(steps):
            return False
        with edits.together(f"Edit the properties of “{document.name}”"):
            if steps[0]:
                edits.rename_document(document.id, name)
            if steps[1]:
                edits.set_document_kind(document.id, kind)
            if steps[2]:
                edits.set_interview_date(document.id, self.interview_date())
            if steps[3]:
                edits.set_document_cases(document.id, sorted(cases))
            for group_id in sorted(sets - was_in):
                edits.add_to_set(group_id, [document.id])
            for group_id in sorted(was_in - sets):
                edits.remove_from_set(group_id, [document.id])
            for speaker_id, case_id in changed_speakers:
                edits.link_speaker(speaker_id, case_id)
        return True


def _checklist(items: list[tuple[int, str]], checked: set[int]) -> QListWidget:
    listing = QListWidget()
    listing.setMaximumHeight(120)
    for item_id, name in items:
        item = QListWidgetItem(name)
        item.setData(ID_ROLE, item_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if item_id in checked else Qt.CheckState.Unchecked)
        listing.addItem(item)
    return listing


def _checked(listing: QListWidget) -> set[int]:
    return {
        int(listing.item(row).data(ID_ROLE))
        for row in range(listing.count())
        if listing.item(row).checkState() == Qt.CheckState.Checked
    }
