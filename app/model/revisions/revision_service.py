"""Writing a revision of a document's text: the text, every stored position through the one position map
(codings, paragraphs, speaker turns; rating evidence follows its codings by id), the search index, and a version
row, in one transaction. Memos hold no text positions (a coding's memo rides on its coding)."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from app.model.core.changes import Topic
from app.model.core.dto import NewTurn, SourceFile, Span
from app.model.core.entities import (
    Coding,
    Document,
    DocumentSource,
    DocumentVersion,
    Paragraph,
    Speaker,
    Turn,
)
from app.model.core.errors import ConflictError, NotFoundError, ValidationError
from app.model.core.text import is_normalised, plural, word_count
from app.model.revisions.position_map import PositionMap, TextEdit, apply_edits
from app.model.storage.backend import full_text
from app.model.storage.unit_of_work import Store, Tx


@dataclass(frozen=True)
class NewStructure:
    """The paragraphs, turns and original file of a corrected file, replacing those the document had."""

    paragraphs: tuple[Span, ...]
    turns: tuple[NewTurn, ...]
    source: SourceFile | None = None
    # Old speaker label -> its label in the corrected file, so the speaker keeps its case.
    speaker_renames: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Revision:
    """What to change: `edits` on the text; `placements` (coding id -> new bounds, None to remove) where a
    coding goes instead of where the map takes it; `speaker_labels` (speaker id -> new label)."""

    edits: tuple[TextEdit, ...]
    description: str
    placements: Mapping[int, Span | None] = field(default_factory=dict)
    structure: NewStructure | None = None
    speaker_labels: Mapping[int, str] = field(default_factory=dict)
    remove_lost: bool = False  # else a coding lying wholly in deleted text refuses the revision
    # Turns joined: (the turn kept, the next turn it takes in).
    joins: tuple[tuple[int, int], ...] = ()
    splits: tuple[TurnSplit, ...] = ()
    # De-identification keeps no earlier text in the version: only the undo log holds it, until it is trimmed.
    keep_previous_text: bool = True


@dataclass(frozen=True)
class TurnSplit:
    """A turn cut in two: the first part ends at `end` and the second starts at `start` (old positions, around the
    label the edits insert), spoken by `speaker` (a label of the document, or a new one)."""

    turn_id: int
    end: int
    start: int
    speaker: str


@dataclass(frozen=True)
class RevisionResult:
    version: int
    unchanged: int  # codings left where they were
    moved: int
    removed: int


@dataclass(frozen=True)
class VersionInfo:
    number: int
    made_at: datetime
    made_by: int | None
    description: str
    sha256: str
    previous_sha256: str


class RevisionService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def versions(self, document_id: int) -> list[VersionInfo]:
        with self._store.read() as s:
            rows = s.execute(
                select(
                    DocumentVersion.number,
                    DocumentVersion.made_at,
                    DocumentVersion.made_by,
                    DocumentVersion.description,
                    DocumentVersion.sha256,
                    DocumentVersion.previous_sha256,
                )
                .where(DocumentVersion.document_id == document_id)
                .order_by(DocumentVersion.number)
            ).all()
        return [VersionInfo(**row._asdict()) for row in rows]

    def document_of_turn(self, turn_id: int) -> int:
        with self._store.read() as s:
            found = s.scalar(select(Turn.document_id).where(Turn.id == turn_id))
        if found is None:
            raise NotFoundError("turn", turn_id)
        return found

    def previous_text(self, document_id: int, number: int) -> str:
        """The text version `number` replaced."""
        with self._store.read() as s:
            blob = s.scalar(
                select(DocumentVersion.previous_text).where(
                    DocumentVersion.document_id == document_id, DocumentVersion.number == number
                )
            )
        if blob is None:
            raise NotFoundError("document version", number)
        return zlib.decompress(blob).decode("utf-8")

    def revise(self, document_id: int, revision: Revision) -> RevisionResult:
        with self._store.write(f"revise document {document_id}: {revision.description}") as tx:
            s = tx.session
            old = s.scalar(select(Document.text).where(Document.id == document_id))
            if old is None:
                raise NotFoundError("document", document_id)
            revised = apply_edits(old, revision.edits)
            if not is_normalised(revised.text):
                raise ValidationError("The revised text must have \\n line endings and no byte-order mark.")
            if revised.text == old and not revision.placements and not revision.speaker_labels:
                raise ValidationError("The revision changes nothing.")
            codings = _place_codings(s, document_id, revised.positions, revision)
            full_text(s).unindex(s, [document_id])
            s.execute(
                update(Document)
                .where(Document.id == document_id)
                .values(text=revised.text, length=len(revised.text), word_count=word_count(revised.text))
            )
            codes = _write_codings(s, codings, len(old) + len(revised.text) + 1)
            if revision.structure is None:
                joined = _take_in_joined(s, document_id, revised.positions, revision)
                _move_structure(tx, document_id, revised.text, revised.positions)
                _join_and_split(s, document_id, revised.positions, revision, joined)
            else:
                _replace_structure(tx, document_id, revision.structure)
            for speaker_id, label in revision.speaker_labels.items():
                s.execute(update(Speaker).where(Speaker.id == speaker_id).values(label=label))
            kept = old if revision.keep_previous_text else ""
            number = _add_version(tx, document_id, old, kept, revised.text, revision.description)
            full_text(s).index(s, [document_id])
            tx.detail = f"document {document_id} version {number}: {plural(len(revision.edits), 'edit')}"
            tx.touch(Topic.DOCUMENTS, Topic.CODINGS, Topic.RATINGS, documents=[document_id], codes=codes)
        return RevisionResult(
            number,
            unchanged=sum(1 for c in codings if c.new == c.old),
            moved=sum(1 for c in codings if c.new is not None and c.new != c.old),
            removed=sum(1 for c in codings if c.new is None),
        )


@dataclass(frozen=True)
class _Placed:
    id: int
    code_id: int
    old: Span
    new: Span | None


def _place_codings(s: Session, document_id: int, positions: PositionMap, revision: Revision) -> list[_Placed]:
    rows = s.execute(
        select(Coding.id, Coding.code_id, Coding.coder_id, Coding.start, Coding.end)
        .where(Coding.document_id == document_id)
        .order_by(Coding.start, Coding.id)
    ).all()
    placed, taken, lost = [], set(), 0
    for row in rows:
        old = Span(row.start, row.end)
        new = revision.placements[row.id] if row.id in revision.placements else positions.span(row.start, row.end)
        if new is not None and not 0 <= new.start < new.end <= positions.new_length:
            raise ValidationError(f"A coding cannot be placed at [{new.start}, {new.end}).")
        if new is not None and (new, row.code_id, row.coder_id) in taken:
            new = None  # two codings of one code by one coder now on the same words: one is enough
        if new is None and row.id not in revision.placements:
            lost += 1
        if new is not None:
            taken.add((new, row.code_id, row.coder_id))
        placed.append(_Placed(row.id, row.code_id, old, new))
    if lost and not revision.remove_lost:
        raise ConflictError(f"{plural(lost, 'coding')} would lie wholly in deleted text; remove them to go on.")
    return placed


def _write_codings(s: Session, codings: Sequence[_Placed], far: int) -> set[int]:
    """Move and remove codings; moved ones first go past both texts, so no move meets a coding yet to move."""
    moving = [c for c in codings if c.new is not None and c.new != c.old]
    removed = [c.id for c in codings if c.new is None]
    if removed:
        s.execute(delete(Coding).where(Coding.id.in_(removed)))
    if moving:
        s.execute(
            update(Coding),
            [{"id": c.id, "start": far + c.old.start, "end": far + c.old.end} for c in moving],
        )
        s.execute(update(Coding), [{"id": c.id, "start": c.new.start, "end": c.new.end} for c in moving if c.new])
    return {c.code_id for c in codings if c.new != c.old}


def _move_structure(tx: Tx, document_id: int, text: str, positions: PositionMap) -> None:
    """Paragraphs and turns through the map; a paragraph is cut where a replacement brought a line break, one
    wholly deleted goes (paragraphs are numbered again), and so does a turn wholly deleted."""
    s = tx.session
    paragraphs = s.execute(
        select(Paragraph.start, Paragraph.end).where(Paragraph.document_id == document_id).order_by(Paragraph.ordinal)
    ).all()
    moved: list[Span] = []
    for start, end in paragraphs:
        span = positions.span(start, end) if end > start else Span(positions.start(start), positions.start(start))
        if span is not None:
            moved += _cut_at_breaks(text, span)
    s.execute(delete(Paragraph).where(Paragraph.document_id == document_id))
    tx.insert_rows(
        Paragraph,
        [{"document_id": document_id, "ordinal": i, "start": p.start, "end": p.end} for i, p in enumerate(moved)],
    )
    turns = s.execute(select(Turn.id, Turn.start, Turn.end).where(Turn.document_id == document_id)).all()
    gone, changed = [], []
    for turn_id, start, end in turns:
        span = positions.span(start, end)
        if span is None:
            gone.append(turn_id)
        elif span != Span(start, end):
            changed.append({"id": turn_id, "start": span.start, "end": span.end})
    if gone:
        s.execute(delete(Turn).where(Turn.id.in_(gone)))
    if changed:
        s.execute(update(Turn), changed)


def _take_in_joined(s: Session, document_id: int, positions: PositionMap, revision: Revision) -> dict[int, int]:
    """Turns taken in by the turn before them go before any turn moves; returns where each kept turn now ends."""
    ends = {}
    for kept, absorbed in revision.joins:
        end = s.scalar(delete(Turn).where(Turn.id == absorbed, Turn.document_id == document_id).returning(Turn.end))
        if end is None:
            raise NotFoundError("turn", absorbed)
        ends[kept] = positions.end(end)
    return ends


def _join_and_split(
    s: Session, document_id: int, positions: PositionMap, revision: Revision, joined: dict[int, int]
) -> None:
    """Turns joined or split, on turns already moved through the map (a speaker left with no turn goes)."""
    for kept, end in joined.items():
        s.execute(update(Turn).where(Turn.id == kept).values(end=end))
    for split in revision.splits:
        whole_end = s.scalar(select(Turn.end).where(Turn.id == split.turn_id, Turn.document_id == document_id))
        if whole_end is None:
            raise NotFoundError("turn", split.turn_id)
        s.execute(update(Turn).where(Turn.id == split.turn_id).values(end=positions.end(split.end)))
        speaker_id = s.scalar(
            select(Speaker.id).where(Speaker.document_id == document_id, Speaker.label == split.speaker)
        )
        if speaker_id is None:
            speaker_id = s.scalar(
                insert(Speaker).values(document_id=document_id, label=split.speaker).returning(Speaker.id)
            )
        s.execute(
            insert(Turn).values(
                document_id=document_id, speaker_id=speaker_id, start=positions.start(split.start), end=whole_end
            )
        )
    if revision.joins:
        speaking = select(Turn.speaker_id).where(Turn.document_id == document_id, Turn.speaker_id.is_not(None))
        s.execute(delete(Speaker).where(Speaker.document_id == document_id, Speaker.id.not_in(speaking)))


def _cut_at_breaks(text: str, span: Span) -> list[Span]:
    pieces, start = [], span.start
    while (cut := text.find("\n", start, span.end)) != -1:
        if cut > start:
            pieces.append(Span(start, cut))
        start = cut + 1
    if span.end > start or not pieces:
        pieces.append(Span(start, max(start, span.end)))
    return pieces


def _replace_structure(tx: Tx, document_id: int, structure: NewStructure) -> None:
    """A corrected file's own paragraphs and turns; speakers keep their rows (and cases) by label or rename."""
    s = tx.session
    s.execute(delete(Paragraph).where(Paragraph.document_id == document_id))
    s.execute(delete(Turn).where(Turn.document_id == document_id))
    tx.insert_rows(
        Paragraph,
        [
            {"document_id": document_id, "ordinal": i, "start": p.start, "end": p.end}
            for i, p in enumerate(structure.paragraphs)
        ],
    )
    speakers: dict[str, int] = {
        label: speaker_id
        for label, speaker_id in s.execute(select(Speaker.label, Speaker.id).where(Speaker.document_id == document_id))
    }
    wanted = {t.speaker for t in structure.turns if t.speaker is not None}
    for old_label, new_label in structure.speaker_renames:
        if old_label in speakers and new_label not in speakers:
            s.execute(update(Speaker).where(Speaker.id == speakers[old_label]).values(label=new_label))
            speakers[new_label] = speakers.pop(old_label)
    for label in sorted(wanted - speakers.keys()):
        speakers[label] = s.execute(
            insert(Speaker).values(document_id=document_id, label=label).returning(Speaker.id)
        ).scalar_one()
    unused = [speaker_id for label, speaker_id in speakers.items() if label not in wanted]
    if unused:
        s.execute(delete(Speaker).where(Speaker.id.in_(unused)))
    tx.insert_rows(
        Turn,
        [
            {
                "document_id": document_id,
                "speaker_id": speakers[t.speaker] if t.speaker is not None else None,
                "start": t.start,
                "end": t.end,
                "timestamp_ms": t.timestamp_ms,
            }
            for t in structure.turns
        ],
    )
    if structure.source is not None:
        s.execute(
            update(DocumentSource)
            .where(DocumentSource.document_id == document_id)
            .values(
                filename=structure.source.filename,
                format=structure.source.format,
                sha256=hashlib.sha256(structure.source.content).hexdigest(),
                content=zlib.compress(structure.source.content, 6),
            )
        )


def _add_version(tx: Tx, document_id: int, old: str, kept: str, new: str, description: str) -> int:
    s = tx.session
    last = s.scalar(select(func.max(DocumentVersion.number)).where(DocumentVersion.document_id == document_id))
    number = (last or 0) + 1
    s.execute(
        insert(DocumentVersion).values(
            document_id=document_id,
            number=number,
            made_at=datetime.now(),
            made_by=tx.coder_id,
            description=description,
            sha256=_sha256(new),
            previous_sha256=_sha256(old),
            previous_text=zlib.compress(kept.encode("utf-8"), 6),
        )
    )
    return number


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
