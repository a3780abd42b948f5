"""Code points <-> UTF-16 units: exact for every position, with emoji, ZWJ sequences, CJK and RTL text."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from app.ui.core.text_positions import PositionMap

TEXTS = ["plain ascii", "café 😀 x", "👩‍👩‍👧 family", "😀😀", "中文𠀋字 שלום 🇺🇦", ""]


@pytest.mark.parametrize("text", TEXTS)
def test_every_boundary_round_trips_and_matches_qt(text: str) -> None:
    positions = PositionMap(text)
    document = QTextDocument(text)
    assert positions.utf16_length == document.characterCount() - 1  # Qt counts a final paragraph mark
    for cp in range(len(text) + 1):
        u16 = positions.to_utf16(cp)
        assert positions.to_code_point(u16) == cp
        assert len(text[:cp].encode("utf-16-le")) // 2 == u16


def test_a_position_inside_a_surrogate_pair_falls_before_the_character() -> None:
    positions = PositionMap("a😀b")
    assert [positions.to_code_point(u) for u in range(5)] == [0, 1, 1, 2, 3]
