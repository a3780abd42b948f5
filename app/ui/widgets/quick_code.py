"""The quick-code palette: type a few letters, Enter applies the best match; or create a new code by name.

Creating a code whose name is very close to an existing one ("Staff turn-over" beside "Staff turnover") first
says so; pressing Enter again creates it anyway.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.model.dto import CodeNode
from app.model.fuzzy import Candidate, CodeRanker, near_duplicates
from app.ui.widgets.tree_items import empty

_CREATE = -1
_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class _Query(QLineEdit):
    def __init__(self, palette: QuickCodePalette) -> None:
        super().__init__()
        self._palette = palette

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._palette.move_selection(1 if key == Qt.Key.Key_Down else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._palette.accept_current()
        elif key == Qt.Key.Key_Escape:
            self._palette.hide()
        else:
            super().keyPressEvent(event)


class QuickCodePalette(QFrame):
    code_chosen = Signal(int)
    code_requested = Signal(str)  # create a new code with this name (and apply it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.query = _Query(self)
        self.query.setPlaceholderText("Code name…  (Enter applies, ↑↓ choose, Esc closes)")
        self.results = QListWidget()
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.itemActivated.connect(lambda _: self.accept_current())
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        layout.addWidget(self.warning)
        self.resize(460, 320)
        self._ranker = CodeRanker([])
        self._candidates: list[Candidate] = []
        self._colours: dict[int, str] = {}
        self._confirming: str | None = None
        self.query.textChanged.connect(self._refresh)

    def open(self, nodes: Sequence[CodeNode], recent: Sequence[int], initial: str = "") -> None:
        codable = [n for n in nodes if n.code.is_codable]
        self._candidates = [Candidate(n.code.id, n.code.name, " / ".join(n.path)) for n in codable]
        self._colours = {n.code.id: n.code.colour for n in codable}
        self._ranker = CodeRanker(self._candidates, recent)
        self._confirming = None
        self.query.setText(initial)
        self._refresh(initial)
        self.show()
        self.query.setFocus()
        self.query.selectAll()

    def _refresh(self, text: str) -> None:
        self._confirming = None
        self.warning.hide()
        empty(self.results)
        for ranked in self._ranker.rank(text):
            item = QListWidgetItem(f"{ranked.candidate.name}    —  {ranked.candidate.path}")
            item.setData(_ID_ROLE, ranked.candidate.code_id)
            item.setIcon(_swatch(self._colours.get(ranked.candidate.code_id, "#999999")))
            self.results.addItem(item)
        name = " ".join(text.split())
        if name and not any(c.name.lower() == name.lower() for c in self._candidates):
            item = QListWidgetItem(f"+  Create code “{name}”")
            item.setData(_ID_ROLE, _CREATE)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def move_selection(self, step: int) -> None:
        if self.results.count():
            self.results.setCurrentRow((self.results.currentRow() + step) % self.results.count())

    def accept_current(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        code_id = int(item.data(_ID_ROLE))
        if code_id != _CREATE:
            self.hide()
            self.code_chosen.emit(code_id)
            return
        name = " ".join(self.query.text().split())
        close = near_duplicates(name, self._candidates)
        if close and self._confirming != name:
            self._confirming = name
            similar = ", ".join(f"“{r.candidate.name}”" for r in close[:3])
            self.warning.setText(f"Very close to {similar}. Press Enter again to create “{name}” anyway.")
            self.warning.show()
            return
        self.hide()
        self.code_requested.emit(name)


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(10, 10)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)
