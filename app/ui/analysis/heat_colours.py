"""The heat map's colours: a light-to-dark ramp (ColorBrewer YlOrRd, readable in colour and in grey) scaled by the
table's largest count, with a floor so that a table of ones and twos stays pale instead of turning red."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor

# YlOrRd from its second step (the first is too close to white to read as a count) to its darkest.
STEPS = ("#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026")
RAMP = tuple(QColor(c) for c in STEPS)
# The smallest count the darkest colour can stand for: a lone coding is never painted as the strongest link.
MIN_TOP = 10


def scale_top(counts: Iterable[int]) -> int:
    """The count shown in the darkest colour: the table's largest, but never below MIN_TOP."""
    return max(MIN_TOP, max(counts, default=0))


def heat_colour(value: float, top: int) -> QColor:
    """The colour of a count on a scale from 1 (palest) to `top` (darkest)."""
    fraction = 0.0 if top <= 1 else min(max((value - 1) / (top - 1), 0.0), 1.0)
    position = fraction * (len(RAMP) - 1)
    low = int(position)
    high = min(low + 1, len(RAMP) - 1)
    mix = position - low
    a, b = RAMP[low], RAMP[high]
    return QColor(
        round(a.red() + (b.red() - a.red()) * mix),
        round(a.green() + (b.green() - a.green()) * mix),
        round(a.blue() + (b.blue() - a.blue()) * mix),
    )


def text_colour(background: QColor) -> QColor:
    """Black on light shades, white on dark ones (by relative luminance)."""
    luminance = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF()
    return QColor("black") if luminance > 0.5 else QColor("white")
