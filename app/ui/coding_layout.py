"""Where a document's codings fall: per line (the viewer's blocks), as overlap segments, and in margin lanes.

Built once per document (and again when its codings change), so drawing a line or the margin never scans all
codings: a line looks up its own list. Pure Python; positions are code points.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from app.model.dto import CodingInfo


@dataclass(frozen=True)
class Segment:
    """A stretch of one line covered by the same set of codings (in the order they start)."""

    start: int
    end: int
    coding_ids: tuple[int, ...]


class CodingLayout:
    def __init__(self, text: str, codings: Sequence[CodingInfo]) -> None:
        self.block_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.length = len(text)
        self.codings = {c.id: c for c in codings}
        self._by_block: dict[int, list[CodingInfo]] = {}
        ordered = sorted(codings, key=lambda c: (c.start, -c.end, c.id))
        for coding in ordered:
            for block in range(self.block_of(coding.start), self.block_of(max(coding.start, coding.end - 1)) + 1):
                self._by_block.setdefault(block, []).append(coding)
        self.lanes = _lanes([(c.id, self.block_of(c.start), self.block_of(max(c.start, c.end - 1))) for c in ordered])
        self.lane_count = max(self.lanes.values(), default=-1) + 1

    def block_of(self, position: int) -> int:
        return bisect_right(self.block_starts, position) - 1

    def block_span(self, block: int) -> tuple[int, int]:
        start = self.block_starts[block]
        end = self.block_starts[block + 1] - 1 if block + 1 < len(self.block_starts) else self.length
        return start, end

    def in_block(self, block: int) -> list[CodingInfo]:
        return self._by_block.get(block, [])

    def blocks_of(self, coding: CodingInfo) -> range:
        return range(self.block_of(coding.start), self.block_of(max(coding.start, coding.end - 1)) + 1)

    def segments(self, block: int) -> list[Segment]:
        """The line cut where codings begin and end, each piece with the codings covering it."""
        line_start, line_end = self.block_span(block)
        codings = self.in_block(block)
        if not codings:
            return []
        cuts = sorted(
            {
                line_start,
                line_end,
                *(max(c.start, line_start) for c in codings),
                *(min(c.end, line_end) for c in codings),
            }
        )
        segments = []
        for start, end in pairwise(cuts):
            covering = tuple(c.id for c in codings if c.start < end and c.end > start)
            if covering and end > start:
                segments.append(Segment(start, end, covering))
        return segments


def _lanes(spans: list[tuple[int, int, int]]) -> dict[int, int]:
    """Each coding's margin lane: the first lane free on every line it touches, so stripes never cover each other.

    `spans` are (coding id, first line, last line) in order of start. Two codings on the same line take different
    lanes even when their words do not overlap, because a stripe spans whole lines.
    """
    lane_last_line: list[int] = []
    lanes = {}
    for coding_id, first, last in spans:
        lane = next((i for i, end in enumerate(lane_last_line) if end < first), len(lane_last_line))
        if lane == len(lane_last_line):
            lane_last_line.append(last)
        else:
            lane_last_line[lane] = last
        lanes[coding_id] = lane
    return lanes
