"""What a storage backend supplies to the domain: one protocol per job, each only as wide as the domain's use of it.

SQLite supplies them today (see `backend`); a server backend (PostgreSQL) would supply the same ones, and the
domain would not change. Upserts need no protocol: `upsert` builds them for either dialect from SQLAlchemy's own
constructs. Services reach the database only through a `UnitOfWork`, whatever engine is under it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.model.core.changes import ChangeCollector, Changes, Topic
from app.model.core.search_language import Node, Term
from app.model.storage.writer_lock import LockOwner

# A driver's own connection (sqlite3's today). Only its backend's functions are handed one, so the type is theirs.
RawConnection = Any


class Transaction(Protocol):
    """A write in progress, as services use it: its session, the changes it collects, the audit line it records."""

    @property
    def session(self) -> Session: ...

    @property
    def changes(self) -> ChangeCollector: ...

    @property
    def coder_id(self) -> int | None: ...

    detail: str

    def touch(
        self, *topics: Topic, documents: tuple[int, ...] | list[int] | set[int] = (), codes: Any = ()
    ) -> None: ...


class UnitOfWork(Protocol):
    """Reads, and writes that commit whole or not at all; what every service is given."""

    @property
    def read_only(self) -> bool: ...

    def read(self) -> AbstractContextManager[Session]: ...

    def write(self, action: str) -> AbstractContextManager[Transaction]: ...

    def subscribe(self, listener: Callable[[Changes], None]) -> Callable[[], None]: ...


class EngineFactory(Protocol):
    """The SQLAlchemy engine for a project, with the backend's connection settings."""

    def __call__(self, path: Path, *, read_only: bool, immutable: bool = False) -> Engine: ...


class FullTextIndex(Protocol):
    """Words of every paragraph, kept in step with the documents inside the writing transaction.

    A paragraph is named by its document's id and its ordinal. The index only narrows a search: the domain places
    each hit in the text itself, so an index may find more paragraphs than hold a hit, but never fewer.
    """

    def index(self, session: Session, document_ids: Sequence[int]) -> None: ...

    def unindex(self, session: Session, document_ids: Sequence[int]) -> None:
        """Forget the documents' paragraphs; called while their text is still stored."""

    def matching(
        self, session: Session, query: Node, variants: Mapping[Term, Sequence[Term]]
    ) -> Iterable[tuple[int, int]]:
        """(document id, ordinal) of each paragraph that may hold the query, a term's variants standing in for it."""

    def vocabulary(self, session: Session) -> list[str]:
        """Every distinct word indexed, as the index folds it: where near spellings of a searched word are found."""


class Backups(Protocol):
    """Consistent copies of a project taken while it is open: rolling backups, the copy before an upgrade, and
    'save a copy'."""

    def backup_dir(self, project: Path) -> Path: ...

    def copy_database(self, source: Path | RawConnection, destination: Path) -> None: ...

    def rolling_backup(self, project: Path, keep: int, *, label: str = "") -> Path | None: ...


class Checks(Protocol):
    """The thorough check behind `axial check`, and the repair it offers for a damaged search index."""

    def problems(self, conn: RawConnection, *, read_only: bool) -> list[str]: ...

    def rebuild_search_index(self, conn: RawConnection) -> None: ...


class WriterLock(Protocol):
    """One writer per project, held until released; names a crashed holder it took over from."""

    @property
    def stale_owner(self) -> LockOwner | None: ...

    def release(self) -> None: ...


class LockFactory(Protocol):
    def acquire(self, project: Path) -> WriterLock:
        """Claim the project for writing, or raise `ProjectLockedError` naming who holds it."""


class Migrations(Protocol):
    """The schema's revisions: a project at an older one is upgraded in one transaction."""

    HEAD: int

    def upgrade(self, conn: RawConnection, *, to: int = ...) -> int: ...
