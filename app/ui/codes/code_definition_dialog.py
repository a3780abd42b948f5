"""A code's codebook entry: definition, inclusion and exclusion criteria, example (only shown when read-only)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QPlainTextEdit, QWidget

from app.model.core.dto import CodeInfo

FIELDS = ("definition", "inclusion", "exclusion", "example")
LABELS = ("Definition", "Include when", "Exclude when", "Example")


class CodeDefinitionDialog(QDialog):
    def __init__(self, code: CodeInfo, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Code “{code.name}”")
        self.editors: dict[str, QPlainTextEdit] = {}
        form = QFormLayout(self)
        for field, label in zip(FIELDS, LABELS, strict=True):
            editor = QPlainTextEdit(getattr(code, field))
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(60)
            editor.setReadOnly(read_only)
            self.editors[field] = editor
            form.addRow(label, editor)
        button = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(button.Close if read_only else button.Save | button.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, 460)

    def values(self) -> dict[str, str]:
        return {field: editor.toPlainText() for field, editor in self.editors.items()}
