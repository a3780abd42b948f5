"""Coders: the people whose codings and memos a project records, each with a colour of their own."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, insert, or_, select

from app.model.codes.code_service import PALETTE
from app.model.core.entities import Coder
from app.model.core.errors import ValidationError
from app.model.storage.unit_of_work import Store


def coder_name(name: str) -> str:
    """A coder's name as stored: runs of white space as one space; an empty name is refused."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("A coder needs a name.")
    return name


class CoderService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def find(self, name: str) -> int | None:
        """The id of the coder of this name, if the project has one."""
        with self._store.read() as s:
            found = s.scalar(select(Coder.id).where(Coder.name == coder_name(name)))
        return None if found is None else int(found)

    def ensure(self, name: str, *, guid: str | None = None) -> int:
        """The id of the coder with this GUID, else with this name; one is added (with `guid`) if neither is here."""
        name = coder_name(name)
        same = Coder.name == name if guid is None else or_(Coder.guid == guid, Coder.name == name)
        with self._store.read() as s:
            # A GUID match comes first: the same person may go by another name in another project.
            found = s.scalars(select(Coder.id).where(same).order_by((Coder.guid == guid).desc()).limit(1)).first()
        if found is not None:
            return int(found)
        with self._store.write(f"add coder {name!r}") as tx:
            count = tx.session.scalar(select(func.count()).select_from(Coder)) or 0
            coder_id = tx.session.execute(
                insert(Coder)
                .values(
                    guid=guid or str(uuid.uuid4()),
                    name=name,
                    colour=PALETTE[count % len(PALETTE)],
                    created_at=datetime.now(),
                )
                .returning(Coder.id)
            ).scalar_one()
            tx.detail = f"coder {coder_id}"
        return int(coder_id)
