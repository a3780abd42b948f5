"""Construct ratings to and from a spreadsheet, for teams that rate in Excel first.

The layout, in XLSX and CSV alike: a "Ratings" table with one row per rating unit (named by its label in the first
column, "Unit") and one column per construct the study rates (its official id, such as "III.D"; a construct the
study added, which has none, by its name), hidden constructs left out; then a "Rationale" table of Unit, Construct,
Rationale and Flag, one row per rated cell with a rationale or flag; then a "Summaries" table of Unit, Construct and
Summary: the framework matrix's cell summaries. An XLSX file holds the three as sheets; a CSV file holds the ratings,
and the other two go beside it as FILE-rationale.csv and FILE-summaries.csv (an import reads each one that is there).

Importing is all or nothing: units or constructs the project does not have, repeated rows or columns, values that are
not ratings and formulas are listed together and refuse the whole file. An empty cell leaves the rating there as it
is (a sheet covering some sites or one domain must not wipe the rest; ratings are cleared in the matrix, where it is
seen). A unit named in no rating unit is refused, not created: a unit is a case or an attribute value, which a label
alone cannot say. A rationale row replaces that cell's rationale and flag, even with empty text; without one they
are kept. A summary row likewise replaces that cell's summary (empty text clears it); cells not named keep theirs.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.model.cases.attribute_sheet import read_sheet
from app.model.core.dto import FrameworkNodeInfo, RatingUnitInfo
from app.model.core.errors import NotFoundError, ValidationError
from app.model.documents.readers import limits
from app.model.documents.readers.archive import open_package, refuse_doctype
from app.model.documents.readers.base import ReadError
from app.model.documents.readers.boundary import read_capped, refusals
from app.model.frameworks.definitions import in_framework_order
from app.model.frameworks.ratings_matrix import NUMERIC
from app.model.project import Project
from app.model.reports.atomic import ExportError, whole_or_nothing
from app.model.reports.ratings_xlsx import RATING_FORMAT, rating_cell
from app.model.reports.tables import Cell, _safe

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

RATINGS_SHEET = "Ratings"
RATIONALE_SHEET = "Rationale"
RATIONALE_HEADER = ("Unit", "Construct", "Rationale", "Flag")
SUMMARIES_SHEET = "Summaries"
SUMMARIES_HEADER = ("Unit", "Construct", "Summary")
_CSV_NUMBERS: dict[Cell, str] = {n: text for text, n in NUMERIC.items()}
_WORDS = {"x": "X", "missing": "missing", "m": "missing", "na": "na", "n/a": "na", "n": "na"}


@dataclass(frozen=True)
class RatingsImport:
    changed: int  # cells whose rating, rationale or flag was set
    unchanged: int  # cells given exactly as they were
    summaries: int = 0  # cell summaries written or cleared

    def summary(self) -> str:
        written = f", {self.summaries} summaries written" if self.summaries else ""
        return f"{self.changed} ratings set, {self.unchanged} unchanged{written}."


# --- export ------------------------------------------------------------------------------------------------


def export_ratings(project: Project, path: Path) -> list[Path]:
    """Write the ratings file (and for CSV its rationale file beside it); returns the files written."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExportError(path, "ratings are exchanged as .xlsx or .csv")
    nodes = rated_constructs(project)
    units = project.frameworks.rating_units()
    by_cell = {(r.unit_id, r.node_id): r for r in project.frameworks.ratings()}
    header: list[Cell] = ["Unit", *(construct_key(n) for n in nodes)]
    rows = [[u.label, *(rating_cell(by_cell.get((u.id, n.id))) for n in nodes)] for u in units]
    notes: list[list[Cell]] = [
        [u.label, construct_key(n), r.rationale, r.flag]
        for u in units
        for n in nodes
        if (r := by_cell.get((u.id, n.id))) is not None and (r.rationale or r.flag)
    ]
    written = project.frameworks.summaries()
    summaries: list[list[Cell]] = [
        [u.label, construct_key(n), s.summary]
        for u in units
        for n in nodes
        if (s := written.get((u.id, n.id))) is not None
    ]
    if suffix == ".xlsx":
        _write_xlsx(path, header, rows, notes, summaries)
        return [path]
    explained, summarised = rationale_path(path), summaries_path(path)
    # Put in place last to first: the ratings file only once its rationales are, the summaries once both are.
    with (
        whole_or_nothing(summarised) as partial_summarised,
        whole_or_nothing(path) as partial,
        whole_or_nothing(explained) as partial_explained,
    ):
        _write_csv(partial, [header, *rows])
        _write_csv(partial_explained, [list(RATIONALE_HEADER), *notes])
        _write_csv(partial_summarised, [list(SUMMARIES_HEADER), *summaries])
    return [path, explained, summarised]


def rationale_path(path: Path) -> Path:
    """Where a CSV ratings file keeps its rationales: FILE-rationale.csv beside it."""
    return path.with_name(f"{path.stem}-rationale{path.suffix}")


def summaries_path(path: Path) -> Path:
    """Where a CSV ratings file keeps the cells' summaries: FILE-summaries.csv beside it."""
    return path.with_name(f"{path.stem}-summaries{path.suffix}")


def rated_constructs(project: Project) -> list[FrameworkNodeInfo]:
    """The constructs the study rates, in framework order: every construct and subconstruct not hidden."""
    framework_id = project.frameworks.default_id()
    if framework_id is None:
        raise ValidationError("the project maps onto no framework, so it has no ratings")
    nodes = in_framework_order(project.frameworks.nodes(framework_id))
    rated = [n for n in nodes if n.level != "domain" and not n.hidden]
    keys = [construct_key(n).casefold() for n in rated]
    twice = dict.fromkeys(construct_key(n) for n, key in zip(rated, keys, strict=True) if keys.count(key) > 1)
    if twice:
        names = ", ".join(map(repr, twice))
        raise ValidationError(f"two rated constructs are called {names}; rename one for the study to tell them apart")
    return rated


def construct_key(node: FrameworkNodeInfo) -> str:
    return node.official_id or node.study_name or node.name


def _text(value: str) -> str:
    """Text defused as the tables are (no formula ever written); a leading apostrophe is doubled so that reading
    drops exactly the one added."""
    if value.startswith("'"):
        return "'" + value
    defused = _safe(value)
    assert isinstance(defused, str)
    return defused


def _write_csv(path: Path, rows: Iterable[Sequence[Cell]]) -> None:
    import csv

    # UTF-8 with a byte-order mark, so Excel reads accents and emoji correctly.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for row in rows:
            writer.writerow([_text(c) if isinstance(c, str) else _CSV_NUMBERS.get(c, "") for c in row])


def _write_xlsx(
    path: Path, header: Sequence[Cell], rows: list[list[Cell]], notes: list[list[Cell]], summaries: list[list[Cell]]
) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = RATINGS_SHEET
    table: list[Sequence[Cell]] = [header, *rows]
    for values in table:
        sheet.append([_text(v) if isinstance(v, str) else v for v in values])
    for row in sheet.iter_rows(min_row=2, min_col=2):
        for cell in row:
            if isinstance(cell.value, int):
                cell.number_format = RATING_FORMAT
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 28
    rationale = workbook.create_sheet(RATIONALE_SHEET)
    explained: list[Sequence[Cell]] = [RATIONALE_HEADER, *notes]
    for values in explained:
        rationale.append([_text(v) if isinstance(v, str) else v for v in values])
    for cell in rationale[1]:
        cell.font = Font(bold=True)
    for cell in rationale["C"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    rationale.column_dimensions["C"].width = 80
    summarised = workbook.create_sheet(SUMMARIES_SHEET)
    for values in [SUMMARIES_HEADER, *summaries]:
        summarised.append([_text(v) if isinstance(v, str) else v for v in values])
    for cell in summarised[1]:
        cell.font = Font(bold=True)
    for cell in summarised["C"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    summarised.column_dimensions["C"].width = 100
    with whole_or_nothing(path) as partial:
        workbook.save(partial)


# --- import ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Change:
    unit_id: int
    node_id: int
    value: str
    rationale: str
    flag: str


def import_ratings(project: Project, path: Path) -> RatingsImport:
    """Read, check and apply a ratings file; refused whole (nothing changed) with every problem listed."""
    ratings, notes, summaries = read_ratings_file(path)
    existing = {(r.unit_id, r.node_id): (r.value, r.rationale, r.flag) for r in project.frameworks.ratings()}
    changes, unchanged, written = _plan(project, ratings, notes, summaries, existing)
    frameworks = project.frameworks
    evidence = {(r.unit_id, r.node_id): r.evidence_coding_ids for r in frameworks.ratings()}
    for c in changes:
        kept = evidence.get((c.unit_id, c.node_id), ())
        frameworks.set_rating(c.unit_id, c.node_id, c.value, c.rationale, flag=c.flag, evidence=kept)
    for (unit_id, node_id), text in written.items():
        frameworks.set_summary(unit_id, node_id, text)
    return RatingsImport(len(changes), unchanged, len(written))


def import_rater_ratings(project: Project, path: Path, coder_id: int) -> RatingsImport:
    """One rater's ratings file, as that rater's own ratings and rationales beside the team's (which stay as they
    are); the same layout and checks as the team's. A rater's rating has no flag and the summaries are the team's,
    so those in the file are left out."""
    if coder_id not in {c.id for c in project.coders()}:
        raise NotFoundError("coder", coder_id)
    ratings, notes, _ = read_ratings_file(path)
    mine = {
        (r.unit_id, r.node_id): (r.value, r.rationale, "")
        for r in project.frameworks.rater_ratings()
        if r.coder_id == coder_id
    }
    changes, unchanged, _ = _plan(project, ratings, notes, None, mine, flags=False)
    for c in changes:
        project.frameworks.set_rater_rating(c.unit_id, c.node_id, c.value, c.rationale, coder_id=coder_id)
    return RatingsImport(len(changes), unchanged)


Rows = list[list[object]]


def read_ratings_file(path: Path) -> tuple[Rows, Rows | None, Rows | None]:
    """The ratings rows, the rationale rows and the summary rows (None when the file has none), header first."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        explained, summarised = rationale_path(path), summaries_path(path)
        return (
            read_sheet(path),
            read_sheet(explained) if explained.is_file() else None,
            read_sheet(summarised) if summarised.is_file() else None,
        )
    if suffix != ".xlsx":
        raise ReadError(path.name, "ratings are read from .xlsx or .csv files")
    with refusals(path.name):
        return _read_xlsx(read_capped(path, limits.for_suffix(suffix)), path.name)


def _read_xlsx(data: bytes, name: str) -> tuple[Rows, Rows | None, Rows | None]:
    from openpyxl import load_workbook

    refuse_doctype(open_package(data, name, "Excel"), name)
    try:
        # Not data_only: a formula is then seen as one and refused, never taken for its last computed value.
        workbook = load_workbook(io.BytesIO(data), read_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ReadError(name, "the workbook is damaged or not an .xlsx file") from None
    try:
        if not workbook.worksheets:
            raise ReadError(name, "the workbook has no worksheet")
        sheets = {s.title.casefold(): s for s in workbook.worksheets}
        first = sheets.get(RATINGS_SHEET.casefold(), workbook.worksheets[0])
        notes = sheets.get(RATIONALE_SHEET.casefold())
        summaries = sheets.get(SUMMARIES_SHEET.casefold())
        return (
            _rows(first, name),
            _rows(notes, name) if notes is not None else None,
            _rows(summaries, name) if summaries is not None else None,
        )
    finally:
        workbook.close()


def _rows(sheet: ReadOnlyWorksheet, name: str) -> list[list[object]]:
    rows = []
    for row in sheet.iter_rows():
        for cell in row:
            if getattr(cell, "data_type", None) == "f":
                where = f"{sheet.title}!{getattr(cell, 'coordinate', '')}"
                raise ReadError(name, f"{where} holds a formula; Axial reads values only (paste as values)")
        values = [cell.value for cell in row]
        if any(v not in (None, "") for v in values):
            rows.append(values)
    return rows


def _plan(
    project: Project,
    ratings: Rows,
    notes: Rows | None,
    summaries: Rows | None,
    existing: dict[tuple[int, int], tuple[str, str, str]],
    *,
    flags: bool = True,
) -> tuple[list[_Change], int, dict[tuple[int, int], str]]:
    """The cells to write, how many were given unchanged and the summaries that change; every problem in the file
    raised together. `existing` holds the ratings the file is compared with: (value, rationale, flag) by cell."""
    units = {u.label.casefold(): u for u in project.frameworks.rating_units()}
    nodes = _construct_keys(rated_constructs(project))
    problems = _Problems()
    header = [_read_text(c) for c in ratings[0]] if ratings else []
    columns: dict[int, FrameworkNodeInfo] = {}
    for index, key in enumerate(header[1:], start=1):
        node = nodes.get(key.casefold())
        if not key:
            continue  # a column left blank is fine; a value under it is reported below
        if node is None:
            problems.constructs.append(key)
        elif node.id in {n.id for n in columns.values()}:
            problems.other.append(f"the construct {key!r} has two columns")
        else:
            columns[index] = node
    given: dict[tuple[int, int], str] = {}
    rows_of: dict[int, int] = {}
    for number, row in enumerate(ratings[1:], start=2):
        unit = _unit(units, _read_text(row[0]) if row else "", problems)
        if unit is not None and rows_of.setdefault(unit.id, number) != number:
            problems.other.append(f"{unit.label!r} has two rows ({rows_of[unit.id]} and {number})")
        for index, cell in enumerate(row[1:], start=1):
            if cell in (None, "") or (isinstance(cell, str) and not cell.strip()):
                continue
            node = columns.get(index)
            value = _rating(cell)
            if index >= len(header) or not header[index]:
                problems.other.append(f"row {number}: a value in a column with no construct id")
            elif value is None:
                problems.other.append(f"row {number}, {header[index]}: {cell!r} is not a rating")
            elif unit is not None and node is not None:
                given[(unit.id, node.id)] = value
    explained = _rationales(notes or [], units, nodes, problems)
    if not flags:
        explained = {cell: (rationale, "", where) for cell, (rationale, _, where) in explained.items()}
    summarised = _summaries(summaries or [], units, nodes, problems)
    for cell in explained:
        if cell not in given and cell not in existing:
            problems.other.append("a rationale for a cell with no rating (" + explained[cell][2] + ")")
    problems.raise_any()
    changes, unchanged = [], 0
    for cell in dict.fromkeys([*given, *explained]):
        old = existing.get(cell)
        value = given.get(cell) or (old[0] if old else "")
        rationale, flag, _ = explained.get(cell, (*old[1:], "") if old else ("", "", ""))
        if old == (value, rationale, flag):
            unchanged += 1
        else:
            changes.append(_Change(*cell, value, rationale, flag))
    before = project.frameworks.summaries()
    written = {
        cell: text
        for cell, text in summarised.items()
        if text.strip() != (before[cell].summary if cell in before else "")
    }
    return changes, unchanged, written


def _summaries(
    rows: Rows, units: dict[str, RatingUnitInfo], nodes: dict[str, FrameworkNodeInfo], problems: _Problems
) -> dict[tuple[int, int], str]:
    """(unit id, construct id) to summary, from the summaries table."""
    if not rows:
        return {}
    header = [_read_text(c).casefold() for c in rows[0]]
    if any(h.casefold() not in header for h in SUMMARIES_HEADER):
        problems.other.append(f"the summaries table needs the columns {', '.join(map(repr, SUMMARIES_HEADER))}")
        return {}
    at = [header.index(h.casefold()) for h in SUMMARIES_HEADER]
    found: dict[tuple[int, int], str] = {}
    for row in rows[1:]:
        cells = [_read_text(c, strip=i != at[2]) for i, c in enumerate(row)] + [""] * len(header)
        unit = _unit(units, cells[at[0]], problems)
        node = nodes.get(cells[at[1]].casefold())
        if node is None:
            problems.constructs.append(cells[at[1]])
        elif unit is not None:
            if (unit.id, node.id) in found:
                problems.other.append(f"two summaries for {unit.label}, {construct_key(node)}")
            found[(unit.id, node.id)] = cells[at[2]]
    return found


def _rationales(
    notes: list[list[object]],
    units: dict[str, RatingUnitInfo],
    nodes: dict[str, FrameworkNodeInfo],
    problems: _Problems,
) -> dict[tuple[int, int], tuple[str, str, str]]:
    """(unit id, construct id) to (rationale, flag, where it was said), from the rationale table."""
    if not notes:
        return {}
    header = [_read_text(c).casefold() for c in notes[0]]
    missing = [h for h in RATIONALE_HEADER[:3] if h.casefold() not in header]
    if missing:
        problems.other.append(f"the rationale table has no column {', '.join(map(repr, missing))}")
        return {}
    at = {name: header.index(name.casefold()) for name in RATIONALE_HEADER if name.casefold() in header}
    found: dict[tuple[int, int], tuple[str, str, str]] = {}
    for row in notes[1:]:
        kept = (at["Rationale"], at.get("Flag"))  # the researcher's text as written, spaces and all
        cells = [_read_text(c, strip=i not in kept) for i, c in enumerate(row)]
        cells += [""] * len(header)
        unit = _unit(units, cells[at["Unit"]], problems)
        node = nodes.get(cells[at["Construct"]].casefold())
        if node is None:
            problems.constructs.append(cells[at["Construct"]])
        if unit is None or node is None:
            continue
        where = f"{unit.label}, {construct_key(node)}"
        if (unit.id, node.id) in found:
            problems.other.append(f"two rationales for {where}")
        flag = cells[at["Flag"]] if "Flag" in at else ""
        found[(unit.id, node.id)] = (cells[at["Rationale"]], flag, where)
    return found


class _Problems:
    def __init__(self) -> None:
        self.units: list[str] = []
        self.constructs: list[str] = []
        self.other: list[str] = []

    def raise_any(self) -> None:
        said = []
        if self.units:
            said.append("no rating unit " + ", ".join(map(repr, dict.fromkeys(self.units))))
        if self.constructs:
            said.append("no rated construct " + ", ".join(map(repr, dict.fromkeys(self.constructs))))
        said += self.other
        if said:
            raise ValidationError("Nothing was imported: " + "; ".join(said) + ".")


def _construct_keys(nodes: Sequence[FrameworkNodeInfo]) -> dict[str, FrameworkNodeInfo]:
    """Constructs by their id in the file, or by their full label ("III.D Adaptability"), in any case."""
    keys = {n.label.casefold(): n for n in nodes}
    keys.update((construct_key(n).casefold(), n) for n in nodes)
    return keys


def _unit(units: dict[str, RatingUnitInfo], label: str, problems: _Problems) -> RatingUnitInfo | None:
    unit = units.get(label.casefold())
    if unit is None:
        problems.units.append(label)
    return unit


def _read_text(cell: object, *, strip: bool = True) -> str:
    """A text cell as written (the apostrophe that defused it dropped); numbers as Excel shows them."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = str(cell).strip() if strip else str(cell)
    return text[1:] if text.startswith("'") else text


def _rating(cell: object) -> str | None:
    """A rating as stored (+2 ... -2, X, missing, na) from a cell: 2, "2", "+2", 2.0, "x", "n/a"..."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        number = float(cell)
    else:
        text = str(cell).strip()
        if text.casefold() in _WORDS:
            return _WORDS[text.casefold()]
        try:
            number = float(text)
        except ValueError:
            return None
    if not number.is_integer() or not -2 <= number <= 2:
        return None
    return next(key for key, n in NUMERIC.items() if n == number)
