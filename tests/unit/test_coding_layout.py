"""The viewer's coding layout agrees with a brute-force reading of the codings, line by line."""

from __future__ import annotations

import random
from datetime import datetime

from app.model.core.dto import CodingInfo
from app.ui.coding.coding_layout import CodingLayout


def coding(id: int, start: int, end: int, code: int = 1) -> CodingInfo:
    return CodingInfo(id, f"g{id}", 1, code, start, end, 1, datetime(2024, 1, 1), "")


def test_segments_and_lanes_on_a_small_example() -> None:
    text = "abcdefghij\nklmno\npq"
    layout = CodingLayout(text, [coding(1, 2, 8), coding(2, 5, 14), coding(3, 16, 19)])
    assert [(s.start, s.end, s.coding_ids) for s in layout.segments(0)] == [(2, 5, (1,)), (5, 8, (1, 2)), (8, 10, (2,))]
    assert [(s.start, s.end, s.coding_ids) for s in layout.segments(1)] == [(11, 14, (2,))]
    assert [(s.start, s.end, s.coding_ids) for s in layout.segments(2)] == [(17, 19, (3,))]
    assert layout.lanes == {1: 0, 2: 1, 3: 0}
    assert layout.lane_count == 2
    # Two codings on one line take two lanes even though their words do not overlap.
    same_line = CodingLayout("one two three", [coding(1, 0, 3), coding(2, 4, 7)])
    assert same_line.lanes == {1: 0, 2: 1}


def test_agrees_with_brute_force_on_random_codings() -> None:
    rng = random.Random(4)
    text = "\n".join("".join(rng.choice("abc ") for _ in range(rng.randint(0, 60))) for _ in range(40))
    codings = []
    for i in range(300):
        start = rng.randrange(len(text) - 1)
        codings.append(coding(i, start, min(len(text), start + rng.randint(1, 200))))
    layout = CodingLayout(text, codings)
    for block in range(len(layout.block_starts)):
        line_start, line_end = layout.block_span(block)
        for position in range(line_start, line_end):
            expected = {c.id for c in codings if c.start <= position < c.end}
            found = {i for s in layout.segments(block) if s.start <= position < s.end for i in s.coding_ids}
            assert found == expected
    # No two codings that share a line share a lane.
    for a in codings:
        for b in codings:
            if a.id < b.id and set(layout.blocks_of(a)) & set(layout.blocks_of(b)):
                assert layout.lanes[a.id] != layout.lanes[b.id]
