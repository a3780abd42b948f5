"""Replaying one project's recorded history onto another that started from the same file.

Every step (do, undo, redo) of the source that the target has not seen is written onto the target in order, with
the rows the source recorded, and recorded in the target's history as well: the target ends with the source's
study and can undo it. A step the target has already seen (same operation GUID, same step of it) is skipped, so
replaying twice changes nothing. Each row is checked as it is written back, so a target that drifted from the
source is refused at the first difference, with nothing of that step kept.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import insert, select, update

from app.model.core.entities import Operation, OperationChange, OperationStep
from app.model.core.errors import AxialError
from app.model.history.row_changes import touch_changed
from app.model.project import Project
from app.model.storage import journal


@dataclass(frozen=True)
class _Step:
    operation: Operation
    kind: str
    ordinal: int  # which step of its operation this is (0 for the do)
    changes: list[journal.RowChange]


def replay(source: Project, onto: Project) -> int:
    """Write `source`'s steps that `onto` lacks onto it; returns how many were written."""
    seen = _steps_seen(onto)
    steps = [step for step in _steps(source) if (step.operation.guid, step.ordinal) not in seen]
    try:
        for step in steps:
            _write(onto, step)
    finally:
        onto.history.changed()
    return len(steps)


def _steps_seen(project: Project) -> set[tuple[str, int]]:
    with project.store.read() as s:
        rows = s.execute(
            select(Operation.guid)
            .join(OperationStep, OperationStep.operation_id == Operation.id)
            .order_by(OperationStep.id)
        ).scalars()
        counts: Counter[str] = Counter()
        seen = set()
        for guid in rows:
            seen.add((guid, counts[guid]))
            counts[guid] += 1
        return seen


def _steps(project: Project) -> list[_Step]:
    with project.store.read() as s:
        rows = s.execute(select(OperationStep.kind, Operation).join(Operation).order_by(OperationStep.id)).all()
        counts: Counter[int] = Counter()
        steps = []
        for kind, operation in rows:
            if not operation.kept:
                raise AxialError(
                    f"{project.path.name}: “{operation.label}” is too old to replay (its rows are no longer kept)"
                )
            steps.append(
                _Step(operation, kind, counts[operation.id], journal.resolved(s, journal.recorded(s, operation.id)))
            )
            counts[operation.id] += 1
        return steps


def _write(onto: Project, step: _Step) -> None:
    source = step.operation
    forward = step.kind != "undo"
    with onto.store.write(f"replay: {step.kind} {source.label}", applying_changes=True) as tx:
        operation_id = tx.session.scalar(select(Operation.id).where(Operation.guid == source.guid))
        if operation_id is None:
            operation_id = tx.session.execute(
                insert(Operation)
                .values(
                    guid=source.guid,
                    name=source.name,
                    label=source.label,
                    params=source.params,
                    coder=source.coder,
                    at=source.at,
                    state=source.state,
                    touched=source.touched,
                    kept=True,
                )
                .returning(Operation.id)
            ).scalar_one()
            tx.session.execute(
                insert(OperationChange),
                [
                    {"operation_id": operation_id, "tbl": c.table, "before": _text(c.before), "after": _text(c.after)}
                    for c in step.changes
                ],
            )
        journal.apply(tx.session, step.changes, forward=forward)
        touch_changed(tx, step.changes, forward=forward)
        state = "done" if forward else "undone"
        if step.kind == "do":
            tx.session.execute(update(Operation).where(Operation.state == "undone").values(state="discarded"))
        tx.session.execute(update(Operation).where(Operation.id == operation_id).values(state=state))
        tx.session.execute(
            insert(OperationStep).values(operation_id=operation_id, kind=step.kind, coder=source.coder, at=source.at)
        )


def _text(image: dict[str, str] | None) -> str | None:
    return None if image is None else journal.image_text(image)
