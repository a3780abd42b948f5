"""What a unit of agreement is: a character, a sentence, a paragraph or a speaker turn of each document.

A coder codes a unit when one of their codings touches it (overlaps it by a character or more), as NVivo and
MAXQDA count sentences and paragraphs. Units are returned as sorted, non-overlapping spans per document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from enum import Enum

import numpy as np
import numpy.typing as npt
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.core.entities import Document, Paragraph, Turn
from app.model.documents.extents import sentence_around

Bounds = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]


class Unit(Enum):
    CHARACTER = "character"
    SENTENCE = "sentence"
    PARAGRAPH = "paragraph"
    TURN = "turn"

    @property
    def plural(self) -> str:
        return {"character": "characters", "sentence": "sentences", "paragraph": "paragraphs", "turn": "speaker turns"}[
            self.value
        ]


def sentences(text: str) -> list[tuple[int, int]]:
    """The text's sentences in order, as the Sentence extent of coding widens a selection to them."""
    found: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        sentence = sentence_around(text, position, position + 1)
        if sentence.end > sentence.start:
            found.append((sentence.start, sentence.end))
        position = max(sentence.end, position + 1)
    return found


def unit_bounds(session: Session, unit: Unit, document_ids: Iterable[int]) -> dict[int, Bounds]:
    """Each document's units as (starts, ends); nothing for characters, which need no table."""
    wanted = list(document_ids)
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    if unit is Unit.PARAGRAPH:
        rows = session.execute(
            select(Paragraph.document_id, Paragraph.start, Paragraph.end)
            .where(Paragraph.document_id.in_(wanted))
            .order_by(Paragraph.document_id, Paragraph.start)
        )
        for document_id, start, end in rows:
            spans[document_id].append((start, end))
    elif unit is Unit.TURN:
        rows = session.execute(
            select(Turn.document_id, Turn.start, Turn.end)
            .where(Turn.document_id.in_(wanted), Turn.end > Turn.start)
            .order_by(Turn.document_id, Turn.start)
        )
        for document_id, start, end in rows:
            spans[document_id].append((start, end))
    elif unit is Unit.SENTENCE:
        for document_id, text in session.execute(select(Document.id, Document.text).where(Document.id.in_(wanted))):
            spans[document_id] = sentences(text)
    else:
        return {}
    bounds: dict[int, Bounds] = {}
    for document_id in wanted:
        pairs = np.array(spans.get(document_id, []), dtype=np.int64).reshape(-1, 2)
        bounds[document_id] = (pairs[:, 0], pairs[:, 1])
    return bounds


def to_units(bounds: Bounds, starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]) -> Bounds:
    """Character spans as half-open ranges of unit indices: the units each span touches (empty if none)."""
    unit_starts, unit_ends = bounds
    first = np.searchsorted(unit_ends, starts, side="right")
    after_last = np.searchsorted(unit_starts, ends, side="left")
    return first.astype(np.int64), np.maximum(after_last, first).astype(np.int64)
