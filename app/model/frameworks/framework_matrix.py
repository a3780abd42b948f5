"""The framework matrix: rating units (cases, or the values of an attribute such as Site) by constructs (or codes),
each cell holding the excerpts behind it, the researcher's summary and the team's rating.

The codings are read once (`Analysis`, one query with who said what) and sorted into cells in memory, so a matrix
of 60 units by 67 constructs costs the same few queries as one of 9 by 3.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import Enum

from app.model.analysis.matrices import NO_VALUE, Analysis
from app.model.core.dto import FrameworkNodeInfo, RatingInfo, RatingUnitInfo
from app.model.frameworks.definitions import in_framework_order
from app.model.frameworks.framework_map import FrameworkMap
from app.model.frameworks.framework_service import CellSummary
from app.model.project import Project


class Columns(Enum):
    CONSTRUCTS = "constructs"
    CODES = "codes"


@dataclass(frozen=True)
class MatrixColumn:
    id: int  # a construct id, or a code id when the columns are codes
    label: str
    group: str  # the construct's domain, or the code's parent category ("" at the top)
    node: FrameworkNodeInfo | None  # None for a code column


@dataclass(frozen=True)
class FrameworkMatrix:
    rows: tuple[RatingUnitInfo, ...]
    columns: tuple[MatrixColumn, ...]
    kind: Columns
    excerpts: dict[tuple[int, int], tuple[int, ...]]  # (unit id, column id) → coding ids, absent when none
    ratings: dict[tuple[int, int], RatingInfo] = field(default_factory=dict)
    summaries: dict[tuple[int, int], CellSummary] = field(default_factory=dict)

    def count(self, unit_id: int, column_id: int) -> int:
        return len(self.excerpts.get((unit_id, column_id), ()))

    def rating(self, unit_id: int, column_id: int) -> RatingInfo | None:
        return self.ratings.get((unit_id, column_id))

    def summary(self, unit_id: int, column_id: int) -> str:
        found = self.summaries.get((unit_id, column_id))
        return found.summary if found else ""


def framework_matrix(project: Project, framework_id: int, kind: Columns = Columns.CONSTRUCTS) -> FrameworkMatrix:
    """Rows are the project's rating units in their order; columns the framework's shown constructs and
    subconstructs (domains are groups, not columns; hidden ones are left out) or every code in tree order."""
    analysis = Analysis(project)
    units = tuple(project.frameworks.rating_units())
    unit_cases = _unit_cases(units, analysis)
    if kind is Columns.CONSTRUCTS:
        columns, codes_of = _construct_columns(project, framework_id)
    else:
        columns, codes_of = _code_columns(project, analysis)
    column_of_code: dict[int, list[int]] = defaultdict(list)
    for column_id, codes in codes_of.items():
        for code_id in codes:
            column_of_code[code_id].append(column_id)
    units_of_case: dict[int, list[int]] = defaultdict(list)
    for unit_id, cases in unit_cases.items():
        for case_id in cases:
            units_of_case[case_id].append(unit_id)
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for coding in analysis.codings:
        targets = column_of_code.get(coding.code_id)
        if not targets:
            continue
        # A coding said by two cases of the same site counts once for the site.
        for unit_id in {u for c in coding.case_ids for u in units_of_case.get(c, ())}:
            for column_id in targets:
                cells[(unit_id, column_id)].append(coding.id)
    ratings = {}
    if kind is Columns.CONSTRUCTS:
        ratings = {(r.unit_id, r.node_id): r for r in project.frameworks.ratings()}
    return FrameworkMatrix(
        rows=units,
        columns=tuple(columns),
        kind=kind,
        excerpts={key: tuple(ids) for key, ids in cells.items()},
        ratings=ratings,
        summaries=project.frameworks.summaries() if kind is Columns.CONSTRUCTS else {},
    )


def _unit_cases(units: tuple[RatingUnitInfo, ...], analysis: Analysis) -> dict[int, set[int]]:
    """The cases each unit stands for: its own case, or every case taking its attribute value."""
    found: dict[int, set[int]] = {}
    for unit in units:
        if unit.case_id is not None:
            found[unit.id] = {unit.case_id}
        else:
            found[unit.id] = {
                case_id
                for (case_id, attribute_id), value in analysis.case_values.items()
                if attribute_id == unit.attribute_id and value == unit.attribute_value and value != NO_VALUE
            }
    return found


def _construct_columns(project: Project, framework_id: int) -> tuple[list[MatrixColumn], dict[int, set[int]]]:
    """Constructs and subconstructs, as the ratings matrix rates them; a construct counts its subconstructs' too."""
    mapping = FrameworkMap(project, framework_id)
    nodes = in_framework_order(project.frameworks.nodes(framework_id))
    by_id = {n.id: n for n in nodes}

    def domain(node: FrameworkNodeInfo) -> str:
        while node.parent_id is not None and node.level != "domain":
            node = by_id[node.parent_id]
        return node.label if node.level == "domain" else ""

    shown = [n for n in nodes if n.level != "domain" and not n.hidden]
    columns = [MatrixColumn(n.id, n.label, domain(n), n) for n in shown]
    return columns, {n.id: mapping.codes_at(n.id) for n in shown}


def _code_columns(project: Project, analysis: Analysis) -> tuple[list[MatrixColumn], dict[int, set[int]]]:
    tree = project.codes.tree()
    names = {node.code.id: node.code.name for node in tree}
    columns = [
        MatrixColumn(node.code.id, node.code.name, names.get(node.code.parent_id or 0, ""), None) for node in tree
    ]
    # A category counts what is filed under it, as everywhere else in the analyses.
    return columns, {node.code.id: set(analysis.subtree(node.code.id)) for node in tree}
