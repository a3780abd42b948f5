"""Case attributes from a spreadsheet (CSV or XLSX): one row per case, keyed by the case name in the first column.

New columns become attributes with an inferred type (number, yes/no, date, a choice among few values, or text);
existing attributes keep their type. Rows naming no known case are reported (or create the case when asked), and a
cell that does not fit its attribute is reported and left out. The whole sheet is checked first (a repeated column
refuses it) and can be previewed so; applying it writes it through the case service in one transaction, so a
refused sheet changes nothing.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.model.cases.attribute_values import sorted_values
from app.model.cases.case_service import convert, parse_number
from app.model.core.dto import AttributeInfo, AttributeType, AttributeValueType
from app.model.core.errors import AxialError, ValidationError
from app.model.documents.readers import limits
from app.model.documents.readers.archive import open_package, refuse_doctype
from app.model.documents.readers.base import ReadError
from app.model.documents.readers.boundary import read_capped, refusals
from app.model.documents.readers.encoding import decode
from app.model.project import Project

_YES_NO = {"yes", "no", "true", "false", "y", "n"}
_MAX_CHOICES = 12
_XLSX = (".xlsx", ".xlsm")
_CSV = (".csv", ".tsv", ".txt")


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
    """The rows of a CSV file or of the first worksheet of an XLSX workbook, header first. Any failure, whatever
    raised it, leaves as a `ReadError` naming the file and the reason."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in _XLSX + _CSV:
        raise ReadError(name, "attribute sheets are read from .csv or .xlsx files")
    with refusals(name):
        data = read_capped(path, limits.for_suffix(suffix))
        return _read_xlsx(data, name) if suffix in _XLSX else _read_csv(data, name)


def _read_csv(data: bytes, name: str) -> list[list[object]]:
    text, _ = decode(data, name)
    # Old Mac files end lines with a bare CR, which the csv module refuses in an unquoted field.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect) if any(cell.strip() for cell in row)]


def _read_xlsx(data: bytes, name: str) -> list[list[object]]:
    from openpyxl import load_workbook  # imported here: only sheets need it, and it is slow to load

    # openpyxl parses the parts itself, so the package and its XML are judged before it sees them.
    refuse_doctype(open_package(data, name, "Excel"), name)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ReadError(name, "the workbook is damaged or not an .xlsx file") from None
    try:
        if not workbook.worksheets:
            raise ReadError(name, "the workbook has no worksheet")
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
    distinct = sorted_values(set(texts))
    if present and len(distinct) <= _MAX_CHOICES and len(distinct) < len(texts):
        return AttributeType.CHOICE, tuple(distinct)
    return AttributeType.TEXT, ()


@dataclass(frozen=True)
class _Plan:
    """A sheet checked in full against the project, before anything is written."""

    new_cases: tuple[str, ...]
    new_attributes: tuple[AttributeInfo, ...]  # ids not yet known
    values: tuple[tuple[str, str, AttributeValueType], ...]  # case, attribute, a value that fits it
    unmatched: tuple[tuple[int, str], ...]
    rejected: tuple[str, ...]


def preview_sheet(project: Project, path: Path, *, create_cases: bool = False) -> SheetReport:
    """What applying the sheet would do (the cases and attributes it would create, the values it would set, what
    it would leave out and why), without changing the project."""
    plan = _plan(read_sheet(path), path.name, project, create_cases)
    return _report(plan, len(plan.values))


def apply_sheet(project: Project, path: Path, *, create_cases: bool = False) -> SheetReport:
    """Read the whole sheet, check all of it, then write it in one transaction: all of it or, if refused, nothing.
    `create_cases`: a row naming no case in the project creates it."""
    plan = _plan(read_sheet(path), path.name, project, create_cases)
    try:
        written = _apply(project, plan, path.name)
    except AxialError as error:
        raise ReadError(path.name, str(error)) from None
    return _report(plan, written)


def _report(plan: _Plan, written: int) -> SheetReport:
    return SheetReport(
        cases_updated=len({case for case, _, _ in plan.values}),
        values_set=written,
        cases_created=plan.new_cases,
        attributes_created=tuple((a.name, a.type) for a in plan.new_attributes),
        unmatched_rows=plan.unmatched,
        rejected_cells=plan.rejected,
    )


def _plan(rows: list[list[object]], file: str, project: Project, create_cases: bool) -> _Plan:
    if len(rows) < 2:
        raise ReadError(file, "the sheet needs a header row and at least one row of values")
    header = [_name(cell) for cell in rows[0]]
    seen: dict[str, int] = {}
    for column, name in enumerate(header[1:], start=2):
        if name in seen:
            raise ReadError(
                file, f"the column {name!r} appears twice (columns {seen[name]} and {column}); keep one and try again"
            )
        if name:
            seen[name] = column
    body = rows[1:]
    known = {case.name for case in project.cases.all()}
    new_cases: dict[str, None] = {}
    keyed: list[tuple[int, str, list[object]]] = []  # (sheet row, case name, cells)
    unmatched = []
    for number, row in enumerate(body, start=2):
        key = _name(row[0] if row else "")
        if not key:
            continue
        if key not in known and create_cases:
            new_cases[key] = None
        if key in known or key in new_cases:
            keyed.append((number, key, list(row[1:])))
        else:
            unmatched.append((number, key))

    attributes = {a.name: a for a in project.cases.attributes()}
    new_attributes = []
    values = []
    rejected = []
    for column, name in enumerate(header[1:]):
        if not name:
            continue
        attribute = attributes.get(name)
        if attribute is None:
            # The sheet as a whole defines the vocabulary, rows for unknown cases included.
            kind, choices = infer_type([row[column + 1] if column + 1 < len(row) else None for row in body])
            attribute = AttributeInfo(0, name, kind, choices, 0)
            new_attributes.append(attribute)
        for number, case, cells in keyed:
            cell = cells[column] if column < len(cells) else None
            if cell in (None, ""):
                continue
            value = _typed(cell)
            try:
                convert(attribute, value)
            except ValidationError as error:
                rejected.append(f"row {number}, {name}: {error}")
                continue
            values.append((case, name, value))
    return _Plan(tuple(new_cases), tuple(new_attributes), tuple(values), tuple(unmatched), tuple(rejected))


def _apply(project: Project, plan: _Plan, file: str) -> int:
    """Create the cases and attributes and set the values, through the case service, in one transaction."""
    with project.store.write(f"import attribute sheet {file!r}") as tx:
        case_ids = {case.name: case.id for case in project.cases.all()}
        for case in plan.new_cases:
            case_ids[case] = project.cases.create(case).id
        attribute_ids = {a.name: a.id for a in project.cases.attributes()}
        for attribute in plan.new_attributes:
            made = project.cases.define_attribute(attribute.name, attribute.type, attribute.choices)
            attribute_ids[attribute.name] = made.id
        written = project.cases.set_values(
            [(case_ids[case], attribute_ids[name], value) for case, name, value in plan.values]
        )
        tx.detail = f"{len(plan.new_cases)} cases, {len(plan.new_attributes)} attributes, {written} values"
    return written


def _name(cell: object) -> str:
    """A case or attribute name as the project stores it: inner runs of white space made one space."""
    return " ".join(str(cell if cell is not None else "").split())


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
