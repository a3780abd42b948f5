"""Merging a coder's copy: the copy opened for reading only, checked to be another file, and planned against this
project (`merge_plan`); `Edits.merge_copy` applies the plan as one operation."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from app.model.core.errors import ProjectFileError
from app.model.project import Project
from app.model.teams.contents import read_contents
from app.model.teams.handout import handed_out_to
from app.model.teams.merge_plan import BOTH, COPY, HERE, MergePlan, plan_merge
from app.model.teams.provenance import Changed, changed_since_handout


@contextmanager
def opened_copy(project: Project, other: Path) -> Iterator[Project]:
    """The copy, open for reading only (the coder may still have it open); this project itself is refused."""
    copy = Project.open(other, read_only=True, backups=0)
    try:
        if copy.path.resolve() == project.path.resolve():
            raise ProjectFileError(other, "is this project itself; choose the coder's copy")
        yield copy
    finally:
        copy.close()


def plan_with(project: Project, copy: Project) -> MergePlan:
    changed = changed_since_handout(project, copy)
    removed = {key.split(":", 1)[1] for key in changed.copy if key.startswith("coding-deleted:")} if changed else ()
    plan = plan_merge(read_contents(project), read_contents(copy), copy.path.stem, handed_out_to(copy), removed)
    if changed is None:
        return plan
    return replace(plan, conflicts=tuple(replace(c, changed_in=_side(c.key, changed)) for c in plan.conflicts))


def _side(key: str, changed: Changed) -> str:
    there, here = key in changed.copy, key in changed.here
    return BOTH if there and here else COPY if there else HERE if here else ""


def preview_merge(project: Project, other: Path) -> MergePlan:
    """What merging `other` into the project would do; nothing is written."""
    with opened_copy(project, other) as copy:
        return plan_with(project, copy)
