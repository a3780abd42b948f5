"""The agreement table as a workbook: per code (with the overall row), per code and document, and the method.

Figures are numbers with number formats (shares as percentages, coefficients to two places), so a team can sort
and chart them; an undefined coefficient is an empty cell.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.model.agreement.method import method_statement
from app.model.agreement.service import AgreementReport
from app.model.reports.agreement_columns import Column, Kind, columns
from app.model.reports.atomic import ExportError, whole_or_nothing
from app.model.reports.tables import _safe

FORMATS = {Kind.COUNT: "#,##0", Kind.SHARE: "0.0%", Kind.COEFFICIENT: "0.00"}


def write_agreement_xlsx(path: Path, report: AgreementReport) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    if path.suffix.lower() != ".xlsx":
        raise ExportError(path, "the agreement table is saved as .xlsx")
    shown_columns = columns(report)
    workbook = Workbook()
    per_code = workbook.active
    assert per_code is not None
    per_code.title = "Per code"
    per_code.append(["Code", *(c.title for c in shown_columns)])
    per_code.append(["All codes", *(c.value(report.overall) for c in shown_columns)])
    for code in report.codes:
        per_code.append([_safe(code.path), *(c.value(code.coefficients) for c in shown_columns)])
    per_cell = workbook.create_sheet("Per code and document")
    per_cell.append(["Code", "Document", *(c.title for c in shown_columns)])
    for code in report.codes:
        for cell in code.documents:
            per_cell.append(
                [_safe(code.path), _safe(cell.document), *(c.value(cell.coefficients) for c in shown_columns)]
            )
    _format(per_code, shown_columns, 2)
    _format(per_cell, shown_columns, 3)
    for sheet in (per_code, per_cell):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    per_code["A2"].font = Font(bold=True)
    method = workbook.create_sheet("Method")
    method.column_dimensions["A"].width = 120
    method["A1"] = method_statement(report)
    method["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    with whole_or_nothing(path) as partial:
        workbook.save(partial)
    return path


def _format(sheet: Any, shown_columns: tuple[Column, ...], first: int) -> None:
    """Number formats on the figure columns (from column `first`), widths, and the header kept in view."""
    for offset, column in enumerate(shown_columns):
        for (cell,) in sheet.iter_rows(min_row=2, min_col=first + offset, max_col=first + offset):
            cell.number_format = FORMATS[column.kind]
        sheet.column_dimensions[sheet.cell(row=1, column=first + offset).column_letter].width = 14
    sheet.column_dimensions["A"].width = 40
    if first == 3:
        sheet.column_dimensions["B"].width = 28
    sheet.freeze_panes = sheet.cell(row=2, column=first).coordinate
