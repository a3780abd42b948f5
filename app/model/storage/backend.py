"""The backends a project can be stored in, and which one a session is using.

SQLite is the only one today. Its parts are listed here against the interfaces, so mypy checks that they fit and a
second backend (PostgreSQL) is written to the same list and added to `_BY_DIALECT`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.model.core.errors import UnsupportedDatabaseError
from app.model.storage import backup, health, migrations
from app.model.storage.interfaces import (
    Backups,
    Checks,
    EngineFactory,
    FullTextIndex,
    LockFactory,
    Migrations,
    UnitOfWork,
)
from app.model.storage.sqlite_search import Fts5Index
from app.model.storage.unit_of_work import Store, make_engine
from app.model.storage.writer_lock import ProjectLock

# Every backend's engine is used through the one unit of work.
UNIT_OF_WORK: type[UnitOfWork] = Store


@dataclass(frozen=True)
class Backend:
    engines: EngineFactory
    index: FullTextIndex
    backups: Backups
    checks: Checks
    lock: LockFactory
    migrations: Migrations


SQLITE = Backend(
    engines=make_engine,
    index=Fts5Index(),
    backups=backup,
    checks=health,
    lock=ProjectLock,
    migrations=migrations,
)

_BY_DIALECT = {"sqlite": SQLITE}


def backend(session: Session) -> Backend:
    """The backend storing the project this session reads or writes."""
    dialect = session.get_bind().dialect.name
    if dialect not in _BY_DIALECT:
        raise UnsupportedDatabaseError(f"Axial cannot store a project in the {dialect} database")
    return _BY_DIALECT[dialect]


def full_text(session: Session) -> FullTextIndex:
    return backend(session).index
