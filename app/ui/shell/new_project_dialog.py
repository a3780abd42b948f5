"""New Project: the study's name, its coder and its framework, asked together before the file's place."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

FRAMEWORKS = (("CFIR 2.0 (2022)", "cfir-2022"), ("CFIR 2009", "cfir-2009"), ("No framework", None))


@dataclass(frozen=True)
class NewProject:
    name: str
    coder: str
    framework: str | None  # a key of app.model.frameworks.definitions, or None


def login_name() -> str:
    """Only the last-resort suggestion for the coder: people code under their own name, not their account's."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class NewProjectDialog(QDialog):
    def __init__(self, coder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New project")
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. IMR implementation study")
        self.coder = QLineEdit(coder or login_name())
        self.coder.setPlaceholderText("Your name, recorded with every coding")
        self.framework = QComboBox()
        for label, key in FRAMEWORKS:
            self.framework.addItem(label, key)
        hint = QLabel("Next you choose where the project file is kept. The framework can be changed later.")
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose Where to Save…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Study name", self.name)
        form.addRow("Coder name", self.coder)
        form.addRow("Framework", self.framework)
        form.addRow(hint)
        form.addRow(self.buttons)
        for editor in (self.name, self.coder):
            editor.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        ready = bool(self.name.text().strip() and self.coder.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def choice(self) -> NewProject:
        return NewProject(
            name=" ".join(self.name.text().split()),
            coder=" ".join(self.coder.text().split()),
            framework=self.framework.currentData(),
        )
