"""The Project facade: one open `.axial` file, its services, and the rules for opening and closing it safely.

Opening checks, in order, without modifying anything until all pass: the header (an Axial project, not from a
newer Axial, not cut short), the single-writer lock, SQLite's integrity check. An older file is copied aside and
then upgraded in one transaction. A rolling backup is taken in the background so opening stays fast.
"""

from __future__ import annotations

import getpass
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path
from types import TracebackType

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from app.model.cases.case_service import CaseService
from app.model.codes.code_service import CodeService
from app.model.codes.relation_service import RelationService
from app.model.codings.coder_service import CoderService, coder_name
from app.model.codings.coding_service import CodingService
from app.model.core.changes import Changes, Topic
from app.model.core.dto import AuditInfo, CoderInfo, ProjectInfo
from app.model.core.entities import AuditEntry, Case, Code, Coder, Coding, Document, Framework, Memo, ProjectMeta
from app.model.core.errors import DiskFullError, ProjectFileError, ReadOnlyError
from app.model.deidentify.pseudonym_service import PseudonymService
from app.model.documents.document_service import DocumentService
from app.model.frameworks.framework_service import FrameworkService
from app.model.groups.group_service import GroupService
from app.model.history.edits import Edits
from app.model.history.operations import History
from app.model.memos.memo_service import MemoService
from app.model.storage import compact, health, migrations, scrub
from app.model.storage.backup import backup_dir, copy_database, rolling_backup
from app.model.storage.disk import READ_ONLY_MEDIUM, storage_errors, translated, writable_location
from app.model.storage.search_index import ensure_index
from app.model.storage.sqlite_file import AXIAL_APPLICATION_ID, check_is_project, open_checked
from app.model.storage.unit_of_work import Store, make_engine
from app.model.storage.writer_lock import LockOwner, ProjectLock

EXTENSION = ".axial"
DEFAULT_BACKUPS_KEPT = 5


class Project:
    def __init__(self, path: Path, store: Store, lock: ProjectLock | None, revision: int) -> None:
        self.path = path
        self.store = store
        self._lock = lock
        self._revision = revision
        self._backup_thread: threading.Thread | None = None
        self.backup_error: str | None = None
        self.last_backup: Path | None = None
        self.upgraded_from: int | None = None
        self._coder_names: dict[int, str] = {}
        # Opened under the coder who last changed it, no one having said who works: their blind coding is theirs
        # to see by, not a reason to leave the others' codings out of what someone else reads or exports.
        self._coder_assumed = False
        store.subscribe(self._forget_coder_names)  # a coder renamed, or the rename undone
        self.documents = DocumentService(store)
        self.cases = CaseService(store)
        self.codes = CodeService(store)
        self.codings = CodingService(store)
        self.team = CoderService(store)
        self.memos = MemoService(store)
        self.relations = RelationService(store)
        self.frameworks = FrameworkService(store)
        self.groups = GroupService(store)
        self.pseudonyms = PseudonymService(store)
        self.history = History(store)
        self.edits = Edits(self)

    # --- creating and opening ------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, *, name: str | None = None, coder: str | None = None) -> Project:
        """Make a new, empty project file (built aside and moved into place whole) and open it."""
        path = Path(path)
        if path.exists():
            raise ProjectFileError(path, "already exists; choose another name or open it")
        if not path.parent.is_dir():
            raise ProjectFileError(path, f"cannot be created: the folder {path.parent} does not exist")
        partial = path.with_name(f".{path.name}.creating")
        partial.unlink(missing_ok=True)
        try:
            conn = sqlite3.connect(partial, isolation_level=None)
            try:
                conn.execute(f"PRAGMA application_id = {AXIAL_APPLICATION_ID}")
                migrations.upgrade(conn)
                conn.execute(
                    "INSERT INTO project (id, name, created_at) VALUES (1, ?, ?)",
                    (name or path.stem, datetime.now().isoformat(" ")),
                )
                conn.execute("PRAGMA journal_mode = WAL")
            finally:
                conn.close()
            partial.replace(path)
        except (OSError, sqlite3.Error) as error:
            partial.unlink(missing_ok=True)
            full = isinstance(translated(path, error), DiskFullError)
            reason = "the disk is full" if full else getattr(error, "strerror", None) or error
            raise ProjectFileError(path, f"cannot be created ({reason})") from None
        return cls.open(path, coder=coder, backups=0)

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        coder: str | None = None,
        read_only: bool = False,
        backups: int = DEFAULT_BACKUPS_KEPT,
        choose_coder: bool = False,
    ) -> Project:
        """Open a project for work; `read_only` needs no lock and never writes. Raises `ProjectFileError`.

        Without a `coder`, changes are recorded under the project's own coder, or the login name when it has
        none; with `choose_coder` no one is taken: the caller asks who is coding and calls `use_coder` first."""
        path = Path(path)
        header = check_is_project(path, migrations.HEAD)
        because = ""
        if not read_only and not writable_location(path):
            read_only, because = True, READ_ONLY_MEDIUM
        # On a read-only medium SQLite cannot make its shared-memory file; with no log to replay, none is needed.
        immutable = read_only and not writable_location(path) and not _log_beside(path)
        lock = None if read_only else ProjectLock.acquire(path)
        engine = None
        try:
            with storage_errors(path):
                conn = open_checked(path, read_only=read_only, immutable=immutable)
                try:
                    revision = header.user_version
                    if revision < migrations.HEAD:
                        if read_only:
                            raise ProjectFileError(
                                path,
                                "was saved by an older version of Axial and must be opened for writing once to upgrade",
                            )
                        _upgrade(conn, path, revision)
                    if not read_only:
                        conn.execute("PRAGMA journal_mode = WAL")
                        ensure_index(conn)
                finally:
                    conn.close()
                engine = make_engine(path, read_only=read_only, immutable=immutable)
                project = cls(
                    path, Store(path, engine, read_only=read_only, read_only_because=because), lock, migrations.HEAD
                )
                project.upgraded_from = revision if revision < migrations.HEAD else None
                if coder is not None or not choose_coder:
                    named = coder or _ACTING_CODER.get()
                    project.use_coder(named or project.own_coder() or _default_coder())
                    project._coder_assumed = named is None
                if not read_only:
                    project.history.forget_old()
        except BaseException:
            if engine is not None:
                engine.dispose()
            if lock is not None:
                lock.release()
            raise
        if not read_only and backups > 0:
            project._start_backup(backups)
        return project

    def use_coder(self, name: str) -> None:
        """Record later changes under this coder's name (added to the project's coders if new), and show what they
        may see (only their own codings while they code blind)."""
        self._coder_assumed = False
        coders = CoderService(self.store)
        self.store.coder_name = coder_name(name)
        self.store.coder_id = coders.find(name) if self.store.read_only else coders.ensure(name)

    def own_coder(self) -> str | None:
        """The project's coder: who last changed it (the audit trail), else the coder it was created for."""
        with self.store.read() as s:
            last = s.scalar(
                select(AuditEntry.coder)
                .join(Coder, Coder.name == AuditEntry.coder)
                .order_by(AuditEntry.id.desc())
                .limit(1)
            )
            return last or s.scalar(select(Coder.name).order_by(Coder.id).limit(1))

    def _start_backup(self, keep: int) -> None:
        def run() -> None:
            try:
                self.last_backup = rolling_backup(self.path, keep)
            except (OSError, sqlite3.Error) as error:
                self.backup_error = f"The backup of {self.path.name} could not be written: {error}"

        self._backup_thread = threading.Thread(target=run, name="axial-backup", daemon=True)
        self._backup_thread.start()

    def wait_for_backup(self) -> None:
        if self._backup_thread is not None:
            self._backup_thread.join()

    # --- using ---------------------------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def read_only_because(self) -> str:
        """Why a project asked for writing was opened read-only ('' when it was asked for read-only, or is not)."""
        return self.store.read_only_because

    @property
    def lock_replaced(self) -> LockOwner | None:
        """The crashed session whose stale lock this one took over, if any."""
        return None if self._lock is None else self._lock.stale_owner

    def subscribe(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Call `listener` after every committed change; returns the function that unsubscribes it."""
        return self.store.subscribe(listener)

    def coders(self) -> list[CoderInfo]:
        return self.team.all()

    @property
    def coder_id(self) -> int | None:
        """The coder whose changes are recorded now (None until one is chosen)."""
        return self.store.coder_id

    def shown_coders(self, wanted: frozenset[int] | None) -> frozenset[int] | None:
        """Whose codings the views show when `wanted` (None: everyone's) are asked for: the coder's own only
        while they code blind (when the coder was named: see `_coder_assumed`)."""
        return wanted if self._coder_assumed else self.team.shown(self.store.coder_id, wanted)

    def _forget_coder_names(self, changes: Changes) -> None:
        if Topic.PROJECT in changes.topics:
            self._coder_names.clear()
            coder_id = self.store.coder_id
            if coder_id is not None:  # the coder now renamed (or the rename undone): later changes go by the new name
                with self.store.read() as s:
                    name = s.scalar(select(Coder.name).where(Coder.id == coder_id))
                self.store.coder_name = name or self.store.coder_name

    def coder_name(self, coder_id: int | None) -> str:
        if coder_id is None:
            return "unknown coder"
        if coder_id not in self._coder_names:
            with self.store.read() as s:
                self._coder_names[coder_id] = (
                    s.scalar(select(Coder.name).where(Coder.id == coder_id)) or "unknown coder"
                )
        return self._coder_names[coder_id]

    def info(self) -> ProjectInfo:
        with self.store.read() as s:
            meta = s.execute(select(ProjectMeta.name, ProjectMeta.created_at, ProjectMeta.default_framework_id)).one()
            framework = (
                s.scalar(select(Framework.name).where(Framework.id == meta.default_framework_id))
                if meta.default_framework_id is not None
                else None
            )

            def count(entity: type[Document] | type[Code] | type[Coding] | type[Case] | type[Memo]) -> int:
                return s.scalar(select(func.count()).select_from(entity)) or 0

            return ProjectInfo(
                path=str(self.path),
                name=meta.name,
                created_at=meta.created_at,
                schema_revision=self._revision,
                read_only=self.read_only,
                coder=self.store.coder_name,
                documents=count(Document),
                codes=count(Code),
                codings=count(Coding),
                cases=count(Case),
                memos=count(Memo),
                default_framework=framework,
            )

    def audit(self, limit: int = 100) -> list[AuditInfo]:
        with self.store.read() as s:
            rows = s.execute(
                select(AuditEntry.at, AuditEntry.coder, AuditEntry.action, AuditEntry.detail)
                .order_by(AuditEntry.id.desc())
                .limit(limit)
            ).all()
        return [AuditInfo(**row._asdict()) for row in rows]

    def check(self) -> list[str]:
        """The full check (b-trees, foreign keys, stored text, search index); an empty list means the file is sound."""
        with self.store.engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            return health.problems(raw, read_only=self.read_only)

    def rebuild_search_index(self) -> None:
        """Build the search index again from the documents' text (what `check` offers when the index is damaged)."""
        if self.read_only:
            raise ReadOnlyError(self.read_only_because)
        with self.store.engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            with storage_errors(self.path):
                health.rebuild_search_index(raw)

    @staticmethod
    def scrub_copy(path: Path, emptied: Collection[str]) -> None:
        """In a closed, de-identified copy, empty the `emptied` tables and the pseudonym table, then vacuum."""
        scrub.scrub_copy(path, emptied)

    @staticmethod
    def compact_copy(path: Path) -> None:
        """Rewrite a closed copy whole, so rows deleted from it leave nothing in freed pages."""
        compact.compact(path)

    def save_copy_as(self, destination: Path | str) -> Path:
        """Write a consistent copy of the project (never half a file) and keep working in this one."""
        destination = Path(destination)
        if destination.resolve() == self.path.resolve():
            raise ProjectFileError(destination, "is this project itself; choose another name")
        with self.store.engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            try:
                copy_database(raw, destination)
            except (OSError, sqlite3.Error) as error:
                raise ProjectFileError(destination, f"could not be written ({error})") from None
        return destination

    # --- closing -------------------------------------------------------------------------------------------

    def close(self) -> None:
        """Let a write in progress on a worker finish (none starts after), finish the backup, fold the
        write-ahead log into the file, and release the lock."""
        self.store.close_for_writes()
        self.wait_for_backup()
        try:
            if not self.read_only:
                with self.store.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except (DBAPIError, sqlite3.Error):
            pass  # every commit is already in the log, which SQLite replays on the next open
        finally:
            self.store.engine.dispose()
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Project:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def _upgrade(conn: sqlite3.Connection, path: Path, revision: int) -> None:
    """Keep a copy of the file as it was, then apply the newer revisions in one transaction."""
    folder = backup_dir(path)
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d %H%M%S")
    copy_database(conn, folder / f"{path.stem} before upgrade from revision {revision} {stamp}.axial")
    try:
        migrations.upgrade(conn)
    except sqlite3.Error as error:
        raise ProjectFileError(path, f"could not be upgraded ({error}); it was left as it was") from None


def _log_beside(path: Path) -> bool:
    log = path.with_name(path.name + "-wal")
    return log.exists() and log.stat().st_size > 0


_ACTING_CODER: ContextVar[str | None] = ContextVar("acting_coder", default=None)


@contextmanager
def acting_as(coder: str | None) -> Iterator[None]:
    """Projects opened inside without a coder named record changes under `coder` (None: their own coder), as
    `axial --coder NAME COMMAND` asks."""
    token = _ACTING_CODER.set(coder)
    try:
        yield
    finally:
        _ACTING_CODER.reset(token)


def _default_coder() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "coder"
