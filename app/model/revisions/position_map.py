"""The one position map: edits applied to a text, and where every old position lands in the new text.

An edit replaces the half-open code-point range [start, end) of the old text with `replacement`. Edits never
overlap; two insertions at one point are applied in the order given.

Where a position inside a replaced range goes depends on what it bounds:
- the start of a range maps to the start of the replacement (a range beginning inside the edit covers all of it),
- the end of a range maps to the end of the replacement;
- at a pure insertion, a start stays after the inserted text and an end before it, so a range never grows by
  text inserted at its edge.
A range whose mapped start is not before its mapped end (it lay wholly inside deleted text) is lost: `span`
returns None and callers must report it, never drop it quietly.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from app.model.core.dto import Span
from app.model.core.errors import ValidationError


@dataclass(frozen=True)
class TextEdit:
    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Revised:
    text: str
    positions: PositionMap


class PositionMap:
    """Old positions to new ones for one set of edits (sorted, non-overlapping); each lookup is a bisection."""

    def __init__(self, edits: Sequence[TextEdit], old_length: int) -> None:
        self.edits = tuple(edits)
        self.old_length = old_length
        self._starts = [e.start for e in self.edits]
        self._ends = [e.end for e in self.edits]
        # The new start of each edit's replacement, and the shift after it.
        self._new_starts: list[int] = []
        self._shift_after: list[int] = []
        shift = 0
        for edit in self.edits:
            self._new_starts.append(edit.start + shift)
            shift += len(edit.replacement) - (edit.end - edit.start)
            self._shift_after.append(shift)
        self.new_length = old_length + shift

    def start(self, position: int) -> int:
        """Where a range starting at `position` starts in the new text."""
        # Edits that begin at or before the position; the last one holds it when it is replaced (start <= p < end).
        i = bisect_right(self._starts, position) - 1
        while i >= 0 and self._starts[i] == position and self._ends[i] == position:
            i -= 1  # step over insertions here: they all come before a start
        if i >= 0 and self._starts[i] <= position < self._ends[i]:
            return self._new_starts[i]
        return position + self._shift_before(position, include_insertions=True)

    def end(self, position: int) -> int:
        """Where a range ending at `position` ends in the new text."""
        i = bisect_left(self._starts, position) - 1  # edits beginning strictly before the position
        if i >= 0 and self._starts[i] < position <= self._ends[i]:
            return self._new_starts[i] + len(self.edits[i].replacement)
        return position + self._shift_before(position, include_insertions=False)

    def span(self, start: int, end: int) -> Span | None:
        """A range's new bounds, or None when it is lost (it lay wholly in deleted text)."""
        new_start, new_end = self.start(start), self.end(end)
        return Span(new_start, new_end) if new_start < new_end else None

    def _shift_before(self, position: int, *, include_insertions: bool) -> int:
        """The total shift of the edits wholly before `position` (insertions at it counted when asked)."""
        count = bisect_right(self._ends, position) if include_insertions else bisect_left(self._ends, position)
        return self._shift_after[count - 1] if count else 0


def apply_edits(text: str, edits: Sequence[TextEdit]) -> Revised:
    """The new text and the map of positions; edits are checked (within the text, sorted, not overlapping)."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    previous_end = 0
    pieces: list[str] = []
    for edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(text):
            raise ValidationError(f"An edit of [{edit.start}, {edit.end}) lies outside the text ({len(text)}).")
        if edit.start < previous_end:
            raise ValidationError(f"Edits overlap at position {edit.start}.")
        pieces += [text[previous_end : edit.start], edit.replacement]
        previous_end = edit.end
    pieces.append(text[previous_end:])
    return Revised("".join(pieces), PositionMap(ordered, len(text)))
