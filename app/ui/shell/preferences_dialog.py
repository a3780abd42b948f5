"""Preferences: the coder name offered for new projects, the reading font and size, how codings are highlighted.

The open project's coder is not changed here: File ▸ Switch Coder… chooses among its coders."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.ui.core import settings as keys
from app.ui.core.settings import Settings

STYLES = (("background", "Coloured background"), ("underline", "Coloured underline"))


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.settings = settings
        self.coder = QLineEdit(settings.get(keys.CODER))
        self.coder.setPlaceholderText("Your name, offered when you start a project or join one")
        self.coder.setToolTip("To code as someone else in the open project, use File ▸ Switch Coder…")
        self.font_family = QFontComboBox()
        family = settings.get(keys.FONT_FAMILY)
        if family:
            self.font_family.setCurrentFont(QFont(family))
        self.font_size = QSpinBox()
        self.font_size.setRange(7, 40)
        self.font_size.setValue(settings.get(keys.FONT_SIZE))
        self.highlight = QComboBox()
        for value, label in STYLES:
            self.highlight.addItem(label, value)
        self.highlight.setCurrentIndex(max(0, [v for v, _ in STYLES].index(settings.get(keys.HIGHLIGHT))))
        self.ner_model = QLineEdit(settings.get(keys.NER_MODEL))
        self.ner_model.setPlaceholderText("Optional: an installed spaCy pipeline (en_core_web_sm) or its folder")
        self.ner_model.setToolTip("De-identify can also ask this model for names; Axial never downloads one")
        form = QFormLayout(self)
        form.addRow("Your name", self.coder)
        form.addRow("Font", self.font_family)
        form.addRow("Size", self.font_size)
        form.addRow("Highlight codings with", self.highlight)
        form.addRow("Named-entity model", self.ner_model)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def store(self) -> None:
        self.settings.set(keys.CODER, self.coder.text().strip())
        self.settings.set(keys.FONT_FAMILY, self.font_family.currentFont().family())
        self.settings.set(keys.FONT_SIZE, self.font_size.value())
        self.settings.set(keys.HIGHLIGHT, str(self.highlight.currentData()))
        self.settings.set(keys.NER_MODEL, self.ner_model.text().strip())
