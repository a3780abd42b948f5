"""Sets of documents or codes (REFI-QDA Sets: NVivo sets, ATLAS.ti groups, MAXQDA document sets)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from ..dto import GroupInfo
from ..entities import Group, GroupMember
from ..store import Store


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
