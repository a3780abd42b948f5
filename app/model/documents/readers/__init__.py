"""Readers: one per file format, each turning a file's bytes into Axial's canonical text and structure."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from app.model.documents.readers import limits
from app.model.documents.readers.base import ImportedText, ReadError, ReadOptions
from app.model.documents.readers.boundary import read_capped, refusals
from app.model.documents.readers.docx import read_docx
from app.model.documents.readers.legacy_doc import read_doc
from app.model.documents.readers.odt import read_odt
from app.model.documents.readers.pdf import read_pdf
from app.model.documents.readers.plaintext import read_markdown, read_text
from app.model.documents.readers.rtf import read_rtf
from app.model.documents.readers.speaker_detection import detect_turns
from app.model.documents.readers.subtitles import read_subtitles

Reader = Callable[[bytes, str, ReadOptions], ImportedText]

READERS: dict[str, Reader] = {
    ".docx": read_docx,
    ".doc": read_doc,  # RTF or .docx under that name; a real legacy .doc is refused
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".vtt": partial(read_subtitles, format="vtt"),
    ".srt": partial(read_subtitles, format="srt"),
    ".rtf": read_rtf,
    ".odt": read_odt,
    ".pdf": read_pdf,
}
_NOT_YET = {
    ".pages": "this is an Apple Pages file; export it as .docx and import that",
}


def read_file(path: Path, options: ReadOptions | None = None) -> tuple[ImportedText, bytes]:
    """Read one file; returns what it holds and its bytes. Any failure, whatever raised it, leaves as a `ReadError`
    naming the file and the reason."""
    options = options or ReadOptions()
    name = path.name
    suffix = path.suffix.lower()
    if suffix in _NOT_YET:
        raise ReadError(name, _NOT_YET[suffix])
    reader = READERS.get(suffix)
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise ReadError(name, f"Axial cannot read {suffix or 'files without an extension'} files (it reads {known})")
    with refusals(name):
        data = read_capped(path, options.max_bytes or limits.for_suffix(suffix))
        return read_bytes(data, name, suffix, options), data


def read_bytes(data: bytes, name: str, suffix: str, options: ReadOptions) -> ImportedText:
    if not data:
        raise ReadError(name, "the file is empty")
    with refusals(name):
        imported = READERS[suffix](data, name, options)
        if options.detect_speakers and not imported.turns:
            turns = detect_turns(imported.text, imported.paragraphs[: imported.body_paragraphs])
            imported = ImportedText(**{**imported.__dict__, "turns": turns})
    return imported


__all__ = ["READERS", "ImportedText", "ReadError", "ReadOptions", "read_bytes", "read_file"]
