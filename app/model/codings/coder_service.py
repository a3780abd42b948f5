"""Coders: the people whose codings and memos a project records, each with a GUID, a name, initials and a colour
of their own, and a switch to code blind (the other coders' codings and counts hidden from them)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session

from app.model.codes.code_service import PALETTE
from app.model.core.changes import Topic
from app.model.core.dto import CoderInfo
from app.model.core.entities import Coder, Coding
from app.model.core.errors import ConflictError, NotFoundError, ValidationError
from app.model.storage.unit_of_work import Store, Tx

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_COLUMNS = (Coder.id, Coder.name, Coder.colour, Coder.guid, Coder.initials, Coder.blind)
INITIALS_LENGTH = 4  # the column's width: initials sit in the margin beside each coding


def coder_name(name: str) -> str:
    """A coder's name as stored: runs of white space as one space; an empty name is refused."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("A coder needs a name.")
    return name


def initials_of(name: str) -> str:
    """Initials a name suggests: the first letter of each word, up to four ("Maya Brooks" → "MB"); one word
    gives its first two letters ("maya" → "MA")."""
    words = [w for w in re.split(r"[\s\-_.]+", name) if w]
    letters = "".join(w[0] for w in words) if len(words) > 1 else "".join(words)[:2]
    return letters[:INITIALS_LENGTH].upper()


def clean_initials(initials: str) -> str:
    """Initials as stored: no spaces, upper case, one to four characters."""
    initials = "".join(initials.split()).upper()
    if not initials:
        raise ValidationError("A coder's initials cannot be empty.")
    if len(initials) > INITIALS_LENGTH:
        raise ValidationError(f"Initials are at most {INITIALS_LENGTH} characters ({initials!r} is longer).")
    return initials


class CoderService:
    def __init__(self, store: Store) -> None:
        self._store = store

    # --- reading -------------------------------------------------------------------------------------------

    def all(self) -> list[CoderInfo]:
        """Every coder, by name."""
        with self._store.read() as s:
            rows = s.execute(select(*_COLUMNS).order_by(Coder.name)).all()
        return [CoderInfo(**row._asdict()) for row in rows]

    def get(self, coder_id: int) -> CoderInfo:
        with self._store.read() as s:
            return _get(s, coder_id)

    def find(self, name: str) -> int | None:
        """The id of the coder of this name, if the project has one."""
        with self._store.read() as s:
            found = s.scalar(select(Coder.id).where(Coder.name == coder_name(name)))
        return None if found is None else int(found)

    def codings_by(self, coder_id: int) -> int:
        """How many codings this coder made."""
        with self._store.read() as s:
            return s.scalar(select(func.count()).select_from(Coding).where(Coding.coder_id == coder_id)) or 0

    def shown(self, viewer_id: int | None, wanted: frozenset[int] | None) -> frozenset[int] | None:
        """Whose codings a coder sees when they ask for `wanted` (None: everyone's): only their own while they
        code blind, whatever they ask for. None means no restriction."""
        if viewer_id is None:
            return wanted
        with self._store.read() as s:
            blind = s.scalar(select(Coder.blind).where(Coder.id == viewer_id))
        return frozenset({viewer_id}) if blind else wanted

    # --- writing -------------------------------------------------------------------------------------------

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
                    initials=initials_of(name),
                    colour=PALETTE[count % len(PALETTE)],
                    created_at=datetime.now(),
                )
                .returning(Coder.id)
            ).scalar_one()
            tx.detail = f"coder {coder_id}"
        return int(coder_id)

    def rename(self, coder_id: int, name: str) -> CoderInfo:
        """Give a coder another name; a name another coder has is refused (their codings would become one's)."""
        name = coder_name(name)
        with self._store.write("rename coder") as tx:
            _get(tx.session, coder_id)
            other = tx.session.scalar(select(Coder.id).where(Coder.name == name, Coder.id != coder_id))
            if other is not None:
                raise ConflictError(
                    f"Another coder is already called “{name}”: each coder needs a name of their own "
                    "(give one a middle initial or a surname)."
                )
            return _set(tx, coder_id, name=name)

    def set_initials(self, coder_id: int, initials: str) -> CoderInfo:
        initials = clean_initials(initials)
        with self._store.write("set coder initials") as tx:
            return _set(tx, coder_id, initials=initials)

    def set_colour(self, coder_id: int, colour: str) -> CoderInfo:
        if not _COLOUR.match(colour):
            raise ValidationError(f"{colour!r} is not a colour (expected #RRGGBB).")
        with self._store.write("set coder colour") as tx:
            return _set(tx, coder_id, colour=colour.upper())

    def set_blind(self, coder_id: int, blind: bool) -> CoderInfo:
        with self._store.write("code blind" if blind else "compare with other coders") as tx:
            return _set(tx, coder_id, blind=blind)


def _set(tx: Tx, coder_id: int, **values: object) -> CoderInfo:
    _get(tx.session, coder_id)
    tx.session.execute(update(Coder).where(Coder.id == coder_id).values(**values))
    tx.detail = f"coder {coder_id}: " + ", ".join(f"{k} {v!r}" for k, v in values.items())
    tx.touch(Topic.PROJECT)  # the status bar, and what a blind coder may see
    return _get(tx.session, coder_id)


def _get(s: Session, coder_id: int) -> CoderInfo:
    row = s.execute(select(*_COLUMNS).where(Coder.id == coder_id)).one_or_none()
    if row is None:
        raise NotFoundError("coder", coder_id)
    return CoderInfo(**row._asdict())
