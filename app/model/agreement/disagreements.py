"""The disagreements behind an agreement figure: passages of a code where the coders coded different units.

Codings of one code by the chosen coders are grouped into passages (overlapping or touching spans, whoever coded
them); a passage is a disagreement when the coders who coded the document did not code the same units in it
(characters, or the sentences, paragraphs or turns the spans touch). Each shows every coder's own codings there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select

from app.model.agreement.units import Bounds, Unit, to_units, unit_bounds
from app.model.core.entities import Coding, Document
from app.model.project import Project

SHOWN = 400  # characters of a coding shown beside the others; the rest is a click away


@dataclass(frozen=True)
class Passage:
    coding_id: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Disagreement:
    """`passages[i]`: the i-th chosen coder's codings here (empty: they did not code it; None: they coded nothing
    in the document, so are missing rather than disagreeing)."""

    document_id: int
    document: str
    start: int
    end: int
    passages: tuple[tuple[Passage, ...] | None, ...]


def disagreements(
    project: Project,
    coder_ids: Sequence[int],
    code_id: int,
    unit: Unit = Unit.CHARACTER,
    document_ids: Sequence[int] | None = None,
) -> list[Disagreement]:
    index = {c: i for i, c in enumerate(coder_ids)}
    with project.store.read() as s:
        query = select(Coding.id, Coding.document_id, Coding.code_id, Coding.coder_id, Coding.start, Coding.end).where(
            Coding.coder_id.in_(list(coder_ids))
        )
        if document_ids is not None:
            query = query.where(Coding.document_id.in_(list(document_ids)))
        present: dict[int, set[int]] = defaultdict(set)
        spans: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
        for coding_id, document_id, coded, coder_id, start, end in s.execute(query):
            if coder_id is None:  # never, by the query: it narrows the type
                continue
            present[document_id].add(index[coder_id])
            if coded == code_id:
                spans[document_id].append((start, end, index[coder_id], coding_id))
        compared = [d for d in spans if len(present[d]) >= 2]
        documents = {
            row.id: (row.name, row.text)
            for row in s.execute(select(Document.id, Document.name, Document.text).where(Document.id.in_(compared)))
        }
        bounds = unit_bounds(s, unit, compared)
    found = []
    for document_id in sorted(compared, key=lambda d: documents[d][0]):
        name, text = documents[document_id]
        for group in _passages(spans[document_id]):
            if _differ(group, present[document_id], bounds.get(document_id)):
                found.append(_shown(document_id, name, text, group, present[document_id], len(coder_ids)))
    return found


def _passages(spans: list[tuple[int, int, int, int]]) -> list[list[tuple[int, int, int, int]]]:
    """Spans grouped where they overlap or touch, in order of the text."""
    groups: list[list[tuple[int, int, int, int]]] = []
    reach = -1
    for span in sorted(spans):
        if groups and span[0] <= reach:
            groups[-1].append(span)
            reach = max(reach, span[1])
        else:
            groups.append([span])
            reach = span[1]
    return groups


def _differ(group: list[tuple[int, int, int, int]], present: set[int], bounds: Bounds | None) -> bool:
    """Whether the present coders coded different units in this passage."""
    covered: list[set[int]] = []
    for coder in sorted(present):
        mine = [(s, e) for s, e, c, _ in group if c == coder]
        if bounds is not None and mine:
            starts, ends = to_units(bounds, np.array([s for s, _ in mine]), np.array([e for _, e in mine]))
            mine = list(zip(starts.tolist(), ends.tolist(), strict=True))
        covered.append({u for s, e in mine for u in range(s, e)})
    return any(units != covered[0] for units in covered[1:])


def _shown(
    document_id: int, name: str, text: str, group: list[tuple[int, int, int, int]], present: set[int], coders: int
) -> Disagreement:
    passages: list[tuple[Passage, ...] | None] = []
    for coder in range(coders):
        if coder not in present:
            passages.append(None)
            continue
        mine = sorted((s, e, i) for s, e, c, i in group if c == coder)
        passages.append(tuple(Passage(i, s, e, _cut(text[s:e])) for s, e, i in mine))
    return Disagreement(document_id, name, min(s for s, *_ in group), max(e for _, e, *_ in group), tuple(passages))


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 1].rstrip() + "…"
