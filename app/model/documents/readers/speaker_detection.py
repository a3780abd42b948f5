"""Finding speaker turns in transcripts typed by people, by the conventions transcribers use.

A turn starts at a paragraph that opens with a speaker label:
  Name: …   NAME: …   Interviewer 1 : …   P1: …   Q: …   [Name] …   Name (00:01:02): …
  [00:01:02] Name: …   Name  00:01:02 (Otter: alone on its line, the words below or after it)   Name: (alone)
(Markdown's **Name:** is already plain `Name:` by the time text gets here.) Paragraphs without a label continue
the turn before. A turn's span is the speech only, after the label, up to the end of its last paragraph.

Labels are judged on the whole document, not line by line. A speaker is a label that recurs as a turn opener in
the shape the document uses for its speakers; a one-off label is text. So an ordinary sentence with a colon, or a
transcriber's bracketed note at a line start ("[IR software]", "[Explains repository]. But…"), stays in the turn
it belongs to. Exceptions: a label with a clock and a known role (Q, P3, Interviewer) are deliberate marks, and in
a document that is plainly a transcript someone may speak once in the very shape its recurring speakers have.
A label recurring in another shape than the speakers' is text too: brackets mark speakers only in documents that
mark their turns that way ([id1] … [id2] …); elsewhere they are notes, even when one recurs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from app.model.core.dto import NewTurn, Span
from app.model.documents.readers.timestamps import CLOCK, to_ms

_NAME = r"[^\W\d_][\w.'’\-]*(?:[ ][\w.'’\-()]+){0,3}?"
_ROLE = re.compile(
    r"^(?:interviewer|interviewee|facilitator|moderator|participant|respondent|researcher|speaker|"
    r"q|a|i|r|p|question|answer)(?:[ \-]?\d{1,3})?$|^[A-Z]{1,3}[ \-]?\d{1,3}$",
    re.IGNORECASE,
)
_PARTICLES = {"de", "da", "di", "do", "dos", "das", "du", "van", "von", "der", "den", "la", "le", "bin", "al", "y"}
_NOT_SPEAKERS = {
    "note", "notes", "nb", "ps", "example", "e.g", "i.e", "re", "subject", "date", "time", "location", "place",
    "http", "https", "www", "tel", "phone", "email", "fax", "page", "source", "update", "summary", "title",
    "warning", "important", "reminder", "total", "step", "tip", "fyi", "to", "from", "cc", "chapter", "section",
    # transcribers' annotations in brackets
    "inaudible", "unintelligible", "laughs", "laughter", "laughing", "crosstalk", "pause", "silence", "music",
    "noise", "overlapping", "redacted", "coughs", "sighs", "interruption", "break", "end", "start",
}  # fmt: skip


class _Shape(Enum):
    """How a label is written; a document writes its speakers one way (rarely two)."""

    TIME_FIRST = "[time] Name:"
    TIME_AFTER = "Name (time):"
    OTTER = "Name  time"
    COLON = "Name:"
    BRACKET = "[Name]"


# Each pattern matches at a paragraph start; `label` is the speaker, `clock` an optional time, `inline` the speech
# when it follows an Otter header on the same line.
_PATTERNS = (
    (re.compile(rf"^\[(?P<clock>{CLOCK})\]\s*(?P<label>{_NAME})\s*:\s*"), _Shape.TIME_FIRST),
    (re.compile(rf"^(?P<label>{_NAME})\s*[(\[](?P<clock>{CLOCK})[)\]]\s*:\s*"), _Shape.TIME_AFTER),
    (re.compile(rf"^(?P<label>{_NAME})\s+(?P<clock>{CLOCK})\s*$"), _Shape.OTTER),
    # Otter's header with the speech run onto its line: two spaces (or a tab) before the time, as Otter writes it.
    (re.compile(rf"^(?P<label>{_NAME})(?:[ ]{{2,}}|\t)\s*(?P<clock>{CLOCK})\s+(?P<inline>\S)"), _Shape.OTTER),
    (re.compile(rf"^(?P<label>{_NAME})\s*:(?:\s+|$)"), _Shape.COLON),
    # A bracketed tag is a speaker only when words (or nothing) follow it: "[Note]. But…" is a sentence.
    (re.compile(r"^\[(?P<label>[^\]\d\W][^\]:]{0,30})\](?=[\s:]|$)\s*:?\s*"), _Shape.BRACKET),
)
_LEADING_CLOCK = re.compile(rf"[\[(](?P<clock>{CLOCK})[\])]\s*")  # used with match(text, pos)
_HAS_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class _Mark:
    paragraph: int
    label: str
    speech_start: int
    clock: str | None
    shape: _Shape
    inline: bool  # an Otter header with its speech on the same line: weaker than one alone on its line

    @property
    def timed(self) -> bool:
        """A time beside the name, the speech below it: a deliberate mark, whether or not the name recurs."""
        return self.clock is not None and not self.inline


def detect_turns(text: str, paragraphs: tuple[Span, ...]) -> tuple[NewTurn, ...]:
    """Speaker turns in code points; none when the text does not look like a transcript."""
    marks = [mark for i in range(len(paragraphs)) if (mark := _mark(text, paragraphs, i)) is not None]
    accepted = _speakers(marks)
    turns = []
    for n, mark in enumerate(accepted):
        last = accepted[n + 1].paragraph - 1 if n + 1 < len(accepted) else len(paragraphs) - 1
        end = paragraphs[last].end if last >= mark.paragraph else paragraphs[mark.paragraph].end
        start = _skip_space(text, min(mark.speech_start, end), end)
        clock = mark.clock
        leading = _LEADING_CLOCK.match(text, start, end)
        if leading is not None:
            # "A: (01:30) words": the time belongs to the turn, the speech starts after it.
            clock = clock or leading.group("clock")
            start = leading.end()
        turns.append(NewTurn(mark.label, start, end, to_ms(clock) if clock else None))
    return tuple(turns)


def _speakers(marks: list[_Mark]) -> list[_Mark]:
    """The marks that open turns, judged on the whole document."""
    counts = Counter(mark.label for mark in marks)
    strong = [m for m in marks if counts[m.label] >= 2 or m.timed]
    shapes = Counter(m.shape for m in strong)
    if shapes:
        # The document writes its speakers one way (brackets lose a tie: they are more often notes). A label that
        # recurs in another shape is text ("[Funder]" in an Otter transcript, "Yes:" twice in someone's answer),
        # unless it carries a time or is one of those speakers.
        main = max(shapes, key=lambda shape: (shapes[shape], shape is not _Shape.BRACKET))
        speakers = {m.label for m in strong if m.shape is main}
        strong = [m for m in strong if m.shape is main or m.timed or m.label in speakers]
        shapes = Counter(m.shape for m in strong)
    # A known role (Q, P3, Interviewer) may speak once, in the shape the document's speakers have, if it has any.
    chosen = {m.paragraph for m in strong} | {
        m.paragraph
        for m in marks
        if m.shape is not _Shape.BRACKET and _ROLE.match(m.label) and (not shapes or m.shape in shapes)
    }
    sure = [m for m in marks if m.paragraph in chosen]
    transcript = len(sure) >= 2 and len(sure) * 2 >= len(marks)
    if not transcript:
        return sure
    # In a plain transcript someone may speak only once, in the shape everyone else's turns have.
    return [m for m in marks if m.paragraph in chosen or (m.shape in shapes and not m.inline)]


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _mark(text: str, paragraphs: tuple[Span, ...], index: int) -> _Mark | None:
    span = paragraphs[index]
    line_end = text.find("\n", span.start, span.end)
    head = text[span.start : span.end if line_end < 0 else line_end]
    for pattern, shape in _PATTERNS:
        match = pattern.match(head)
        if match is None:
            continue
        label = " ".join(match.group("label").split()).rstrip(".")
        if not is_plausible_label(label, shape is _Shape.BRACKET):
            return None
        groups = match.groupdict()
        inline = groups.get("inline") is not None
        speech = span.start + (match.start("inline") if inline else match.end())
        if speech >= span.start + len(head):
            # A label alone on its line (PDF, Otter): the speech is what follows it.
            if line_end >= 0:
                speech = line_end + 1
            elif index + 1 < len(paragraphs):
                speech = paragraphs[index + 1].start
            else:
                speech = span.end
        return _Mark(index, label, speech, groups.get("clock"), shape, inline)
    return None


def is_plausible_label(label: str, bracketed: bool = False) -> bool:
    """Could this be a speaker label (before knowing whether it recurs)?"""
    if not label or len(label) > 40 or len(label.split()) > 4:
        return False
    if label.lower().rstrip(".") in _NOT_SPEAKERS:
        return False
    if _ROLE.match(label):
        return True
    if bracketed and " " not in label and _HAS_DIGIT.search(label):
        return True  # an id such as [id1] or [p03]
    # A name: every word capitalised (or a number, or a particle such as "de"), or a script without capitals.
    return all(_name_word(word) for word in label.split())


def _name_word(word: str) -> bool:
    first = word[0]
    uncased_script = first.lower() == first.upper() and not first.isdigit()  # CJK, Arabic, Hebrew
    return first.isupper() or uncased_script or word.isdigit() or word.lower() in _PARTICLES
