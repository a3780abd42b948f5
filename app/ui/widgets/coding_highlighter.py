"""Highlighting one line of the document viewer: codings in their codes' colours, speaker labels, timestamps.

A line is cut into pieces by one sweep of the `CodingLayout`; pieces that look alike share one cached text format
(a document with thousands of codings needs a few dozen formats, not one per piece). `formatted_blocks` counts
the lines formatted, so tests can pin that a change re-formats only the lines it touched.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from app.model.dto import CodeInfo, Span
from app.ui.coding_layout import CodingLayout
from app.ui.text_positions import PositionMap

_CLOCK = re.compile(r"[\[(]\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?[\])]")
_NO_CODE = "#999999"

# What a coded piece looks like: style, innermost colour, outer colour (overlaps), depth, selected.
FormatKey = tuple[str, str, str | None, int, bool]


class CodingHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.layout = CodingLayout("", [])
        self.positions = PositionMap("")
        self.codes: dict[int, CodeInfo] = {}
        self.labels: dict[int, list[Span]] = {}  # block -> speaker label spans
        self.style = "background"
        self.selected: int | None = None
        self.formatted_blocks = 0
        self._formats: dict[FormatKey, QTextCharFormat] = {}
        self._label = QTextCharFormat()
        self._label.setFontWeight(QFont.Weight.Bold)
        self._clock = QTextCharFormat()
        self._clock.setForeground(QColor(128, 128, 128))
        self._clock.setFontItalic(True)

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        self.formatted_blocks += 1
        block = self.currentBlock().blockNumber()
        base = self.currentBlock().position()
        chosen = self.layout.codings.get(self.selected) if self.selected is not None else None
        # Neighbouring pieces that look alike are formatted as one.
        run_start, run_end, run_key = 0, 0, None
        for start, end, outer, inner, depth in self.layout.pieces(block):
            key = self._key(outer, inner, depth, chosen is not None and chosen.start < end and chosen.end > start)
            if key != run_key or start != run_end:
                self._apply(run_start, run_end, run_key, base)
                run_start, run_key = start, key
            run_end = end
        self._apply(run_start, run_end, run_key, base)
        line_start = self.layout.block_starts[block] if block < len(self.layout.block_starts) else 0
        for match in _CLOCK.finditer(text):
            self._merge(line_start + match.start(), line_start + match.end(), base, self._clock)
        for label in self.labels.get(block, []):
            self._merge(label.start, label.end, base, self._label)

    def _apply(self, start: int, end: int, key: FormatKey | None, base: int) -> None:
        if key is None:
            return
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = _format(*key)
        u_start = self.positions.to_utf16(start) - base
        self.setFormat(u_start, self.positions.to_utf16(end) - base - u_start, fmt)

    def _merge(self, start: int, end: int, base: int, extra: QTextCharFormat) -> None:
        for position in range(self.positions.to_utf16(start) - base, self.positions.to_utf16(end) - base):
            merged = QTextCharFormat(self.format(position))
            merged.merge(extra)
            self.setFormat(position, 1, merged)

    def _colour(self, code_id: int) -> str:
        code = self.codes.get(code_id)
        return code.colour if code is not None else _NO_CODE

    def _key(self, outer: int, inner: int, depth: int, chosen: bool) -> FormatKey:
        codings = self.layout.codings
        outer_colour = self._colour(codings[outer].code_id) if depth > 1 else None
        return self.style, self._colour(codings[inner].code_id), outer_colour, min(depth, 4), chosen


def _format(style: str, innermost: str, outer: str | None, depth: int, chosen: bool) -> QTextCharFormat:
    colour = QColor(innermost)
    fmt = QTextCharFormat()
    if style == "underline":
        fmt.setUnderlineStyle(
            QTextCharFormat.UnderlineStyle.WaveUnderline
            if depth > 1
            else QTextCharFormat.UnderlineStyle.SingleUnderline
        )
        fmt.setUnderlineColor(colour)
    else:
        # Deeper where codings overlap, so overlaps read at a glance; the outer code underlines it.
        colour.setAlpha(150 if chosen else min(60 + 30 * (depth - 1), 130))
        fmt.setBackground(colour)
        if outer is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(outer))
    if chosen:
        fmt.setFontWeight(QFont.Weight.DemiBold)
    return fmt
