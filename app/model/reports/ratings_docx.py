"""The CFIR ratings matrix in Word, landscape: constructs by units ordered by the outcome, then every rationale.

The table fills the page between the margins. A unit's name is never broken inside a word: the unit columns are as
wide as the longest word of any unit's name needs, shrinking the header's type down to 6 pt; when even that does
not fit, the units' names are turned to read upwards. Rating cells are shaded as on screen; the header row repeats
on every page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from lxml import etree

from app.model.core.dto import FrameworkNodeInfo
from app.model.frameworks.rating_colours import fill
from app.model.frameworks.ratings_matrix import RatingsMatrix, Row
from app.model.reports.atomic import ExportError, whole_or_nothing
from app.model.reports.paper import Paper
from app.model.reports.word import REPORT_STYLES, Run, W, WordDocument

_ADVISORY_NOTE = (
    "The last column compares how each construct was rated in the units with the higher and the lower outcome ({rule})."
    " It is an aid to the team's judgement, not a verdict: which constructs distinguish the units is decided by the "
    "team, by consensus."
)
_HEADER_POINTS = (9.0, 8.0, 7.0, 6.0)
_CHARACTER = 0.6 / 72  # a bold character's width per point of type, in inches (generous, so words never break)
_PADDING = 0.16  # a cell's left and right margins together, in inches
_CONSTRUCT, _CONSTRUCT_LEAST, _ADVISORY = 2.6, 1.4, 1.1
_TURNED_HEIGHT = 1.6  # inches: the longest word of a turned name fits along it at 9 pt


def write_ratings_docx(
    path: Path, matrix: RatingsMatrix, project_name: str, outcome: str | None, paper: Paper = Paper.A4
) -> Path:
    if path.suffix.lower() != ".docx":
        raise ExportError(path, "the ratings matrix is saved as a Word document (.docx)")
    compared = bool(matrix.rule)
    with whole_or_nothing(path) as partial:
        word = WordDocument(REPORT_STYLES, ("Criterion Label",), paper, landscape=True)
        word.properties("Ratings matrix", project_name)
        word.page_numbers("Ratings matrix")
        word.paragraph("Title", "Ratings matrix")
        word.paragraph("Subtitle", project_name)
        ordered = f", ordered by {outcome} (highest first)" if outcome else ""
        rated = [row for row in matrix.rows if any(r is not None for r in row.ratings)]
        word.paragraph(
            "Report Details",
            f"Exported on {date.today():%d %B %Y}. The {len(rated)} rated constructs (of {len(matrix.rows)}) by "
            f"{len(matrix.columns)} units{ordered}. Ratings run from -2 to +2; X is mixed, n/a not applicable.",
        )
        if compared:
            word.paragraph("Report Details", _ADVISORY_NOTE.format(rule=matrix.rule))
        header = ["Construct"]
        for column in matrix.columns:
            shown = f"{column.outcome:g}" if column.outcome is not None else "no value"
            header.append(f"{column.unit.label} ({shown})" if outcome else column.unit.label)
        rows = []
        for row in rated:
            cells = [_construct(row.node)]
            cells += [_shown(r.value) if r is not None else "" for r in row.ratings]
            if compared:
                cells.append(row.advisory.value if row.advisory is not None else "")
            rows.append(cells)
        points, widths = _layout(word.usable_width(), header[1:], compared)
        table = word.table(header + (["Advisory comparison"] if compared else []), rows, widths)
        _finish(table, points, len(matrix.columns), [[r.value if r else None for r in row.ratings] for row in rated])
        _rationales(word, matrix)
        _reasons(word, rated)
        word.save(partial)
    return path


def _layout(width: float, units: list[str], compared: bool) -> tuple[float | None, list[float]]:
    """The header's type size (None: names turned upwards, at 9 pt) and every column's width, filling `width`."""
    advisory = _ADVISORY if compared else 0.0
    longest = max((len(word) for label in units for word in label.split()), default=1)
    count = max(len(units), 1)
    points: float | None = None
    unit = (width - advisory - _CONSTRUCT_LEAST) / count
    for size in _HEADER_POINTS:
        needed = max(longest * size * _CHARACTER + _PADDING, 0.45)
        if width - advisory - needed * count >= _CONSTRUCT_LEAST:
            points, unit = size, needed
            break
    construct = width - advisory - unit * count
    if construct > _CONSTRUCT:  # room to spare goes to the units, so the table still fills the page
        unit += (construct - _CONSTRUCT) / count
        construct = _CONSTRUCT
    return points, [construct, *([unit] * len(units)), *([advisory] if compared else [])]


def _finish(table: Any, points: float | None, units: int, values: list[list[str | None]]) -> None:
    """Fill the page's width, set the header's type size (or turn it), centre and shade the ratings as on screen."""
    width = table.find(f"{W}tblPr/{W}tblW")
    width.set(f"{W}type", "dxa")
    width.set(f"{W}w", str(sum(int(c.get(f"{W}w")) for c in table.iterfind(f"{W}tblGrid/{W}gridCol"))))
    rows = table.findall(f"{W}tr")
    if points is None:  # turned names need the row's height to lie along
        height = etree.SubElement(rows[0].find(f"{W}trPr"), f"{W}trHeight")
        height.set(f"{W}val", str(int(_TURNED_HEIGHT * 1440)))
        height.set(f"{W}hRule", "atLeast")
    for cell in rows[0].findall(f"{W}tc")[1 : units + 1]:
        if points is None:
            etree.SubElement(cell.find(f"{W}tcPr"), f"{W}textDirection").set(f"{W}val", "btLr")
            continue
        for run in cell.iter(f"{W}r"):
            properties = run.find(f"{W}rPr")
            if properties is None:
                properties = etree.Element(f"{W}rPr")
                run.insert(0, properties)
            etree.SubElement(properties, f"{W}sz").set(f"{W}val", str(int(points * 2)))
    for row, ratings in zip(rows[1:], values, strict=True):
        row.insert(0, etree.Element(f"{W}trPr"))
        etree.SubElement(row[0], f"{W}cantSplit")  # a construct's row stays on one page
        for cell, value in zip(row.findall(f"{W}tc")[1 : units + 1], ratings, strict=True):
            etree.SubElement(cell.find(f"{W}p/{W}pPr"), f"{W}jc").set(f"{W}val", "center")
            shade = fill(value)
            if shade is not None:
                shading = etree.SubElement(cell.find(f"{W}tcPr"), f"{W}shd")
                shading.set(f"{W}val", "clear")
                shading.set(f"{W}fill", shade)


def _rationales(word: WordDocument, matrix: RatingsMatrix) -> None:
    first = True
    for row in matrix.rows:
        rated = [(c, r) for c, r in zip(matrix.columns, row.ratings, strict=True) if r and (r.rationale or r.flag)]
        if not rated:
            continue
        title = _construct(row.node)
        if first:
            word.heading(1, "Rationales", page_break_before=True)
            first = False
        word.heading(2, title)
        for column, rating in rated:
            note = f" [{rating.flag}]" if rating.flag else ""
            word.paragraph(
                "Normal",
                [Run(f"{column.unit.label}, {_shown(rating.value)}{note}: ", "Criterion Label"), Run(rating.rationale)],
            )


def _reasons(word: WordDocument, rated: list[Row]) -> None:
    """Why the aid labelled each rated construct as it did, so the team can check it and disagree."""
    explained = [row for row in rated if row.explanation is not None]
    if not explained:
        return
    word.heading(1, "Why the advisory comparison says so", page_break_before=True)
    for row in explained:
        assert row.explanation is not None
        word.paragraph("Normal", [Run(f"{_construct(row.node)}: ", "Criterion Label"), Run(row.explanation.reason)])


def _construct(node: FrameworkNodeInfo) -> str:
    return node.label + (" (reverse rated)" if node.reverse_rated else "")


def _shown(value: str) -> str:
    return {"na": "n/a", "missing": "missing"}.get(value, value)
