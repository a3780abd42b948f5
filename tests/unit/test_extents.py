"""Widening a selection to its sentence, paragraph or speaker turn."""

from __future__ import annotations

from app.model.core.dto import Span, TurnInfo
from app.model.documents.extents import Extent, extend, sentence_around

TEXT = "Interviewer: How was it? Tell me.\nP1: It was hard. Caseloads went up… then people left.\n\nP1: Later it got better."


def word(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


PARAGRAPHS = [Span(0, 33), Span(34, 88), Span(90, 113)]
TURNS = [TurnInfo(1, 1, "Interviewer", 13, 33, None), TurnInfo(2, 2, "P1", 38, 113, None)]


def test_sentence_around_a_word_or_a_stretch() -> None:
    span = sentence_around(TEXT, *word(TEXT, "Caseloads"))
    assert TEXT[span.start : span.end] == "Caseloads went up…"
    span = extend(TEXT, PARAGRAPHS, TURNS, *word(TEXT, "hard. Caseloads"), Extent.SENTENCE)
    assert TEXT[span.start : span.end] == "It was hard. Caseloads went up…"  # the label "P1: " is left out
    span = sentence_around(TEXT, *word(TEXT, "How"))
    assert TEXT[span.start : span.end] == "Interviewer: How was it?"  # without turns, the line start bounds it
    cjk = "我们很忙。大家都累了。"
    span = sentence_around(cjk, *word(cjk, "大家"))
    assert cjk[span.start : span.end] == "大家都累了。"


def test_paragraph_and_turn() -> None:
    paragraphs, turns = PARAGRAPHS, TURNS
    start, end = word(TEXT, "people")
    paragraph = extend(TEXT, paragraphs, turns, start, end, Extent.PARAGRAPH)
    assert TEXT[paragraph.start : paragraph.end] == "It was hard. Caseloads went up… then people left."  # no "P1: "
    assert extend(TEXT, paragraphs, [], start, end, Extent.PARAGRAPH) == Span(34, 88)  # no turns: the whole line
    turn = extend(TEXT, paragraphs, turns, start, end, Extent.TURN)
    assert (
        TEXT[turn.start : turn.end] == "It was hard. Caseloads went up… then people left.\n\nP1: Later it got better."
    )
    assert extend(TEXT, paragraphs, [], start, end, Extent.TURN) == Span(start, end)  # no turns: unchanged
    assert extend(TEXT, paragraphs, turns, start, end, Extent.SELECTION) == Span(start, end)
