"""Inserts that meet a row already there: skip it, or update it.

SQLite and PostgreSQL both say this as `INSERT ... ON CONFLICT`, each through its own SQLAlchemy construct (both
exist without a driver installed); the session's dialect chooses.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Insert, Table
from sqlalchemy.orm import Session

from app.model.core.entities import Base
from app.model.core.errors import UnsupportedDatabaseError

Target = Table | type[Base]

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql, sqlite

# The dialect modules are imported when first used: PostgreSQL's costs ~70 ms at start and SQLite projects never
# need it.
_INSERTS = {"sqlite": "sqlalchemy.dialects.sqlite", "postgresql": "sqlalchemy.dialects.postgresql"}


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
        raise UnsupportedDatabaseError(f"Axial cannot write upserts for the {dialect} database")
    insert: sqlite.Insert | postgresql.Insert = importlib.import_module(_INSERTS[dialect]).insert(target)
    return insert
