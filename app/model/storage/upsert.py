"""Inserts that meet a row already there: skip it, or update it.

SQLite and PostgreSQL both say this as `INSERT ... ON CONFLICT`, each through its own SQLAlchemy construct (both
exist without a driver installed); the session's dialect chooses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import Insert, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.model.core.entities import Base

Target = Table | type[Base]

_INSERTS: dict[str, Callable[[Target], sqlite.Insert | postgresql.Insert]] = {
    "sqlite": sqlite.insert,
    "postgresql": postgresql.insert,
}


def insert_or_ignore(session: Session, target: Target) -> Insert:
    """An INSERT that skips each row repeating a unique key already there; RETURNING gives only the rows added."""
    return _insert(session, target).on_conflict_do_nothing()


def insert_or_update(session: Session, target: Target, *, key: Sequence[str], update: Sequence[str]) -> Insert:
    """An INSERT that, where a row with the same `key` is there, sets that row's `update` columns to the new values."""
    statement = _insert(session, target)
    changed = {name: statement.excluded[name] for name in update}
    return statement.on_conflict_do_update(index_elements=list(key), set_=changed)


def _insert(session: Session, target: Target) -> sqlite.Insert | postgresql.Insert:
    dialect = session.get_bind().dialect.name
    if dialect not in _INSERTS:
        raise NotImplementedError(f"Axial cannot write upserts for the {dialect} database")
    return _INSERTS[dialect](target)
