"""Coded excerpts with everything needed to quote and cite them: text, source, speaker, position, coder, memo.

Every export of excerpts (the Word report, the CSV/XLSX table) reads them here, through the same `Scope` as the
analysis views, so a filter means the same thing everywhere. Texts, paragraphs and turns are read once per
document, never per excerpt.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.analysis.matrices import Analysis, Scope
from app.model.cases.attribute_values import sorted_values
from app.model.core.dto import AttributeInfo, CodeNode, FrameworkNodeInfo, Span
from app.model.core.entities import Coding, Document, Paragraph, Speaker, Turn
from app.model.core.progress import CancelledError, NoProgress, Progress
from app.model.documents.extents import sentence_around
from app.model.frameworks.definitions import in_framework_order
from app.model.frameworks.framework_map import FrameworkMap
from app.model.project import Project


class Context(Enum):
    """How much of the text around an excerpt to show with it."""

    NONE = "none"
    SENTENCE = "sentence"
    TURN = "turn"


@dataclass(frozen=True)
class ExcerptFilter:
    """Which excerpts: the analysis scope, narrowed to codes (with sub-codes) and framework nodes (with those below)."""

    scope: Scope = field(default_factory=Scope)
    code_ids: tuple[int, ...] = ()  # empty: every code
    node_ids: tuple[int, ...] = ()  # empty: no restriction by framework


@dataclass(frozen=True, slots=True)
class Excerpt:
    coding_id: int
    code_id: int
    document_id: int
    start: int
    end: int
    text: str
    case_ids: frozenset[int]
    speaker: str | None
    paragraph: int | None  # 1-based, as a reader counts
    timestamp_ms: int | None
    coder: str
    coded_at: datetime
    memo: str
    before: str = ""  # the context around the excerpt, when asked for
    after: str = ""


@dataclass(frozen=True)
class Excerpts:
    """The excerpts in scope, in document order, with what a report needs to name and group them."""

    items: list[Excerpt]
    codes: dict[int, CodeNode]  # every code in the tree, by id
    tree_order: list[int]  # code ids in display order
    document_names: dict[int, str]
    document_order: dict[int, int]
    case_names: dict[int, str]
    attributes: list[AttributeInfo]
    case_values: dict[tuple[int, int], str]  # (case, attribute) -> the value as shown
    framework: FrameworkMap | None
    framework_nodes: list[FrameworkNodeInfo]  # in framework order, hidden ones left out

    def constructs_of(self, code_id: int) -> list[FrameworkNodeInfo]:
        """The framework nodes the code reaches, itself or through a category above it."""
        if self.framework is None:
            return []
        return [self.framework.nodes[m.node_id] for m in self.framework.mappings(code_id)]

    def value(self, excerpt: Excerpt, attribute_id: int) -> str:
        """The excerpt's value of an attribute, through its cases (several different values joined)."""
        values = sorted_values(
            {self.case_values[(c, attribute_id)] for c in excerpt.case_ids if (c, attribute_id) in self.case_values}
        )
        return ", ".join(values)

    def source(self, excerpt: Excerpt) -> str:
        return self.document_names[excerpt.document_id]

    def cases(self, excerpt: Excerpt) -> str:
        return ", ".join(sorted(self.case_names[c] for c in excerpt.case_ids))


def collect(
    project: Project,
    wanted: ExcerptFilter | None = None,
    *,
    context: Context = Context.NONE,
    framework_id: int | None = None,
    progress: Progress | None = None,
) -> Excerpts:
    """Read the excerpts in scope. `framework_id` defaults to the project's framework (None: no framework)."""
    wanted = wanted or ExcerptFilter()
    progress = progress or NoProgress()
    progress.step(0, 1, "Reading codings")
    analysis = Analysis(project, wanted.scope)
    framework_id = framework_id if framework_id is not None else project.frameworks.default_id()
    framework = FrameworkMap(project, framework_id) if framework_id is not None else None
    tree = project.codes.tree()
    allowed = _allowed_codes(analysis, framework, wanted)
    coded = [c for c in analysis.codings if allowed is None or c.code_id in allowed]
    coded.sort(key=lambda c: (c.document_id, c.start, c.end, c.code_id))
    coders = {c.id: c.name for c in project.coders()}
    documents = {d.id: d for d in project.documents.all()}
    by_document: dict[int, list[int]] = defaultdict(list)
    for index, coding in enumerate(coded):
        by_document[coding.document_id].append(index)
    items: list[Excerpt] = []
    with project.store.read() as s:
        for done, (document_id, indices) in enumerate(by_document.items()):
            if progress.cancelled:
                raise CancelledError()
            if done % 10 == 0:
                progress.step(done, len(by_document), f"Reading {documents[document_id].name}")
            text = s.execute(select(Document.text).where(Document.id == document_id)).scalar_one()
            paragraph_starts = _paragraph_starts(s, document_id)
            turns = _turns(s, document_id)
            turn_starts = [t.start for t in turns]
            # Only the documents in scope: a report of a few documents reads a few documents' codings.
            details = {
                coding_id: (created, memo)
                for coding_id, created, memo in s.connection().execute(
                    select(Coding.id, Coding.created_at, Coding.memo).where(Coding.document_id == document_id)
                )
            }
            for index in indices:
                coding = coded[index]
                turn = _containing(turns, turn_starts, coding.start)
                paragraph = bisect_right(paragraph_starts, coding.start)
                created, memo = details[coding.id]
                before, after = _around(text, coding.start, coding.end, context, turn)
                items.append(
                    Excerpt(
                        coding_id=coding.id,
                        code_id=coding.code_id,
                        document_id=document_id,
                        start=coding.start,
                        end=coding.end,
                        text=text[coding.start : coding.end],
                        case_ids=coding.case_ids,
                        speaker=turn.label if turn is not None else None,
                        paragraph=paragraph or None,
                        timestamp_ms=turn.timestamp_ms if turn is not None else None,
                        coder=coders.get(coding.coder_id, "") if coding.coder_id is not None else "",
                        coded_at=created,
                        memo=memo,
                        before=before,
                        after=after,
                    )
                )
    progress.step(len(by_document), len(by_document), "Read")
    nodes = project.frameworks.nodes(framework_id) if framework_id is not None else []
    ordered_documents = sorted(documents.values(), key=lambda d: (d.name.casefold(), d.id))
    return Excerpts(
        items=items,
        codes={node.code.id: node for node in tree},
        tree_order=[node.code.id for node in tree],
        document_names={d.id: d.name for d in documents.values()},
        document_order={d.id: i for i, d in enumerate(ordered_documents)},
        case_names={c.id: c.name for c in project.cases.all()},
        attributes=project.cases.attributes(),
        case_values=analysis.case_values,
        framework=framework,
        framework_nodes=[n for n in in_framework_order(nodes) if not n.hidden],
    )


def timestamp(ms: int) -> str:
    seconds = ms // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _allowed_codes(analysis: Analysis, framework: FrameworkMap | None, wanted: ExcerptFilter) -> set[int] | None:
    allowed: set[int] | None = None
    if wanted.code_ids:
        allowed = {member for code_id in wanted.code_ids for member in analysis.subtree(code_id)}
    if wanted.node_ids and framework is not None:
        reached = {code for node_id in wanted.node_ids for code in framework.codes_at(node_id)}
        allowed = reached if allowed is None else allowed & reached
    return allowed


class _Turn(NamedTuple):
    start: int
    end: int
    timestamp_ms: int | None
    label: str | None


def _paragraph_starts(s: Session, document_id: int) -> list[int]:
    query = select(Paragraph.start).where(Paragraph.document_id == document_id).order_by(Paragraph.start)
    return list(s.execute(query).scalars())


def _turns(s: Session, document_id: int) -> list[_Turn]:
    query = (
        select(Turn.start, Turn.end, Turn.timestamp_ms, Speaker.label)
        .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
        .where(Turn.document_id == document_id)
        .order_by(Turn.start)
    )
    return [_Turn(*row) for row in s.execute(query)]


def _containing(turns: list[_Turn], starts: list[int], position: int) -> _Turn | None:
    at = bisect_right(starts, position) - 1
    if at >= 0 and position < turns[at].end:
        return turns[at]
    return None


def _around(text: str, start: int, end: int, context: Context, turn: _Turn | None) -> tuple[str, str]:
    """The text before and after the excerpt within its sentence or speaker turn (never the speaker's label)."""
    if context is Context.NONE:
        return "", ""
    if context is Context.TURN and turn is not None:
        span = Span(turn.start, turn.end)
    else:
        span = sentence_around(text, start, end)
        if turn is not None and span.start < turn.start:
            span = Span(turn.start, span.end)
    return text[min(span.start, start) : start].lstrip(), text[end : max(span.end, end)].rstrip()
