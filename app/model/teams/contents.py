"""What a merge compares: one project's coders, documents, codes, codings, memos, cases, attributes, mappings and
ratings, read once into plain frozen rows (ids are the project's own; GUIDs and names say what matches)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from app.model.core.dto import GroupInfo, MemoInfo, MemoTarget
from app.model.core.entities import (
    Attribute,
    AttributeValue,
    Case,
    Code,
    CodeMapping,
    Coder,
    Coding,
    Document,
    DocumentCase,
    Framework,
    FrameworkNode,
    Memo,
    RaterRating,
    Rating,
    RatingEvidence,
    RatingSummary,
    RatingUnit,
)
from app.model.project import Project


@dataclass(frozen=True)
class CoderRow:
    id: int
    guid: str
    name: str


@dataclass(frozen=True)
class DocumentRow:
    id: int
    guid: str
    name: str
    sha256: str  # of the text every coding points into


@dataclass(frozen=True)
class CodeRow:
    id: int
    guid: str
    parent_id: int | None
    name: str
    colour: str
    codable: bool
    definition: str
    inclusion: str
    exclusion: str
    example: str


class CodingRow(NamedTuple):
    id: int
    guid: str
    document_id: int
    code_id: int
    start: int
    end: int
    coder_id: int | None
    created_at: str  # as stored; parsed only for the codings a merge adds
    memo: str


@dataclass(frozen=True)
class CaseRow:
    id: int
    guid: str
    name: str
    description: str


@dataclass(frozen=True)
class AttributeRow:
    id: int
    guid: str
    name: str
    type: str
    choices: str
    formula: str


@dataclass(frozen=True)
class UnitRow:
    id: int
    label: str
    case_id: int | None
    attribute_id: int | None
    attribute_value: str | None


@dataclass(frozen=True)
class RatingRow:
    value: str
    rationale: str
    flag: str
    evidence: tuple[str, ...]  # the GUIDs of the codings cited


@dataclass(frozen=True)
class RelationRow:
    guid: str
    source_id: int
    target_id: int
    type: str  # the relation type's name
    directed: bool
    memo: str


StoredValue = tuple[str | None, float | None]  # an attribute value as stored: (text, number)


@dataclass(frozen=True)
class Contents:
    coders: tuple[CoderRow, ...]
    documents: tuple[DocumentRow, ...]
    codes: tuple[CodeRow, ...]  # parents before their children
    codings: tuple[CodingRow, ...]
    memos: tuple[MemoInfo, ...]
    cases: tuple[CaseRow, ...]
    attributes: tuple[AttributeRow, ...]
    values: dict[tuple[int, int], StoredValue]  # (case id, attribute id) -> value
    links: frozenset[tuple[int, int]]  # (document id, case id)
    nodes: dict[int, str]  # framework node id -> its key across projects (framework, official id or names)
    mappings: frozenset[tuple[int, int]]  # (code id, node id)
    units: tuple[UnitRow, ...]
    ratings: dict[tuple[int, int], RatingRow]  # (unit id, node id)
    rater_ratings: dict[tuple[int, int, int], tuple[str, str]]  # (unit, node, coder) -> (value, rationale)
    summaries: dict[tuple[int, int], str]  # (unit id, node id) -> the framework matrix cell's summary
    relations: tuple[RelationRow, ...]
    sets: tuple[GroupInfo, ...]

    def code_paths(self) -> dict[int, str]:
        """Each code's path of names, "Parent > Child"."""
        paths: dict[int, str] = {}
        for code in self.codes:
            above = paths.get(code.parent_id, "") if code.parent_id is not None else ""
            paths[code.id] = f"{above} > {code.name}" if above else code.name
        return paths


def read_contents(project: Project) -> Contents:
    with project.store.read() as s:
        coders = tuple(CoderRow(*row) for row in s.execute(select(Coder.id, Coder.guid, Coder.name).order_by(Coder.id)))
        documents = tuple(
            DocumentRow(row.id, row.guid, row.name, hashlib.sha256(row.text.encode("utf-8")).hexdigest())
            for row in s.execute(select(Document.id, Document.guid, Document.name, Document.text).order_by(Document.id))
        )
        code_rows = [CodeRow(**row._asdict()) for row in s.execute(
            select(
                Code.id, Code.guid, Code.parent_id, Code.name, Code.colour, Code.is_codable.label("codable"),
                Code.definition, Code.inclusion, Code.exclusion, Code.example,
            ).order_by(Code.position, Code.id)
        )]  # fmt: skip
        # Plain tuples, the date as stored: a merge compares tens of thousands and parses the dates of those it adds.
        codings = tuple(
            map(
                CodingRow._make,
                s.execute(
                    select(
                        Coding.id, Coding.guid, Coding.document_id, Coding.code_id, Coding.start, Coding.end,
                        Coding.coder_id, type_coerce(Coding.created_at, String), Coding.memo,
                    ).order_by(Coding.id)
                ),
            )
        )  # fmt: skip
        memos = tuple(
            MemoInfo(
                m.id, m.guid, MemoTarget(m.document_id, m.code_id, m.case_id), m.title, m.body, m.author_id,
                m.created_at, m.modified_at,
            )
            for m in s.execute(select(Memo).order_by(Memo.id)).scalars()
        )  # fmt: skip
        cases = tuple(
            CaseRow(*row)
            for row in s.execute(select(Case.id, Case.guid, Case.name, Case.description).order_by(Case.id))
        )
        attributes = tuple(
            AttributeRow(*row)
            for row in s.execute(
                select(
                    Attribute.id, Attribute.guid, Attribute.name, Attribute.type, Attribute.choices, Attribute.formula
                ).order_by(Attribute.position)
            )
        )
        values = {
            (r.case_id, r.attribute_id): (r.text, r.number)
            for r in s.execute(
                select(AttributeValue.case_id, AttributeValue.attribute_id, AttributeValue.text, AttributeValue.number)
            )
        }
        links = frozenset(
            (r.document_id, r.case_id) for r in s.execute(select(DocumentCase.document_id, DocumentCase.case_id))
        )
        nodes = _node_keys(s)
        mappings = frozenset(
            (r.code_id, r.node_id) for r in s.execute(select(CodeMapping.code_id, CodeMapping.node_id))
        )
        units = tuple(
            UnitRow(*row)
            for row in s.execute(
                select(
                    RatingUnit.id, RatingUnit.label, RatingUnit.case_id, RatingUnit.attribute_id,
                    RatingUnit.attribute_value,
                ).order_by(RatingUnit.position)
            )
        )  # fmt: skip
        guids = {c.id: c.guid for c in codings}
        cited: dict[tuple[int, int], list[str]] = {}
        for unit_id, node_id, coding_id in s.execute(
            select(RatingEvidence.unit_id, RatingEvidence.node_id, RatingEvidence.coding_id)
        ):
            cited.setdefault((unit_id, node_id), []).append(guids[coding_id])
        ratings = {
            (r.unit_id, r.node_id): RatingRow(
                r.value, r.rationale, r.flag, tuple(sorted(cited.get((r.unit_id, r.node_id), [])))
            )
            for r in s.execute(select(Rating)).scalars()
        }
        rater_ratings = {
            (r.unit_id, r.node_id, r.coder_id): (r.value, r.rationale) for r in s.execute(select(RaterRating)).scalars()
        }
        summaries = {(r.unit_id, r.node_id): r.summary for r in s.execute(select(RatingSummary)).scalars()}
    types = {t.id: t for t in project.relations.types()}
    relations = tuple(
        RelationRow(r.guid, r.source_id, r.target_id, types[r.type_id].name, types[r.type_id].directed, r.memo)
        for r in project.relations.all()
    )
    return Contents(
        coders, documents, tuple(_parents_first(code_rows)), codings, memos, cases, attributes, values, links,
        nodes, mappings, units, ratings, rater_ratings, summaries, relations, tuple(project.groups.all()),
    )  # fmt: skip


def _parents_first(codes: list[CodeRow]) -> list[CodeRow]:
    children: dict[int | None, list[CodeRow]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    ordered: list[CodeRow] = []
    waiting = list(reversed(children.get(None, [])))
    while waiting:
        code = waiting.pop()
        ordered.append(code)
        waiting.extend(reversed(children.get(code.id, [])))
    return ordered


def node_keys(project: Project) -> dict[int, str]:
    with project.store.read() as s:
        return _node_keys(s)


def _node_keys(s: Session) -> dict[int, str]:
    """A node is the same in two projects when its framework and official id are (CFIR's "I.A"), else when its
    framework and path of names are (a construct the study added)."""
    rows = [(node, key) for node, key in s.execute(select(FrameworkNode, Framework.key).join(Framework))]
    by_id = {node.id: node for node, _ in rows}

    def names(node: FrameworkNode) -> str:
        above = by_id.get(node.parent_id) if node.parent_id is not None else None
        return f"{names(above)} > {node.name}" if above is not None else node.name

    return {
        node.id: f"{key}: {node.official_id}" if node.official_id else f"{key}: {names(node)}" for node, key in rows
    }
