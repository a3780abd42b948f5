"""File ▸ Hand Out a Copy…: who the copy is for (one of the project's coders, or someone new) and whether they code
blind (the copy then holds none of the other coders' codings)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget


class HandoutDialog(QDialog):
    def __init__(self, coders: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Hand out a copy")
        intro = QLabel(
            "A copy of the project for one team member to code in, opening as their coder. "
            "File ▸ Merge Coder's Copy… brings their work back."
        )
        intro.setWordWrap(True)
        self.coder = QComboBox()
        self.coder.setEditable(True)
        self.coder.addItems(coders)
        self.coder.setCurrentText("")
        self.blind = QCheckBox("Coding blind: leave out every other coder's codings")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton("&Choose Where to Save…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setEnabled(False)
        self.coder.currentTextChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow("&Coder:", self.coder)
        form.addRow(self.blind)
        form.addRow(self.buttons)
        self.resize(520, 180)

    def choice(self) -> tuple[str, bool]:
        return self.coder.currentText().strip(), self.blind.isChecked()
