"""Edit ▸ Coders…: the project's coders, each renamed, given initials or a colour here (each an undoable step)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.core.errors import AxialError
from app.model.project import Project
from app.ui.shell.coder_choice_dialog import coder_icon

_ID = Qt.ItemDataRole.UserRole + 1
AskText = Callable[[str, str, str], str | None]


class CodersDialog(QDialog):
    def __init__(
        self, project: Project, ask_text: AskText, tell: Callable[[str, str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Coders")
        self.project = project
        self.ask_text = ask_text
        self.tell = tell
        self.ask_colour: Callable[[str, str], str | None] = self._colour_dialog
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(lambda _: self.rename())
        buttons = QHBoxLayout()
        for text, slot in (("Rename…", self.rename), ("Initials…", self.set_initials), ("Colour…", self.set_colour)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setEnabled(not project.read_only)
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(420, 260)
        self.fill()

    def fill(self) -> None:
        chosen = self.chosen()
        self.list.clear()
        for coder in self.project.coders():
            you = "   (you)" if coder.id == self.project.coder_id else ""
            item = QListWidgetItem(coder_icon(coder.colour), f"{coder.initials:<4}  {coder.name}{you}")
            item.setData(_ID, coder.id)
            self.list.addItem(item)
            if coder.id == (chosen if chosen is not None else self.project.coder_id):
                self.list.setCurrentItem(item)

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(_ID))

    def _edit(self, change: Callable[[int], object]) -> None:
        coder_id = self.chosen()
        if coder_id is None:
            return
        try:
            change(coder_id)
        except AxialError as error:
            self.tell("Coders", str(error))
        self.fill()

    def rename(self) -> None:
        def change(coder_id: int) -> None:
            name = self.ask_text("Rename coder", "Name:", self.project.team.get(coder_id).name)
            if name is not None and name.strip():
                self.project.edits.rename_coder(coder_id, name)

        self._edit(change)

    def set_initials(self) -> None:
        def change(coder_id: int) -> None:
            initials = self.ask_text(
                "Coder's initials", "Initials (up to 4):", self.project.team.get(coder_id).initials
            )
            if initials is not None:
                self.project.edits.set_coder_initials(coder_id, initials)

        self._edit(change)

    def set_colour(self) -> None:
        def change(coder_id: int) -> None:
            coder = self.project.team.get(coder_id)
            colour = self.ask_colour(coder.name, coder.colour)
            if colour is not None:
                self.project.edits.set_coder_colour(coder_id, colour)

        self._edit(change)

    def _colour_dialog(self, name: str, colour: str) -> str | None:
        chosen = QColorDialog.getColor(QColor(colour), self, f"Colour of {name}")
        return chosen.name() if chosen.isValid() else None
