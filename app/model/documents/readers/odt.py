"""OpenDocument text (.odt): paragraphs, headings, lists and tables from content.xml, tracked changes accepted."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from app.model.documents.readers.archive import open_package, parse_xml, read_part
from app.model.documents.readers.base import ImportedText, ReadError, ReadOptions, TextBuilder, not_imported

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_MAX_SPACES = 1_000


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def read_odt(data: bytes, name: str, options: ReadOptions) -> ImportedText:
    package = open_package(data, name, "OpenDocument")
    root = parse_xml(read_part(package, "content.xml", name), name)
    body = root.find(f"{_q(_OFFICE, 'body')}/{_q(_OFFICE, 'text')}")
    if body is None:
        raise ReadError(name, "this OpenDocument file is not a text document")
    notes: list[str] = []
    comments: list[str] = []
    builder = TextBuilder()
    for paragraph in _blocks(body, notes, comments):
        builder.add(paragraph)
    warnings = []
    for texts, title, noun, enabled in (
        (comments, "Comments", "comment", options.include_comments),
        (notes, "Notes", "note", options.include_notes),
    ):
        if texts and enabled:
            builder.add_section(title, texts)
        elif texts:
            warnings.append(not_imported(len(texts), noun))
    text, spans, body_count = builder.build()
    if not text.strip():
        raise ReadError(name, "the document contains no text")
    return ImportedText(text, spans, "odt", None, warnings=tuple(warnings), body_paragraphs=body_count)


def _blocks(container: etree._Element, notes: list[str], comments: list[str]) -> Iterator[str]:
    for child in container:
        tag = child.tag
        if tag in (_q(_TEXT, "p"), _q(_TEXT, "h")):
            yield _inline(child, notes, comments)
        elif tag == _q(_TABLE, "table"):
            for row in child.iter(_q(_TABLE, "table-row")):
                cells = [
                    " ".join(_blocks(cell, notes, comments)) for cell in row.iterchildren(_q(_TABLE, "table-cell"))
                ]
                if any(c.strip() for c in cells):
                    yield "\t".join(c.strip() for c in cells)
        elif tag == _q(_TEXT, "tracked-changes"):
            continue  # holds deleted text only: insertions already stand in the body
        elif isinstance(tag, str):
            yield from _blocks(child, notes, comments)  # lists, list items, sections


def _inline(element: etree._Element, notes: list[str], comments: list[str]) -> str:
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == _q(_TEXT, "s"):
            parts.append(" " * _spaces(child.get(_q(_TEXT, "c"), "1")))
        elif tag == _q(_TEXT, "tab"):
            parts.append("\t")
        elif tag == _q(_TEXT, "line-break"):
            parts.append("\n")
        elif tag == _q(_TEXT, "note"):
            body = child.find(_q(_TEXT, "note-body"))
            if body is not None:
                notes.append(" ".join(_blocks(body, notes, comments)))
        elif tag == _q(_OFFICE, "annotation"):
            said = " ".join(" ".join(_blocks(child, notes, comments)).split())
            author = child.findtext("{http://purl.org/dc/elements/1.1/}creator")
            if said:
                comments.append(f"{author.strip()}: {said}" if author and author.strip() else said)
        elif isinstance(tag, str):
            parts.append(_inline(child, notes, comments))
        parts.append(child.tail or "")
    return "".join(parts)


def _spaces(count: str) -> int:
    """A run of spaces (`text:s text:c="3"`), kept within reason: a damaged count is one space, not gigabytes."""
    return min(int(count), _MAX_SPACES) if count.strip().isdecimal() else 1
