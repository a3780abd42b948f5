"""Autocoding: one code applied to many places at once (search hits widened to a unit, or whole speaker turns).

Each function returns the codings it added, so the desktop can undo the whole batch as one command.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from app.model.analysis.matrices import case_values
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


def speakers_with(project: Project, attribute_id: int, values: frozenset[str]) -> list[SpeakerInfo]:
    """Every speaker mapped to a case whose attribute takes one of the values (all the supervisors, say)."""
    with project.store.read() as s:
        values_of = case_values(s)
    return [
        speaker
        for speaker in project.documents.speakers()
        if speaker.case_id is not None and values_of.get((speaker.case_id, attribute_id)) in values
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
