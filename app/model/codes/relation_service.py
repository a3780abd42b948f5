"""Axial relations: typed links between codes or categories, each with a memo."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from sqlalchemy import delete, insert, or_, select, update

from app.model.core.changes import Topic
from app.model.core.dto import RelationInfo, RelationTypeInfo
from app.model.core.entities import Code, DiagramPosition, Relation, RelationType
from app.model.core.errors import NotFoundError, ValidationError
from app.model.core.named_rows import append_named
from app.model.storage.unit_of_work import Store
from app.model.storage.upsert import insert_or_update

_COLUMNS = (
    Relation.id,
    Relation.guid,
    Relation.source_id,
    Relation.target_id,
    Relation.type_id,
    Relation.memo,
    Relation.created_at,
)


class RelationService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def types(self) -> list[RelationTypeInfo]:
        with self._store.read() as s:
            rows = s.execute(
                select(
                    RelationType.id,
                    RelationType.name,
                    RelationType.directed,
                    RelationType.builtin,
                    RelationType.description,
                ).order_by(RelationType.position)
            ).all()
        return [RelationTypeInfo(**row._asdict()) for row in rows]

    def add_type(self, name: str, *, directed: bool, description: str = "") -> RelationTypeInfo:
        name = " ".join(name.split())
        if not name:
            raise ValidationError("A relation type needs a name.")
        with self._store.write(f"add relation type {name!r}") as tx:
            type_id = append_named(
                tx.session,
                RelationType,
                f"A relation type named {name!r} already exists.",
                name=name,
                directed=directed,
                builtin=False,
                description=description,
            )
            tx.touch(Topic.RELATIONS)
        return next(t for t in self.types() if t.id == type_id)

    def all(self, code_id: int | None = None) -> list[RelationInfo]:
        query = select(*_COLUMNS).order_by(Relation.id)
        if code_id is not None:
            query = query.where(or_(Relation.source_id == code_id, Relation.target_id == code_id))
        with self._store.read() as s:
            return [RelationInfo(**row._asdict()) for row in s.execute(query)]

    def create(
        self, source_id: int, target_id: int, type_id: int, memo: str = "", *, guid: str | None = None
    ) -> RelationInfo:
        """`guid`: the one the relation has in the project file it comes from (a new one when None)."""
        if source_id == target_id:
            raise ValidationError("A relation links two different codes.")
        with self._store.write("relate codes") as tx:
            s = tx.session
            found = set(s.scalars(select(Code.id).where(Code.id.in_([source_id, target_id]))))
            for code_id in (source_id, target_id):
                if code_id not in found:
                    raise NotFoundError("code", code_id)
            if s.scalar(select(RelationType.id).where(RelationType.id == type_id)) is None:
                raise NotFoundError("relation type", type_id)
            relation = RelationInfo(0, guid or str(uuid.uuid4()), source_id, target_id, type_id, memo, datetime.now())
            relation_id = s.execute(
                insert(Relation)
                .values(
                    guid=relation.guid,
                    source_id=source_id,
                    target_id=target_id,
                    type_id=type_id,
                    memo=memo,
                    created_by=tx.coder_id,
                    created_at=relation.created_at,
                )
                .returning(Relation.id)
            ).scalar_one()
            tx.detail = f"relation {relation_id}: {source_id} -[{type_id}]-> {target_id}"
            tx.touch(Topic.RELATIONS, codes=[source_id, target_id])
        return replace(relation, id=relation_id)

    def set_memo(self, relation_id: int, memo: str) -> str:
        """Returns the memo as it was."""
        with self._store.write("edit relation memo") as tx:
            old = tx.session.scalar(select(Relation.memo).where(Relation.id == relation_id))
            if old is None:
                raise NotFoundError("relation", relation_id)
            tx.session.execute(update(Relation).where(Relation.id == relation_id).values(memo=memo))
            tx.touch(Topic.RELATIONS)
        return old

    def delete(self, relation_id: int) -> RelationInfo:
        with self._store.write("delete relation") as tx:
            row = tx.session.execute(select(*_COLUMNS).where(Relation.id == relation_id)).one_or_none()
            if row is None:
                raise NotFoundError("relation", relation_id)
            tx.session.execute(delete(Relation).where(Relation.id == relation_id))
            tx.touch(Topic.RELATIONS, codes=[row.source_id, row.target_id])
        return RelationInfo(**row._asdict())

    def positions(self) -> dict[int, tuple[float, float]]:
        """Where each code's box sits on the relations diagram."""
        with self._store.read() as s:
            return {
                row.code_id: (row.x, row.y)
                for row in s.execute(select(DiagramPosition.code_id, DiagramPosition.x, DiagramPosition.y))
            }

    def set_positions(self, positions: Mapping[int, tuple[float, float]]) -> dict[int, tuple[float, float]]:
        """Place codes' boxes on the diagram; returns where those boxes were before (absent: never placed)."""
        with self._store.write("arrange the relations diagram") as tx:
            ids = list(positions)
            before = {
                row.code_id: (row.x, row.y)
                for row in tx.session.execute(
                    select(DiagramPosition.code_id, DiagramPosition.x, DiagramPosition.y).where(
                        DiagramPosition.code_id.in_(ids)
                    )
                )
            }
            statement = insert_or_update(tx.session, DiagramPosition, key=("code_id",), update=("x", "y"))
            for code_id, (x, y) in positions.items():
                tx.session.execute(statement.values(code_id=code_id, x=x, y=y))
            tx.touch(Topic.RELATIONS)
        return before
