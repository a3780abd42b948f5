"""What each case holds: its documents (its own and those where it speaks), its speakers' turns and its codings,
counted as analyses count them (a coding belongs to the case whose speaker says it, else to the document's cases)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from app.model.analysis.matrices import CaseAttribution
from app.model.core.entities import Coding, DocumentCase, Speaker, Turn
from app.model.project import Project


@dataclass(frozen=True)
class CaseCounts:
    document_ids: tuple[int, ...]  # its own documents and those its speakers speak in, by id
    turns: int
    codings: int


@dataclass(frozen=True)
class CaseSpeaker:
    """A speaker label of one document linked to a case."""

    speaker_id: int
    document_id: int
    label: str
    turns: int


def case_counts(project: Project) -> dict[int, CaseCounts]:
    """Every case's counts by case id (cases with nothing are absent)."""
    documents: dict[int, set[int]] = defaultdict(set)
    turns: Counter[int] = Counter()
    codings: Counter[int] = Counter()
    with project.store.read() as s:
        for document_id, case_id in s.execute(select(DocumentCase.document_id, DocumentCase.case_id)):
            documents[case_id].add(document_id)
        for document_id, speaker_case, count in s.execute(
            select(Speaker.document_id, Speaker.case_id, func.count(Turn.id))
            .join(Turn, Turn.speaker_id == Speaker.id)
            .where(Speaker.case_id.is_not(None))
            .group_by(Speaker.id)
        ):
            if speaker_case is not None:  # excluded by the query; says so to the type checker
                documents[speaker_case].add(document_id)
                turns[speaker_case] += count
        attribution = CaseAttribution(s)
        shown = project.shown_coders(None)  # while coding blind, one's own: the others' would say what they coded
        query = select(Coding.document_id, Coding.start)
        if shown is not None:
            query = query.where(Coding.coder_id.in_(shown))
        for document_id, start in s.execute(query):
            for case_id in attribution.cases_at(document_id, start):
                codings[case_id] += 1
    return {
        case_id: CaseCounts(tuple(sorted(documents[case_id])), turns[case_id], codings[case_id])
        for case_id in documents.keys() | turns.keys() | codings.keys()
    }


def case_speakers(project: Project, case_id: int) -> list[CaseSpeaker]:
    """The speakers linked to a case, in every document."""
    with project.store.read() as s:
        rows = s.execute(
            select(Speaker.id, Speaker.document_id, Speaker.label, func.count(Turn.id))
            .outerjoin(Turn, Turn.speaker_id == Speaker.id)
            .where(Speaker.case_id == case_id)
            .group_by(Speaker.id)
            .order_by(Speaker.document_id, Speaker.label)
        ).all()
    return [CaseSpeaker(*row) for row in rows]
