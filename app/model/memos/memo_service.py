"""Memos: titled notes on the project, a document, a code or a case. A coding's memo lives on the coding."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, insert, select, update

from app.model.core.changes import Topic
from app.model.core.dto import MemoInfo, MemoTarget
from app.model.core.entities import Memo
from app.model.core.errors import NotFoundError
from app.model.storage.unit_of_work import AnyRow, Store

_COLUMNS = (
    Memo.id,
    Memo.guid,
    Memo.document_id,
    Memo.code_id,
    Memo.case_id,
    Memo.title,
    Memo.body,
    Memo.author_id,
    Memo.created_at,
    Memo.modified_at,
)


class MemoService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def all(self, target: MemoTarget | None = None) -> list[MemoInfo]:
        """Memos on `target` (the project's own when it is an empty target); every memo when it is None."""
        query = select(*_COLUMNS).order_by(Memo.created_at, Memo.id)
        if target is not None:
            query = query.where(
                Memo.document_id.is_(target.document_id),
                Memo.code_id.is_(target.code_id),
                Memo.case_id.is_(target.case_id),
            )
        with self._store.read() as s:
            return [_info(row) for row in s.execute(query)]

    def get(self, memo_id: int) -> MemoInfo:
        with self._store.read() as s:
            row = s.execute(select(*_COLUMNS).where(Memo.id == memo_id)).one_or_none()
        if row is None:
            raise NotFoundError("memo", memo_id)
        return _info(row)

    def add(self, target: MemoTarget, title: str, body: str) -> MemoInfo:
        now = datetime.now()
        with self._store.write("add memo") as tx:
            memo_id = tx.session.execute(
                insert(Memo)
                .values(
                    guid=str(uuid.uuid4()),
                    document_id=target.document_id,
                    code_id=target.code_id,
                    case_id=target.case_id,
                    title=title.strip() or "Memo",
                    body=body,
                    author_id=tx.coder_id,
                    created_at=now,
                    modified_at=now,
                )
                .returning(Memo.id)
            ).scalar_one()
            tx.detail = f"memo {memo_id}"
            tx.touch(Topic.MEMOS)
        return self.get(memo_id)

    def add_imported(self, memos: Sequence[MemoInfo]) -> int:
        """Add memos brought from another project with their own GUIDs, authors and dates (their ids are ignored);
        one whose GUID the project already has is left as it is there. Returns how many were added."""
        with self._store.write("import memos") as tx:
            guids = [m.guid for m in memos]
            there = set(tx.session.scalars(select(Memo.guid).where(Memo.guid.in_(guids))))
            new = [m for m in {m.guid: m for m in memos}.values() if m.guid not in there]
            if new:
                tx.session.execute(insert(Memo), [_values(m) for m in new])
            tx.detail = f"{len(new)} memos"
            tx.touch(Topic.MEMOS)
        return len(new)

    def update(self, memo_id: int, *, title: str | None = None, body: str | None = None) -> MemoInfo:
        """Edit a memo; returns it as it was, for undo."""
        values: dict[str, object] = {"modified_at": datetime.now()}
        if title is not None:
            values["title"] = title.strip() or "Memo"
        if body is not None:
            values["body"] = body
        with self._store.write("edit memo") as tx:
            row = tx.session.execute(select(*_COLUMNS).where(Memo.id == memo_id)).one_or_none()
            if row is None:
                raise NotFoundError("memo", memo_id)
            tx.session.execute(update(Memo).where(Memo.id == memo_id).values(**values))
            tx.detail = f"memo {memo_id}"
            tx.touch(Topic.MEMOS)
        return _info(row)

    def delete(self, memo_id: int) -> MemoInfo:
        with self._store.write("delete memo") as tx:
            row = tx.session.execute(select(*_COLUMNS).where(Memo.id == memo_id)).one_or_none()
            if row is None:
                raise NotFoundError("memo", memo_id)
            tx.session.execute(delete(Memo).where(Memo.id == memo_id))
            tx.detail = f"memo {memo_id}"
            tx.touch(Topic.MEMOS)
        return _info(row)


def _info(row: AnyRow) -> MemoInfo:
    return MemoInfo(
        id=row.id,
        guid=row.guid,
        target=MemoTarget(row.document_id, row.code_id, row.case_id),
        title=row.title,
        body=row.body,
        author_id=row.author_id,
        created_at=row.created_at,
        modified_at=row.modified_at,
    )


def _values(memo: MemoInfo) -> dict[str, object]:
    return {
        "guid": memo.guid,
        "document_id": memo.target.document_id,
        "code_id": memo.target.code_id,
        "case_id": memo.target.case_id,
        "title": memo.title.strip() or "Memo",
        "body": memo.body,
        "author_id": memo.author_id,
        "created_at": memo.created_at,
        "modified_at": memo.modified_at,
    }
