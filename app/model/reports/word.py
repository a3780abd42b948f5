"""A Word document built fast: python-docx for the package, styles and saving; the body as prepared elements.

python-docx's `add_paragraph` scans the body on every call and `style = "Quote"` looks the style up by name each
time, which is quadratic and slow for tens of thousands of excerpts. Here the style ids are resolved once and each
paragraph is built as an lxml element and inserted before the final section properties, in order.

All text goes through `xml_safe`, so control characters or stray surrogates never make a file Word refuses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches, Mm, Pt, RGBColor
from lxml import etree

from app.model.reports.paper import Paper

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF; Word refuses a file holding any of them.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_RTL = frozenset({"R", "AL"})
GREY = RGBColor(0x59, 0x59, 0x59)


def xml_safe(text: str) -> str:
    """Text Word will open: line and page feeds become line breaks, stray surrogates U+FFFD, other controls go."""
    if not _FORBIDDEN.search(text):
        return text
    return _FORBIDDEN.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    character = match.group()
    if character in "\x0b\x0c":
        return "\n"
    return "\ufffd" if "\ud800" <= character <= "\udfff" else ""


def right_to_left(text: str) -> bool:
    """Whether the text's first strongly directional character is right-to-left (Arabic, Hebrew, ...)."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in _RTL:
            return True
        if direction == "L":
            return False
    return False


_SIZES = {Paper.A4: (Mm(210), Mm(297)), Paper.LETTER: (Inches(8.5), Inches(11))}


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    style: str | None = None  # a character style's name


@dataclass(frozen=True)
class ParagraphStyle:
    name: str
    base: str
    size: float | None = None
    italic: bool | None = None
    bold: bool | None = None
    grey: bool = False
    indent: float = 0.0  # inches, both sides
    before: float | None = None  # points
    after: float | None = None
    keep_with_next: bool = False


class WordDocument:
    """One report being written; `save` writes it. Styles are defined once, by name, so users can restyle them."""

    def __init__(
        self,
        styles: Sequence[ParagraphStyle] = (),
        character_styles: Sequence[str] = (),
        paper: Paper = Paper.A4,
        *,
        landscape: bool = False,
    ) -> None:
        self.document = docx.Document()
        section = self.document.sections[0]
        width, height = _SIZES[paper]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            width, height = height, width
        section.page_width, section.page_height = width, height
        normal = self.document.styles["Normal"]
        normal.font.size = Pt(11)
        for style in styles:
            self._define(style)
        for name in character_styles:
            if name not in self.document.styles:
                added = self.document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
                added.font.bold = True
        self._ids: dict[str, str] = {str(style.name): str(style.style_id) for style in self.document.styles}
        self._body = self.document.element.body
        self._end = self._body[-1]  # the final section properties stay last

    # --- styles --------------------------------------------------------------------------------------------

    def _define(self, spec: ParagraphStyle) -> None:
        styles = self.document.styles
        style: Any = styles[spec.name] if spec.name in styles else styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        if spec.base != spec.name:
            style.base_style = styles[spec.base]
            style.quick_style = True
        font, paragraph = style.font, style.paragraph_format
        if spec.size is not None:
            font.size = Pt(spec.size)
        if spec.italic is not None:
            font.italic = spec.italic
        if spec.bold is not None:
            font.bold = spec.bold
        if spec.grey:
            font.color.rgb = GREY
        if spec.indent:
            paragraph.left_indent = paragraph.right_indent = Inches(spec.indent)
        if spec.before is not None:
            paragraph.space_before = Pt(spec.before)
        if spec.after is not None:
            paragraph.space_after = Pt(spec.after)
        if spec.keep_with_next:
            paragraph.keep_with_next = True

    def style_id(self, name: str) -> str:
        return self._ids[name]

    # --- body ----------------------------------------------------------------------------------------------

    def paragraph(
        self, style: str, content: str | Sequence[Run], *, page_break_before: bool = False, rtl: bool | None = None
    ) -> Any:
        """Append a paragraph in the named style; `content` is plain text or runs with character styles.

        The paragraph reads right to left when `rtl` says so, or (None) when its text starts in such a script.
        """
        p = etree.Element(f"{W}p")
        properties = etree.SubElement(p, f"{W}pPr")
        etree.SubElement(properties, f"{W}pStyle").set(f"{W}val", self._ids[style])
        if page_break_before:
            etree.SubElement(properties, f"{W}pageBreakBefore")
        runs = [Run(content)] if isinstance(content, str) else content
        if rtl if rtl is not None else right_to_left("".join(run.text for run in runs)):
            etree.SubElement(properties, f"{W}bidi")
        for run in runs:
            self._run(p, run)
        self._end.addprevious(p)
        return p

    def heading(self, level: int, text: str, *, page_break_before: bool = False) -> Any:
        return self.paragraph(f"Heading {min(max(level, 1), 9)}", text, page_break_before=page_break_before)

    def _run(self, p: Any, run: Run) -> None:
        r = etree.SubElement(p, f"{W}r")
        rtl = right_to_left(run.text)
        if run.style is not None or rtl:
            properties = etree.SubElement(r, f"{W}rPr")
            if run.style is not None:
                etree.SubElement(properties, f"{W}rStyle").set(f"{W}val", self._ids[run.style])
            if rtl:
                etree.SubElement(properties, f"{W}rtl")
        text = xml_safe(run.text)
        if "\n" not in text and "\t" not in text:  # nearly every run: one text element
            _text(r, text)
            return
        for index, line in enumerate(text.split("\n")):
            if index:
                etree.SubElement(r, f"{W}br")
            for piece_index, piece in enumerate(line.split("\t")):
                if piece_index:
                    etree.SubElement(r, f"{W}tab")
                _text(r, piece)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Any:
        """A grid table with a repeating header row; `widths` in inches."""
        tbl = etree.Element(f"{W}tbl")
        properties = etree.SubElement(tbl, f"{W}tblPr")
        etree.SubElement(properties, f"{W}tblStyle").set(f"{W}val", self._ids["Table Grid"])
        width = etree.SubElement(properties, f"{W}tblW")
        width.set(f"{W}w", "0")
        width.set(f"{W}type", "auto")
        etree.SubElement(properties, f"{W}tblLayout").set(f"{W}type", "fixed")
        grid = etree.SubElement(tbl, f"{W}tblGrid")
        twips = [str(int(w * 1440)) for w in widths]
        for value in twips:
            etree.SubElement(grid, f"{W}gridCol").set(f"{W}w", value)
        for index, row in enumerate([header, *rows]):
            tr = etree.SubElement(tbl, f"{W}tr")
            if index == 0:
                row_properties = etree.SubElement(tr, f"{W}trPr")
                etree.SubElement(row_properties, f"{W}tblHeader")
                etree.SubElement(row_properties, f"{W}cantSplit")
            for value, cell_width in zip(row, twips, strict=True):
                tc = etree.SubElement(tr, f"{W}tc")
                cell_properties = etree.SubElement(tc, f"{W}tcPr")
                tc_width = etree.SubElement(cell_properties, f"{W}tcW")
                tc_width.set(f"{W}w", cell_width)
                tc_width.set(f"{W}type", "dxa")
                if index == 0:
                    shading = etree.SubElement(cell_properties, f"{W}shd")
                    shading.set(f"{W}val", "clear")
                    shading.set(f"{W}fill", "DCE6F2")
                p = etree.SubElement(tc, f"{W}p")
                p_properties = etree.SubElement(p, f"{W}pPr")
                style = "Table Heading" if index == 0 else "Table Text"
                etree.SubElement(p_properties, f"{W}pStyle").set(f"{W}val", self._ids[style])
                self._run(p, Run(value))
        self._end.addprevious(tbl)
        return tbl

    def contents(self, title: str, entries: Sequence[tuple[int, str]], levels: int) -> None:
        """A real TOC field over Heading 1..levels; `entries` are shown until Word updates it (page numbers)."""
        self.paragraph("TOC Heading", title, page_break_before=True)
        instruction = f' TOC \\o "1-{levels}" \\h \\z \\u '
        shown = [(level, text) for level, text in entries if level <= levels] or [
            (1, "Right-click and choose Update Field to build the table of contents.")
        ]
        last = len(shown) - 1
        for index, (level, text) in enumerate(shown):
            p = self.paragraph(f"toc {level}", [])
            if index == 0:
                _field_char(p, "begin")
                instr = etree.SubElement(etree.SubElement(p, f"{W}r"), f"{W}instrText")
                instr.text = instruction
                instr.set(_SPACE, "preserve")
                _field_char(p, "separate")
            self._run(p, Run(text))
            if index == last:
                _field_char(p, "end")
        settings = self.document.settings.element
        update = etree.SubElement(settings, f"{W}updateFields")  # Word refreshes the TOC's page numbers on opening
        update.set(f"{W}val", "true")

    # --- page set-up ---------------------------------------------------------------------------------------

    def page_numbers(self, label: str = "") -> None:
        """A footer with `label` (e.g. the report's title) and the page number, on every page."""
        footer = self.document.sections[0].footer
        p = footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if label:
            p.add_run(xml_safe(label) + "  ·  ")
        simple = etree.SubElement(p._p, f"{W}fldSimple")
        simple.set(f"{W}instr", "PAGE")
        cached = etree.SubElement(etree.SubElement(simple, f"{W}r"), f"{W}t")
        cached.text = "1"

    def usable_width(self) -> float:
        """The width between the margins, in inches."""
        section = self.document.sections[0]
        total = section.page_width or Inches(8.5)
        margins = (section.left_margin or Inches(1)) + (section.right_margin or Inches(1))
        return float((total - margins) / 914400)

    def properties(self, title: str, subject: str) -> None:
        core = self.document.core_properties
        core.title = xml_safe(title)[:255]
        core.subject = xml_safe(subject)[:255]
        core.author = "Axial"

    def save(self, path: Path) -> None:
        self.document.save(str(path))


def _text(r: Any, text: str) -> None:
    if text:
        t = etree.SubElement(r, f"{W}t")
        t.text = text
        if text[0].isspace() or text[-1].isspace():
            t.set(_SPACE, "preserve")


def _field_char(p: Any, kind: str) -> None:
    etree.SubElement(etree.SubElement(p, f"{W}r"), f"{W}fldChar").set(f"{W}fldCharType", kind)


# The styles every Axial report uses; a journal template can restyle each by name.
REPORT_STYLES = (
    ParagraphStyle("Title", "Title"),
    ParagraphStyle("Subtitle", "Subtitle"),
    ParagraphStyle("Report Details", "Normal", size=10, after=2),
    ParagraphStyle("Quote", "Quote", indent=0.4, before=8, after=2, keep_with_next=True),
    ParagraphStyle("Excerpt Source", "Caption", size=9, italic=False, bold=False, grey=True, indent=0.4, after=2),
    ParagraphStyle("Excerpt Memo", "Normal", size=9, italic=True, indent=0.4, after=2),
    ParagraphStyle("Excerpt Context", "Normal", size=9, grey=True, indent=0.4, after=2),
    ParagraphStyle("Section Description", "Normal", size=10, italic=True, after=2),
    ParagraphStyle("Section Counts", "Normal", size=9, grey=True, after=6),
    ParagraphStyle("Table Heading", "Normal", size=9, bold=True, after=0),
    ParagraphStyle("Table Text", "Normal", size=9, after=0),
    ParagraphStyle("TOC Heading", "TOC Heading"),
    ParagraphStyle("toc 1", "Normal", after=2),
    ParagraphStyle("toc 2", "Normal", size=10, after=0, indent=0.25),
    ParagraphStyle("toc 3", "Normal", size=10, after=0, indent=0.5),
)
CHARACTER_STYLES = ("Speaker Label", "Excerpt In Context")
