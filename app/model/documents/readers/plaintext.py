"""Plain text (.txt) and Markdown (.md) transcripts in any encoding."""

from __future__ import annotations

import re

from app.model.core.text import line_paragraphs
from app.model.documents.readers.base import ImportedText, ReadOptions, clean
from app.model.documents.readers.encoding import decode

_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def read_text(data: bytes, name: str, options: ReadOptions) -> ImportedText:
    text, encoding = decode(data, name)
    text = clean(text).strip("\n")
    return ImportedText(text, line_paragraphs(text), "txt", encoding)


def read_markdown(data: bytes, name: str, options: ReadOptions) -> ImportedText:
    """Markdown keeps its words and loses its markup (`**Name:**` becomes `Name:`); the original is kept aside."""
    text, encoding = decode(data, name)
    text = _MD_EMPHASIS.sub(r"\2", _MD_HEADING.sub("", clean(text))).strip("\n")
    return ImportedText(text, line_paragraphs(text), "md", encoding)
