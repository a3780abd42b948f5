"""Speaker labels in a transcript's text, and keeping them out of codings.

A turn's label (the speaker's name, often with a timestamp) is not what the speaker said: a coding made by mouse
or keyboard from a turn's first words must not pull "Interviewer  00:12" into the excerpt. Positions are code
points, half-open.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from app.model.core.dto import Span, TurnInfo


def label_spans(text: str, turns: Sequence[TurnInfo]) -> list[Span]:
    """Each turn's speaker label, in text order: the words before the speech on its line, or the line before
    when the label stands on a line of its own (as Otter and Teams write it), with its line break."""
    spans = []
    for turn in turns:
        if not turn.speaker:
            continue
        line_start = text.rfind("\n", 0, turn.start) + 1
        if turn.start > line_start:
            spans.append(Span(line_start, turn.start))
        elif line_start > 0:
            previous_start = text.rfind("\n", 0, line_start - 1) + 1
            if text[previous_start : line_start - 1].strip().startswith(turn.speaker):
                spans.append(Span(previous_start, line_start))
    return sorted(spans, key=lambda span: span.start)


def outside_labels(text: str, labels: Sequence[Span], start: int, end: int) -> Span | None:
    """[start, end) with its edges moved out of speaker labels and white space: a selection that begins in a
    label begins at the speech after it, one that ends in a label ends at the speech before it.

    None when nothing but labels and white space is left. A passage chosen across turns keeps the labels between
    its turns, as a quoted exchange does.
    """
    starts = [label.start for label in labels]
    while True:
        before = start, end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        at = bisect_right(starts, start) - 1
        if at >= 0 and start < labels[at].end:
            start = labels[at].end
        at = bisect_right(starts, end - 1) - 1
        if at >= 0 and end - 1 < labels[at].end:
            end = labels[at].start
        if end <= start:
            return None
        if (start, end) == before:
            return Span(start, end)
