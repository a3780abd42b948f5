"""Widening a span of text to the sentence, paragraph or speaker turn around it (code points, half-open)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum

from app.model.core.dto import Span, TurnInfo

# A sentence ends at . ? ! … (and CJK 。？！) followed by space or the end of a line.
_SENTENCE_END = re.compile(r"[.?!…。？！]+[\"'”’)\]]*(?=\s|$)")


class Extent(Enum):
    SELECTION = "selection"
    SENTENCE = "sentence"
    PARAGRAPH = "paragraph"
    TURN = "turn"


def sentence_around(text: str, start: int, end: int) -> Span:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", max(end - 1, start))
    line_end = len(text) if line_end < 0 else line_end
    begin = line_start
    for previous in _SENTENCE_END.finditer(text, line_start, start):
        begin = previous.end()
    closing = _SENTENCE_END.search(text, max(end - 1, begin), line_end)
    finish = line_end if closing is None else closing.end()
    return _trimmed(text, begin, max(finish, end))


def covering(spans: Sequence[Span], start: int, end: int) -> Span | None:
    """The smallest span from the first to the last of `spans` that overlap [start, end) (or touch it if empty)."""
    hits = [s for s in spans if s.start < max(end, start + 1) and s.end > start] or [
        s for s in spans if s.start <= start <= s.end
    ]
    if not hits:
        return None
    return Span(min(s.start for s in hits), max(s.end for s in hits))


def extend(
    text: str, paragraphs: Sequence[Span], turns: Sequence[TurnInfo], start: int, end: int, extent: Extent
) -> Span:
    """[start, end) widened to `extent`; where there is no such unit around it, the span itself."""
    if extent is Extent.SENTENCE:
        sentence = sentence_around(text, start, end)
        # A speaker's label is not part of what they said.
        turn = next((t for t in turns if t.start <= start < t.end), None)
        if turn is not None and sentence.start < turn.start:
            return Span(turn.start, sentence.end)
        return sentence
    if extent is Extent.PARAGRAPH:
        paragraph = covering(paragraphs, start, end)
        if paragraph is None:
            return Span(start, end)
        # A paragraph that opens with a speaker's label ("CM-04: …") is coded from the speech on.
        opening = next((t.start for t in turns if paragraph.start < t.start < paragraph.end), None)
        if opening is not None and opening <= start and "\n" not in text[paragraph.start : opening]:
            return _trimmed(text, opening, paragraph.end)
        return paragraph
    if extent is Extent.TURN:
        return covering([Span(t.start, t.end) for t in turns if t.end > t.start], start, end) or Span(start, end)
    return Span(start, end)


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
