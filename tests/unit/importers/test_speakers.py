"""Speaker turns by the conventions transcribers use, and ordinary colons left alone."""

from __future__ import annotations

import pytest

from app.model.importers.speakers import detect_turns
from app.model.text import line_paragraphs


def turns(text: str) -> list[tuple[str | None, str, int | None]]:
    return [(t.speaker, text[t.start : t.end], t.timestamp_ms) for t in detect_turns(text, line_paragraphs(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Maria: We began.\nJohn: Then what?\nMaria: Training.",
            [("Maria", "We began.", None), ("John", "Then what?", None), ("Maria", "Training.", None)],
        ),
        (
            "INTERVIEWER: Hi.\nMARIA: Hello.\nINTERVIEWER: Ready?\nMARIA: Yes.",
            [
                ("INTERVIEWER", "Hi.", None),
                ("MARIA", "Hello.", None),
                ("INTERVIEWER", "Ready?", None),
                ("MARIA", "Yes.", None),
            ],
        ),
        (
            "Interviewer 1 : Tell me.\nRespondent : Well.",
            [("Interviewer 1", "Tell me.", None), ("Respondent", "Well.", None)],
        ),
        ("P1: I agree.\nP12: Not me.", [("P1", "I agree.", None), ("P12", "Not me.", None)]),
        ("Q: How long?\nA: Ten years.", [("Q", "How long?", None), ("A", "Ten years.", None)]),
        (
            "[Ana] first\n[Bo] second\n[Ana] third",
            [("Ana", "first", None), ("Bo", "second", None), ("Ana", "third", None)],
        ),
        (
            "Ana Silva 00:01:02\nWe started in May.\nBo 1:10\nRight.",
            [("Ana Silva", "We started in May.", 62000), ("Bo", "Right.", 70000)],
        ),
        ("[00:01:02] Ana: Hi there.\n[00:01:09] Bo: Hello.", [("Ana", "Hi there.", 62000), ("Bo", "Hello.", 69000)]),
        ("Ana (00:02:00): Yes.\nBo [00:02:05]: No.", [("Ana", "Yes.", 120000), ("Bo", "No.", 125000)]),
        (
            "Ana: [00:03:00] Inline time first.\nAna: (04:05) another.",
            [("Ana", "Inline time first.", 180000), ("Ana", "another.", 245000)],
        ),
        (
            "Dan:\nOkay, go on.\nParticipant:\nSure.\nDan:\nThanks.",
            [("Dan", "Okay, go on.", None), ("Participant", "Sure.", None), ("Dan", "Thanks.", None)],
        ),
        (
            "张伟: 你好\n李娜: 你好吗\n张伟: 很好\n李娜: 好",
            [("张伟", "你好", None), ("李娜", "你好吗", None), ("张伟", "很好", None), ("李娜", "好", None)],
        ),
    ],
    ids=[
        "name",
        "upper",
        "space-before-colon",
        "p-numbers",
        "q-and-a",
        "brackets",
        "otter",
        "time-first",
        "time-after-name",
        "inline-time",
        "label-alone",
        "cjk",
    ],
)
def test_conventions(text: str, expected: list[tuple[str | None, str, int | None]]) -> None:
    assert turns(text) == expected


def test_continuation_paragraphs_belong_to_the_turn_before() -> None:
    text = "Title of the interview\nAna: First part.\nSecond paragraph, same speaker.\nBo: Reply.\nAna: Yes."
    assert turns(text) == [
        ("Ana", "First part.\nSecond paragraph, same speaker.", None),
        ("Bo", "Reply.", None),
        ("Ana", "Yes.", None),
    ]


def test_in_a_transcript_someone_who_speaks_once_is_still_a_speaker() -> None:
    text = "Ana: Hello all.\nBo: Hi.\nAna: Shall we start?\nDr. Carla de Souza: Just one word from me.\nBo: Go on."
    assert [speaker for speaker, _, _ in turns(text)] == ["Ana", "Bo", "Ana", "Dr. Carla de Souza", "Bo"]


@pytest.mark.parametrize(
    "text",
    [
        "Dear team,\nHere is the plan: we meet Monday.\nThe reason is simple: staff left.",
        "Note: bring the forms.\nNote: and the pens.",
        "[laughter] yes\n[laughter] ok\n[inaudible] so",
        "The problem is this: we lack staff.\nThe problem is this: we lack staff.",
        "http://example.org: a link\nhttps://example.org: another",
        "once upon a time: a story\nonce upon a time: again",
    ],
    ids=["sentences", "note-recurs", "annotations", "five-words", "urls", "lower-case"],
)
def test_ordinary_colons_and_annotations_are_not_speakers(text: str) -> None:
    assert turns(text) == []


def test_a_label_that_appears_once_is_prose_unless_it_is_a_known_role() -> None:
    assert turns("Summary of findings\nConclusion: staff value supervision.") == []
    assert turns("Interviewer: Only I speak here.") == [("Interviewer", "Only I speak here.", None)]
