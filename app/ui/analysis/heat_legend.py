"""The heat map's key: a few swatches of the ramp, each with the count it stands for."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.ui.analysis.heat_colours import heat_colour, text_colour

SWATCHES = 5


class HeatLegend(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(QLabel("Shading: "))
        self.swatches = [QLabel() for _ in range(SWATCHES)]
        for swatch in self.swatches:
            swatch.setAutoFillBackground(True)
            swatch.setContentsMargins(8, 1, 8, 1)
            layout.addWidget(swatch)

    def set_top(self, top: int) -> None:
        """Show the counts from 1 up to `top`, the count the darkest colour stands for."""
        counts = [round(1 + (top - 1) * i / (SWATCHES - 1)) for i in range(SWATCHES)]
        for swatch, count in zip(self.swatches, counts, strict=True):
            colour = heat_colour(count, top)
            palette = swatch.palette()
            palette.setColor(QPalette.ColorRole.Window, colour)
            palette.setColor(QPalette.ColorRole.WindowText, text_colour(colour))
            swatch.setPalette(palette)
            swatch.setText(str(count))
        self.setToolTip(f"Lighter for fewer, darker for more: the palest is 1, the darkest {top}.")
