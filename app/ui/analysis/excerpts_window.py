"""The excerpts behind a table cell or a construct, in a window of its own in front of the dialog that asked
(the Excerpts panel of the main window sits behind that dialog), with filters to narrow them further."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from app.model.project import Project
from app.ui.analysis.excerpts_panel import Excerpt, ExcerptsPanel


class ExcerptsWindow(QDialog):
    excerpt_opened = Signal(int, int)  # document id, coding id

    def __init__(self, project: Project, parent: QWidget) -> None:
        super().__init__(parent)
        self.setModal(False)
        self.panel = ExcerptsPanel(project, can_split=False, filters=True)
        self.panel.excerpt_opened.connect(self.excerpt_opened)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self.resize(720, 460)

    def show_codings(self, title: str, codings: Sequence[Excerpt]) -> None:
        self.setWindowTitle(f"Excerpts: {title}")
        self.panel.show_codings(title, codings)
        self.show()
        self.raise_()
        self.activateWindow()
