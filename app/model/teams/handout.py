"""Handing a copy of the project to a team member: the same file (every GUID the same, so their work merges back),
opening as their coder, with a history of its own that starts at the hand-out, so nothing in it can be undone
back into the project as it was. A blind copy holds none of the other coders' codings (nor their memos on those
codings, nor their own ratings), not even in the file's freed pages. Built aside and moved into place whole."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, or_, select, update

from app.model.codings.coder_service import CoderService, coder_name
from app.model.core.changes import Topic
from app.model.core.entities import (
    AuditEntry,
    Coder,
    Coding,
    Operation,
    OperationChange,
    OperationStep,
    Pseudonym,
    RaterRating,
)
from app.model.core.errors import ProjectFileError
from app.model.project import EXTENSION, Project

HANDED_OUT = "hand out a copy to "  # the first line of a copy's audit trail, by its coder


@dataclass(frozen=True)
class Handout:
    path: Path
    coder: str
    blind: bool
    codings: int  # the codings the copy holds
    left_out: int  # the other coders' codings a blind copy leaves out


def hand_out(project: Project, destination: Path, coder: str, *, blind: bool = False) -> Handout:
    name = coder_name(coder)
    _check_destination(project, destination)
    # The project knows the coder too, so every copy handed to them carries the one GUID and merges as one person.
    coders = CoderService(project.store)
    if coders.find(name) is None:
        with project.store.write(f"add coder {name!r}") as tx:
            coders.ensure(name)
            tx.touch(Topic.PROJECT)  # the views mark each coder's codings: theirs too, once merged back
    partial = destination.with_name(f".{destination.name}.handout")
    _remove(partial)
    try:
        project.save_copy_as(partial)
        with Project.open(partial, coder=name, backups=0) as copy:
            kept, left_out = _prepare(copy, blind=blind)
        Project.compact_copy(partial)
        partial.replace(destination)
    except BaseException:
        _remove(partial)
        raise
    return Handout(destination, name, blind, kept, left_out)


def handed_out_to(project: Project) -> str | None:
    """The coder a copy was handed out to (its audit trail starts with the hand-out); None for any other project."""
    with project.store.read() as s:
        first = s.execute(select(AuditEntry.coder, AuditEntry.action).order_by(AuditEntry.id).limit(1)).first()
    return first.coder if first is not None and first.action.startswith(HANDED_OUT) else None


def _check_destination(project: Project, destination: Path) -> None:
    if "\0" in str(destination):
        raise ProjectFileError(destination, "cannot be written: its name holds a null character")
    if destination.suffix != EXTENSION:
        raise ProjectFileError(destination, f"a copy's name must end in {EXTENSION}")
    if destination.exists():
        raise ProjectFileError(destination, "exists already; choose a new name (nothing is overwritten)")
    if not destination.parent.is_dir():
        raise ProjectFileError(destination, f"cannot be written: the folder {destination.parent} does not exist")
    if destination.resolve() == project.path.resolve():
        raise ProjectFileError(destination, "is this project itself; choose another name")


def _prepare(copy: Project, *, blind: bool) -> tuple[int, int]:
    """Mark the coder blind or not, leave the others' codings out of a blind copy, and start the history afresh
    (the operation log holds every row it changed, the others' codings among them; the audit trail their counts).
    Outside any operation, so none of this is recorded in the copy's new history."""
    coder_id = copy.store.coder_id
    with copy.store.write(f"{HANDED_OUT}{copy.store.coder_name}") as tx:
        s = tx.session
        s.execute(update(Coder).where(Coder.id == coder_id).values(blind=blind))
        left_out = 0
        if blind:
            others = or_(Coding.coder_id.is_(None), Coding.coder_id != coder_id)
            left_out = s.scalar(select(func.count()).select_from(Coding).where(others)) or 0
            s.execute(delete(Coding).where(others))
            s.execute(delete(RaterRating).where(RaterRating.coder_id != coder_id))
        # The pseudonym table holds the originals de-identification replaces: it stays with the lead's project.
        for entity in (OperationChange, OperationStep, Operation, AuditEntry, Pseudonym):
            s.execute(delete(entity))
        kept = s.scalar(select(func.count()).select_from(Coding)) or 0
        tx.detail = f"{'blind ' if blind else ''}copy with {kept} codings"
    return kept, left_out


def _remove(partial: Path) -> None:
    for path in (partial, *(partial.with_name(partial.name + end) for end in ("-wal", "-shm", "-lock"))):
        path.unlink(missing_ok=True)
