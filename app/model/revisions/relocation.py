"""Placing each coding on a revised text: unchanged text keeps its text exactly; edited text is relocated when its
new text is close enough (a rapidfuzz alignment inside a window around where the map puts it); anything else goes
to a review list with a suggested spot, so no coding is ever lost without the researcher seeing it. A coding
whose words were all deleted is marked `lost`: its suggested spot is only a guess at other words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from rapidfuzz import fuzz

from app.model.core.dto import Span
from app.model.documents.extents import sentence_around
from app.model.revisions.position_map import PositionMap

# How alike (0-100) a coding's old and new text must be for it to move without review.
CLOSE_ENOUGH = 75.0
# Characters searched on each side of where the map puts an edited coding.
WINDOW = 600
_WORD_CHAR = re.compile(r"\w")


class Fate(Enum):
    INTACT = "intact"  # same text, same place
    SHIFTED = "shifted"  # same text, elsewhere
    EDITED = "edited"  # its text changed a little: relocated
    REVIEW = "to review"  # the researcher places or removes it

    @property
    def automatic(self) -> bool:
        return self is not Fate.REVIEW


@dataclass(frozen=True)
class Relocation:
    coding_id: int
    old: Span
    fate: Fate
    new: Span  # where it goes; for one to review, the suggested spot
    score: float  # how alike the old and new text are, 0-100
    lost: bool = False  # its words were all deleted: removed unless the researcher keeps or places it

    @property
    def default(self) -> Span | None:
        """Where it goes unless the researcher says (None: removed)."""
        return None if self.lost else self.new


def relocate(old: str, new: str, positions: PositionMap, codings: Sequence[tuple[int, Span]]) -> list[Relocation]:
    return [_one(old, new, positions, coding_id, span) for coding_id, span in codings]


def _one(old: str, new: str, positions: PositionMap, coding_id: int, span: Span) -> Relocation:
    before = old[span.start : span.end]
    mapped = positions.span(span.start, span.end)
    if mapped is not None and new[mapped.start : mapped.end] == before:
        return Relocation(coding_id, span, Fate.INTACT if mapped == span else Fate.SHIFTED, mapped, 100.0)
    if mapped is not None:
        score = _alike(before, new[mapped.start : mapped.end])
        if score >= CLOSE_ENOUGH:
            return Relocation(coding_id, span, Fate.EDITED, mapped, score)
    found = _occurrences(new, before)
    if len(found) == 1 and len(_occurrences(old, before)) == 1:  # moved word for word (a paragraph moved)
        return Relocation(coding_id, span, Fate.SHIFTED, found[0], 100.0)
    near = mapped or Span(positions.start(span.start), positions.start(span.start))
    if found:  # a repeated passage: suggest the nearest, let the researcher choose
        nearest = min(found, key=lambda f: abs(f.start - near.start))
        return Relocation(coding_id, span, Fate.REVIEW, nearest, 100.0)
    aligned, score = _aligned(before, new, near)
    if aligned is not None and score >= CLOSE_ENOUGH:
        return Relocation(coding_id, span, Fate.EDITED, _whole_words(new, aligned, old, span), score)
    # The words that replaced it, where the map puts them, before a weak match found nearby.
    suggestion = (
        mapped or (aligned and _whole_words(new, aligned, old, span)) or sentence_around(new, near.start, near.start)
    )
    if suggestion.end <= suggestion.start:
        suggestion = Span(max(0, near.start - 1), min(len(new), near.start + 1)) if new else Span(0, 0)
    return Relocation(coding_id, span, Fate.REVIEW, suggestion, score, lost=mapped is None)


def _alike(a: str, b: str) -> float:
    if not b or not 0.5 <= len(b) / max(1, len(a)) <= 2:
        return 0.0
    return float(fuzz.ratio(a, b))


def _occurrences(text: str, needle: str) -> list[Span]:
    """Where `needle` occurs (up to a few); too short a needle finds nothing (it would be found everywhere)."""
    if len(needle.strip()) < 12:
        return []
    found: list[Span] = []
    start = text.find(needle)
    while start != -1 and len(found) < 5:
        found.append(Span(start, start + len(needle)))
        start = text.find(needle, start + 1)
    return found


def _aligned(before: str, new: str, near: Span) -> tuple[Span | None, float]:
    low = max(0, near.start - len(before) - WINDOW)
    high = min(len(new), near.end + len(before) + WINDOW)
    window = new[low:high]
    if not before or len(window) < len(before):
        return None, 0.0
    found = fuzz.partial_ratio_alignment(before, window)
    if found is None or found.dest_end <= found.dest_start:
        return None, 0.0
    return Span(low + found.dest_start, low + found.dest_end), float(found.score)


def _whole_words(new: str, span: Span, old: str, was: Span) -> Span:
    """Edges moved out to whole words where the coding had whole-word edges before."""
    start, end = span.start, span.end
    if not _inside_word(old, was.start):
        while 0 < start < len(new) and _WORD_CHAR.match(new[start - 1]) and _WORD_CHAR.match(new[start]):
            start -= 1
    if not _inside_word(old, was.end):
        while 0 < end < len(new) and _WORD_CHAR.match(new[end - 1]) and _WORD_CHAR.match(new[end]):
            end += 1
    return Span(start, end)


def _inside_word(text: str, position: int) -> bool:
    return 0 < position < len(text) and bool(_WORD_CHAR.match(text[position - 1]) and _WORD_CHAR.match(text[position]))
