"""Find in the open document: type, Enter for next, Shift+Enter for previous, Escape to close."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QToolButton, QWidget


class _QueryEdit(QLineEdit):
    def __init__(self, bar: FindBar) -> None:
        super().__init__()
        self._bar = bar

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._bar.search(backward=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        elif event.key() == Qt.Key.Key_Escape:
            self._bar.hide()
            self._bar.view.setFocus()
        else:
            super().keyPressEvent(event)


class FindBar(QWidget):
    def __init__(self, view: QPlainTextEdit) -> None:
        super().__init__()
        self.view = view
        self.query = _QueryEdit(self)
        self.query.setPlaceholderText("Find in document")
        self.query.setClearButtonEnabled(True)
        self.status = QLabel()
        previous, following = QToolButton(), QToolButton()
        previous.setText("▲")
        previous.setToolTip("Previous (Shift+Enter)")
        following.setText("▼")
        following.setToolTip("Next (Enter)")
        previous.clicked.connect(lambda: self.search(backward=True))
        following.clicked.connect(lambda: self.search())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.query, 1)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(self.status)
        self.hide()

    def open(self) -> None:
        self.show()
        selected = self.view.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.query.setText(selected)
        self.query.setFocus()
        self.query.selectAll()

    def search(self, *, backward: bool = False) -> bool:
        text = self.query.text()
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.view.find(text, flags)
        if not found:  # wrap around
            cursor = self.view.textCursor()
            cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
            self.view.setTextCursor(cursor)
            found = self.view.find(text, flags)
        self.status.setText("" if found else "Not found")
        return found
