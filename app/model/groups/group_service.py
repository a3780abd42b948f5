"""Sets of documents or codes (REFI-QDA Sets: NVivo sets, ATLAS.ti groups, MAXQDA document sets)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import insert, select

from app.model.core.changes import Topic
from app.model.core.dto import GroupInfo
from app.model.core.entities import Group, GroupMember
from app.model.core.errors import ValidationError
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
        name = " ".join(name.split())
        if not name:
            raise ValidationError("A set needs a name.")
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
