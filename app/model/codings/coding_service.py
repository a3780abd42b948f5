"""Codings: a code applied to a span [start, end) of a document's text, in code points."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.model.core.changes import Topic
from app.model.core.dto import CodingInfo, NewCoding
from app.model.core.entities import Code, Coding, Document
from app.model.core.errors import ConflictError, NotFoundError, ValidationError
from app.model.storage.unit_of_work import AnyRow, Store, Tx
from app.model.storage.upsert import insert_or_ignore

_COLUMNS = (
    Coding.id,
    Coding.guid,
    Coding.document_id,
    Coding.code_id,
    Coding.start,
    Coding.end,
    Coding.coder_id,
    Coding.created_at,
    Coding.memo,
)
# The same columns read through sqlite3 itself: a document's 20,000 codings in a fraction of the ORM's time.
_RAW_SELECT = 'SELECT id, guid, document_id, code_id, start, "end", coder_id, created_at, memo FROM coding'
_BATCH = 500  # ids per IN (...), well under SQLite's limit on parameters


class CodingService:
    def __init__(self, store: Store) -> None:
        self._store = store

    # --- reading -------------------------------------------------------------------------------------------

    def get(self, coding_id: int) -> CodingInfo:
        with self._store.read() as s:
            return _get(s, coding_id)

    def for_document(self, document_id: int, coders: frozenset[int] | None = None) -> list[CodingInfo]:
        """All codings of a document (only these `coders`' when given), by start then end."""
        by, chosen = _by_coders(coders)
        with self._store.read() as s:
            return _raw(s, f'{_RAW_SELECT} WHERE document_id = ?{by} ORDER BY start, "end"', (document_id, *chosen))

    def by_ids(self, coding_ids: Collection[int], coders: frozenset[int] | None = None) -> list[CodingInfo]:
        """The codings of these ids that exist (a change names them; a view re-reads only those), only these
        `coders`' when given."""
        ids = sorted(coding_ids)
        by, chosen = _by_coders(coders)
        found: list[CodingInfo] = []
        with self._store.read() as s:
            for first in range(0, len(ids), _BATCH):
                batch = ids[first : first + _BATCH]
                marks = ",".join("?" * len(batch))
                found += _raw(s, f"{_RAW_SELECT} WHERE id IN ({marks}){by}", (*batch, *chosen))
        return found

    def for_codes(self, code_ids: list[int], coders: frozenset[int] | None = None) -> list[CodingInfo]:
        """All codings of the given codes (only these `coders`' when given), in document then text order."""
        query = select(*_COLUMNS).where(Coding.code_id.in_(code_ids))
        if coders is not None:
            query = query.where(Coding.coder_id.in_(coders))
        with self._store.read() as s:
            rows = s.execute(query.order_by(Coding.document_id, Coding.start, Coding.end)).all()
        return [CodingInfo(**row._asdict()) for row in rows]

    # --- writing -------------------------------------------------------------------------------------------

    def apply(self, document_id: int, code_id: int, start: int, end: int, memo: str = "") -> CodingInfo:
        """Code [start, end) of a document; refuses bounds outside the text or a span this coder already coded so."""
        with self._store.write("apply code") as tx:
            s = tx.session
            _check(s, document_id, code_id, start, end)
            if _same_span(s, document_id, code_id, start, end, tx.coder_id):
                raise ConflictError("This passage already has that code.")
            coding = CodingInfo(
                id=0,
                guid=str(uuid.uuid4()),
                document_id=document_id,
                code_id=code_id,
                start=start,
                end=end,
                coder_id=tx.coder_id,
                created_at=datetime.now(),
                memo=memo,
            )
            new_id = s.execute(insert(Coding).values(_values(coding)).returning(Coding.id)).scalar_one()
            tx.detail = f"coding {new_id}: code {code_id} on document {document_id} [{start}, {end})"
            tx.changes.touch(
                Topic.CODINGS,
                documents=[document_id],
                codes=[code_id],
                codings=[new_id],
                counted=[(document_id, code_id, 1)],
            )
        return replace(coding, id=new_id)

    def apply_many(self, spans: Sequence[NewCoding], *, action: str = "apply codes") -> int:
        """Apply many codings in one transaction (all or none); identical ones already there are skipped.

        Returns how many were added. Every span is checked as `apply` checks one.
        """
        with self._store.write(action) as tx:
            return len(self._insert_many(tx, spans, Coding.id))

    def add_many(self, spans: Sequence[NewCoding], *, action: str = "apply codes") -> list[CodingInfo]:
        """As `apply_many`, returning the codings added."""
        with self._store.write(action) as tx:
            rows = self._insert_many(tx, spans, *_COLUMNS)
        return sorted((CodingInfo(*row) for row in rows), key=lambda coding: coding.id)

    def add_imported(self, codings: Sequence[CodingInfo], *, action: str = "import codings") -> int:
        """Add codings brought from another project with their own GUIDs, coders, dates and memos (their ids are
        ignored), in one statement; one repeating a coding already there (span, code and coder) is skipped. Each is
        checked as `apply` checks one; returns how many were added."""
        with self._store.write(action) as tx:
            s = tx.session
            documents = {c.document_id for c in codings}
            codes = {c.code_id for c in codings}
            lengths = dict(s.execute(select(Document.id, Document.length).where(Document.id.in_(documents))).all())
            codable = dict(s.execute(select(Code.id, Code.is_codable).where(Code.id.in_(codes))).all())
            for c in codings:
                span = NewCoding(c.document_id, c.code_id, c.start, c.end)
                _check_known(lengths.get(c.document_id), codable.get(c.code_id), span)
            rows = [_values(c) for c in codings]
            added = len(s.execute(insert_or_ignore(s, Coding).returning(Coding.id), rows).all()) if rows else 0
            tx.detail = f"{added} codings on {len(documents)} documents"
            tx.touch(Topic.CODINGS, documents=documents, codes=codes)
        return added

    @staticmethod
    def _insert_many(tx: Tx, spans: Sequence[NewCoding], *returned: InstrumentedAttribute[Any]) -> Sequence[AnyRow]:
        """Insert the spans, skipping identical codings; return the `returned` columns of the codings added."""
        s = tx.session
        documents = {span.document_id for span in spans}
        codes = {span.code_id for span in spans}
        lengths = dict(s.execute(select(Document.id, Document.length).where(Document.id.in_(documents))).all())
        codable = dict(s.execute(select(Code.id, Code.is_codable).where(Code.id.in_(codes))).all())
        for span in spans:
            _check_known(lengths.get(span.document_id), codable.get(span.code_id), span)
        now = datetime.now()
        rows = [
            {
                "guid": str(uuid.uuid4()),
                "document_id": span.document_id,
                "code_id": span.code_id,
                "start": span.start,
                "end": span.end,
                "coder_id": tx.coder_id,
                "created_at": now,
                "memo": span.memo,
            }
            for span in dict.fromkeys(spans)
        ]
        last = tx.insert_rows(Coding, rows, skip_repeats=True)
        added = s.execute(select(*returned).where(Coding.id > last).order_by(Coding.id)).all()
        tx.detail = f"{len(added)} codings on {len(documents)} documents"
        tx.touch(Topic.CODINGS, documents=documents, codes=codes)
        return added

    def remove(self, coding_id: int) -> CodingInfo:
        """Remove a coding; returns it as it was."""
        with self._store.write("remove coding") as tx:
            coding = _get(tx.session, coding_id)
            tx.session.execute(delete(Coding).where(Coding.id == coding_id))
            tx.detail = f"coding {coding_id}"
            tx.changes.touch(
                Topic.CODINGS,
                documents=[coding.document_id],
                codes=[coding.code_id],
                codings=[coding_id],
                counted=[(coding.document_id, coding.code_id, -1)],
            )
        return coding

    def set_bounds(self, coding_id: int, start: int, end: int) -> CodingInfo:
        """Move a coding's edges; returns it as it was before."""
        with self._store.write("change coding bounds") as tx:
            old = _get(tx.session, coding_id)
            _check(tx.session, old.document_id, old.code_id, start, end)
            tx.session.execute(update(Coding).where(Coding.id == coding_id).values(start=start, end=end))
            tx.detail = f"coding {coding_id}: [{old.start}, {old.end}) to [{start}, {end})"
            tx.changes.touch(Topic.CODINGS, documents=[old.document_id], codes=[old.code_id], codings=[coding_id])
        return old

    def set_code(self, coding_id: int, code_id: int) -> CodingInfo:
        """Give a coding another code; returns it as it was before."""
        with self._store.write("change the code of a coding") as tx:
            old = _get(tx.session, coding_id)
            _check(tx.session, old.document_id, code_id, old.start, old.end)
            if _same_span(tx.session, old.document_id, code_id, old.start, old.end, old.coder_id):
                raise ConflictError("This passage already has that code.")
            tx.session.execute(update(Coding).where(Coding.id == coding_id).values(code_id=code_id))
            tx.detail = f"coding {coding_id}: code {old.code_id} to {code_id}"
            tx.changes.touch(
                Topic.CODINGS,
                documents=[old.document_id],
                codes=[old.code_id, code_id],
                codings=[coding_id],
                counted=[(old.document_id, old.code_id, -1), (old.document_id, code_id, 1)],
            )
        return old

    def set_memo(self, coding_id: int, memo: str) -> CodingInfo:
        with self._store.write("edit coding memo") as tx:
            old = _get(tx.session, coding_id)
            tx.session.execute(update(Coding).where(Coding.id == coding_id).values(memo=memo))
            tx.detail = f"coding {coding_id}"
            tx.changes.touch(Topic.CODINGS, documents=[old.document_id], codes=[old.code_id], codings=[coding_id])
        return old


def _get(s: Session, coding_id: int) -> CodingInfo:
    row = s.execute(select(*_COLUMNS).where(Coding.id == coding_id)).one_or_none()
    if row is None:
        raise NotFoundError("coding", coding_id)
    return CodingInfo(**row._asdict())


def _by_coders(coders: frozenset[int] | None) -> tuple[str, tuple[int, ...]]:
    """The condition, and its values, that keep only these coders' codings (nothing when None); a project has
    a handful of coders, well under SQLite's limit on parameters."""
    if coders is None:
        return "", ()
    return f" AND coder_id IN ({','.join('?' * len(coders))})", tuple(sorted(coders))


def _driver(s: Session) -> Any:
    """The database driver's own connection (sqlite3's), for the reads and checks that run on every edit."""
    return s.connection().connection.driver_connection


def _raw(s: Session, sql: str, parameters: tuple[int, ...]) -> list[CodingInfo]:
    """Codings read with sqlite3 itself: no row objects or type conversion between the file and the DTOs."""
    cursor = _driver(s).execute(sql, parameters)
    fromisoformat = datetime.fromisoformat
    return [
        CodingInfo(i, guid, document, code, start, end, coder, fromisoformat(created), memo)
        for i, guid, document, code, start, end, coder, created, memo in cursor
    ]


def _check(s: Session, document_id: int, code_id: int, start: int, end: int) -> None:
    # One sqlite3 query: two ORM selects cost a tenth of applying a coding.
    length, codable = (
        _driver(s)
        .execute(
            "SELECT (SELECT length FROM document WHERE id = ?), (SELECT is_codable FROM code WHERE id = ?)",
            (document_id, code_id),
        )
        .fetchone()
    )
    _check_known(length, None if codable is None else bool(codable), NewCoding(document_id, code_id, start, end))


def _check_known(length: int | None, codable: bool | None, span: NewCoding) -> None:
    """Refuse a span given its document's length and its code's codability (None: not in the project)."""
    if length is None:
        raise NotFoundError("document", span.document_id)
    if codable is None:
        raise NotFoundError("code", span.code_id)
    if not codable:
        raise ValidationError("This is a category for grouping codes; choose a code to apply to text.")
    if not 0 <= span.start < span.end <= length:
        raise ValidationError(
            f"A coding must cover some text within the document: [{span.start}, {span.end}) is not in 0..{length}."
        )


def _same_span(s: Session, document_id: int, code_id: int, start: int, end: int, coder_id: int | None) -> bool:
    found = (
        _driver(s)
        .execute(
            'SELECT 1 FROM coding WHERE document_id = ? AND code_id = ? AND start = ? AND "end" = ? AND coder_id IS ? '
            "LIMIT 1",
            (document_id, code_id, start, end, coder_id),
        )
        .fetchone()
    )
    return found is not None


def _values(coding: CodingInfo) -> dict[str, object]:
    """A coding's row without its id (the database gives it a new one)."""
    return {
        "guid": coding.guid,
        "document_id": coding.document_id,
        "code_id": coding.code_id,
        "start": coding.start,
        "end": coding.end,
        "coder_id": coding.coder_id,
        "created_at": coding.created_at,
        "memo": coding.memo,
    }
