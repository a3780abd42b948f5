"""Tables out to CSV or XLSX, written whole or not at all (a temporary file is renamed when complete)."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import AxialError

Cell = str | int | float | None


class ExportError(AxialError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")


def write_table(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]], *, sheet: str = "Table") -> Path:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ExportError(path, "tables are saved as .csv or .xlsx")
    partial = path.with_name(f".{path.name}.partial")
    try:
        if suffix == ".csv":
            # UTF-8 with a byte-order mark, so Excel reads accents and emoji correctly.
            with partial.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows(rows)
        else:
            _write_xlsx(partial, header, rows, sheet)
        os.replace(partial, path)
    except PermissionError:
        partial.unlink(missing_ok=True)
        raise ExportError(path, "cannot be written; is it open in another program?") from None
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ExportError(path, f"cannot be written ({error.strerror})") from None
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
        value = "".join(ch for ch in value if ch in "\t\n" or ord(ch) >= 32)
        if value[:1] in ("=", "+", "-", "@") and not _is_number(value):
            return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
