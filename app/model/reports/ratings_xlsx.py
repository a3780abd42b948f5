"""The ratings matrix as a workbook: constructs by units with the advisory label, and every rationale."""

from __future__ import annotations

from pathlib import Path

from app.model.frameworks.ratings_matrix import RatingsMatrix
from app.model.reports.atomic import ExportError, whole_or_nothing
from app.model.reports.tables import _safe


def write_ratings(path: Path, matrix: RatingsMatrix) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    if path.suffix.lower() != ".xlsx":
        raise ExportError(path, "the ratings matrix is saved as .xlsx")
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Ratings"
    header = ["Construct", *(c.unit.label for c in matrix.columns), "Advisory comparison (an aid, not a verdict)"]
    sheet.append(header)
    outcomes = ["Outcome", *(f"{c.outcome:g}" if c.outcome is not None else "" for c in matrix.columns), ""]
    sheet.append(outcomes)
    for row in matrix.rows:
        node = row.node
        title = node.label + (" (reverse rated)" if node.reverse_rated else "")
        values = [r.value if r else "" for r in row.ratings]
        sheet.append([_safe(title), *values, row.advisory.value if row.advisory else ""])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B3"
    sheet.column_dimensions["A"].width = 48
    rationales = workbook.create_sheet("Rationales")
    rationales.append(["Construct", "Unit", "Rating", "Rationale", "Flag"])
    for row in matrix.rows:
        for column, rating in zip(matrix.columns, row.ratings, strict=True):
            if rating is not None and (rating.rationale or rating.flag):
                title = row.node.label
                rationales.append(
                    [_safe(title), column.unit.label, rating.value, _safe(rating.rationale), _safe(rating.flag)]
                )
    for cell in rationales["D"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    rationales.column_dimensions["D"].width = 80
    with whole_or_nothing(path) as partial:
        workbook.save(partial)
    return path
