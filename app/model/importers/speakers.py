"""Finding speaker turns in transcripts typed by people, by the conventions transcribers use.

A turn starts at a paragraph that opens with a speaker label:
  Name: …   NAME: …   Interviewer 1 : …   P1: …   Q: …   [Name] …   Name (00:01:02): …
  [00:01:02] Name: …   Name 00:01:02 (alone on its line, Otter)   Name: (alone, the words follow)
(Markdown's **Name:** is already plain `Name:` by the time text gets here.) Paragraphs without a label continue
the turn before. A turn's span is the speech only, after the label, up to the end of its last paragraph.

An ordinary sentence with a colon must not become a speaker, so a label is short (four words at most), starts with
a capital (or is a known role such as Q, P3, Interviewer), is not a word like "Note", and either names a known role
or recurs at least twice in the document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..dto import NewTurn, Span
from .timestamps import CLOCK, to_ms

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

# Each pattern matches at a paragraph start; `label` is the speaker, `clock` an optional time. A bracketed label
# is a deliberate mark, so it may be lower case ([id1]); a bare one must look like a name.
_PATTERNS = (
    (re.compile(rf"^\[(?P<clock>{CLOCK})\]\s*(?P<label>{_NAME})\s*:\s*"), False),  # [00:01:02] Name: …
    (re.compile(rf"^(?P<label>{_NAME})\s*[(\[](?P<clock>{CLOCK})[)\]]\s*:\s*"), False),  # Name (00:01:02): …
    (re.compile(rf"^(?P<label>{_NAME})\s+(?P<clock>{CLOCK})\s*$"), False),  # Otter: Name 0:01 (alone)
    (re.compile(rf"^(?P<label>{_NAME})\s*:(?:\s+|$)"), False),  # Name: … / Interviewer 1 : … / Name: (alone)
    (re.compile(r"^\[(?P<label>[^\]\d\W][^\]:]{0,30})\]\s*:?\s*"), True),  # [Name] … / [id1] …
)
_LEADING_CLOCK = re.compile(rf"[\[(](?P<clock>{CLOCK})[\])]\s*")  # used with match(text, pos)


@dataclass(frozen=True)
class _Mark:
    paragraph: int
    label: str
    speech_start: int
    clock: str | None


def detect_turns(text: str, paragraphs: tuple[Span, ...]) -> tuple[NewTurn, ...]:
    """Speaker turns in code points; none when the text does not look like a transcript."""
    marks = [mark for i in range(len(paragraphs)) if (mark := _mark(text, paragraphs, i)) is not None]
    counts = Counter(mark.label for mark in marks)
    # A label with a clock is a deliberate mark; a bare one must recur or be a known role...
    sure = [m for m in marks if counts[m.label] >= 2 or m.clock is not None or _ROLE.match(m.label)]
    # ...unless the document is plainly a transcript, where someone may speak only once.
    transcript = len(sure) >= 2 and len(sure) * 2 >= len(marks)
    accepted = marks if transcript else sure
    turns = []
    for n, mark in enumerate(accepted):
        last = accepted[n + 1].paragraph - 1 if n + 1 < len(accepted) else len(paragraphs) - 1
        end = paragraphs[last].end if last >= mark.paragraph else paragraphs[mark.paragraph].end
        start = min(mark.speech_start, end)
        clock = mark.clock
        leading = _LEADING_CLOCK.match(text, start, end)
        if leading is not None:
            # "A: (01:30) words": the time belongs to the turn, the speech starts after it.
            clock = clock or leading.group("clock")
            start = leading.end()
        turns.append(NewTurn(mark.label, start, end, to_ms(clock) if clock else None))
    return tuple(turns)


def _mark(text: str, paragraphs: tuple[Span, ...], index: int) -> _Mark | None:
    span = paragraphs[index]
    line_end = text.find("\n", span.start, span.end)
    head = text[span.start : span.end if line_end < 0 else line_end]
    for pattern, bracketed in _PATTERNS:
        match = pattern.match(head)
        if match is None:
            continue
        label = " ".join(match.group("label").split()).rstrip(".")
        if not is_plausible_label(label, bracketed):
            return None
        clock = match.groupdict().get("clock")
        speech = span.start + match.end()
        if speech >= span.start + len(head):
            # A label alone on its line (PDF, Otter): the speech is what follows it.
            if line_end >= 0:
                speech = line_end + 1
            elif index + 1 < len(paragraphs):
                speech = paragraphs[index + 1].start
            else:
                speech = span.end
        return _Mark(index, label, speech, clock)
    return None


def is_plausible_label(label: str, bracketed: bool = False) -> bool:
    """Could this be a speaker label (before knowing whether it recurs)?"""
    if not label or len(label) > 40 or len(label.split()) > 4:
        return False
    if label.lower().rstrip(".") in _NOT_SPEAKERS:
        return False
    if bracketed or _ROLE.match(label):
        return True
    # A name: every word capitalised (or a number, or a particle such as "de"), or a script without capitals.
    return all(_name_word(word) for word in label.split())


def _name_word(word: str) -> bool:
    first = word[0]
    uncased_script = first.lower() == first.upper() and not first.isdigit()  # CJK, Arabic, Hebrew
    return first.isupper() or uncased_script or word.isdigit() or word.lower() in _PARTICLES
