"""A small menu at the text cursor asking which of several overlapping codings an action is for.

Each entry reads "code — coder — “the words coded”"; arrows and Enter choose, Esc leaves everything as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu, QWidget

PREVIEW = 48


def preview(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"


class CodingChooser(QMenu):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def offer(self, title: str, entries: Sequence[tuple[int, str]], at: QPoint, then: Callable[[int], None]) -> None:
        """List `entries` (coding id, label) under `title`; the chosen coding's id goes to `then`."""
        self.clear()
        heading = self.addAction(title)
        heading.setEnabled(False)
        for coding_id, text in entries:
            action = self.addAction(text.replace("&", "&&"))  # a code named "Policies & laws" keeps its "&"
            action.triggered.connect(lambda _=False, chosen=coding_id: then(chosen))
        self.popup(at)
        self.setActiveAction(self.actions()[1])
