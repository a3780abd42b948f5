"""Consensus from a disagreement: the spans a "Consensus" coder records once the team has discussed a passage.

The first and second coders' codings of the passage stay as they were, so the agreement before consensus can
still be reported; the consensus is a coder of its own, compared like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

CONSENSUS = "Consensus"

Spans = list[tuple[int, int]]


class Resolution(Enum):
    FIRST = "first"  # keep the first coder's codings
    SECOND = "second"  # keep the second coder's
    BOTH = "both"  # keep both coders' codings, each as it is
    UNION = "union"  # one coding from the earliest start to the latest end of what either coded
    INTERSECTION = "intersection"  # only what both coded

    @property
    def label(self) -> str:
        return {
            "first": "keep the first coder's",
            "second": "keep the second coder's",
            "both": "keep both",
            "union": "union of the boundaries",
            "intersection": "intersection of the boundaries",
        }[self.value]


def merged(spans: Sequence[tuple[int, int]]) -> Spans:
    """Overlapping or touching spans as one."""
    found: Spans = []
    for start, end in sorted(spans):
        if found and start <= found[-1][1]:
            found[-1] = (found[-1][0], max(found[-1][1], end))
        else:
            found.append((start, end))
    return found


def consensus_spans(
    first: Sequence[tuple[int, int]], second: Sequence[tuple[int, int]], resolution: Resolution
) -> Spans:
    if resolution is Resolution.FIRST:
        return sorted(set(first))
    if resolution is Resolution.SECOND:
        return sorted(set(second))
    if resolution is Resolution.BOTH:
        return sorted(set(first) | set(second))
    if resolution is Resolution.UNION:
        return merged([*first, *second])
    kept: Spans = []
    for a_start, a_end in merged(first):
        for b_start, b_end in merged(second):
            start, end = max(a_start, b_start), min(a_end, b_end)
            if start < end:
                kept.append((start, end))
    return kept
