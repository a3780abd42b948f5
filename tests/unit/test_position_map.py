"""The one position map: the new text, and where starts, ends and ranges land, by the documented rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.model.core.dto import Span
from app.model.core.errors import ValidationError
from app.model.revisions.position_map import TextEdit, apply_edits

TEXT = "The case manager called me twice."


def test_replacing_a_word_moves_what_follows_and_keeps_what_precedes() -> None:
    revised = apply_edits(TEXT, [TextEdit(4, 8, "support")])  # "case" -> "support"
    assert revised.text == "The support manager called me twice."
    positions = revised.positions
    assert positions.span(0, 3) == Span(0, 3)
    assert revised.text[slice(*_bounds(positions.span(9, 16)))] == "manager"
    assert positions.new_length == len(revised.text)


def test_a_range_starting_or_ending_inside_a_replacement_takes_all_of_it() -> None:
    revised = apply_edits(TEXT, [TextEdit(4, 8, "support")])
    assert revised.positions.span(6, 16) == Span(4, 19)  # "se manager" -> "support manager"
    assert revised.positions.span(0, 6) == Span(0, 11)  # "The ca" -> "The support"
    assert revised.positions.span(5, 7) == Span(4, 11)  # inside the word: the whole replacement


def test_a_range_wholly_inside_deleted_text_is_lost_not_dropped() -> None:
    revised = apply_edits(TEXT, [TextEdit(3, 8, "")])
    assert revised.text == "The manager called me twice."
    assert revised.positions.span(4, 8) is None
    assert revised.positions.span(3, 16) == Span(3, 11)


def test_text_inserted_at_a_range_edge_stays_outside_it() -> None:
    revised = apply_edits(TEXT, [TextEdit(4, 4, "new "), TextEdit(16, 16, "s")])
    assert revised.text == "The new case managers called me twice."
    assert revised.positions.span(4, 16) == Span(8, 20)
    assert revised.text[8:20] == "case manager"


def test_insertions_at_one_point_keep_their_order() -> None:
    revised = apply_edits("ab", [TextEdit(1, 1, "x"), TextEdit(1, 1, "y")])
    assert revised.text == "axyb"
    assert revised.positions.start(1) == 3
    assert revised.positions.end(1) == 1


def test_overlapping_or_outside_edits_are_refused() -> None:
    with pytest.raises(ValidationError):
        apply_edits(TEXT, [TextEdit(2, 6, "x"), TextEdit(5, 9, "y")])
    with pytest.raises(ValidationError):
        apply_edits(TEXT, [TextEdit(30, 40, "x")])


def test_astral_characters_count_as_one_position() -> None:
    text = "I felt 😀 happy 😀 then"
    revised = apply_edits(text, [TextEdit(7, 8, "🙂🙂")])
    assert revised.text == "I felt 🙂🙂 happy 😀 then"
    assert revised.text[slice(*_bounds(revised.positions.span(9, 14)))] == "happy"


@given(
    st.text(alphabet="ab \n😀", max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 5), st.text(alphabet="xy😀", max_size=4)), max_size=6),
)
def test_untouched_text_keeps_its_characters(text: str, raw: list[tuple[int, int, str]]) -> None:
    edits, taken = [], -1
    for start, width, replacement in sorted(raw):
        start = min(start, len(text))
        if start <= taken:
            continue
        end = min(start + width, len(text))
        edits.append(TextEdit(start, end, replacement))
        taken = end
    revised = apply_edits(text, edits)
    touched = [(e.start, e.end) for e in edits]
    for position in range(len(text)):
        if not any(s <= position < e or s == e == position for s, e in touched):
            span = revised.positions.span(position, position + 1)
            if not any(s <= position < e for s, e in touched):
                assert span is not None
                assert revised.text[span.start : span.end] == text[position]


def _bounds(span: Span | None) -> tuple[int, int]:
    assert span is not None
    return span.start, span.end
