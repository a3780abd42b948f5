"""Where a document's codings fall: per line (the viewer's blocks), as overlap segments, and in margin lanes.

Built once per document, then changed in place coding by coding: adding or taking out a coding touches only the
lines it covers, so its cost does not grow with the codings the document already holds. Drawing a line or the
margin never scans all codings: a line looks up its own list. Pure Python; positions are code points.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from heapq import heappop, heappush
from itertools import accumulate, pairwise

from app.model.core.dto import CodingInfo


@dataclass(frozen=True)
class Segment:
    """A stretch of one line covered by the same set of codings (in the order they start)."""

    start: int
    end: int
    coding_ids: tuple[int, ...]


def _order(coding: CodingInfo) -> tuple[int, int, int]:
    """Outer codings first: by start, the longer first, then by id."""
    return coding.start, -coding.end, coding.id


class CodingLayout:
    def __init__(self, text: str, codings: Sequence[CodingInfo]) -> None:
        self.block_starts = list(accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0))
        self.length = len(text)
        self.codings = {c.id: c for c in codings}
        self._by_block: dict[int, list[CodingInfo]] = {}
        spans = []
        for coding in sorted(codings, key=_order):
            first = bisect_right(self.block_starts, coding.start) - 1
            last = bisect_right(self.block_starts, max(coding.start, coding.end - 1)) - 1
            for block in range(first, last + 1):
                self._by_block.setdefault(block, []).append(coding)
            spans.append((coding.id, first, last))
        self.lanes = _lanes(spans)
        self._lane_users = [0] * (max(self.lanes.values(), default=-1) + 1)
        for lane in self.lanes.values():
            self._lane_users[lane] += 1

    @property
    def lane_count(self) -> int:
        return len(self._lane_users)

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

    def change(self, removed: Iterable[int], added: Iterable[CodingInfo]) -> set[int]:
        """Take out the codings with these ids and put in these (new or altered) ones; returns the lines touched.

        Other codings keep their lanes, so stripes do not jump about while coding; a new coding takes the first
        lane free on its lines.
        """
        touched: set[int] = set()
        for coding_id in removed:
            old = self.codings.pop(coding_id, None)
            if old is None:
                continue
            for block in self.blocks_of(old):
                self._by_block[block] = [c for c in self._by_block[block] if c.id != coding_id]
                touched.add(block)
            self._release(self.lanes.pop(coding_id))
        for coding in added:
            if coding.id in self.codings:
                touched |= self.change([coding.id], [])
            self.codings[coding.id] = coding
            blocks = self.blocks_of(coding)
            taken = {self.lanes[c.id] for block in blocks for c in self.in_block(block)}
            lane = next(i for i in range(len(taken) + 1) if i not in taken)
            for block in blocks:
                insort(self._by_block.setdefault(block, []), coding, key=_order)
                touched.add(block)
            self.lanes[coding.id] = lane
            self._lane_users += [0] * (lane + 1 - len(self._lane_users))
            self._lane_users[lane] += 1
        return touched

    def _release(self, lane: int) -> None:
        self._lane_users[lane] -= 1
        while self._lane_users and self._lane_users[-1] == 0:
            self._lane_users.pop()

    def segments(self, block: int) -> list[Segment]:
        """The line cut where codings begin and end, each piece with the codings covering it."""
        return [Segment(start, end, tuple(active)) for start, end, active in self._sweep(block)]

    def pieces(self, block: int, within: tuple[int, int] | None = None) -> list[tuple[int, int, int, int, int]]:
        """As `segments`, each piece told by (start, end, outermost id, innermost id, how many codings): all
        drawing needs, in time that does not grow with how deeply the piece is coded. `within` (start, end):
        only the pieces of that stretch of the line, cut at its edges."""
        return [
            (start, end, next(iter(active)), next(reversed(active)), len(active))
            for start, end, active in self._sweep(block, within)
        ]

    def _sweep(self, block: int, within: tuple[int, int] | None = None) -> Iterator[tuple[int, int, dict[int, None]]]:
        """One sweep over the edges of the line's codings (or of its stretch `within`), yielding each covered
        piece with its codings.

        The codings are in start order, so adding them as the sweep reaches their start keeps the covering set
        in that order. The set yielded is the sweep's own: read it before the next piece.
        """
        codings = self.in_block(block)
        line_start, line_end = self.block_span(block)
        if within is not None:
            line_start, line_end = max(line_start, within[0]), min(line_end, within[1])
            codings = [c for c in codings if c.start < line_end and c.end > line_start]
        if not codings or line_start >= line_end:
            return
        starts = [max(c.start, line_start) for c in codings]
        ending: dict[int, list[int]] = {}
        for coding in codings:
            ending.setdefault(min(coding.end, line_end), []).append(coding.id)
        cuts = sorted({line_start, line_end, *starts, *ending})
        active: dict[int, None] = {}
        following = 0
        for start, end in pairwise(cuts):
            for coding_id in ending.get(start, ()):
                del active[coding_id]
            while following < len(codings) and starts[following] <= start:
                active[codings[following].id] = None
                following += 1
            if active:
                yield start, end, active


def _lanes(spans: list[tuple[int, int, int]]) -> dict[int, int]:
    """Each coding's margin lane: the first lane free on every line it touches, so stripes never cover each other.

    `spans` are (coding id, first line, last line) in order of start. Two codings on the same line take different
    lanes even when their words do not overlap, because a stripe spans whole lines. Busy lanes wait in a heap by
    their last line and free ones in a heap by number, so each coding costs a logarithm, not a scan of the lanes.
    """
    busy: list[tuple[int, int]] = []  # (last line, lane)
    free: list[int] = []
    lanes = {}
    for coding_id, first, last in spans:
        while busy and busy[0][0] < first:
            heappush(free, heappop(busy)[1])
        lane = heappop(free) if free else len(busy)  # every lane is busy: open a new one
        heappush(busy, (last, lane))
        lanes[coding_id] = lane
    return lanes
