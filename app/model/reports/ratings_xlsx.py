"""The ratings matrix as a workbook: constructs by units with the advisory label and why, and every rationale.

Ratings are numbers (shown +2 ... -2), so a team can sort, count and average them in Excel; X, missing and n/a stay
text. The outcome row is named by the attribute the units are ordered by and holds numbers too.
"""

from __future__ import annotations

from pathlib import Path

from app.model.core.dto import RatingInfo
from app.model.frameworks.ratings_matrix import NUMERIC, RatingsMatrix
from app.model.reports.atomic import ExportError, whole_or_nothing
from app.model.reports.tables import Cell, _safe

RATING_FORMAT = "+0;-0;0"  # +2, +1, 0, -1, -2 as Excel shows them, still numbers to sort and average


def write_ratings(path: Path, matrix: RatingsMatrix, outcome: str | None = None) -> Path:
    """`outcome` names the attribute the matrix is ordered by, for the label of its row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    if path.suffix.lower() != ".xlsx":
        raise ExportError(path, "the ratings matrix is saved as .xlsx")
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Ratings"
    header = ["Construct", *(c.unit.label for c in matrix.columns), "Advisory comparison (an aid, not a verdict)"]
    if matrix.rule:
        header.append("Why")
    sheet.append([_safe(title) for title in header])
    has_outcome = outcome is not None or any(c.outcome is not None for c in matrix.columns)
    if has_outcome:
        sheet.append([_safe(outcome or "Outcome"), *(c.outcome for c in matrix.columns)])
    for row in matrix.rows:
        node = row.node
        title = node.label + (" (reverse rated)" if node.reverse_rated else "")
        why = [_safe(row.explanation.reason)] if row.explanation is not None else []
        sheet.append(
            [_safe(title), *(rating_cell(r) for r in row.ratings), row.advisory.value if row.advisory else "", *why]
        )
    first_rating_row = 3 if has_outcome else 2
    for cells in sheet.iter_rows(min_row=first_rating_row, min_col=2, max_col=1 + len(matrix.columns)):
        for cell in cells:
            if isinstance(cell.value, int):
                cell.number_format = RATING_FORMAT
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = f"B{first_rating_row}"
    sheet.column_dimensions["A"].width = 48
    if matrix.rule:  # the aid's reason, readable without widening it by hand
        reasons = sheet.cell(row=1, column=len(header)).column_letter
        sheet.column_dimensions[reasons].width = 90
        for cell in sheet[reasons][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    rationales = workbook.create_sheet("Rationales")
    rationales.append(["Construct", "Unit", "Rating", "Rationale", "Flag"])
    for row in matrix.rows:
        for column, rating in zip(matrix.columns, row.ratings, strict=True):
            if rating is not None and (rating.rationale or rating.flag):
                rationales.append(
                    [
                        _safe(row.node.label),
                        _safe(column.unit.label),
                        rating_cell(rating),
                        _safe(rating.rationale),
                        _safe(rating.flag),
                    ]
                )
    for cell in rationales["C"][1:]:
        if isinstance(cell.value, int):
            cell.number_format = RATING_FORMAT
    for cell in rationales["D"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    rationales.column_dimensions["D"].width = 80
    with whole_or_nothing(path) as partial:
        workbook.save(partial)
    return path


def rating_cell(rating: RatingInfo | None) -> Cell:
    """A rating as a number when it is one (+2 ... -2), as its text when not (X, missing, na), empty when none."""
    if rating is None:
        return None
    return NUMERIC.get(rating.value, rating.value)
