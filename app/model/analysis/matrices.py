"""What goes with what, and who says what: code frequencies, co-occurrence and code-by-attribute matrices.

Every view reads the same `Scope` filter (`scope.py`: documents, sets, cases, attribute values and ranges,
coders). A coding belongs to the case of the speaker whose turn it starts in when that speaker is mapped to a case
(P3 in a focus group is case CM-07, with CM-07's role and site); otherwise to the cases of its document. A code
asked for stands for itself and all its sub-codes, so a category counts everything filed under it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.analysis.scope import (  # the scope is imported from here by analyses, reports and frameworks
    Scope as Scope,
)
from app.model.analysis.scope import in_scope, scope_documents
from app.model.cases.attribute_values import (
    NO_VALUE as NO_VALUE,  # the name analyses and reports have always imported from here
)
from app.model.cases.attribute_values import number_label, sorted_values
from app.model.cases.bins import Bins
from app.model.cases.computed import computed_labels
from app.model.core.dto import AttributeInfo, AttributeType
from app.model.core.entities import Attribute, AttributeValue, Code, Coding, DocumentCase, Paragraph, Speaker, Turn
from app.model.core.progress import NoProgress, Progress
from app.model.project import Project


class Unit(Enum):
    """What 'together' means for co-occurrence."""

    OVERLAP = "overlapping text"
    PARAGRAPH = "same paragraph"
    TURN = "same speaker turn"


class Measure(Enum):
    CODINGS = "codings"
    DOCUMENTS = "documents"
    CASES = "cases"


class Coded(NamedTuple):
    """A coding with the cases it is attributed to (a tuple: tens of thousands are built at once)."""

    id: int
    document_id: int
    code_id: int
    start: int
    end: int
    coder_id: int | None
    case_ids: frozenset[int]


@dataclass(frozen=True)
class Matrix:
    """Counts for rows (codes) by columns; `cells[(row_id, column)]` is absent where the count is 0."""

    row_ids: tuple[int, ...]
    columns: tuple[str, ...]
    cells: dict[tuple[int, str], int] = field(default_factory=dict)

    def get(self, row_id: int, column: str) -> int:
        return self.cells.get((row_id, column), 0)

    def pair(self, first: int, second: int) -> int:
        """In a co-occurrence matrix (columns named by code id): how often the two codes come together."""
        return self.cells.get((first, str(second)), 0)


class Analysis:
    """Reads the codings in scope once, then answers each view from memory."""

    def __init__(self, project: Project, scope: Scope | None = None) -> None:
        self.project = project
        self.scope = scope or Scope()
        shown = project.shown_coders(self.scope.coder_ids or None)
        if shown is not None and shown != self.scope.coder_ids:  # a coder coding blind counts only their own
            self.scope = replace(self.scope, coder_ids=shown)
        with project.store.read() as s:
            self._children: dict[int | None, list[int]] = defaultdict(list)
            for code_id, parent_id in s.execute(
                select(Code.id, Code.parent_id).order_by(Code.parent_id, Code.position)
            ):
                self._children[parent_id].append(code_id)
            self.case_values = case_values(s)
            self.codings = _codings_in_scope(s, self.scope, self.case_values)

    # --- codes ---------------------------------------------------------------------------------------------

    def subtree(self, code_id: int) -> list[int]:
        found, stack = [], [code_id]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(self._children.get(current, []))
        return found

    def _membership(self, code_ids: Sequence[int]) -> dict[int, list[int]]:
        """For each code with codings: the requested codes it counts toward (itself, its requested ancestors)."""
        belongs: dict[int, list[int]] = defaultdict(list)
        for requested in code_ids:
            for member in self.subtree(requested):
                belongs[member].append(requested)
        return belongs

    def codings_of(self, code_ids: Sequence[int]) -> list[Coded]:
        belongs = self._membership(code_ids)
        return [c for c in self.codings if c.code_id in belongs]

    # --- views ---------------------------------------------------------------------------------------------

    def frequencies(self, code_ids: Sequence[int], split_by: int | None = None) -> Matrix:
        """Codings, documents and cases per code; with `split_by`, also codings per value of that attribute."""
        belongs = self._membership(code_ids)
        columns = [Measure.CODINGS.value, Measure.DOCUMENTS.value, Measure.CASES.value]
        values = self.attribute_columns(split_by) if split_by is not None else []
        seen_documents: dict[int, set[int]] = defaultdict(set)
        seen_cases: dict[int, set[int]] = defaultdict(set)
        cells: dict[tuple[int, str], int] = defaultdict(int)
        for coding in self.codings:
            for code_id in belongs.get(coding.code_id, ()):
                cells[(code_id, Measure.CODINGS.value)] += 1
                seen_documents[code_id].add(coding.document_id)
                seen_cases[code_id].update(coding.case_ids)
                for value in self._values(coding, split_by) if split_by is not None else ():
                    cells[(code_id, value)] += 1
        for code_id in code_ids:
            cells[(code_id, Measure.DOCUMENTS.value)] = len(seen_documents[code_id])
            cells[(code_id, Measure.CASES.value)] = len(seen_cases[code_id])
        return Matrix(tuple(code_ids), tuple(columns + values), {k: v for k, v in cells.items() if v})

    def by_attribute(
        self, code_ids: Sequence[int], attribute_id: int, measure: Measure = Measure.CODINGS, bins: Bins | None = None
    ) -> Matrix:
        """Codes against the values of a case attribute (or, given bins, its ranges), counting codings, documents
        or cases."""
        belongs = self._membership(code_ids)
        columns = bins.labels if bins is not None else self.attribute_columns(attribute_id)
        shown = bins.label_of_shown if bins is not None else str
        units: dict[tuple[int, str], set[int]] = defaultdict(set)
        for coding in self.codings:
            requested = belongs.get(coding.code_id)
            if not requested:
                continue
            for value in {shown(v) for v in self._values(coding, attribute_id)}:
                for code_id in requested:
                    if measure is Measure.CODINGS:
                        units[(code_id, value)].add(coding.id)
                    elif measure is Measure.DOCUMENTS:
                        units[(code_id, value)].add(coding.document_id)
                    else:
                        units[(code_id, value)].update(
                            c for c in coding.case_ids if shown(self._value_of(c, attribute_id)) == value
                        )
        return Matrix(tuple(code_ids), tuple(columns), {k: len(v) for k, v in units.items() if v})

    def cooccurrence(
        self, code_ids: Sequence[int], unit: Unit = Unit.OVERLAP, progress: Progress | None = None
    ) -> Matrix:
        """How often two codes come together: overlapping codings, or paragraphs / speaker turns holding both.

        The diagonal holds each code's own total: its codings (overlap) or the units it appears in.
        """
        progress = progress or NoProgress()
        belongs = self._membership(code_ids)
        by_document: dict[int, list[Coded]] = defaultdict(list)
        for coding in self.codings:
            if coding.code_id in belongs:
                by_document[coding.document_id].append(coding)
        units = self._units(unit, list(by_document)) if unit is not Unit.OVERLAP else {}
        cells: dict[tuple[int, str], int] = defaultdict(int)
        names = {code_id: str(code_id) for code_id in code_ids}
        for done, (document_id, codings) in enumerate(by_document.items()):
            if done % 25 == 0:
                progress.step(done, len(by_document), "Counting co-occurrences")
                if progress.cancelled:
                    break
            if unit is Unit.OVERLAP:
                _count_overlaps(codings, belongs, names, cells)
            else:
                _count_units(codings, belongs, names, cells, units.get(document_id, ([], [])))
        progress.step(len(by_document), len(by_document), "Counted")
        return Matrix(tuple(code_ids), tuple(names[c] for c in code_ids), dict(cells))

    # --- the excerpts behind a cell ------------------------------------------------------------------------

    def codings_with_value(self, code_id: int, attribute_id: int | None, value: str | None) -> list[Coded]:
        """The codings counted in a frequency or code-by-attribute cell."""
        found = self.codings_of([code_id])
        if attribute_id is None or value is None:
            return found
        return [c for c in found if value in self._values(c, attribute_id)]

    def codings_together(self, first: int, second: int, unit: Unit = Unit.OVERLAP) -> list[Coded]:
        """The codings of `first` that come together with `second` (the excerpts behind a co-occurrence cell)."""
        mine, theirs = self.codings_of([first]), self.codings_of([second])
        if first == second:
            return mine
        by_document: dict[int, list[Coded]] = defaultdict(list)
        for coding in theirs:
            by_document[coding.document_id].append(coding)
        if unit is Unit.OVERLAP:
            return [c for c in mine if any(o.start < c.end and c.start < o.end for o in by_document[c.document_id])]
        units = self._units(unit, list(by_document))
        together = []
        for coding in mine:
            starts, ends = units.get(coding.document_id, ([], []))
            mine_units = set(range(bisect_right(ends, coding.start), bisect_left(starts, coding.end)))
            for other in by_document.get(coding.document_id, []):
                if mine_units & set(range(bisect_right(ends, other.start), bisect_left(starts, other.end))):
                    together.append(coding)
                    break
        return together

    # --- attributes ----------------------------------------------------------------------------------------

    def attribute_columns(self, attribute_id: int) -> list[str]:
        attribute = next(a for a in self.project.cases.attributes() if a.id == attribute_id)
        return [*_ordered_values(attribute, self.case_values), NO_VALUE]

    def _value_of(self, case_id: int, attribute_id: int) -> str:
        return self.case_values.get((case_id, attribute_id), NO_VALUE)

    def _values(self, coding: Coded, attribute_id: int) -> set[str]:
        return {self._value_of(c, attribute_id) for c in coding.case_ids} or {NO_VALUE}

    def _units(self, unit: Unit, document_ids: list[int]) -> dict[int, tuple[list[int], list[int]]]:
        """Per document, the starts and ends of its paragraphs or turns, in order."""
        table = Paragraph if unit is Unit.PARAGRAPH else Turn
        found: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        with self.project.store.read() as s:
            rows = s.execute(
                select(table.document_id, table.start, table.end)
                .where(table.document_id.in_(document_ids), table.end > table.start)
                .order_by(table.document_id, table.start)
            )
            for document_id, start, end in rows:
                found[document_id][0].append(start)
                found[document_id][1].append(end)
        return found


def _count_overlaps(
    codings: list[Coded], belongs: dict[int, list[int]], names: dict[int, str], cells: dict[tuple[int, str], int]
) -> None:
    active: list[Coded] = []
    for coding in sorted(codings, key=lambda c: (c.start, c.end)):
        active = [a for a in active if a.end > coding.start]
        mine = belongs[coding.code_id]
        for code_id in mine:
            cells[(code_id, names[code_id])] += 1
        for other in active:
            for a in belongs[other.code_id]:
                for b in mine:
                    if a != b:
                        cells[(a, names[b])] += 1
                        cells[(b, names[a])] += 1
        active.append(coding)


def _count_units(
    codings: list[Coded],
    belongs: dict[int, list[int]],
    names: dict[int, str],
    cells: dict[tuple[int, str], int],
    units: tuple[list[int], list[int]],
) -> None:
    starts, ends = units
    holding: dict[int, set[int]] = defaultdict(set)
    for coding in codings:
        # The units the coding overlaps: those starting before its end and ending after its start.
        first, last = bisect_right(ends, coding.start), bisect_left(starts, coding.end)
        for index in range(first, last):
            holding[index].update(belongs[coding.code_id])
    for codes in holding.values():
        ordered = sorted(codes)
        for a in ordered:
            cells[(a, names[a])] += 1
            for b in ordered:
                if a != b:
                    cells[(a, names[b])] += 1


def case_values(s: Session) -> dict[tuple[int, int], str]:
    types = dict(s.execute(select(Attribute.id, Attribute.type)).all())
    values = {}
    for case_id, attribute_id, text, number in s.execute(
        select(AttributeValue.case_id, AttributeValue.attribute_id, AttributeValue.text, AttributeValue.number)
    ):
        values[(case_id, attribute_id)] = _label(types[attribute_id], text, number)
    return values | computed_labels(s)


def _label(kind: str, text: str | None, number: float | None) -> str:
    if kind == AttributeType.BOOLEAN.value:
        return "yes" if number else "no"
    if kind == AttributeType.NUMBER.value and number is not None:
        return number_label(number)
    if kind == AttributeType.DATE.value and text:
        return date.fromisoformat(text).isoformat()
    return text if text is not None else NO_VALUE


def attribute_values(project: Project) -> list[tuple[AttributeInfo, list[str]]]:
    """Each attribute with the values its cases take, as filters offer them (choices in their own order)."""
    with project.store.read() as s:
        values = case_values(s)
    return [(attribute, _ordered_values(attribute, values)) for attribute in project.cases.attributes()]


def _ordered_values(attribute: AttributeInfo, values: dict[tuple[int, int], str]) -> list[str]:
    return sorted_values({v for (_, a), v in values.items() if a == attribute.id}, attribute)


class CaseAttribution:
    """Who said a given place in a document: the case of the speaker whose turn it is in, when that speaker is mapped
    to a case; otherwise the cases of the document."""

    def __init__(self, s: Session) -> None:
        cases_of_document: dict[int, set[int]] = defaultdict(set)
        for document_id, case_id in s.execute(select(DocumentCase.document_id, DocumentCase.case_id)):
            cases_of_document[document_id].add(case_id)
        self.document_cases = {document_id: frozenset(cases) for document_id, cases in cases_of_document.items()}
        self._spoken: dict[int, tuple[list[int], list[int], list[int]]] = defaultdict(lambda: ([], [], []))
        for turn_document, start, end, speaker_case in s.execute(
            select(Turn.document_id, Turn.start, Turn.end, Speaker.case_id)
            .join(Speaker, Turn.speaker_id == Speaker.id)
            .where(Speaker.case_id.is_not(None))
            .order_by(Turn.document_id, Turn.start)
        ):
            if speaker_case is None:  # excluded by the query; says so to the type checker
                continue
            starts, ends, speakers = self._spoken[turn_document]
            starts.append(start)
            ends.append(end)
            speakers.append(speaker_case)

    def cases_at(self, document_id: int, position: int) -> frozenset[int]:
        if document_id in self._spoken:
            starts, ends, cases = self._spoken[document_id]
            at = bisect_right(starts, position) - 1
            if at >= 0 and position < ends[at]:
                return frozenset({cases[at]})
        return self.document_cases.get(document_id, frozenset())


def _codings_in_scope(s: Session, scope: Scope, case_values: dict[tuple[int, int], str]) -> list[Coded]:
    query = select(Coding.id, Coding.document_id, Coding.code_id, Coding.start, Coding.end, Coding.coder_id)
    documents = scope_documents(s, scope)
    if documents is not None:
        query = query.where(Coding.document_id.in_(documents))
    if scope.coder_ids is not None:
        query = query.where(Coding.coder_id.in_(scope.coder_ids))
    if scope.coded_from is not None:
        query = query.where(Coding.created_at >= datetime.combine(scope.coded_from, time.min))
    if scope.coded_to is not None:
        query = query.where(Coding.created_at < datetime.combine(scope.coded_to + timedelta(days=1), time.min))
    attribution = CaseAttribution(s)
    unrestricted = not scope.by_cases
    kept = []
    # Core, not ORM, execution: these are plain columns and the ORM row machinery costs a third of the time.
    for coding_id, document_id, code_id, start, end, coder_id in s.connection().execute(query):
        attributed = attribution.cases_at(document_id, start)
        if unrestricted or in_scope(attributed, scope, case_values):
            kept.append(Coded(coding_id, document_id, code_id, start, end, coder_id, attributed))
    return kept
