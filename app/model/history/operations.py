"""The project's history: running a user action as one recorded operation, and undoing and redoing it.

`run` opens one transaction, records the operation (who, when, what, its arguments), lets the journal capture every
row it changes, and keeps the GUIDs of what it touched. An operation started inside another joins it, so a
create-and-apply is one step. Undo and redo write the recorded rows back through the journal, which refuses
when a row was changed since. The history lives in the project file, so it survives closing and reopening.

Linear history: doing something new after an undo discards what could have been redone.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import delete, select, update

from app.model.core.changes import Changes
from app.model.core.dto import OperationInfo
from app.model.core.entities import Operation, OperationChange
from app.model.core.errors import AxialError, ConcurrentEditError
from app.model.history.row_changes import touch_changed
from app.model.storage import journal
from app.model.storage.journal_schema import Schema
from app.model.storage.unit_of_work import Store, Tx

T = TypeVar("T")

# Operations whose row changes are kept (and so can be undone after reopening); older ones keep only their record.
KEPT = 1000


class History:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._local = threading.local()  # the operation in progress on each thread
        self._schema = Schema()
        # The next step to undo and to redo, as read last (None: read again); the Edit menu asks after every change.
        self._next_steps: dict[bool, tuple[int, str, bool] | None] = {}
        # Told of every commit before the desktop is (it subscribes first), so what the Edit menu reads is fresh.
        store.subscribe(lambda _: self.changed())

    # --- doing ---------------------------------------------------------------------------------------------

    def run(self, label: str, name: str, params: Mapping[str, object], do: Callable[[], T]) -> T:
        """Do `do` as one operation and return its result; inside another operation it becomes part of that one."""
        with self.operation(label, name, params):
            return do()

    @contextmanager
    def operation(self, label: str, name: str, params: Mapping[str, object] | None = None) -> Iterator[None]:
        """Everything written inside is one operation: one transaction, one step to undo."""
        if getattr(self._local, "id", None) is not None:
            yield
            return
        try:
            with self.store.write(label) as tx:
                operation_id = self._begin(tx, label, name, params or {})
                self._local.id = operation_id
                try:
                    yield
                finally:
                    self._local.id = None
                self._finish(tx, operation_id, label)
        except BaseException:
            self._local.next_steps = None  # not committed: what it would have said no longer holds
            raise

    def _begin(self, tx: Tx, label: str, name: str, params: Mapping[str, object]) -> int:
        return journal.open_operation(
            tx.session,
            guid=str(uuid.uuid4()),
            name=name,
            label=label,
            params=json.dumps(params, default=str, ensure_ascii=False, sort_keys=True),
            coder=self.store.coder_name,
        )

    def _finish(self, tx: Tx, operation_id: int, label: str) -> None:
        if journal.close_operation(tx.session, operation_id):
            # Known without asking the file: this is what undo takes back next, and nothing is left to redo.
            self._local.next_steps = {True: (operation_id, label, True), False: None}

    # --- undoing and redoing -------------------------------------------------------------------------------

    def undo(self) -> Changes | None:
        """Undo the latest operation still done; None when there is none. Refused whole if its rows changed since."""
        return self._replay_latest(undo=True)

    def redo(self) -> Changes | None:
        return self._replay_latest(undo=False)

    def _replay_latest(self, *, undo: bool) -> Changes | None:
        target = self._next(undo=undo)
        if target is None:
            return None
        operation_id, label, kept = target
        if not kept:
            raise AxialError(f"“{label}” is too old to undo: only the last {KEPT} actions are kept.")
        verb = "Undo" if undo else "Redo"
        published: list[Changes] = []
        unsubscribe = self.store.subscribe(published.append)
        try:
            self._write_back(operation_id, label, verb, undo=undo)
        except ConcurrentEditError:
            self._discard(operation_id)  # it can never apply again; what comes before it still can
            raise
        finally:
            unsubscribe()
        return published[0] if published else None

    def _write_back(self, operation_id: int, label: str, verb: str, *, undo: bool) -> None:
        try:
            with self.store.write(f"{verb} {label}", applying_changes=True) as tx:
                changes = journal.recorded(tx.session, operation_id)
                journal.apply(tx.session, changes, forward=not undo, schema=self._schema)
                touch_changed(tx, changes, forward=not undo)
                journal.set_state(tx.session, operation_id, "undone" if undo else "done")
                self._step(tx, operation_id, "undo" if undo else "redo")
                # What the Edit menu offers next: this step the other way, and the one beyond it (read in the write).
                self._local.next_steps = {not undo: (operation_id, label, True), undo: self._read_next(undo=undo)}
        except BaseException:
            self._local.next_steps = None
            self.changed()  # whatever the file now holds, read the next steps from it
            raise
        if getattr(self._local, "next_steps", None) is not None:
            self.changed()  # no listener was told of the commit: take the next steps now

    def _discard(self, operation_id: int) -> None:
        try:
            with self.store.write("drop a step that can no longer be undone or redone") as tx:
                journal.set_state(tx.session, operation_id, "discarded")
        finally:
            self.changed()

    def changed(self) -> None:
        """The history changed (here, or by a replay onto this project): read the next steps again, unless the
        operation this thread just committed said what they are."""
        self._next_steps = getattr(self._local, "next_steps", None) or {}
        self._local.next_steps = None

    def _next(self, *, undo: bool) -> tuple[int, str, bool] | None:
        if undo not in self._next_steps:
            self._next_steps[undo] = self._read_next(undo=undo)
        return self._next_steps[undo]

    def _read_next(self, *, undo: bool) -> tuple[int, str, bool] | None:
        with self.store.read() as s:
            return journal.next_step(s, undo=undo)

    def undo_label(self) -> str | None:
        target = self._next(undo=True)
        return None if target is None or not target[2] else target[1]

    def redo_label(self) -> str | None:
        target = self._next(undo=False)
        return None if target is None else target[1]

    def can_undo(self) -> bool:
        return self.undo_label() is not None

    def can_redo(self) -> bool:
        return self.redo_label() is not None

    def _step(self, tx: Tx, operation_id: int, kind: str) -> None:
        journal.record_step(tx.session, operation_id, kind, self.store.coder_name)

    # --- reading and keeping -------------------------------------------------------------------------------

    def operations(self, limit: int = 100) -> list[OperationInfo]:
        """The latest operations, newest first."""
        with self.store.read() as s:
            rows = s.execute(select(Operation).order_by(Operation.id.desc()).limit(limit)).scalars().all()
            return [
                OperationInfo(
                    id=r.id,
                    guid=r.guid,
                    name=r.name,
                    label=r.label,
                    params=r.params,
                    coder=r.coder,
                    at=r.at,
                    state=r.state,
                    touched=tuple(json.loads(r.touched)),
                    undoable=r.kept,
                )
                for r in rows
            ]

    def forget_old(self, keep: int = KEPT) -> int:
        """Drop the row changes of all but the latest `keep` operations (their record stays); returns how many."""
        with self.store.read() as s:
            ids = (
                s.execute(select(Operation.id).where(Operation.kept).order_by(Operation.id.desc()).offset(keep))
                .scalars()
                .all()
            )
        if not ids:
            return 0
        with self.store.write(f"forget the row changes of {len(ids)} old actions") as tx:
            tx.session.execute(delete(OperationChange).where(OperationChange.operation_id.in_(ids)))
            tx.session.execute(update(Operation).where(Operation.id.in_(ids)).values(kept=False))
        self.changed()
        return len(ids)
