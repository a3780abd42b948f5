"""The review list of a corrected file: what happens to every coding, and, for each one that could not be placed
automatically, its old and new context side by side, where the researcher keeps it at the suggested spot, places
it on a selection of the new text, or removes it. Nothing is written until Replace; then it is one undo step."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.model.core.dto import Span
from app.model.core.text import plural
from app.model.revisions.relocation import Fate, Relocation
from app.ui.core.text_positions import PositionMap

if TYPE_CHECKING:
    from app.model.revisions.reimport import ReimportPlan

CONTEXT = 300  # characters shown on each side of a coding
_MARK = QColor("#ffe08a")


class ReviewDialog(QDialog):
    def __init__(self, plan: ReimportPlan, names: Mapping[int, str], parent: QWidget | None = None) -> None:
        """`names`: each coding's label in the list (its code), by coding id."""
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(f"Replace with {plan.filename}")
        self.resize(1100, 620)
        self._choices: dict[int, Span | None] = {r.coding_id: r.default for r in plan.to_review}
        self._names = names
        counts = ", ".join(f"{plan.count(fate)} {fate.value}" for fate in Fate)
        self.summary = summary = QLabel(
            f"{plural(len(plan.edits), 'change')} found in the corrected file. Codings: {counts}."
            + (
                " Each coding to review is kept at its suggested spot unless you place or remove it; one whose words "
                "were deleted is removed unless you keep or place it (its suggested spot is other words)."
                if plan.to_review
                else " Every coding was placed automatically."
            )
        )
        summary.setWordWrap(True)
        self.items = QListWidget()
        self.before = _context_view()
        self.after = _context_view()
        self.after.setToolTip("Select words here, then Place at Selection")
        sides = QSplitter()
        for title, view in (("Before", self.before), ("In the corrected version", self.after)):
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(QLabel(f"<b>{title}</b>"))
            column.addWidget(view)
            sides.addWidget(box)
        self.keep_button = QPushButton("&Keep at Suggested Spot")
        self.place_button = QPushButton("&Place at Selection")
        self.remove_button = QPushButton("&Remove Coding")
        self.keep_button.clicked.connect(self.keep)
        self.place_button.clicked.connect(self.place_at_selection)
        self.remove_button.clicked.connect(self.remove)
        actions = QHBoxLayout()
        for button in (self.keep_button, self.place_button, self.remove_button):
            actions.addWidget(button)
        actions.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.replace_button = buttons.addButton("Replace Document", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.items)
        split.addWidget(sides)
        split.setSizes([160, 440])
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        layout.addWidget(buttons)
        for relocation in plan.to_review:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, relocation.coding_id)
            self.items.addItem(item)
            self._label(item)
        self.items.currentRowChanged.connect(self._show)
        for button in (self.keep_button, self.place_button, self.remove_button):
            button.setEnabled(bool(plan.to_review))
        if plan.to_review:
            self.items.setCurrentRow(0)

    def decisions(self) -> dict[int, Span | None]:
        """Where each coding to review goes (None: removed)."""
        return dict(self._choices)

    # --- the chosen coding ---------------------------------------------------------------------------------

    def _current(self) -> Relocation | None:
        row = self.items.currentRow()
        return self.plan.to_review[row] if 0 <= row < len(self.plan.to_review) else None

    def keep(self) -> None:
        self._decide(lambda r: r.new)

    def remove(self) -> None:
        self._decide(lambda r: None)

    def place_at_selection(self) -> None:
        cursor = self.after.textCursor()
        if not cursor.hasSelection():
            return
        low, _ = self._window(self._current_new())
        shown = self.after.toPlainText()
        positions = PositionMap(shown)
        start = low + positions.to_code_point(cursor.selectionStart())
        end = low + positions.to_code_point(cursor.selectionEnd())
        if end > start:
            self._decide(lambda r: Span(start, end))

    def _current_new(self) -> Span:
        relocation = self._current()
        return relocation.new if relocation is not None else Span(0, 0)

    def _decide(self, choose: Callable[[Relocation], Span | None]) -> None:
        relocation = self._current()
        if relocation is None:
            return
        self._choices[relocation.coding_id] = choose(relocation)
        item = self.items.currentItem()
        if item is not None:
            self._label(item)
        self._show(self.items.currentRow())

    def _label(self, item: QListWidgetItem) -> None:
        coding_id = int(item.data(Qt.ItemDataRole.UserRole))
        relocation = next(r for r in self.plan.to_review if r.coding_id == coding_id)
        choice = self._choices[coding_id]
        state = "remove" if choice is None else "keep at suggested spot" if choice == relocation.new else "placed"
        if relocation.lost and choice is None:
            state = "remove (its words were deleted)"
        words = " ".join(self.plan.old_text[relocation.old.start : relocation.old.end].split())
        short = words if len(words) <= 90 else words[:89] + "…"
        item.setText(f"{self._names.get(coding_id, 'Coding')}  —  “{short}”  —  {state}")

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.plan.to_review):
            return
        relocation = self.plan.to_review[row]
        _fill(self.before, self.plan.old_text, relocation.old)
        choice = self._choices[relocation.coding_id]
        _fill(self.after, self.plan.new_text, choice or relocation.new, marked=choice is not None)

    def _window(self, span: Span) -> tuple[int, int]:
        return _window(self.plan.new_text, span)


def _context_view() -> QPlainTextEdit:
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    return view


def _window(text: str, span: Span) -> tuple[int, int]:
    return max(0, span.start - CONTEXT), min(len(text), span.end + CONTEXT)


def _fill(view: QPlainTextEdit, text: str, span: Span, *, marked: bool = True) -> None:
    low, high = _window(text, span)
    shown = text[low:high]
    view.setPlainText(shown)
    if not marked:
        view.setExtraSelections([])
        return
    positions = PositionMap(shown)
    mark = QTextEdit.ExtraSelection()
    cursor = QTextCursor(view.document())
    cursor.setPosition(positions.to_utf16(span.start - low))
    cursor.setPosition(positions.to_utf16(span.end - low), QTextCursor.MoveMode.KeepAnchor)
    mark.cursor = cursor
    styled = QTextCharFormat()
    styled.setBackground(_MARK)
    mark.format = styled
    view.setExtraSelections([mark])
    shown_at = QTextCursor(view.document())
    shown_at.setPosition(positions.to_utf16(span.start - low))
    view.setTextCursor(shown_at)
    view.centerCursor()
