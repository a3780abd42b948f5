"""Autocoding: one code applied to many places at once (search hits widened to a unit, or whole speaker turns).

What is coded follows the same `Scope` as everything else: hits come from a search narrowed by it, and turns from
the speakers it admits.

Each function returns the codings it added, so the desktop can undo the whole batch as one command.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from app.model.analysis.matrices import case_values
from app.model.analysis.scope import Scope, in_scope, scope_documents
from app.model.core.dto import CodingInfo, NewCoding, SpeakerInfo
from app.model.core.text import plural
from app.model.documents.extents import Extent, extend
from app.model.project import Project
from app.model.search.searching import Hit


def hit_spans(project: Project, hits: Iterable[Hit], extent: Extent) -> list[tuple[int, int, int]]:
    """(document, start, end) of each hit widened to `extent`; hits in the same unit give it once."""
    by_document: dict[int, list[Hit]] = defaultdict(list)
    for hit in hits:
        by_document[hit.document_id].append(hit)
    spans: dict[tuple[int, int, int], None] = {}
    for document_id, found in by_document.items():
        if extent is Extent.SELECTION:
            spans.update(((document_id, h.start, h.end), None) for h in found)
            continue
        text = project.documents.text(document_id)
        paragraphs = project.documents.paragraphs(document_id)
        turns = project.documents.turns(document_id)
        for hit in found:
            span = extend(text, paragraphs, turns, hit.start, hit.end, extent)
            if span.end > span.start:
                spans[(document_id, span.start, span.end)] = None
    return list(spans)


def autocode_hits(project: Project, hits: Sequence[Hit], code_id: int, extent: Extent) -> list[CodingInfo]:
    spans = hit_spans(project, hits, extent)
    return project.codings.add_many(
        [NewCoding(document_id, code_id, start, end) for document_id, start, end in spans],
        action=f"autocode {plural(len(hits), 'search hit')} ({extent.value})",
    )


def speakers_in(project: Project, scope: Scope, label: str | None = None) -> list[SpeakerInfo]:
    """The speakers (labelled `label`, if given) in the scope's documents and, when it asks anything of cases,
    mapped to a case it admits: all the supervisors, say, or everyone whose Change is 5 or more, in one set."""
    with project.store.read() as s:
        values = case_values(s) if scope.attribute_values or scope.attribute_ranges else {}
        documents = scope_documents(s, scope)
    return [
        speaker
        for speaker in project.documents.speakers()
        if (label is None or speaker.label == label)
        and (documents is None or speaker.document_id in documents)
        and (not scope.by_cases or (speaker.case_id is not None and in_scope([speaker.case_id], scope, values)))
    ]


def autocode_turns(project: Project, speaker_ids: Sequence[int], code_id: int) -> list[CodingInfo]:
    """Code every turn of the speakers with `code_id`."""
    wanted = set(speaker_ids)
    documents = {s.document_id for s in project.documents.speakers() if s.id in wanted}
    spans = [
        NewCoding(document_id, code_id, turn.start, turn.end)
        for document_id in sorted(documents)
        for turn in project.documents.turns(document_id)
        if turn.speaker_id in wanted and turn.end > turn.start
    ]
    return project.codings.add_many(spans, action=f"autocode {plural(len(spans), 'speaker turn')}")
