"""Rich Text Format, including code-page (\\ansicpgN, \\'xx) and Unicode (\\uN) escapes."""

from __future__ import annotations

from collections.abc import Callable

from striprtf.striprtf import rtf_to_text as _untyped_rtf_to_text

from app.model.core.text import line_paragraphs
from app.model.documents.readers.base import ImportedText, ReadError, ReadOptions, clean

rtf_to_text: Callable[..., str] = _untyped_rtf_to_text  # striprtf ships no type hints


def read_rtf(data: bytes, name: str, options: ReadOptions) -> ImportedText:
    if not data.strip():
        raise ReadError(name, "the file is empty")
    if not data.lstrip().startswith(b"{\\rtf"):
        raise ReadError(name, "this is not an RTF file (it does not start with {\\rtf)")
    try:
        # RTF is 7-bit; anything else is carried in escapes that striprtf decodes by the file's code page.
        text = rtf_to_text(data.decode("latin-1"), errors="replace")
    except (ValueError, LookupError, IndexError):
        raise ReadError(name, "the RTF is damaged (its control words or escapes cannot be read)") from None
    text = clean(text).strip("\n")
    if not text.strip():
        raise ReadError(name, "the RTF file contains no text")
    return ImportedText(text, line_paragraphs(text), "rtf", None)
