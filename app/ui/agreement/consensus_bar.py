"""The buttons that settle a disagreement between two coders: keep one's, keep both, union or intersection."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.model.agreement.consensus import Resolution
from app.ui.core.mnemonics import literal


class ConsensusBar(QWidget):
    chosen = Signal(object)  # a Resolution

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Consensus:"))
        self.buttons: dict[Resolution, QPushButton] = {}
        for resolution, text in (
            (Resolution.FIRST, "Keep the First's"),
            (Resolution.SECOND, "Keep the Second's"),
            (Resolution.BOTH, "Keep Both"),
            (Resolution.UNION, "Union"),
            (Resolution.INTERSECTION, "Intersection"),
        ):
            button = QPushButton(text)
            button.setToolTip(f"Record as the Consensus coder's codings: {resolution.label}")
            button.clicked.connect(lambda _=False, r=resolution: self.chosen.emit(r))
            layout.addWidget(button)
            self.buttons[resolution] = button
        layout.addStretch(1)

    def name_coders(self, first: str, second: str) -> None:
        self.buttons[Resolution.FIRST].setText(f"Keep {literal(first)}'s")
        self.buttons[Resolution.SECOND].setText(f"Keep {literal(second)}'s")
