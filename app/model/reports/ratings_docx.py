"""The CFIR ratings matrix in Word, landscape: constructs by units ordered by the outcome, then every rationale."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.model.core.dto import FrameworkNodeInfo
from app.model.frameworks.ratings_matrix import RatingsMatrix
from app.model.reports.atomic import ExportError, whole_or_nothing
from app.model.reports.paper import Paper
from app.model.reports.word import REPORT_STYLES, Run, WordDocument

_ADVISORY_NOTE = (
    "The last column compares how each construct was rated in the units with the higher and the lower outcome. It "
    "is an aid to the team's judgement, not a verdict: which constructs distinguish the units is decided by the "
    "team, by consensus."
)


def write_ratings_docx(
    path: Path, matrix: RatingsMatrix, project_name: str, outcome: str | None, paper: Paper = Paper.A4
) -> Path:
    if path.suffix.lower() != ".docx":
        raise ExportError(path, "the ratings matrix is saved as a Word document (.docx)")
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
        if outcome:
            word.paragraph("Report Details", _ADVISORY_NOTE)
        header = ["Construct"]
        for column in matrix.columns:
            shown = f"{column.outcome:g}" if column.outcome is not None else "no value"
            header.append(f"{column.unit.label} ({shown})" if outcome else column.unit.label)
        rows = []
        for row in rated:
            cells = [_construct(row.node)]
            cells += [_shown(r.value) if r is not None else "" for r in row.ratings]
            if outcome:
                cells.append(row.advisory.value if row.advisory is not None else "")
            rows.append(cells)
        width = word.usable_width()
        advisory = 1.3 if outcome else 0.0
        construct = min(2.6, width * 0.3)
        unit = (width - construct - advisory) / max(len(matrix.columns), 1)
        word.table(
            header + (["Advisory comparison"] if outcome else []),
            rows,
            [construct, *([unit] * len(matrix.columns)), *([advisory] if outcome else [])],
        )
        _rationales(word, matrix)
        word.save(partial)
    return path


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


def _construct(node: FrameworkNodeInfo) -> str:
    return node.label + (" (reverse rated)" if node.reverse_rated else "")


def _shown(value: str) -> str:
    return {"na": "n/a", "missing": "missing"}.get(value, value)
