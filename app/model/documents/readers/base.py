"""What every reader returns, the options they take, and how they refuse a file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.model.core.dto import NewTurn, Span
from app.model.core.errors import AxialError
from app.model.core.text import normalise, plural

# C0 controls other than tab and newline never belong in a transcript (Word's \x07 cell marks, stray NULs...).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ReadError(AxialError):
    """A file that cannot be imported; the message names the file and says why."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


@dataclass(frozen=True)
class ReadOptions:
    include_comments: bool = False
    include_notes: bool = False  # footnotes and endnotes
    include_headers: bool = False  # headers and footers
    detect_speakers: bool = True
    max_bytes: int | None = None  # None: the limit for the file's type (see `limits`)


@dataclass(frozen=True)
class ImportedText:
    """A file read into Axial's canonical form: normalised text, its paragraphs and speaker turns."""

    text: str
    paragraphs: tuple[Span, ...]
    format: str
    encoding: str | None = None
    turns: tuple[NewTurn, ...] = ()
    warnings: tuple[str, ...] = ()
    # Paragraphs of the document itself; any after these are appended sections (comments, notes), never turns.
    body_paragraphs: int | None = None


@dataclass
class TextBuilder:
    """Collects paragraphs in reading order and lays them out one per line; blank runs collapse to one."""

    paragraphs: list[str] = field(default_factory=list)
    body_end: int | None = None

    def add(self, paragraph: str) -> None:
        self.paragraphs.append(clean(paragraph))

    def add_section(self, title: str, paragraphs: list[str]) -> None:
        """An appended section (comments, notes), set apart by a blank line and its title."""
        if paragraphs:
            if self.body_end is None:
                self.body_end = len(self.paragraphs)
            self.paragraphs += ["", title, *(clean(p) for p in paragraphs)]

    def build(self) -> tuple[str, tuple[Span, ...], int]:
        """The text, its non-blank paragraphs, and how many of those belong to the body."""
        lines: list[tuple[str, bool]] = []
        for index, paragraph in enumerate(self.paragraphs):
            in_body = self.body_end is None or index < self.body_end
            if paragraph.strip() or (lines and lines[-1][0].strip()):
                lines.append((paragraph if paragraph.strip() else "", in_body))
        while lines and not lines[-1][0].strip():
            lines.pop()
        spans = []
        body = 0
        position = 0
        for line, in_body in lines:
            if line.strip():
                start = position + len(line) - len(line.lstrip())
                spans.append(Span(start, position + len(line.rstrip())))
                body += in_body
            position += len(line) + 1
        return "\n".join(line for line, _ in lines), tuple(spans), body


def not_imported(count: int, noun: str) -> str:
    """The warning for parts of a document left out unless asked for."""
    return f"{plural(count, noun)} not imported (they can be appended as a section)"


def clean(text: str) -> str:
    return _CONTROL.sub("", normalise(text))
