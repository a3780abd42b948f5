"""The engine and the unit of work every service call runs in.

`read()` gives a session for queries. `write(action)` gives a transaction that either commits whole or leaves
nothing behind; it records an audit entry in the same transaction and, after the commit, tells subscribers what
changed. Writes are serialised within the process; the project lock keeps other processes out.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Row, create_engine, event
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from app.model.core.changes import ChangeCollector, Changes, Topic
from app.model.core.entities import Base
from app.model.core.errors import ReadOnlyError
from app.model.storage import journal
from app.model.storage.disk import storage_errors
from app.model.storage.sqlite_file import database_uri

Listener = Callable[[Changes], None]
# A result row of any shape; services turn rows into DTOs by column name.
AnyRow = Row[*tuple[Any, ...]]


def connect(path: Path, *, read_only: bool, immutable: bool = False) -> sqlite3.Connection:
    """A raw connection with Axial's settings; SQLAlchemy and the migrations both use it."""
    uri = database_uri(path, read_only=read_only, immutable=immutable)
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    # WAL: readers never block the writer. NORMAL: a commit survives an application crash; only a power cut
    # can lose the last commits, and never corrupts the file.
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA cache_size = -16384")  # 16 MB per connection: the OS caches the file as well
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def make_engine(path: Path, *, read_only: bool, immutable: bool = False) -> Engine:
    # A queue of connections, each lent to one user at a time, whichever thread: the desktop reads on the GUI
    # thread while exports, searches and imports run on workers. (For this URL SQLAlchemy would otherwise keep
    # one connection per thread for a handful of threads, closing others' connections under them.)
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=lambda: connect(path, read_only=read_only, immutable=immutable),
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=12,
    )

    # pysqlite's own transaction handling is off (isolation_level None), so begin explicitly: this makes
    # DDL and DML alike part of the transaction.
    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


@dataclass
class Tx:
    """A write in progress: the session, the changes being collected, and the audit line to record."""

    session: Session
    changes: ChangeCollector
    coder_id: int | None
    detail: str = ""

    def touch(self, *topics: Topic, documents: tuple[int, ...] | list[int] | set[int] = (), codes: Any = ()) -> None:
        self.changes.touch(*topics, documents=documents, codes=codes)

    def insert_rows(
        self, entity: type[Base], rows: Sequence[Mapping[str, object]], *, skip_repeats: bool = False
    ) -> int:
        """Insert many new rows of one table at once (their ids chosen by SQLite), logged for undo as one batch;
        `skip_repeats` leaves out each row repeating a unique key already there. Returns the largest id before:
        the rows added are those above it."""
        table = Base.metadata.tables[entity.__tablename__]
        columns = list(rows[0]) if rows else []
        # The columns' own conversions (dates) where they have one; the ORM's bulk insert cost a fifth of an import.
        dialect = self.session.get_bind().dialect
        convert = [table.c[column].type.bind_processor(dialect) for column in columns]
        values = [
            [value if to is None else to(value) for value, to in zip((row[c] for c in columns), convert, strict=True)]
            for row in rows
        ]
        return journal.insert_batch(self.session, table.name, columns, values, skip_repeats=skip_repeats)


class Store:
    def __init__(self, path: Path, engine: Engine, *, read_only: bool, read_only_because: str = "") -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self.read_only_because = read_only_because
        self.coder_name = ""
        self.coder_id: int | None = None
        self._write_lock = threading.RLock()
        self._local = threading.local()  # the write in progress on each thread
        self._listeners: list[Listener] = []
        self._closed = False

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; inside a write on this thread, the write's own (so it sees what it wrote)."""
        writing: Tx | None = getattr(self._local, "tx", None)
        if writing is not None:
            yield writing.session
            return
        with storage_errors(self.path), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self, action: str, *, applying_changes: bool = False) -> Iterator[Tx]:
        """One transaction: commits when the block ends, rolls back entirely if it raises.

        A write opened inside another on the same thread joins it: one transaction, one audit line, the changes
        told once. `applying_changes` (undo, redo, replay) writes recorded rows back as they were, so the
        foreign keys' actions (cascades, SET NULL) stay off; the journal checks the keys of the rows it writes.
        A full or failing disk surfaces as `StorageError` with nothing of the transaction kept.
        """
        if self.read_only:
            raise ReadOnlyError(self.read_only_because)
        outer: Tx | None = getattr(self._local, "tx", None)
        if outer is not None:
            with self._nested(outer) as tx:
                yield tx
            return
        with self._write_lock:
            if self._closed:
                raise ReadOnlyError("it is being closed")
            with storage_errors(self.path), self.engine.connect() as connection:
                if applying_changes:
                    journal.foreign_key_actions(connection, on=False)
                try:
                    with Session(connection, expire_on_commit=False) as session, session.begin():
                        tx = Tx(session, ChangeCollector(), self.coder_id)
                        self._local.tx = tx
                        try:
                            yield tx
                            journal.audit(session, self.coder_name, action, tx.detail)
                        finally:
                            self._local.tx = None
                finally:
                    if applying_changes:
                        journal.foreign_key_actions(connection, on=True)
            changes = tx.changes.freeze(action)
        if changes.topics:
            self._publish(changes)

    @contextmanager
    def _nested(self, outer: Tx) -> Iterator[Tx]:
        """A write inside a write: a savepoint, so a refusal caught by the caller undoes just its own part.

        The savepoint is SQLite's own statement on the connection: SQLAlchemy's nested transaction cost more than
        a small edit, and services keep no ORM state a rollback to it would have to expire.
        """
        tx = Tx(outer.session, ChangeCollector(), outer.coder_id)
        raw = outer.session.connection().connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        self._local.tx = tx
        raw.execute("SAVEPOINT nested_write")
        try:
            yield tx
        except BaseException:
            raw.execute("ROLLBACK TO nested_write")
            raise
        finally:
            raw.execute("RELEASE nested_write")
            self._local.tx = outer
        outer.changes.merge(tx.changes)
        outer.detail = "; ".join(d for d in (outer.detail, tx.detail) if d)

    def in_write(self) -> bool:
        """Whether this thread is inside a write (so a new write would join it)."""
        return getattr(self._local, "tx", None) is not None

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` after every committed change; returns the function that unsubscribes it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _publish(self, changes: Changes) -> None:
        for listener in list(self._listeners):
            listener(changes)

    def close_for_writes(self) -> None:
        """Wait for the write in progress, on whatever thread, to commit or roll back; refuse every later one."""
        with self._write_lock:
            self._closed = True
