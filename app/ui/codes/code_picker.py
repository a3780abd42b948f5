"""A combo box of codes that finds a code by any part of its name or its parents' names, as the user types.

Items read "name — parent path", so a sub-code is found by its own name, not only by its top-level category's.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from app.model.core.dto import CodeNode


def code_label(node: CodeNode) -> str:
    parents = node.path[:-1]
    return f"{node.code.name} — {' / '.join(parents)}" if parents else node.code.name


class CodePicker(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        editor = self.lineEdit()
        if editor is not None:  # always, once editable
            editor.setPlaceholderText("Type part of a code's name")

    def set_codes(self, nodes: Sequence[CodeNode]) -> None:
        """List the codes, keeping the chosen one when it is still there."""
        current = self.code_id()
        self.blockSignals(True)
        self.clear()
        for node in nodes:
            self.addItem(code_label(node), node.code.id)
        self.setCurrentIndex(self.findData(current) if current is not None else -1)
        if self.currentIndex() < 0 and self.count():
            self.setCurrentIndex(0)
        self.blockSignals(False)

    def code_id(self) -> int | None:
        """The code whose label is in the box; None while the text names none (half typed, or made up)."""
        index = self.findText(self.currentText(), Qt.MatchFlag.MatchFixedString)
        return None if index < 0 else self.itemData(index)

    def choose(self, code_id: int) -> None:
        self.setCurrentIndex(self.findData(code_id))
