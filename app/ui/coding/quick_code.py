"""The quick-code palette: type a code's name; Enter applies a real match or creates the code.

The list shows the ranking of `name_matching.CodeRanker` as it is: the strong matches first (Enter applies the top one),
then the "+ Create code" row, then loose look-alikes under a header, dimmed (chosen only with the arrow keys). With
no strong match the Create row is therefore the first row, and Enter creates. Ctrl+Enter (or Shift+Enter) creates
whatever is listed. Creating a name very close to an existing one (`name_matching.near_duplicates`) first says so; Enter
again creates it anyway.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QKeyEvent, QPalette, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.model.codes.name_matching import Candidate, CodeRanker, Ranked, near_duplicates
from app.model.core.dto import CodeNode
from app.ui.core.tree_items import empty

CREATE = -1
HEADER = -2
_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_CREATE_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class _Query(QLineEdit):
    def __init__(self, palette: QuickCodePalette) -> None:
        super().__init__()
        self._palette = palette

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._palette.move_selection(1 if key == Qt.Key.Key_Down else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & _CREATE_KEYS:
                self._palette.create_typed()
            else:
                self._palette.accept_current()
        elif key == Qt.Key.Key_Escape:
            self._palette.hide()
        else:
            super().keyPressEvent(event)


def label(candidate: Candidate) -> str:
    """ "Name — Parent / Path", or the name alone at the top level."""
    return f"{candidate.name}  —  {candidate.parent}" if candidate.parent else candidate.name


def placed(size: QSize, anchor: QRect, available: QRect) -> QPoint:
    """Below the anchor (the text cursor), or above it when there is no room below; always inside `available`."""
    x, y = anchor.left(), anchor.bottom() + 1
    if y + size.height() > available.bottom() + 1 and anchor.top() - size.height() >= available.top():
        y = anchor.top() - size.height()
    x = max(available.left(), min(x, available.right() + 1 - size.width()))
    y = max(available.top(), min(y, available.bottom() + 1 - size.height()))
    return QPoint(x, y)


class QuickCodePalette(QFrame):
    code_chosen = Signal(int)
    code_requested = Signal(str, bool)  # create a code with this name (and apply it); similar names acknowledged

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.query = _Query(self)
        self.query.setPlaceholderText("Code name…   Enter: match or create · Ctrl+Enter: new code")
        self.results = QListWidget()
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setUniformItemSizes(True)  # one row height: refilling per keystroke stays cheap
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
        self._everything: list[Candidate] = []  # categories too: a new name may echo one
        self._colours: dict[int, str] = {}
        self._swatches: dict[str, QIcon] = {}
        self._confirming: str | None = None
        self.query.textChanged.connect(self._refresh)

    def open(self, nodes: Sequence[CodeNode], recent: Sequence[int], anchor: QRect | None = None) -> None:
        """Show the palette for these codes; `anchor` (global) is where the text cursor is."""
        self._everything = [Candidate(n.code.id, n.code.name, " / ".join(n.path)) for n in nodes]
        codable = {n.code.id for n in nodes if n.code.is_codable}
        self._colours = {n.code.id: n.code.colour for n in nodes}
        self._ranker = CodeRanker([c for c in self._everything if c.code_id in codable], recent)
        self._confirming = None
        self.query.clear()
        self._refresh("")
        if anchor is not None:
            screen = QGuiApplication.screenAt(anchor.center()) or self.screen()
            self.move(placed(self.size(), anchor, screen.availableGeometry()))
        self.show()
        self.query.setFocus()

    def _name(self) -> str:
        return " ".join(self.query.text().split())

    def _refresh(self, text: str) -> None:
        self._confirming = None
        self.warning.hide()
        empty(self.results)
        ranking = self._ranker.rank(text)
        for ranked in ranking.strong:
            self._add(ranked, dimmed=False)
        name = self._name()
        if name:
            item = QListWidgetItem(f"+  Create code “{name}”    Ctrl+Enter")
            item.setData(_ID_ROLE, CREATE)
            self.results.addItem(item)
        if ranking.loose:
            header = QListWidgetItem("Similar names (only ↑↓ picks these)" if name else "All codes (↑↓ to pick)")
            header.setData(_ID_ROLE, HEADER)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = header.font()
            font.setItalic(True)
            header.setFont(font)
            self.results.addItem(header)
            for ranked in ranking.loose:
                self._add(ranked, dimmed=True)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _add(self, ranked: Ranked, *, dimmed: bool) -> None:
        item = QListWidgetItem(label(ranked.candidate))
        item.setToolTip(ranked.candidate.path)
        item.setData(_ID_ROLE, ranked.candidate.code_id)
        colour = self._colours.get(ranked.candidate.code_id, "#999999")
        if colour not in self._swatches:
            self._swatches[colour] = _swatch(colour)
        item.setIcon(self._swatches[colour])
        if dimmed:
            item.setForeground(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        self.results.addItem(item)

    def rows(self) -> list[int]:
        """What each row is: a code id, CREATE or HEADER."""
        return [int(item.data(_ID_ROLE)) for i in range(self.results.count()) if (item := self.results.item(i))]

    def move_selection(self, step: int) -> None:
        rows = self.rows()
        if not rows:
            return
        row = self.results.currentRow()
        for _ in rows:
            row = (row + step) % len(rows)
            if rows[row] != HEADER:
                self.results.setCurrentRow(row)
                return

    def accept_current(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        code_id = int(item.data(_ID_ROLE))
        if code_id == CREATE:
            self.create_typed()
        elif code_id != HEADER:
            self.hide()
            self.code_chosen.emit(code_id)

    def create_typed(self) -> None:
        """Create a code with the typed name, after saying once which existing names are very close to it."""
        name = self._name()
        if not name:
            return
        if self._confirming == name:
            self.hide()
            self.code_requested.emit(name, True)
            return
        close = near_duplicates(name, self._everything)
        if not close:
            self.hide()
            self.code_requested.emit(name, False)
            return
        self._confirming = name
        similar = ", ".join(
            f"“{r.candidate.name}”" + (f" (under {r.candidate.parent})" if r.candidate.parent else "")
            for r in close[:3]
        )
        self.warning.setText(f"Very close to {similar}. Press Enter again to create “{name}” anyway, or Esc.")
        self.warning.show()
        self.results.setCurrentRow(self.rows().index(CREATE))


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(10, 10)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)
