"""Excerpts as a table (CSV or XLSX): one row per coded excerpt, with its source, attributes, code and constructs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from app.model.core.progress import CancelledError, NoProgress, Progress
from app.model.reports.excerpts import Excerpts, timestamp
from app.model.reports.tables import Cell, write_table

# Excel refuses longer cell text; a longer excerpt is cut there and says so.
_EXCEL_CELL = 32_767
_CUT = " [cut: longer than a spreadsheet cell holds]"


def excerpt_columns(excerpts: Excerpts) -> list[str]:
    return [
        "Document",
        "Case",
        *(a.name for a in excerpts.attributes),
        "Speaker",
        "Code",
        "Code path",
        "Framework constructs",
        "Text",
        "Start",
        "End",
        "Paragraph",
        "Timestamp",
        "Coder",
        "Coded at",
        "Memo",
    ]


def excerpt_rows(
    excerpts: Excerpts, progress: Progress | None = None, *, cell_limit: int | None = None
) -> Iterator[list[Cell]]:
    """The rows, in document order; checks for a cancel every thousand rows. Text longer than `cell_limit` is cut."""
    progress = progress or NoProgress()
    constructs: dict[int, str] = {}
    total = len(excerpts.items)
    for index, excerpt in enumerate(excerpts.items):
        if index % 1000 == 0:
            if progress.cancelled:
                raise CancelledError()
            progress.step(index, total, "Writing excerpts")
        code = excerpts.codes[excerpt.code_id]
        if excerpt.code_id not in constructs:
            constructs[excerpt.code_id] = "; ".join(n.label for n in excerpts.constructs_of(excerpt.code_id))
        yield [
            excerpts.source(excerpt),
            excerpts.cases(excerpt),
            *(excerpts.value(excerpt, a.id) for a in excerpts.attributes),
            excerpt.speaker or "",
            code.code.name,
            " > ".join(code.path),
            constructs[excerpt.code_id],
            _fits(excerpt.text, cell_limit),
            excerpt.start,
            excerpt.end,
            excerpt.paragraph,
            timestamp(excerpt.timestamp_ms) if excerpt.timestamp_ms is not None else "",
            excerpt.coder,
            excerpt.coded_at.strftime("%Y-%m-%d %H:%M"),
            _fits(excerpt.memo, cell_limit),
        ]
    progress.step(total, total, "Saving")


def write_excerpts_table(path: Path, excerpts: Excerpts, progress: Progress | None = None) -> Path:
    limit = _EXCEL_CELL if path.suffix.lower() == ".xlsx" else None
    rows = excerpt_rows(excerpts, progress, cell_limit=limit)
    return write_table(path, excerpt_columns(excerpts), rows, sheet="Excerpts")


def _fits(text: str, limit: int | None) -> str:
    return text if limit is None or len(text) <= limit else text[: limit - len(_CUT)] + _CUT
