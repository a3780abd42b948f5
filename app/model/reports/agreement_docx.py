"""The agreement table and its method statement in Word (landscape): per code with the overall row, then per code
and document.

Each figure column is as wide as the longest word of its heading needs, so no heading breaks inside a word; the
code (and document) columns take the rest. α's interval is one column here ("0.61 to 0.80"); the workbook keeps
its two ends as numbers. A code in one document has no interval, so the per-document table leaves it out.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TypeVar

from app.model.agreement.coefficients import Coefficients
from app.model.agreement.method import method_statement
from app.model.agreement.service import AgreementReport
from app.model.reports.agreement_columns import UNITIZING, Column, columns, interval, shown
from app.model.reports.atomic import ExportError, whole_or_nothing
from app.model.reports.paper import Paper
from app.model.reports.word import REPORT_STYLES, WordDocument

_BOLD_CHARACTER = 0.7 * 9 / 72  # inches per character of a 9 pt bold heading (generous: fonts are swapped)
_PADDING, _NARROWEST = 0.16, 0.7  # inches
_INTERVAL = "α 95% CI"
_INTERVAL_WIDTH = 1.05  # inches
T = TypeVar("T")
_DOCUMENT_SHARE = 0.45  # of the room left for names, in the per-document table


def write_agreement_docx(path: Path, report: AgreementReport, project_name: str, paper: Paper = Paper.A4) -> Path:
    if path.suffix.lower() != ".docx":
        raise ExportError(path, "the agreement table is saved as a Word document (.docx)")
    shown_columns = [c for c in columns(report) if not c.title.startswith("α 95%") and c not in UNITIZING]
    header = [c.title for c in shown_columns]
    header.insert(header.index("Krippendorff's α") + 1, _INTERVAL)
    widths = [max(_NARROWEST, _PADDING + _BOLD_CHARACTER * max(map(len, re.split(r"[ –]", t)))) for t in header]
    widths[header.index(_INTERVAL)] = _INTERVAL_WIDTH  # "-0.10 to 0.02" on one line
    with whole_or_nothing(path) as partial:
        word = WordDocument(REPORT_STYLES, (), paper, landscape=True)
        word.properties("Inter-coder agreement", project_name)
        word.page_numbers("Inter-coder agreement")
        word.paragraph("Title", "Inter-coder agreement")
        word.paragraph("Subtitle", project_name)
        coders = ", ".join(c.name for c in report.coders)
        word.paragraph(
            "Report Details",
            f"Exported on {date.today():%d %B %Y}. Coders: {coders}. Unit: {report.unit.value}. "
            "A dash marks a coefficient that is undefined (no units, or nobody coded or everybody coded them all).",
        )
        word.heading(1, "Method")
        word.paragraph("Normal", method_statement(report))
        room = word.usable_width() - sum(widths)
        word.heading(1, "Agreement per code")
        rows = [["All codes", *_figures(report.overall, shown_columns)]]
        rows += [[code.path, *_figures(code.coefficients, shown_columns)] for code in report.codes]
        word.table(["Code", *header], rows, [room, *widths])
        word.heading(1, "Unitizing α family per code")
        word.paragraph(
            "Normal",
            "Over characters, whatever the unit above. uα: a code's own units against the rest of the text (over "
            "all codes: units and their codes); |uα: coded or not; cuα: the codes where the coders' units overlap; "
            "(k)uα: how reliably a code is told from the others there.",
        )
        unitizing = [["All codes", *(shown(c.value(report.overall), c.kind) for c in UNITIZING)]]
        unitizing += [
            [code.path, *(shown(c.value(code.coefficients), c.kind) for c in UNITIZING)] for code in report.codes
        ]
        word.table(["Code", *(c.title for c in UNITIZING)], unitizing, [room + sum(widths) - 4.0, *[1.0] * 4])
        word.heading(1, "Agreement per code and document", page_break_before=True)
        # A code in one document has no interval (there is no document to resample): that column stays out.
        place = header.index(_INTERVAL)
        cells = [
            [code.path, cell.document, *_without(_figures(cell.coefficients, shown_columns), place)]
            for code in report.codes
            for cell in code.documents
        ]
        room += widths[place]
        names = [room * (1 - _DOCUMENT_SHARE), room * _DOCUMENT_SHARE]
        word.table(["Code", "Document", *_without(header, place)], cells, [*names, *_without(widths, place)])
        word.save(partial)
    return path


def _figures(figures: Coefficients, shown_columns: list[Column]) -> list[str]:
    values = [shown(c.value(figures), c.kind) for c in shown_columns]
    place = next(i for i, c in enumerate(shown_columns) if c.title == "Krippendorff's α") + 1
    return [*values[:place], interval(figures.alpha_low, figures.alpha_high), *values[place:]]


def _without(items: list[T], place: int) -> list[T]:
    return items[:place] + items[place + 1 :]
