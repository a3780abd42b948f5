"""Tables out to CSV or XLSX, written whole or not at all (a temporary file is renamed when complete)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from app.model.reports.atomic import ExportError, whole_or_nothing

Cell = str | int | float | None
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")  # every control character but tab and line feed


def write_table(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]], *, sheet: str = "Table") -> Path:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ExportError(path, "tables are saved as .csv or .xlsx")
    with whole_or_nothing(path) as partial:
        if suffix == ".csv":
            # UTF-8 with a byte-order mark, so Excel reads accents and emoji correctly.
            with partial.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows(rows)
        else:
            _write_xlsx(partial, header, rows, sheet)
    return path


def _write_xlsx(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]], sheet: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])
    worksheet.freeze_panes = "B2"
    bold = Font(bold=True)
    from openpyxl.cell import WriteOnlyCell

    titles = []
    for title in header:
        cell = WriteOnlyCell(worksheet, value=title)
        cell.font = bold
        titles.append(cell)
    worksheet.append(titles)
    for row in rows:
        worksheet.append([_safe(value) for value in row])
    workbook.save(path)


def _safe(value: Cell) -> Cell:  # also used by the ratings workbook
    """Text Excel would refuse (control characters) or run (a leading '=') is written as plain text."""
    if isinstance(value, str):
        if _CONTROL.search(value):
            value = _CONTROL.sub("", value)
        if value[:1] in ("=", "+", "-", "@") and not _is_number(value):
            return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
