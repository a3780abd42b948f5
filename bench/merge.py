"""Merging a coder's copy back into the large project (issue 19: under 15 s for a copy holding 75,000 codings).

Not timed: a copy of the project handed out to a second coder, who codes every passage the first coded with moved
boundaries (75,000 codings of their own, beside the first coder's 75,000 the copy also holds). Timed, each run on
a fresh copy of the project: the whole merge (both files read, the plan made, the second coder's codings written
as one undoable step), checked to have added every one of them; then its undo, checked to leave the project's
codings as they were.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from functools import partial
from pathlib import Path

from sqlalchemy import func, select

from app.model.core.dto import NewCoding
from app.model.core.entities import Coding, Document
from app.model.project import Project
from app.model.teams.handout import hand_out
from app.model.teams.merge_apply import MergeReport

from .fresh import project_copy
from .measure import Figure, Timings

SECOND = "Second coder"


def _second_coder(copy: Path, seed: int = 19) -> int:
    """The second coder's codings, in their copy: each of the first coder's with moved boundaries."""
    rng = random.Random(seed)
    with Project.open(copy, backups=0) as project:
        with project.store.read() as s:
            lengths = dict(s.execute(select(Document.id, Document.length)).tuples().all())
            rows = s.execute(select(Coding.document_id, Coding.code_id, Coding.start, Coding.end)).all()
        spans = set()
        for document_id, code_id, start, end in rows:
            start = min(lengths[document_id] - 1, max(0, start + rng.randrange(-30, 31)))
            end = min(lengths[document_id], max(start + 1, end + rng.randrange(-30, 31)))
            spans.add(NewCoding(document_id, code_id, start, end))
        return project.codings.apply_many(sorted(spans, key=lambda s: (s.document_id, s.start, s.end, s.code_id)))


def _merged(expected: int, project: Project, report: MergeReport) -> bool:
    total = _count(project)
    if report.codings != expected:
        raise AssertionError(f"{report.codings:,} codings merged, not {expected:,}")
    return project.history.undo_label() == f"Merge {SECOND.lower().replace(' ', '-')}" and total >= 2 * expected


def run(large: Path, out: Path) -> list[Figure]:
    folder = Path(tempfile.mkdtemp(prefix="axial-bench-merge-"))
    copy = folder / f"{SECOND.lower().replace(' ', '-')}.axial"
    try:
        with project_copy(large) as lead_file, Project.open(lead_file, backups=0) as lead:
            hand_out(lead, copy, SECOND)
        added = _second_coder(copy)
        merges, undos = Timings("merge a coder's copy"), Timings("undo the merge")
        for _ in range(3):
            with project_copy(large) as lead_file, Project.open(lead_file, backups=0) as lead:
                before = _count(lead)
                merges.measure(partial(lead.edits.merge_copy, copy), partial(_merged, added, lead))
                undos.measure(lead.history.undo, partial(_back_to, before, lead))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    workload = f"a copy holding {added:,} new codings of a second coder beside the project's own"
    return [
        merges.figure("merge a coder's copy: plan and one undoable step", workload, "< 15000", basis="wall"),
        undos.figure("Edit ▸ Undo of that merge", workload, basis="wall"),
    ]


def _back_to(count: int, project: Project, _: object) -> bool:
    return _count(project) == count


def _count(project: Project) -> int:
    with project.store.read() as s:
        return s.scalar(select(func.count()).select_from(Coding)) or 0
