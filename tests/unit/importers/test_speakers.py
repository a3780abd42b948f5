"""Speaker turns by the conventions transcribers use, and ordinary colons left alone."""

from __future__ import annotations

import pytest

from app.model.core.dto import Span
from app.model.core.text import line_paragraphs
from app.model.documents.readers.speaker_detection import detect_turns


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


OTTER_WITH_NOTES = (
    "INT  0:41\nAnd what does the repository run on?\n"
    "DC01  0:44\n[IR software]\nWe've been on it for years.\n"
    "INT  1:19\nWho pushed for data sharing?\n"
    "DC01  1:24\n[U.S. federal funding agency].\nWell, them and the journals.\n"
    "INT  2:31\nWhat do they expect?\n"
    "DC01  2:36\n[Explains repository]. But they also wanted more.\n"
    "INT  4:15\nAnyone else I should talk to?\n[Discussion of who else the interviewer should interview]\n"
    "DC01  5:02\nHappy to help."
)


def test_bracketed_notes_are_never_speakers_and_stay_in_their_turn() -> None:
    found = turns(OTTER_WITH_NOTES)
    assert [speaker for speaker, _, _ in found] == ["INT", "DC01"] * 4
    assert found[1][1] == "[IR software]\nWe've been on it for years."
    assert found[3][1] == "[U.S. federal funding agency].\nWell, them and the journals."
    assert found[5][1] == "[Explains repository]. But they also wanted more."
    assert found[6][1] == "Anyone else I should talk to?\n[Discussion of who else the interviewer should interview]"


@pytest.mark.parametrize(
    "text",
    [
        # A note that recurs at line starts, in a transcript whose speakers are written another way.
        "Ana: We applied.\n[Funder] said no.\nBo: Why?\nAna: Money.\n[Funder] said no again.\nBo: Hm.",
        "Ana  0:01\nWe applied.\n[Funder]\nsaid no.\nBo  0:05\nWhy?\n[Funder]\nagain.\nAna  0:09\nMoney.",
        # Followed by punctuation, a bracket is part of a sentence, whatever the document does.
        "[Ana] hi\n[Bo] hello\n[Ana] so\n[Name of agency]. They paid.\n[Bo] right",
    ],
    ids=["colon-transcript", "otter", "bracket-transcript"],
)
def test_a_recurring_or_punctuated_bracket_note_is_text(text: str) -> None:
    found = turns(text)
    assert {speaker for speaker, _, _ in found} == {"Ana", "Bo"}
    for note in ("[Funder]", "[Name of agency]"):
        assert sum(speech.count(note) for _, speech, _ in found) == text.count(note)  # in the speech, not lost


def test_a_one_off_label_in_another_shape_than_the_speakers_is_text() -> None:
    text = "INT  0:01\nWhat happened?\nDC01  0:05\nWell.\nBudget Office: they said no.\nINT  0:20\nAnd then?"
    assert turns(text) == [
        ("INT", "What happened?", 1000),
        ("DC01", "Well.\nBudget Office: they said no.", 5000),
        ("INT", "And then?", 20000),
    ]


def test_a_label_recurring_in_another_shape_than_the_speakers_is_text() -> None:
    text = "INT  0:01\nAnd the budget?\nDC01  0:05\nYes: we asked.\nYes: twice.\nINT  0:20\nOkay.\nDC01  0:22\nRight."
    assert [speaker for speaker, _, _ in turns(text)] == ["INT", "DC01", "INT", "DC01"]


def test_a_role_like_label_in_another_shape_than_the_speakers_is_text() -> None:
    text = "INT  0:01\nHow did the year go?\nDC01  0:05\nQ3: revenue was up, staff were not.\nINT  0:20\nOkay."
    assert [speaker for speaker, _, _ in turns(text)] == ["INT", "DC01", "INT"]


def test_otter_turn_whose_speech_starts_with_a_space() -> None:
    # Word's line break keeps the header and the speech in one paragraph; a paste may run them onto one line.
    paragraphs = "INT  09:15\nSo no template?\nBSR01  09:20\n No, no.\nINT  10:02\nOkay.\nBSR01  10:06  Just that, yes."
    assert turns(paragraphs) == [
        ("INT", "So no template?", 555_000),
        ("BSR01", "No, no.", 560_000),
        ("INT", "Okay.", 602_000),
        ("BSR01", "Just that, yes.", 606_000),
    ]
    text = "INT  09:15\nSo no template?\nBSR01  09:20\n No, no.\nINT  10:02\nOkay."
    second, third = text.index("BSR01"), text.index("INT  10")
    one_paragraph_per_turn = (Span(0, second - 1), Span(second, third - 1), Span(third, len(text)))
    found = [(t.speaker, text[t.start : t.end]) for t in detect_turns(text, one_paragraph_per_turn)]
    assert found == [("INT", "So no template?"), ("BSR01", "No, no."), ("INT", "Okay.")]


def test_otter_speaker_names_and_numbers() -> None:
    text = (
        "Maria Okafor  0:03\nHello.\n\nSpeaker 1  00:01:05\nHi.\nStill me.\n\nMaria Okafor  1:02:05\nBye.\n"
        "Speaker 1  1:02:09\nBye."
    )
    assert turns(text) == [
        ("Maria Okafor", "Hello.", 3000),
        ("Speaker 1", "Hi.\nStill me.", 65_000),
        ("Maria Okafor", "Bye.", 3_725_000),
        ("Speaker 1", "Bye.", 3_729_000),
    ]


def test_times_in_field_notes_are_not_speakers() -> None:
    assert turns("Tuesday 10:15 arrived at the site.\nTuesday 14:00 left.") == []
