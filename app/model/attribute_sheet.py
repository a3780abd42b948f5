"""Case attributes from a spreadsheet (CSV or XLSX): one row per case, keyed by the case name in the first column.

New columns become attributes with an inferred type (number, yes/no, date, a choice among few values, or text);
existing attributes keep their type. Rows naming no known case are reported (or create the case when asked), and a
cell that does not fit its attribute is reported and left out. All the values that fit are written in one go.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .dto import AttributeType, AttributeValueType
from .errors import AxialError, ValidationError
from .importers.base import ReadError
from .importers.encoding import decode
from .project import Project
from .services.cases import convert, parse_number

_YES_NO = {"yes", "no", "true", "false", "y", "n"}
_MAX_CHOICES = 12


@dataclass(frozen=True)
class SheetReport:
    cases_updated: int
    values_set: int
    cases_created: tuple[str, ...]
    attributes_created: tuple[tuple[str, AttributeType], ...]
    unmatched_rows: tuple[tuple[int, str], ...]  # (row number in the sheet, the key that matched no case)
    rejected_cells: tuple[str, ...]  # "row 4, Fidelity: 'high' is not a valid number for 'Fidelity'."

    def summary(self) -> str:
        lines = [f"{self.values_set} values set on {self.cases_updated} cases."]
        if self.cases_created:
            lines.append(f"Cases created: {', '.join(self.cases_created)}.")
        if self.attributes_created:
            lines.append(
                "Attributes created: " + ", ".join(f"{n} ({t.value})" for n, t in self.attributes_created) + "."
            )
        if self.unmatched_rows:
            keys = ", ".join(f"row {row} ({key!r})" for row, key in self.unmatched_rows)
            lines.append(f"No case matched {keys}.")
        lines += self.rejected_cells
        return "\n".join(lines)


def read_sheet(path: Path) -> list[list[object]]:
    """The rows of a CSV file or of the first worksheet of an XLSX workbook, header first."""
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(name, f"the file cannot be read ({error.strerror})") from None
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(data, name)
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        text, _ = decode(data, name)
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [list(row) for row in csv.reader(io.StringIO(text), dialect) if any(cell.strip() for cell in row)]
    raise ReadError(name, "attribute sheets are read from .csv or .xlsx files")


def _read_xlsx(data: bytes, name: str) -> list[list[object]]:
    from openpyxl import load_workbook  # imported here: only sheets need it, and it is slow to load

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ReadError(name, f"the workbook is damaged or not an .xlsx file ({error})") from None
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True) if any(c not in (None, "") for c in row)]
    finally:
        workbook.close()


def infer_type(values: Sequence[object]) -> tuple[AttributeType, tuple[str, ...]]:
    """The narrowest type that holds every non-empty value, and for a choice its values in order."""
    present = [v for v in values if v not in (None, "")]
    texts = [str(v).strip() for v in present]
    if present and all(isinstance(v, bool) or str(v).strip().lower() in _YES_NO for v in present):
        return AttributeType.BOOLEAN, ()
    if present and all(_number(v) is not None for v in present):
        return AttributeType.NUMBER, ()
    if present and all(_date(v) is not None for v in present):
        return AttributeType.DATE, ()
    distinct = sorted(set(texts))
    if present and len(distinct) <= _MAX_CHOICES and len(distinct) < len(texts):
        return AttributeType.CHOICE, tuple(distinct)
    return AttributeType.TEXT, ()


def apply_sheet(project: Project, path: Path, *, create_cases: bool = False) -> SheetReport:
    rows = read_sheet(path)
    if len(rows) < 2:
        raise ReadError(path.name, "the sheet needs a header row and at least one row of values")
    header = [str(cell or "").strip() for cell in rows[0]]
    body = rows[1:]
    cases = {case.name: case.id for case in project.cases.all()}
    created_cases = []
    keyed: list[tuple[int, int, list[object]]] = []  # (sheet row, case id, cells)
    unmatched = []
    for number, row in enumerate(body, start=2):
        key = str(row[0] if row else "").strip()
        if not key:
            continue
        if key not in cases and create_cases:
            cases[key] = project.cases.create(key).id
            created_cases.append(key)
        if key in cases:
            keyed.append((number, cases[key], list(row[1:])))
        else:
            unmatched.append((number, key))

    attributes = {a.name: a for a in project.cases.attributes()}
    created_attributes = []
    values: list[tuple[int, int, AttributeValueType]] = []
    rejected = []
    for column, name in enumerate(header[1:]):
        if not name:
            continue
        cells = [(number, case_id, cells[column] if column < len(cells) else None) for number, case_id, cells in keyed]
        attribute = attributes.get(name)
        if attribute is None:
            # The sheet as a whole defines the vocabulary, rows for unknown cases included.
            kind, choices = infer_type([row[column + 1] if column + 1 < len(row) else None for row in body])
            attribute = project.cases.define_attribute(name, kind, choices)
            created_attributes.append((name, kind))
        for number, case_id, cell in cells:
            if cell in (None, ""):
                continue
            value = _typed(cell)
            try:
                convert(attribute, value)
            except ValidationError as error:
                rejected.append(f"row {number}, {name}: {error}")
                continue
            values.append((case_id, attribute.id, value))
    try:
        written = project.cases.set_values(values)
    except AxialError as error:
        raise ReadError(path.name, str(error)) from None
    return SheetReport(
        cases_updated=len({case_id for case_id, _, _ in values}),
        values_set=written,
        cases_created=tuple(created_cases),
        attributes_created=tuple(created_attributes),
        unmatched_rows=tuple(unmatched),
        rejected_cells=tuple(rejected),
    )


def _typed(cell: object) -> AttributeValueType:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, bool | float | date | str):
        return cell
    if isinstance(cell, int):
        return float(cell)
    return str(cell)


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    return parse_number(str(value))


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None
