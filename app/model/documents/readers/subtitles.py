"""Subtitle transcripts (.vtt from Zoom, Teams, Whisper, YouTube; .srt): cues become speaker turns.

Speakers come from Teams voice tags (`<v Name>`) or a "Name:" at the start of a cue. Consecutive cues of one
speaker join into one turn, which keeps the start time of its first cue. Without speakers, cues are joined into
paragraphs at pauses of two seconds or more. Styling tags, inline word times and entities are removed, and the
repeated lines of rolling captions are dropped.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

import webvtt
from webvtt.errors import MalformedFileError

from app.model.core.dto import NewTurn, Span
from app.model.documents.readers import limits
from app.model.documents.readers.base import ImportedText, ReadError, ReadOptions, clean
from app.model.documents.readers.encoding import decode
from app.model.documents.readers.timestamps import to_ms

_CUE_SPEAKER = re.compile(r"^(?:>>\s*)?(?P<label>[^\W\d_][\w.'’\- ]{0,30}?)\s*:\s+(?=\S)")
_PAUSE_MS = 2_000
_WORDS_PER_PARAGRAPH = 120


@dataclass
class _Turn:
    speaker: str | None
    start_ms: int
    end_ms: int
    lines: list[str]


def read_subtitles(data: bytes, name: str, options: ReadOptions, *, format: str) -> ImportedText:
    text, encoding = decode(data, name)
    cues = text.count("-->")
    if cues > limits.MAX_CUES:
        raise ReadError(
            name,
            f"the file has {cues:,} cues, more than the {limits.MAX_CUES:,} Axial reads (about 50 hours of speech)",
        )
    try:
        captions = webvtt.from_buffer(io.StringIO(text.lstrip("\ufeff")), format=format).captions
    except (MalformedFileError, ValueError, IndexError):
        raise ReadError(
            name, f"this is not a readable {format.upper()} subtitle file (its cues are malformed)"
        ) from None
    if not captions:
        raise ReadError(name, f"the {format.upper()} file has no cues")
    turns = _turns(captions)
    return _layout(turns, format, encoding)


def _turns(captions: list[webvtt.Caption]) -> list[_Turn]:
    turns: list[_Turn] = []
    previous_line = ""
    for caption in captions:
        start, end = _ms(caption.start), _ms(caption.end)
        voice: str | None = getattr(caption, "voice", None)
        speaker = voice.strip() if voice else None
        lines = [html.unescape(line).strip() for line in caption.text.split("\n")]
        lines = [line for line in lines if line]
        if lines and lines[0] == previous_line:  # rolling captions repeat the line before
            lines = lines[1:]
        if not lines:
            continue
        previous_line = lines[-1]
        said = " ".join(lines)
        match = _CUE_SPEAKER.match(said) if speaker is None else None
        if match is not None:
            speaker, said = match.group("label").strip(), said[match.end() :]
        current = turns[-1] if turns else None
        joins = current is not None and (
            speaker == current.speaker
            if speaker is not None or current.speaker is not None
            else start - current.end_ms < _PAUSE_MS
            and sum(len(x.split()) for x in current.lines) < _WORDS_PER_PARAGRAPH
        )
        if match is None and speaker is None and current is not None and current.speaker is not None:
            joins = True  # a cue with no label continues the speaker before it
        if joins and current is not None:
            current.lines.append(said)
            current.end_ms = max(current.end_ms, end)
        else:
            turns.append(_Turn(speaker, start, end, [said]))
    return turns


def _layout(turns: list[_Turn], format: str, encoding: str) -> ImportedText:
    parts: list[str] = []
    paragraphs: list[Span] = []
    new_turns: list[NewTurn] = []
    position = 0
    for turn in turns:
        speech = clean(" ".join(turn.lines))
        prefix = f"{turn.speaker}: " if turn.speaker else ""
        line = prefix + speech
        paragraphs.append(Span(position, position + len(line)))
        new_turns.append(NewTurn(turn.speaker, position + len(prefix), position + len(line), turn.start_ms))
        parts.append(line)
        position += len(line) + 1
    return ImportedText("\n".join(parts), tuple(paragraphs), format, encoding, tuple(new_turns))


def _ms(clock: str) -> int:
    return to_ms(clock) or 0
