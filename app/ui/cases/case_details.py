"""The chosen case's documents (its own and those it speaks in) and the speakers linked to it, where a speaker can
be linked to it or unlinked."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from app.model.cases.case_counts import case_speakers
from app.model.core.dto import CaseInfo
from app.model.project import Project

SPEAKER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CaseDetails(QWidget):
    link_requested = Signal()
    unlink_requested = Signal(int)  # speaker id

    def __init__(self, project: Project) -> None:
        super().__init__()
        self._project = project
        self.case: CaseInfo | None = None
        self.title = QLabel("Choose a case")
        self.title.setWordWrap(True)
        self.documents = QListWidget()
        self.speakers = QListWidget()
        self.link = QPushButton("Link a Speaker…")
        self.link.setToolTip("Say that a speaker in a document is this case, so what they say counts for it")
        self.unlink = QPushButton("Unlink")
        self.link.clicked.connect(self.link_requested)
        self.unlink.clicked.connect(self._unlink)
        self.speakers.currentItemChanged.connect(lambda *_: self._enable())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(QLabel("Documents"))
        layout.addWidget(self.documents, 1)
        layout.addWidget(QLabel("Speakers who are this case"))
        layout.addWidget(self.speakers, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.link)
        buttons.addWidget(self.unlink)
        layout.addLayout(buttons)
        self._enable()

    def show_case(self, case: CaseInfo | None, document_ids: tuple[int, ...] = ()) -> None:
        self.case = case
        self.documents.clear()
        self.speakers.clear()
        if case is None:
            self.title.setText("Choose a case")
            self._enable()
            return
        self.title.setText(f"<b>{case.name}</b>" + (f"<br>{case.description}" if case.description else ""))
        self.title.setTextFormat(Qt.TextFormat.RichText)
        documents = {d.id: d for d in self._project.documents.all() if d.id in document_ids}
        for document in sorted(documents.values(), key=lambda d: d.name.casefold()):
            how = "" if case.id in document.case_ids else "  (speaks in it)"
            self.documents.addItem(f"{document.name}{how}")
        names = {d.id: d.name for d in self._project.documents.all()}
        for speaker in case_speakers(self._project, case.id):
            item = QListWidgetItem(f"{speaker.label} in {names.get(speaker.document_id, '?')} ({speaker.turns} turns)")
            item.setData(SPEAKER_ID_ROLE, speaker.speaker_id)
            self.speakers.addItem(item)
        self._enable()

    def _enable(self) -> None:
        writable = not self._project.read_only
        self.link.setEnabled(writable and self.case is not None)
        self.unlink.setEnabled(writable and self.speakers.currentItem() is not None)

    def _unlink(self) -> None:
        item = self.speakers.currentItem()
        if item is not None:
            self.unlink_requested.emit(int(item.data(SPEAKER_ID_ROLE)))
