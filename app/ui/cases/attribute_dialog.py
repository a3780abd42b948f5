"""Defining an attribute or changing its type: name, type, choices (one per line) and, for a computed one, its
formula."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.model.core.dto import AttributeInfo, AttributeType
from app.ui.cases.sheet_model import type_name


@dataclass(frozen=True)
class AttributeSpec:
    name: str
    type: AttributeType
    choices: tuple[str, ...]
    formula: str


class AttributeDialog(QDialog):
    """With an attribute, changes its type (and choices); without, defines a new one (maybe computed)."""

    def __init__(self, parent: QWidget | None, attribute: AttributeInfo | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change the type" if attribute else "New attribute")
        self.name = QLineEdit(attribute.name if attribute else "")
        self.name.setReadOnly(attribute is not None)
        self.type = QComboBox()
        for kind in AttributeType:
            self.type.addItem(type_name(kind), kind)
        if attribute is not None:
            self.type.setCurrentIndex(self.type.findData(attribute.type))
        self.choices = QPlainTextEdit("\n".join(attribute.choices) if attribute else "")
        self.choices.setPlaceholderText("One choice per line (a changed type takes the values held when left empty)")
        self.choices.setMaximumHeight(110)
        self.formula = QLineEdit()
        self.formula.setPlaceholderText("Post - Pre     Change >= 5     Fidelity 12m - Fidelity 0m")
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Type", self.type)
        form.addRow("Choices", self.choices)
        if attribute is None:
            form.addRow("Formula", self.formula)
            hint = QLabel("Leave the formula empty to type values in; with one, they come from other attributes.")
            hint.setWordWrap(True)
            form.addRow(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.type.currentIndexChanged.connect(self._type_chosen)
        self._type_chosen()

    def _type_chosen(self) -> None:
        self.choices.setEnabled(self.type.currentData() is AttributeType.CHOICE)

    def spec(self) -> AttributeSpec:
        kind = AttributeType(self.type.currentData())
        lines = self.choices.toPlainText().splitlines() if kind is AttributeType.CHOICE else []
        choices = tuple(c.strip() for c in lines if c.strip())
        return AttributeSpec(self.name.text().strip(), kind, choices, self.formula.text().strip())


def ask_attribute(parent: QWidget, attribute: AttributeInfo | None = None) -> AttributeSpec | None:
    dialog = AttributeDialog(parent, attribute)
    return dialog.spec() if dialog.exec() else None
