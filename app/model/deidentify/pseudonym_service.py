"""The project's stored pseudonym table (original → pseudonym), which every de-identification uses so the same
original always gets the same pseudonym. It stays in the working project: a de-identified copy drops it and no
export reads it; the originals leave it only for the key file the user chooses."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from app.model.core.changes import Topic
from app.model.core.entities import Pseudonym as PseudonymRow
from app.model.core.errors import ConflictError, NotFoundError, ValidationError
from app.model.deidentify.pseudonyms import Pseudonym, PseudonymTable, holds, key, merged, propose
from app.model.storage import scrub
from app.model.storage.unit_of_work import Store


@dataclass(frozen=True)
class PseudonymInfo:
    id: int
    original: str
    pseudonym: str
    kind: str


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int  # originals already in the table given another pseudonym


class PseudonymService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def all(self) -> list[PseudonymInfo]:
        """The table in the order its rows were added."""
        with self._store.read() as s:
            rows = s.execute(
                select(PseudonymRow.id, PseudonymRow.original, PseudonymRow.pseudonym, PseudonymRow.kind).order_by(
                    PseudonymRow.id
                )
            ).all()
        return [PseudonymInfo(**row._asdict()) for row in rows]

    def table(self) -> PseudonymTable:
        return PseudonymTable(tuple(Pseudonym(p.original, p.pseudonym, p.kind) for p in self.all()))

    def add(self, original: str, pseudonym: str = "", kind: str = "person") -> PseudonymInfo:
        """A new row; a blank pseudonym is proposed from the kind. An original already in the table (whatever its
        letter case) is refused: it has its pseudonym."""
        original, kind = _line(original, "An original"), _line(kind or "person", "A kind")
        current = self.all()
        if any(key(p.original) == key(original) for p in current):
            raise ConflictError(f"“{original}” is in the table already: change its pseudonym there.")
        pseudonym = pseudonym.strip() or propose(kind, (p.pseudonym for p in current), original)
        _check_pair(original, pseudonym)
        with self._store.write(f"add pseudonym {pseudonym!r}") as tx:
            new_id = tx.session.execute(
                insert(PseudonymRow).values(**_row(original, pseudonym, kind)).returning(PseudonymRow.id)
            ).scalar_one()
            tx.detail = f"pseudonym {new_id}"
            tx.touch(Topic.PROJECT)
        return self.get(new_id)

    def get(self, pseudonym_id: int) -> PseudonymInfo:
        found = next((p for p in self.all() if p.id == pseudonym_id), None)
        if found is None:
            raise NotFoundError("pseudonym", pseudonym_id)
        return found

    def change(
        self, pseudonym_id: int, *, original: str | None = None, pseudonym: str | None = None, kind: str | None = None
    ) -> None:
        row = self.get(pseudonym_id)
        new_original = row.original if original is None else _line(original, "An original")
        new_pseudonym = row.pseudonym if pseudonym is None else _line(pseudonym, _BLANK_PSEUDONYM)
        new_kind = row.kind if kind is None else _line(kind, "A kind")
        if any(key(p.original) == key(new_original) for p in self.all() if p.id != pseudonym_id):
            raise ConflictError(f"“{new_original}” is in the table already.")
        _check_pair(new_original, new_pseudonym)
        with self._store.write(f"change pseudonym {pseudonym_id}") as tx:
            tx.session.execute(
                update(PseudonymRow)
                .where(PseudonymRow.id == pseudonym_id)
                .values(original=new_original, pseudonym=new_pseudonym, kind=new_kind)
            )
            tx.detail = f"pseudonym {pseudonym_id}"
            tx.touch(Topic.PROJECT)

    def set_identifying(self, pseudonym_id: int, identifying: bool) -> None:
        """Not identifying: the row stays, with no pseudonym, so its original is never replaced and seeding the
        table from the cases and speakers does not add it back. Identifying again: a pseudonym is proposed."""
        row = self.get(pseudonym_id)
        if identifying == bool(row.pseudonym):
            return
        others = (p.pseudonym for p in self.all() if p.id != pseudonym_id)
        pseudonym = propose(row.kind, others, row.original) if identifying else ""
        with self._store.write(f"mark pseudonym {pseudonym_id} {'' if identifying else 'not '}identifying") as tx:
            tx.session.execute(update(PseudonymRow).where(PseudonymRow.id == pseudonym_id).values(pseudonym=pseudonym))
            tx.detail = f"pseudonym {pseudonym_id}"
            tx.touch(Topic.PROJECT)

    def remove(self, pseudonym_id: int) -> None:
        self.get(pseudonym_id)
        with self._store.write(f"remove pseudonym {pseudonym_id}") as tx:
            tx.session.execute(delete(PseudonymRow).where(PseudonymRow.id == pseudonym_id))
            tx.detail = f"pseudonym {pseudonym_id}"
            tx.touch(Topic.PROJECT)

    def add_many(self, rows: Iterable[tuple[str, str, str]]) -> ImportResult:
        """Rows (original, pseudonym or "" to propose one, kind) added; an original already there keeps its
        pseudonym unless the row gives another."""
        current = self.all()
        entries, changed = merged([Pseudonym(p.original, p.pseudonym, p.kind) for p in current], rows)
        new = entries[len(current) :]
        for entry in (*new, *changed):
            _check_pair(entry.original, entry.pseudonym)
        ids = {key(p.original): p.id for p in current}
        if not new and not changed:
            return ImportResult(0, 0)
        with self._store.write(f"import {len(new)} pseudonyms") as tx:
            for entry in new:
                tx.session.execute(insert(PseudonymRow).values(**_row(entry.original, entry.pseudonym, entry.kind)))
            for entry in changed:
                tx.session.execute(
                    update(PseudonymRow)
                    .where(PseudonymRow.id == ids[key(entry.original)])
                    .values(pseudonym=entry.pseudonym)
                )
            tx.touch(Topic.PROJECT)
        return ImportResult(len(new), len(changed))

    def replace_elsewhere(self, replace: Callable[[str], str], done: Collection[tuple[str, str]]) -> int:
        """Inside the operation that de-identifies: every study value outside `done` (case descriptions, attribute
        values, the project's name…) through `replace`, earlier versions' texts and the original files emptied of
        the originals. The pseudonym table itself is left, and the undo log keeps what undo needs."""
        with self._store.write("de-identify other values") as tx:
            # The driver's own connection, which storage's scrubbing speaks to; the domain names no SQLite construct.
            driver: Any = tx.session.connection().connection.driver_connection
            count = scrub.replace_in_study(driver, replace, done)
            tx.touch(*Topic)
        return count


_BLANK_PSEUDONYM = "A pseudonym (to keep an original that names nobody, mark it Not Identifying instead)"


def _line(text: str, what: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ValidationError(f"{what} cannot be blank.")
    return text


def _check_pair(original: str, pseudonym: str) -> None:
    """A pseudonym that holds its original would put the original back wherever it replaces it."""
    if holds(pseudonym, original):
        raise ValidationError(f"The pseudonym “{pseudonym}” holds its original “{original}”: choose another.")


def _row(original: str, pseudonym: str, kind: str) -> dict[str, object]:
    return {
        "guid": str(uuid.uuid4()),
        "original": original,
        "pseudonym": pseudonym,
        "kind": kind,
        "created_at": datetime.now(),
    }
