"""Speaker labels are found beside or above each turn's speech, and selections for coding are kept out of them."""

from __future__ import annotations

from app.model.core.dto import Span, TurnInfo
from app.model.documents.speaker_labels import label_spans, outside_labels

# Otter writes the label and time on a line of their own; other transcripts put "Name: " before the speech.
TEXT = "Interviewer  00:12\nHow did the week go?\nP1  00:20\nIt was a hard week.\nP1: And the next one?"
TURNS = [
    TurnInfo(1, 1, "Interviewer", 19, 39, 12_000),
    TurnInfo(2, 2, "P1", 50, 69, 20_000),
    TurnInfo(3, 2, "P1", 74, 91, None),
]


def test_labels_above_and_before_the_speech() -> None:
    labels = label_spans(TEXT, TURNS)
    assert [TEXT[s.start : s.end] for s in labels] == ["Interviewer  00:12\n", "P1  00:20\n", "P1: "]


def test_a_turn_without_a_speaker_has_no_label() -> None:
    assert label_spans("just text", [TurnInfo(1, None, None, 0, 9, None)]) == []


def test_a_selection_starting_or_ending_in_a_label_keeps_to_the_speech() -> None:
    labels = label_spans(TEXT, TURNS)
    answer = TEXT.index("It was")
    # From the middle of a label (or its start) to the end of the speech: the speech alone.
    assert outside_labels(TEXT, labels, TEXT.index("00:20"), 69) == Span(answer, 69)
    assert outside_labels(TEXT, labels, 40, 69) == Span(answer, 69)  # from the end of the line before
    # From the speech on over the next turn's label: up to the end of the speech.
    assert outside_labels(TEXT, labels, answer, TEXT.index("And") - 2) == Span(answer, 69)
    # An inline label: "P1: And the next one?" selected whole.
    assert outside_labels(TEXT, labels, 70, len(TEXT)) == Span(74, len(TEXT))


def test_a_selection_inside_a_label_is_nothing_to_code() -> None:
    labels = label_spans(TEXT, TURNS)
    assert outside_labels(TEXT, labels, 0, 11) is None
    assert outside_labels(TEXT, labels, 40, 49) is None
    assert outside_labels(TEXT, labels, 39, 50) is None  # the label line and the line breaks around it


def test_a_passage_across_turns_keeps_the_labels_between() -> None:
    labels = label_spans(TEXT, TURNS)
    assert outside_labels(TEXT, labels, 19, 69) == Span(19, 69)


def test_without_labels_only_white_space_is_trimmed() -> None:
    assert outside_labels("  a b  ", [], 0, 7) == Span(2, 5)
