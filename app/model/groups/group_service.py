"""Sets of documents or codes (REFI-QDA Sets: NVivo sets, ATLAS.ti groups, MAXQDA document sets).

A document set is what a researcher groups documents by (a site, a wave, focus groups apart from interviews); views
and exports narrow to a set's documents through `documents_in`."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from app.model.core.changes import Topic
from app.model.core.dto import GroupInfo
from app.model.core.entities import Document, Group, GroupMember
from app.model.core.errors import NotFoundError, ValidationError
from app.model.storage.unit_of_work import Store


class GroupService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def all(self) -> list[GroupInfo]:
        """Every set, by name, with its members."""
        with self._store.read() as s:
            documents: dict[int, list[int]] = defaultdict(list)
            codes: dict[int, list[int]] = defaultdict(list)
            for group_id, document_id, code_id in s.execute(
                select(GroupMember.group_id, GroupMember.document_id, GroupMember.code_id).order_by(GroupMember.id)
            ):
                if document_id is not None:
                    documents[group_id].append(document_id)
                if code_id is not None:
                    codes[group_id].append(code_id)
            groups = s.execute(select(Group).order_by(Group.name, Group.id)).scalars().all()
            return [
                GroupInfo(g.id, g.guid, g.name, g.description, g.kind, tuple(documents[g.id]), tuple(codes[g.id]))
                for g in groups
            ]

    def create(
        self,
        name: str,
        *,
        description: str = "",
        document_ids: Sequence[int] = (),
        code_ids: Sequence[int] = (),
        guid: str | None = None,
    ) -> int:
        """A new set of these documents and codes (a set of codes when it holds codes only); `guid`: the one it has
        in the project file it comes from. Returns its id."""
        name = _clean(name)
        kind = "codes" if code_ids and not document_ids else "documents"
        with self._store.write(f"create set {name!r}") as tx:
            group_id = tx.session.execute(
                insert(Group)
                .values(guid=guid or str(uuid.uuid4()), name=name, description=description, kind=kind)
                .returning(Group.id)
            ).scalar_one()
            members = [{"group_id": group_id, "document_id": d, "code_id": None} for d in document_ids]
            members += [{"group_id": group_id, "document_id": None, "code_id": c} for c in code_ids]
            if members:
                tx.session.execute(insert(GroupMember), members)
            tx.detail = f"set {group_id}: {len(document_ids)} documents, {len(code_ids)} codes"
            tx.touch(Topic.DOCUMENTS, Topic.CODES)
        return int(group_id)

    def rename(self, group_id: int, name: str) -> None:
        name = _clean(name)
        with self._store.write(f"rename set to {name!r}") as tx:
            found = tx.session.scalar(update(Group).where(Group.id == group_id).values(name=name).returning(Group.id))
            if found is None:
                raise NotFoundError("set", group_id)
            tx.touch(Topic.DOCUMENTS, Topic.CODES)

    def delete(self, group_id: int) -> None:
        """Delete a set; its documents and codes stay."""
        with self._store.write("delete set") as tx:
            if tx.session.scalar(delete(Group).where(Group.id == group_id).returning(Group.id)) is None:
                raise NotFoundError("set", group_id)
            tx.detail = f"set {group_id}"
            tx.touch(Topic.DOCUMENTS, Topic.CODES)

    def add_documents(self, group_id: int, document_ids: Iterable[int]) -> int:
        """Put documents in a set (those already in it stay once); returns how many were added."""
        with self._store.write("add documents to a set") as tx:
            s = tx.session
            self._require(group_id, s)
            wanted = list(dict.fromkeys(document_ids))
            known = set(s.scalars(select(Document.id).where(Document.id.in_(wanted))))
            missing = [d for d in wanted if d not in known]
            if missing:
                raise NotFoundError("document", missing[0])
            there = set(s.scalars(select(GroupMember.document_id).where(GroupMember.group_id == group_id)))
            new = [d for d in wanted if d not in there]
            if new:
                s.execute(insert(GroupMember), [{"group_id": group_id, "document_id": d, "code_id": None} for d in new])
            tx.detail = f"set {group_id}: {len(new)} documents added"
            tx.touch(Topic.DOCUMENTS, documents=new)
        return len(new)

    def remove_documents(self, group_id: int, document_ids: Iterable[int]) -> int:
        """Take documents out of a set (the documents stay in the project); returns how many left it."""
        ids = list(dict.fromkeys(document_ids))
        with self._store.write("remove documents from a set") as tx:
            self._require(group_id, tx.session)
            gone = tx.session.scalars(
                delete(GroupMember)
                .where(GroupMember.group_id == group_id, GroupMember.document_id.in_(ids))
                .returning(GroupMember.document_id)
            ).all()
            tx.detail = f"set {group_id}: {len(gone)} documents removed"
            tx.touch(Topic.DOCUMENTS, documents=[d for d in gone if d is not None])
        return len(gone)

    def documents_in(self, group_ids: Iterable[int]) -> set[int]:
        """The documents in any of these sets: what a view or export narrowed to those sets covers."""
        ids = list(group_ids)
        with self._store.read() as s:
            return {
                d
                for d in s.scalars(
                    select(GroupMember.document_id).where(
                        GroupMember.group_id.in_(ids), GroupMember.document_id.is_not(None)
                    )
                )
                if d is not None
            }

    @staticmethod
    def _require(group_id: int, s: Session) -> None:
        if s.scalar(select(Group.id).where(Group.id == group_id)) is None:
            raise NotFoundError("set", group_id)


def _clean(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError("A set needs a name.")
    return name
