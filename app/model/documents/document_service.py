"""Documents: their canonical text, structure (paragraphs, speakers, turns), provenance and cases."""

from __future__ import annotations

import hashlib
import uuid
import zlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.model.core.changes import Topic
from app.model.core.dto import (
    DocumentInfo,
    DocumentKind,
    NewDocument,
    SourceFile,
    Span,
    SpeakerInfo,
    TurnInfo,
)
from app.model.core.entities import Case, Coding, Document, DocumentCase, DocumentSource, Paragraph, Speaker, Turn
from app.model.core.errors import ConflictError, NotFoundError, ValidationError
from app.model.core.text import is_normalised, line_paragraphs, plural, word_count
from app.model.storage.backend import full_text
from app.model.storage.unit_of_work import AnyRow, Store, Tx

_LIST_COLUMNS = (
    Document.id,
    Document.guid,
    Document.name,
    Document.kind,
    Document.length,
    Document.word_count,
    Document.imported_at,
    Document.interview_date,
    DocumentSource.format,
    DocumentSource.sha256,
)


class DocumentService:
    def __init__(self, store: Store) -> None:
        self._store = store

    # --- reading -------------------------------------------------------------------------------------------

    def all(self) -> list[DocumentInfo]:
        with self._store.read() as s:
            counts = dict(s.execute(select(Coding.document_id, func.count()).group_by(Coding.document_id)).all())
            cases: dict[int, list[int]] = {}
            for doc_id, case_id in s.execute(select(DocumentCase.document_id, DocumentCase.case_id)):
                cases.setdefault(doc_id, []).append(case_id)
            speaking = _speaker_cases(s)
            rows = s.execute(select(*_LIST_COLUMNS).outerjoin(DocumentSource).order_by(Document.name)).all()
        return [_info(row, counts.get(row.id, 0), cases.get(row.id, []), speaking.get(row.id, [])) for row in rows]

    def get(self, document_id: int) -> DocumentInfo:
        with self._store.read() as s:
            row = s.execute(
                select(*_LIST_COLUMNS).outerjoin(DocumentSource).where(Document.id == document_id)
            ).one_or_none()
            if row is None:
                raise NotFoundError("document", document_id)
            count = s.scalar(select(func.count()).where(Coding.document_id == document_id)) or 0
            case_ids = s.scalars(select(DocumentCase.case_id).where(DocumentCase.document_id == document_id)).all()
            speaking = _speaker_cases(s, document_id)
        return _info(row, count, case_ids, speaking.get(document_id, []))

    def coding_counts(self, document_ids: Iterable[int], coders: frozenset[int] | None = None) -> dict[int, int]:
        """How many codings each document has (0 included; only these `coders`' when given), without listing the
        documents."""
        ids = list(document_ids)
        counted = select(Coding.document_id, func.count()).where(Coding.document_id.in_(ids))
        if coders is not None:
            counted = counted.where(Coding.coder_id.in_(coders))
        with self._store.read() as s:
            found = dict(s.execute(counted.group_by(Coding.document_id)).all())
        return {document_id: found.get(document_id, 0) for document_id in ids}

    def text(self, document_id: int) -> str:
        with self._store.read() as s:
            text = s.scalar(select(Document.text).where(Document.id == document_id))
        if text is None:
            raise NotFoundError("document", document_id)
        return text

    def paragraphs(self, document_id: int) -> list[Span]:
        with self._store.read() as s:
            rows = s.execute(
                select(Paragraph.start, Paragraph.end)
                .where(Paragraph.document_id == document_id)
                .order_by(Paragraph.ordinal)
            ).all()
        return [Span(start, end) for start, end in rows]

    def turns(self, document_id: int) -> list[TurnInfo]:
        with self._store.read() as s:
            rows = s.execute(
                select(
                    Turn.id,
                    Turn.speaker_id,
                    Speaker.label.label("speaker"),
                    Turn.start,
                    Turn.end,
                    Turn.timestamp_ms,
                )
                .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
                .where(Turn.document_id == document_id)
                .order_by(Turn.start)
            ).all()
        return [TurnInfo(**row._asdict()) for row in rows]

    def speakers(self, document_id: int | None = None) -> list[SpeakerInfo]:
        """The speakers of one document, or (None) of every document, by label."""
        query = (
            select(
                Speaker.id,
                Speaker.document_id,
                Speaker.label,
                Speaker.case_id,
                func.count(Turn.id).label("turn_count"),
            )
            .outerjoin(Turn, Turn.speaker_id == Speaker.id)
            .group_by(Speaker.id)
            .order_by(Speaker.label, Speaker.document_id)
        )
        if document_id is not None:
            query = query.where(Speaker.document_id == document_id)
        with self._store.read() as s:
            rows = s.execute(query).all()
        return [SpeakerInfo(**row._asdict()) for row in rows]

    def source(self, document_id: int) -> SourceFile | None:
        """The original file the document was imported from, byte for byte (None if it was made in Axial)."""
        with self._store.read() as s:
            row = s.execute(
                select(DocumentSource.filename, DocumentSource.format, DocumentSource.content).where(
                    DocumentSource.document_id == document_id
                )
            ).one_or_none()
        return None if row is None else SourceFile(row.filename, row.format, zlib.decompress(row.content))

    def find_by_sha256(self, sha256: str) -> int | None:
        with self._store.read() as s:
            return s.scalar(select(DocumentSource.document_id).where(DocumentSource.sha256 == sha256).limit(1))

    # --- writing -------------------------------------------------------------------------------------------

    def add(self, new: NewDocument, *, guid: str | None = None, imported_at: datetime | None = None) -> DocumentInfo:
        """A new document; a name already in the project is refused. `guid` and `imported_at`: those it has in the
        project file it comes from (new ones when None)."""
        _validate(new)
        paragraphs = new.paragraphs if new.paragraphs is not None else line_paragraphs(new.text)
        with self._store.write(f"import document {new.name!r}") as tx:
            s = tx.session
            if s.scalar(select(Document.id).where(Document.name == new.name)) is not None:
                raise ConflictError(f"A document named {new.name!r} is already in the project.")
            document_id = s.execute(
                insert(Document)
                .values(
                    guid=guid or str(uuid.uuid4()),
                    name=new.name,
                    kind=new.kind.value,
                    length=len(new.text),
                    word_count=word_count(new.text),
                    imported_at=imported_at or datetime.now(),
                    interview_date=new.interview_date,
                    text=new.text,
                )
                .returning(Document.id)
            ).scalar_one()
            if new.source is not None:
                s.execute(
                    insert(DocumentSource).values(
                        document_id=document_id,
                        filename=new.source.filename,
                        format=new.source.format,
                        sha256=hashlib.sha256(new.source.content).hexdigest(),
                        content=zlib.compress(new.source.content, 6),
                    )
                )
            tx.insert_rows(
                Paragraph,
                [
                    {"document_id": document_id, "ordinal": i, "start": p.start, "end": p.end}
                    for i, p in enumerate(paragraphs)
                ],
            )
            self._insert_turns(tx, document_id, new)
            full_text(s).index(s, [document_id])
            named = [_case_named(tx.session, name) for name in new.case_names]
            _link_cases(tx.session, document_id, [*new.case_ids, *named])
            tx.detail = f"document {document_id}: {len(new.text)} characters, {len(new.turns)} turns"
            tx.touch(Topic.DOCUMENTS, *([Topic.CASES] if new.case_names else []), documents=[document_id])
        return self.get(document_id)

    def rename(self, document_id: int, name: str) -> None:
        name = name.strip()
        if not name:
            raise ValidationError("A document needs a name.")
        with self._store.write(f"rename document to {name!r}") as tx:
            try:
                self._update(tx.session, document_id, name=name)
            except IntegrityError:
                raise ConflictError(f"A document named {name!r} is already in the project.") from None
            tx.touch(Topic.DOCUMENTS, documents=[document_id])

    def set_kind(self, document_id: int, kind: DocumentKind) -> None:
        with self._store.write(f"set document kind to {kind.label}") as tx:
            self._update(tx.session, document_id, kind=kind.value)
            tx.touch(Topic.DOCUMENTS, documents=[document_id])

    def set_interview_date(self, document_id: int, when: date | None) -> None:
        with self._store.write("set interview date") as tx:
            self._update(tx.session, document_id, interview_date=when)
            tx.touch(Topic.DOCUMENTS, documents=[document_id])

    def set_cases(self, document_id: int, case_ids: Sequence[int]) -> None:
        with self._store.write("set the cases of a document") as tx:
            self._update(tx.session, document_id)
            tx.session.execute(delete(DocumentCase).where(DocumentCase.document_id == document_id))
            _link_cases(tx.session, document_id, case_ids)
            tx.touch(Topic.DOCUMENTS, Topic.CASES, documents=[document_id])

    def add_cases(self, links: Iterable[tuple[int, int]]) -> int:
        """Attach cases to documents, (document id, case id) each, beside the cases they have; returns how many
        links were new."""
        wanted = set(links)
        with self._store.write("attach cases to documents") as tx:
            documents = {document_id for document_id, _ in wanted}
            found = set(tx.session.scalars(select(Document.id).where(Document.id.in_(documents))))
            missing = sorted(documents - found)
            if missing:
                raise NotFoundError("document", missing[0])
            _require_cases(tx.session, {case_id for _, case_id in wanted})
            there = tx.session.execute(
                select(DocumentCase.document_id, DocumentCase.case_id).where(DocumentCase.document_id.in_(documents))
            )
            new = sorted(wanted - {(row.document_id, row.case_id) for row in there})
            if new:
                tx.session.execute(insert(DocumentCase), [{"document_id": d, "case_id": c} for d, c in new])
            tx.detail = f"{len(new)} links of documents to cases"
            tx.touch(Topic.DOCUMENTS, Topic.CASES, documents=documents)
        return len(new)

    def map_speaker(self, speaker_id: int, case_id: int | None) -> None:
        """Say which case a speaker label stands for (P3 in this focus group is case CM-07)."""
        with self._store.write("map a speaker to a case") as tx:
            document_id = tx.session.scalar(
                update(Speaker).where(Speaker.id == speaker_id).values(case_id=case_id).returning(Speaker.document_id)
            )
            if document_id is None:
                raise NotFoundError("speaker", speaker_id)
            tx.touch(Topic.DOCUMENTS, Topic.CASES, documents=[document_id])

    def delete(self, document_ids: Sequence[int]) -> None:
        """Delete documents with their codings and memos."""
        ids = list(dict.fromkeys(document_ids))
        with self._store.write(f"delete {plural(len(ids), 'document')}") as tx:
            found = set(tx.session.scalars(select(Document.id).where(Document.id.in_(ids))))
            missing = [i for i in ids if i not in found]
            if missing:
                raise NotFoundError("document", missing[0])
            counts = tx.session.execute(
                select(Coding.code_id, func.count()).where(Coding.document_id.in_(ids)).group_by(Coding.code_id)
            ).all()
            full_text(tx.session).unindex(tx.session, ids)
            tx.session.execute(delete(Document).where(Document.id.in_(ids)))
            tx.detail = f"documents {ids} with {sum(count for _, count in counts)} codings"
            codes = {code for code, _ in counts}
            tx.touch(Topic.DOCUMENTS, Topic.CODINGS, Topic.CASES, Topic.MEMOS, documents=ids, codes=codes)

    # --- helpers -------------------------------------------------------------------------------------------

    @staticmethod
    def _update(session: Session, document_id: int, **values: object) -> None:
        found = session.scalar(
            update(Document).where(Document.id == document_id).values(**values).returning(Document.id)
            if values
            else select(Document.id).where(Document.id == document_id)
        )
        if found is None:
            raise NotFoundError("document", document_id)

    @staticmethod
    def _insert_turns(tx: Tx, document_id: int, new: NewDocument) -> None:
        session = tx.session
        labels = sorted({t.speaker for t in new.turns if t.speaker is not None})
        unknown = [label for label, _ in new.speaker_cases if label not in labels]
        if unknown:
            raise ValidationError(f"{new.name}: no speaker {unknown[0]!r} in this document to map to a case.")
        cases = {
            label: case if isinstance(case, int) else _case_named(session, case) for label, case in new.speaker_cases
        }
        _require_cases(session, cases.values())
        speaker_ids: dict[str, int] = {}
        for label in labels:
            speaker_ids[label] = session.execute(
                insert(Speaker)
                .values(document_id=document_id, label=label, case_id=cases.get(label))
                .returning(Speaker.id)
            ).scalar_one()
        tx.insert_rows(
            Turn,
            [
                {
                    "document_id": document_id,
                    "speaker_id": speaker_ids.get(t.speaker) if t.speaker is not None else None,
                    "start": t.start,
                    "end": t.end,
                    "timestamp_ms": t.timestamp_ms,
                }
                for t in new.turns
            ],
        )


def _validate(new: NewDocument) -> None:
    if not new.name.strip():
        raise ValidationError("A document needs a name.")
    if not is_normalised(new.text):
        raise ValidationError(f"{new.name}: text must be normalised (line endings as \\n, no byte-order mark).")
    length = len(new.text)
    spans = [*(new.paragraphs or ()), *(Span(t.start, t.end) for t in new.turns)]
    for span in spans:
        if not 0 <= span.start <= span.end <= length:
            raise ValidationError(
                f"{new.name}: a paragraph or turn [{span.start}, {span.end}) lies outside the text (0..{length})."
            )


def _case_named(session: Session, name: str) -> int:
    name = " ".join(name.split())
    found = session.scalar(select(Case.id).where(Case.name == name))
    if found is not None:
        return found
    return int(
        session.execute(
            insert(Case).values(guid=str(uuid.uuid4()), name=name, description="").returning(Case.id)
        ).scalar_one()
    )


def _require_cases(session: Session, case_ids: Iterable[int]) -> None:
    wanted = set(case_ids)
    known = set(session.scalars(select(Case.id).where(Case.id.in_(wanted))))
    missing = sorted(wanted - known)
    if missing:
        raise NotFoundError("case", missing[0])


def _link_cases(session: Session, document_id: int, case_ids: Sequence[int]) -> None:
    unique = sorted(set(case_ids))
    if not unique:
        return
    _require_cases(session, unique)
    session.execute(insert(DocumentCase), [{"document_id": document_id, "case_id": c} for c in unique])


def _speaker_cases(session: Session, document_id: int | None = None) -> dict[int, list[int]]:
    """Per document, the cases its speakers are mapped to."""
    query = select(Speaker.document_id, Speaker.case_id).where(Speaker.case_id.is_not(None)).distinct()
    if document_id is not None:
        query = query.where(Speaker.document_id == document_id)
    found: dict[int, list[int]] = {}
    for doc_id, case_id in session.execute(query):
        if case_id is not None:  # excluded by the query; says so to the type checker
            found.setdefault(doc_id, []).append(case_id)
    return found


def case_labels(document: DocumentInfo, names: Mapping[int, str]) -> list[str]:
    """The document's cases as people read them: its own cases, then its speakers' cases marked "(speaker)"."""
    own = sorted((names.get(c, "?") for c in document.case_ids), key=str.casefold)
    speaking = sorted((names.get(c, "?") for c in document.speaker_only_case_ids), key=str.casefold)
    return [*own, *(f"{name} (speaker)" for name in speaking)]


def _info(
    row: AnyRow, coding_count: int, case_ids: Sequence[int], speaker_case_ids: Sequence[int] = ()
) -> DocumentInfo:
    return DocumentInfo(
        id=row.id,
        guid=row.guid,
        name=row.name,
        kind=DocumentKind(row.kind),
        length=row.length,
        word_count=row.word_count,
        imported_at=row.imported_at,
        interview_date=row.interview_date,
        coding_count=coding_count,
        case_ids=tuple(sorted(case_ids)),
        source_format=row.format,
        source_sha256=row.sha256,
        speaker_case_ids=tuple(sorted(speaker_case_ids)),
    )
