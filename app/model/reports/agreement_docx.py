"""The agreement table and its method statement in Word (landscape): per code with the overall row, then per code
and document."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.model.agreement.method import method_statement
from app.model.agreement.service import AgreementReport
from app.model.reports.agreement_columns import columns, shown
from app.model.reports.atomic import ExportError, whole_or_nothing
from app.model.reports.paper import Paper
from app.model.reports.word import REPORT_STYLES, WordDocument

_NAME, _DOCUMENT = 2.2, 1.6  # inches


def write_agreement_docx(path: Path, report: AgreementReport, project_name: str, paper: Paper = Paper.A4) -> Path:
    if path.suffix.lower() != ".docx":
        raise ExportError(path, "the agreement table is saved as a Word document (.docx)")
    shown_columns = columns(report)
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
        figure_width = (word.usable_width() - _NAME) / len(shown_columns)
        header = [c.title for c in shown_columns]
        word.heading(1, "Agreement per code")
        rows = [["All codes", *(shown(c.value(report.overall), c.kind) for c in shown_columns)]]
        rows += [
            [code.path, *(shown(c.value(code.coefficients), c.kind) for c in shown_columns)] for code in report.codes
        ]
        word.table(["Code", *header], rows, [_NAME, *([figure_width] * len(shown_columns))])
        word.heading(1, "Agreement per code and document", page_break_before=True)
        cell_width = (word.usable_width() - _NAME - _DOCUMENT) / len(shown_columns)
        cells = [
            [code.path, cell.document, *(shown(c.value(cell.coefficients), c.kind) for c in shown_columns)]
            for code in report.codes
            for cell in code.documents
        ]
        word.table(["Code", "Document", *header], cells, [_NAME, _DOCUMENT, *([cell_width] * len(shown_columns))])
        word.save(partial)
    return path
