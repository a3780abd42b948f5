"""PDF text layers. Lines are joined back into paragraphs; a page without text (a scan) is reported."""

from __future__ import annotations

import io
import re
import statistics
import zlib

from app.model.documents.readers.base import ImportedText, ReadError, ReadOptions, TextBuilder
from app.model.documents.readers.speaker_detection import is_plausible_label

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?\d{1,4}\s*(?:/|of)\s*\d{1,4}\s*$|^\s*\d{1,4}\s*$", re.IGNORECASE)
_LABEL_START = re.compile(r"^(?P<label>[^\W\d_][\w.'’\- ]{0,38}?)\s*:(?:\s|$)")
_SENTENCE_END = (".", "?", "!", ":", '"', "”", "'", ")")


def read_pdf(data: bytes, name: str, options: ReadOptions) -> ImportedText:
    # pypdf is loaded with the first PDF, not with the app: it costs a tenth of a second of every start.
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ReadError(name, "the PDF is password-protected; save an unprotected copy and import that")
        pages = [page.extract_text() or "" for page in reader.pages]
    except LimitReachedError:
        raise ReadError(name, "the PDF is too large or complex to read safely") from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, zlib.error):
        raise ReadError(name, "the PDF is damaged or unreadable") from None
    warnings = [
        f"page {number} has no text layer (a scanned image?); its words are not imported"
        for number, page in enumerate(pages, 1)
        if not page.strip()
    ]
    if len(warnings) == len(pages):
        raise ReadError(name, "the PDF has no text layer (it looks scanned); run OCR on it first")
    builder = TextBuilder()
    for paragraph in _paragraphs([line for page in pages for line in _lines(page)]):
        builder.add(paragraph)
    text, spans, _ = builder.build()
    return ImportedText(text, spans, "pdf", None, warnings=tuple(warnings))


def _lines(page: str) -> list[str]:
    # Some producers put a tab between every word; a tab is never meaningful in a transcript line.
    lines = [" ".join(line.replace("\t", " ").split()) for line in page.split("\n")]
    return [line for line in lines if line and not _PAGE_NUMBER.match(line)]


def _paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped lines: a line continues the one before unless it opens a speaker turn or follows the end of one."""
    if not lines:
        return []
    typical = statistics.median(len(line) for line in lines)
    paragraphs: list[str] = []
    for line in lines:
        previous = paragraphs[-1] if paragraphs else None
        label = _LABEL_START.match(line)
        starts_turn = label is not None and is_plausible_label(label.group("label"))
        previous_is_label = previous is not None and _LABEL_START.fullmatch(previous + " ") is not None
        previous_ended = previous is not None and previous.endswith(_SENTENCE_END) and len(previous) < 0.8 * typical
        if previous is None or starts_turn or previous_is_label or previous_ended:
            paragraphs.append(line)
        else:
            paragraphs[-1] = f"{previous} {line}"
    return paragraphs
