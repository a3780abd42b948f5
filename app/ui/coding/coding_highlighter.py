"""Highlighting one line of the document viewer: codings in their codes' colours, speaker labels, timestamps.

A line is cut into pieces by one sweep of the `CodingLayout`; pieces that look alike share one cached text format
(a document with thousands of codings needs a few dozen formats, not one per piece), and labels and timestamps are
laid over them as whole ranges. Opening a document formats every line through QSyntaxHighlighter; an edit formats
its lines again with `restyle`; on a line restyled before, only the stretch its codings cover is worked out afresh
(an undo or redo after an edit there). `formatted_blocks` counts the lines formatted, so tests can pin that a change
re-formats only the lines it touched.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import pairwise

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextDocument, QTextLayout

from app.model.core.dto import CodeInfo, Span
from app.ui.coding.coding_layout import CodingLayout
from app.ui.core.text_positions import PositionMap

_CLOCK = re.compile(r"[\[(]\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?[\])]")
_NO_CODE = "#999999"

# What a coded piece looks like: style, innermost colour, outer colour (overlaps), depth, selected.
FormatKey = tuple[str, str, str | None, int, bool]
# A piece's whole look: how it is coded (None: not coded), and which marks (timestamp, speaker label) it carries.
Look = tuple[FormatKey | None, int]
Run = tuple[int, int, Look]  # a stretch of a line that looks the same: start, end (code points), look
_CLOCK_MARK, _LABEL_MARK = 1, 2


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
        self._formats: dict[Look, QTextCharFormat] = {}
        # Each restyled line's runs as last set, with what they were worked out from (layout, codes, style, choice).
        self._runs: dict[int, tuple[tuple[object, ...], list[Run]]] = {}
        self._ranges: dict[int, dict[tuple[int, int, int], QTextLayout.FormatRange]] = {}
        self._label = QTextCharFormat()
        self._label.setFontWeight(QFont.Weight.Bold)
        self._clock = QTextCharFormat()
        self._clock.setForeground(QColor(128, 128, 128))
        self._clock.setFontItalic(True)

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        current = self.currentBlock()
        for start, length, fmt in self._formats_of(current.blockNumber(), text, current.position()):
            self.setFormat(start, length, fmt)

    def restyle(self, block: QTextBlock, within: tuple[int, int] | None = None) -> bool:
        """Format one line again after its codings changed, straight onto its layout; true when the line kept its
        height, so only it needs painting again. `within` (start, end): only there did the codings change, so the
        rest of the line keeps the runs it was last restyled with (a densely coded line has hundreds of pieces,
        an edit's stretch a few dozen).

        `rehighlightBlock` would copy and compare a format per character of the line and mark the line changed
        whatever the result, which makes the view lay it out afresh and repaint everything in view. Colours do not
        move text, so the line is laid out here (by the document's own layout) and the lines after it stay put;
        only a line whose height changed (a chosen coding is bolder and may wrap) is marked changed.
        """
        number = block.blockNumber()
        text = block.text()
        runs = self._respan(number, text, within) if within is not None else None
        if runs is None:
            runs = self._runs_of(number, text)
        # Kept for the line's next edit (an undo, a redo, another coding there); only for lines edited, as holding
        # every line's runs made opening a dense document a fifth slower (more for the garbage collector to walk).
        self._runs[number] = self._basis(), runs
        # The line's ranges as last set are used again where unchanged: making one costs more than finding it.
        known = self._ranges.get(number, {})
        ranges: dict[tuple[int, int, int], QTextLayout.FormatRange] = {}
        for start, length, fmt in self._formats_of(number, text, block.position(), runs):
            key = start, length, id(fmt)  # formats are made once per look and kept, so their ids tell them apart
            piece = known.get(key)
            if piece is None:
                piece = QTextLayout.FormatRange()
                piece.start, piece.length, piece.format = start, length, fmt
            ranges[key] = piece
        self._ranges[number] = ranges
        lines = self.document().documentLayout()
        height = lines.blockBoundingRect(block).height()
        block.layout().setFormats(list(ranges.values()))  # drops its layout; measuring it below lays it out again
        if lines.blockBoundingRect(block).height() == height:
            return True
        self.document().markContentsDirty(block.position(), block.length())
        return False

    def _formats_of(
        self, block: int, text: str, base: int, runs: list[Run] | None = None
    ) -> Iterator[tuple[int, int, QTextCharFormat]]:
        """The line's formats as (UTF-16 start in the line, length, format), one per run of pieces that look alike
        (its `runs`, when already worked out)."""
        self.formatted_blocks += 1
        if runs is None:
            runs = self._runs_of(block, text)
        positions = self.positions
        for start, end, key in runs:
            fmt = self._formats.get(key)
            if fmt is None:
                fmt = self._formats[key] = self._format(key)
            u_start = positions.to_utf16(start)
            yield u_start - base, positions.to_utf16(end) - u_start, fmt

    def _basis(self) -> tuple[object, ...]:
        return self.layout, self.codes, self.style, self.selected

    def _runs_of(self, block: int, text: str, within: tuple[int, int] | None = None) -> list[Run]:
        """The line's runs (or those of its stretch `within`): coded pieces, timestamps and speaker labels laid
        over them as whole ranges, each look made once."""
        line_start = self.layout.block_starts[block] if block < len(self.layout.block_starts) else 0
        runs = self._coded_runs(block, within)
        marks = [(line_start + m.start(), line_start + m.end(), _CLOCK_MARK) for m in _CLOCK.finditer(text)]
        marks += [(label.start, label.end, _LABEL_MARK) for label in self.labels.get(block, ())]
        if within is not None:
            start, end = within
            marks = [(max(s, start), min(e, end), mark) for s, e, mark in marks if s < end and e > start]
        return _overlaid(runs, marks) if marks else runs

    def _respan(self, block: int, text: str, within: tuple[int, int]) -> list[Run] | None:
        """The line's runs with only its stretch `within` worked out afresh, the rest as last restyled; None when
        the line was not restyled since it was opened, or its runs were worked out from another layout, other
        codes or another choice."""
        basis, old = self._runs.get(block, ((), []))
        if basis != self._basis() or block >= len(self.layout.block_starts):
            return None
        line_start, line_end = self.layout.block_span(block)
        start, end = max(within[0], line_start), min(within[1], line_end)
        if start >= end:
            return old
        fresh = self._runs_of(block, text, (start, end))
        # The runs are in order and do not overlap: those ending by `start` stay, as do those starting from `end`;
        # a run across either edge keeps its part outside.
        first, last = bisect_right(old, start, key=_end), bisect_left(old, end, key=_start)
        before, after = old[:first], old[last:]
        if first < len(old) and old[first][0] < start:
            before = [*before, (old[first][0], start, old[first][2])]
        if last > 0 and old[last - 1][1] > end:
            after = [(end, old[last - 1][1], old[last - 1][2]), *after]
        # Each part is joined within itself already: only where they meet may neighbours look alike.
        return [*before[:-1], *_joined([*before[-1:], *fresh, *after[:1]]), *after[1:]]

    def _coded_runs(self, block: int, within: tuple[int, int] | None = None) -> list[Run]:
        """The line's coded pieces (or those of its stretch `within`) as runs of one look each, neighbours that
        look alike joined."""
        layout = self.layout
        codes, codings = self.codes, layout.codings
        pieces = layout.pieces(block, within)
        colours = {}
        for coding_id in {i for piece in pieces for i in piece[2:4]}:  # only the codings drawn: a stretch has few
            code = codes.get(codings[coding_id].code_id)
            colours[coding_id] = code.colour if code is not None else _NO_CODE
        chosen = layout.codings.get(self.selected) if self.selected is not None else None
        style = self.style
        runs: list[Run] = []
        for start, end, outer, inner, depth in pieces:
            key = (
                (
                    style,
                    colours[inner],
                    colours[outer] if depth > 1 else None,
                    min(depth, 4),
                    chosen is not None and chosen.start < end and chosen.end > start,
                ),
                0,
            )
            if runs and runs[-1][2] == key and runs[-1][1] == start:
                runs[-1] = (runs[-1][0], end, key)
            else:
                runs.append((start, end, key))
        return runs

    def _format(self, look: Look) -> QTextCharFormat:
        coded, marks = look
        fmt = _format(*coded) if coded is not None else QTextCharFormat()
        if marks & _CLOCK_MARK:
            fmt.merge(self._clock)
        if marks & _LABEL_MARK:
            fmt.merge(self._label)
        return fmt


def _start(run: Run) -> int:
    return run[0]


def _end(run: Run) -> int:
    return run[1]


def _joined(runs: list[Run]) -> list[Run]:
    """Runs with neighbours that touch and look alike made one, as a line formatted whole has them."""
    out: list[Run] = []
    for run in runs:
        if out and out[-1][2] == run[2] and out[-1][1] == run[0]:
            out[-1] = (out[-1][0], run[1], run[2])
        else:
            out.append(run)
    return out


def _overlaid(runs: list[Run], marks: list[tuple[int, int, int]]) -> list[Run]:
    """The runs with timestamp and label marks laid over them: cut where a mark begins or ends, each piece marked
    by the marks covering it (a few per line, so a scan of them per piece is cheap)."""
    cuts = sorted({edge for start, end, _ in runs for edge in (start, end)} | {e for m in marks for e in m[:2]})
    out: list[Run] = []
    at = 0
    for start, end in pairwise(cuts):
        while at < len(runs) and runs[at][1] <= start:
            at += 1
        coded = runs[at][2][0] if at < len(runs) and runs[at][0] <= start else None
        marked = 0
        for mark_start, mark_end, mark in marks:
            if mark_start <= start and end <= mark_end:
                marked |= mark
        if coded is None and not marked:
            continue
        key = (coded, marked)
        if out and out[-1][2] == key and out[-1][1] == start:
            out[-1] = (out[-1][0], end, key)
        else:
            out.append((start, end, key))
    return out


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
