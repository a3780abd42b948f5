"""The framework matrix: rating units (cases, the values of an attribute such as Site, or ranges of a number or
date attribute such as Change) by constructs (or codes),
each cell holding the excerpts behind it, the researcher's summary and the team's rating.

The codings are read once (one query, each attributed to the cases who said it as the analyses do) and sorted into
cells in memory, so a matrix of 60 units by 67 constructs costs the same few queries as one of 9 by 3.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from enum import Enum

from sqlalchemy import select

from app.model.analysis.matrices import CaseAttribution, case_values
from app.model.core.dto import FrameworkNodeInfo, RatingInfo, RatingUnitInfo
from app.model.core.entities import Code, DocumentCase, Speaker
from app.model.frameworks.definitions import in_framework_order
from app.model.frameworks.framework_service import CellSummary
from app.model.frameworks.unit_ranges import unit_holds, unit_range
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
    # The codings are sorted by unit and code once; a cell's are gathered from its column's codes when first asked
    # for, as only the cells on screen (and the chosen one) ever are.
    by_code: dict[tuple[int, int], list[int]]  # (unit id, code id) → coding ids, absent when none
    codes_of: dict[int, frozenset[int]]  # column id → the codes it counts
    ratings: dict[tuple[int, int], RatingInfo] = field(default_factory=dict)
    summaries: dict[tuple[int, int], CellSummary] = field(default_factory=dict)
    _counts: dict[tuple[int, int], int] = field(default_factory=dict, compare=False, repr=False)

    def excerpt_ids(self, unit_id: int, column_id: int) -> tuple[int, ...]:
        """The cell's coding ids (each once: a coding has one code, and a column counts a code once)."""
        codes = self.codes_of.get(column_id, frozenset())
        return tuple(sorted(i for code in codes for i in self.by_code.get((unit_id, code), ())))

    def count(self, unit_id: int, column_id: int) -> int:
        key = (unit_id, column_id)
        found = self._counts.get(key)
        if found is None:
            codes = self.codes_of.get(column_id, frozenset())
            found = self._counts[key] = sum(len(self.by_code.get((unit_id, code), ())) for code in codes)
        return found

    def rating(self, unit_id: int, column_id: int) -> RatingInfo | None:
        return self.ratings.get((unit_id, column_id))

    def summary(self, unit_id: int, column_id: int) -> str:
        found = self.summaries.get((unit_id, column_id))
        return found.summary if found else ""


def framework_matrix(
    project: Project,
    framework_id: int,
    kind: Columns = Columns.CONSTRUCTS,
    document_ids: frozenset[int] | None = None,
) -> FrameworkMatrix:
    """Rows are the project's rating units in their order; columns the framework's shown constructs and
    subconstructs (domains are groups, not columns; hidden ones are left out) or every code in tree order.
    `document_ids`: count only the codings of these documents (a set of documents; None: every document)."""
    units = tuple(project.frameworks.rating_units())
    if kind is Columns.CONSTRUCTS:
        columns, codes_of = _construct_columns(project, framework_id)
    else:
        columns, codes_of = _code_columns(project)
    ratings = {}
    if kind is Columns.CONSTRUCTS:
        ratings = {(r.unit_id, r.node_id): r for r in project.frameworks.ratings()}
    return FrameworkMatrix(
        rows=units,
        columns=tuple(columns),
        kind=kind,
        by_code=_by_unit_and_code(
            project, units, {code for codes in codes_of.values() for code in codes}, document_ids
        ),
        codes_of={column_id: frozenset(codes) for column_id, codes in codes_of.items()},
        ratings=ratings,
        summaries=project.frameworks.summaries() if kind is Columns.CONSTRUCTS else {},
    )


def _by_unit_and_code(
    project: Project, units: tuple[RatingUnitInfo, ...], wanted: set[int], within: frozenset[int] | None
) -> dict[tuple[int, int], list[int]]:
    """The coding ids of the wanted codes by unit and code: each coding attributed to its cases as the analyses do
    (the speaker's case, else the document's cases), under each unit one of those cases belongs to."""
    found: dict[tuple[int, int], list[int]] = defaultdict(list)
    with project.store.read() as s:
        attribution = CaseAttribution(s)
        values = case_values(s) if any(u.case_id is None for u in units) else {}
        units_of_case: dict[int, list[int]] = defaultdict(list)
        for unit_id, unit_cases in _unit_cases(units, values).items():
            for case_id in unit_cases:
                units_of_case[case_id].append(unit_id)
        # Only documents where a unit's case speaks, or that belong to one, can hold a cell's codings.
        held_cases = list(units_of_case)
        documents = set(s.scalars(select(DocumentCase.document_id).where(DocumentCase.case_id.in_(held_cases))))
        documents |= set(s.scalars(select(Speaker.document_id).where(Speaker.case_id.in_(held_cases))))
        if within is not None:
            documents &= within
        # Most codings share a few sets of cases: their units are worked out once per set. In a document where no
        # speaker is a case, every place is attributed to the document's cases, so it is looked up once per document.
        units_of: dict[frozenset[int], tuple[int, ...]] = {}
        spoken = set(s.scalars(select(Speaker.document_id).where(Speaker.case_id.is_not(None))))
        held_in: dict[int, tuple[int, ...]] = {}
        # sqlite3 itself: tens of thousands of plain rows, no row objects; the documents go in as one JSON parameter.
        raw = s.connection().connection.driver_connection
        rows = raw.execute(  # type: ignore[union-attr]
            "SELECT id, document_id, code_id, start, coder_id FROM coding "
            "WHERE document_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(documents)),),
        )
        shown = project.shown_coders(None)  # while coding blind, one's own codings only
        for coding_id, document_id, code_id, start, coder_id in rows:
            if code_id not in wanted or (shown is not None and coder_id not in shown):
                continue
            held = held_in.get(document_id)
            if held is None:
                cases = attribution.cases_at(document_id, start)
                held = units_of.get(cases)
                if held is None:
                    # A coding said by two cases of the same site counts once for the site.
                    held = units_of[cases] = tuple({u for c in cases for u in units_of_case.get(c, ())})
                if document_id not in spoken:
                    held_in[document_id] = held
            for unit_id in held:
                found[(unit_id, code_id)].append(coding_id)
    return found


def _unit_cases(units: tuple[RatingUnitInfo, ...], values: dict[tuple[int, int], str]) -> dict[int, set[int]]:
    """The cases each unit stands for: its own case, or every case taking its attribute value (or a value in its
    range)."""
    taking: dict[tuple[int, str], set[int]] = defaultdict(set)  # (attribute id, value) → the cases taking it
    for (case_id, attribute_id), value in values.items():
        taking[(attribute_id, value)].add(case_id)
    found: dict[int, set[int]] = {}
    for unit in units:
        if unit.case_id is not None:
            found[unit.id] = {unit.case_id}
        elif unit_range(unit) is None:
            found[unit.id] = set(taking.get((unit.attribute_id or 0, unit.attribute_value or ""), ()))
        else:
            holds = unit_holds(unit)
            found[unit.id] = {case for (case, attribute_id), value in values.items() if holds(attribute_id, value)}
    return found


def _construct_columns(project: Project, framework_id: int) -> tuple[list[MatrixColumn], dict[int, set[int]]]:
    """Constructs and subconstructs, as the ratings matrix rates them; a construct counts its subconstructs' too,
    and a code mapped to it brings its sub-codes along (as `FrameworkMap.codes_at` says, read here without the
    coding counts a code tree carries)."""
    nodes = in_framework_order(project.frameworks.nodes(framework_id))
    by_id = {n.id: n for n in nodes}
    node_children: dict[int | None, list[int]] = defaultdict(list)
    for node in nodes:
        node_children[node.parent_id].append(node.id)
    mapped: dict[int, set[int]] = defaultdict(set)
    for code_id, node_id in project.frameworks.mappings():
        if node_id in by_id:
            mapped[node_id].add(code_id)
    with project.store.read() as s:
        code_children: dict[int | None, list[int]] = defaultdict(list)
        for code_id, parent_id in s.execute(select(Code.id, Code.parent_id)):
            code_children[parent_id].append(code_id)

    def domain(node: FrameworkNodeInfo) -> str:
        while node.parent_id is not None and node.level != "domain":
            node = by_id[node.parent_id]
        return node.label if node.level == "domain" else ""

    def below(children: dict[int | None, list[int]], top: int) -> set[int]:
        found, stack = set(), [top]
        while stack:
            current = stack.pop()
            found.add(current)
            stack.extend(children.get(current, ()))
        return found

    shown = [n for n in nodes if n.level != "domain" and not n.hidden]
    columns = [MatrixColumn(n.id, n.label, domain(n), n) for n in shown]
    codes_of = {}
    for node in shown:
        direct = {code for at in below(node_children, node.id) for code in mapped.get(at, ())}
        codes_of[node.id] = {code for top in direct for code in below(code_children, top)}
    return columns, codes_of


def _code_columns(project: Project) -> tuple[list[MatrixColumn], dict[int, set[int]]]:
    tree = project.codes.tree()
    names = {node.code.id: node.code.name for node in tree}
    children: dict[int | None, list[int]] = defaultdict(list)
    for node in tree:
        children[node.code.parent_id].append(node.code.id)

    def subtree(code_id: int) -> set[int]:
        found, stack = set(), [code_id]
        while stack:
            current = stack.pop()
            found.add(current)
            stack.extend(children[current])
        return found

    columns = [
        MatrixColumn(node.code.id, node.code.name, names.get(node.code.parent_id or 0, ""), None) for node in tree
    ]
    # A category counts what is filed under it, as everywhere else in the analyses.
    return columns, {node.code.id: subtree(node.code.id) for node in tree}
