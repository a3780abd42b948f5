"""The memo panel: write the memo of what is selected — a coding's memo, a code's definition, a document's memo.

Text is saved (as an undoable edit) when the panel loses focus, when another thing is selected, or with Save.
What is shown is read again from the project after a change made elsewhere (an undo, the definition dialog), unless
something was typed here since: that is saved on leaving, as always. In a project opened read-only, memos can be
read and copied, never typed into.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.model.core.changes import Topic
from app.model.core.errors import AxialError


class MemoPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel("Select a coding, a code or a document to write its memo.")
        self.title.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("Write here…")
        self.editor.installEventFilter(self)
        self.save_button = QPushButton("Save")
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.save_button)
        self._saver: Callable[[str], None] | None = None
        self._load: Callable[[], str] | None = None
        self._follows: frozenset[Topic] = frozenset()
        self._title: Callable[[], str] | None = None
        self._shown = ""
        self.read_only = False
        self.show_nothing()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.editor.setReadOnly(read_only)
        self.editor.setPlaceholderText("" if read_only else "Write here…")
        self.save_button.setVisible(not read_only)

    def show_memo(
        self,
        title: str | Callable[[], str],
        load: Callable[[], str],
        saver: Callable[[str], None],
        follows: frozenset[Topic],
    ) -> None:
        """Edit the text `load` reads from the project; `saver` is called with the new text when it changed. It is
        read again after changes to the `follows` topics only (a coding applied leaves a document's memo alone), and
        so is a title given as a function (a document's name, which a rename changes)."""
        self.save()
        self._follows = follows
        text = load()
        self._title = title if callable(title) else None
        self._set_title(title() if callable(title) else title)
        self._shown = text
        self._saver, self._load = saver, load
        self.editor.setPlainText(text)
        self.editor.setEnabled(True)
        self.save_button.setEnabled(True)

    def _set_title(self, title: str) -> None:
        self.title.setText(f"{title} (read-only)" if self.read_only else title)

    def show_nothing(self) -> None:
        self.save()
        self._saver, self._load, self._title = None, None, None
        self._shown = ""
        self.title.setText("Select a coding, a code or a document to write its memo.")
        self.editor.setPlainText("")
        self.editor.setEnabled(False)
        self.save_button.setEnabled(False)

    def refresh(self, topics: frozenset[Topic]) -> None:
        """Show the stored text again if it changed, unless the editor holds typing not yet saved."""
        if self._load is None or not topics & self._follows:
            return
        unsaved = self.editor.toPlainText() != self._shown
        try:
            if self._title is not None:
                self._set_title(self._title())
            if unsaved:
                return
            text = self._load()
        except AxialError:  # what was shown is gone (deleted, or its creation undone)
            if not unsaved:
                self.show_nothing()
            return
        if text != self._shown:
            self._shown = text
            self.editor.setPlainText(text)

    def save(self) -> None:
        text = self.editor.toPlainText()
        if self._saver is not None and text != self._shown and not self.read_only:
            self._shown = text
            self._saver(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.save()
        return super().eventFilter(watched, event)
