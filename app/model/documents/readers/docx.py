"""Word .docx (transitional and Strict OOXML), read from the package's XML in reading order.

python-docx cannot open Strict documents and does not see runs inside tracked insertions, so the body is walked
directly: paragraphs in order, tables row by row (cells joined by a tab, nested tables after their row), text
boxes once, tracked changes as accepted (insertions and moves kept, deletions dropped, a deleted paragraph mark
joining its paragraph to the next). Comments, footnotes/endnotes and headers/footers are optional sections.
The main part is found through the package relationships, so a renamed `word/document.xml` is no obstacle.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator

from lxml import etree

from app.model.documents.readers.archive import open_package, parse_xml, read_part
from app.model.documents.readers.base import ImportedText, ReadError, ReadOptions, TextBuilder, not_imported

_W = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = ("/officeDocument/2006/relationships/officeDocument", "/officeDocument/relationships/officeDocument")
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Subtrees whose text is not part of the accepted document (or is handled on its own).
_SKIP = {"del", "moveFrom", "delText", "instrText", "pPr", "rPr", "sectPr", "tblPr", "trPr", "tcPr", "object"}
_FLOATING = {"drawing", "pict", "AlternateContent"}


def _local(element: etree._Element) -> str:
    return str(etree.QName(element).localname) if isinstance(element.tag, str) else ""


def _is_w(element: etree._Element, name: str) -> bool:
    return isinstance(element.tag, str) and etree.QName(element).namespace in _W and _local(element) == name


def read_docx(data: bytes, name: str, options: ReadOptions) -> ImportedText:
    package = open_package(data, name, "Word")
    main = _main_part(package, name)
    root = parse_xml(read_part(package, main, name), name)
    body = next((child for child in root if _is_w(child, "body")), None)
    if body is None:
        raise ReadError(name, "the Word document has no body")
    related = _related_parts(package, main, name)
    builder = TextBuilder()
    for paragraph in _blocks(body):
        builder.add(paragraph)
    warnings = []
    for kind, title, enabled in (
        ("comments", "Comments", options.include_comments),
        ("footnotes", "Footnotes", options.include_notes),
        ("endnotes", "Endnotes", options.include_notes),
    ):
        texts = [text for part in related.get(kind, []) for text in _notes(package, part, name, kind)]
        if texts and enabled:
            builder.add_section(title, texts)
        elif texts:
            warnings.append(not_imported(len(texts), kind.rstrip("s")))
    headers = [
        t for kind in ("header", "footer") for part in related.get(kind, []) for t in _part_blocks(package, part, name)
    ]
    if headers and options.include_headers:
        builder.add_section("Headers and footers", list(dict.fromkeys(headers)))
    text, spans, body_count = builder.build()
    if not text.strip():
        raise ReadError(name, "the Word document contains no text")
    return ImportedText(text, spans, "docx", None, warnings=tuple(warnings), body_paragraphs=body_count)


def _main_part(package: zipfile.ZipFile, name: str) -> str:
    rels = parse_xml(read_part(package, "_rels/.rels", name), name)
    for rel in rels:
        if rel.get("Type", "").endswith(_OFFICE_DOCUMENT):
            return rel.get("Target", "").lstrip("/")
    raise ReadError(name, "the package has no main document part; is this really a Word file?")


def _related_parts(package: zipfile.ZipFile, main: str, name: str) -> dict[str, list[str]]:
    folder, file = posixpath.split(main)
    rels_path = posixpath.join(folder, "_rels", file + ".rels")
    if rels_path not in package.namelist():
        return {}
    found: dict[str, list[str]] = {}
    for rel in parse_xml(read_part(package, rels_path, name), name):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        if rel.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
            found.setdefault(kind, []).append(target)
    return found


def _part_blocks(package: zipfile.ZipFile, part: str, name: str) -> list[str]:
    return [text for text in _blocks(parse_xml(read_part(package, part, name), name)) if text.strip()]


def _notes(package: zipfile.ZipFile, part: str, name: str, kind: str) -> list[str]:
    root = parse_xml(read_part(package, part, name), name)
    texts = []
    for note in root:
        if (
            _local(note) not in ("comment", "footnote", "endnote")
            or note.get(f"{{{_W[0]}}}type")
            or any(note.get(f"{{{ns}}}type") for ns in _W[1:])
        ):
            continue  # separators are not notes
        said = " ".join(" ".join(_blocks(note)).split())  # one line per note, whatever breaks it held
        if not said:
            continue
        author = next((note.get(f"{{{ns}}}author") for ns in _W if note.get(f"{{{ns}}}author")), None)
        texts.append(f"{author}: {said}" if kind == "comments" and author else said)
    return texts


def _blocks(container: etree._Element, *, tables: bool = True) -> Iterator[str]:
    """Paragraph texts in reading order, descending into tables, content controls and custom XML."""
    carried = ""
    for child in container:
        local = _local(child)
        if _is_w(child, "p"):
            text, boxes = _paragraph(child)
            if _mark_deleted(child):
                carried += text  # Word shows this paragraph joined to the next
                continue
            yield carried + text
            carried = ""
            for box in boxes:
                yield from _blocks(box)
        elif _is_w(child, "tbl"):
            if tables:
                yield from _table(child)
        elif local in ("sdt", "customXml", "ins", "moveTo", "smartTag"):
            content = next((c for c in child if _local(c) == "sdtContent"), child)
            yield from _blocks(content, tables=tables)
    if carried:
        yield carried


def _table(table: etree._Element) -> Iterator[str]:
    """One line per row, cells joined by a tab (a row with one filled cell keeps its paragraphs); a table
    nested in a cell follows its row."""
    for row in (r for r in table if _is_w(r, "tr")):
        if any(_local(d) == "del" for props in row if _is_w(props, "trPr") for d in props):
            continue  # a deleted row
        cells: list[list[str]] = []
        nested: list[str] = []
        for cell in _cells(row):
            cells.append([t.strip() for t in _blocks(cell, tables=False) if t.strip()])
            nested += [line for inner in cell if _is_w(inner, "tbl") for line in _table(inner)]
        filled = [cell for cell in cells if cell]
        if len(filled) == 1:
            yield from filled[0]  # a layout table: one cell holding ordinary paragraphs
        elif filled:
            yield "\t".join(" ".join(cell) for cell in cells)
        yield from nested


def _cells(row: etree._Element) -> Iterator[etree._Element]:
    for child in row:
        if _is_w(child, "tc"):
            yield child
        elif _local(child) == "sdt":  # a content control wrapping cells
            for content in (c for c in child if _local(c) == "sdtContent"):
                yield from _cells(content)


def _mark_deleted(paragraph: etree._Element) -> bool:
    for props in paragraph:
        if _is_w(props, "pPr"):
            for run_props in props:
                if _is_w(run_props, "rPr"):
                    return any(_local(x) in ("del", "moveFrom") for x in run_props)
    return False


def _paragraph(paragraph: etree._Element) -> tuple[str, list[etree._Element]]:
    """The paragraph's accepted text, and the text boxes anchored in it (read after it)."""
    parts: list[str] = []
    boxes: list[etree._Element] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            local = _local(child)
            if local in _SKIP:
                continue
            if local in _FLOATING:
                boxes.extend(_text_boxes(child))
                continue
            if local == "t":
                parts.append(child.text or "")
            elif local == "tab" and _local(element) == "r":
                parts.append("\t")
            elif local in ("br", "cr"):
                parts.append("\n")
            elif local == "noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts), boxes


def _text_boxes(element: etree._Element) -> list[etree._Element]:
    if _local(element) == "AlternateContent":
        # The same content twice (Choice for new Word, Fallback for old): read one.
        choice = next((c for c in element if etree.QName(c).namespace == _MC), None)
        element = choice if choice is not None else element
    return [box for box in element.iter() if _local(box) == "txbxContent"]
