"""Round-trip cases: merging a coder's copy back (new codes, codings, a case, a memo and a taken conflict, one step)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.model.core.dto import MemoTarget
from app.model.project import Project
from app.model.teams.handout import hand_out
from app.model.teams.merging import preview_merge
from tests.unit.history_projects import Finder
from tests.unit.roundtrip_harness import Step, case


@case("merge_copy")
def merge_copy(p: Project, find: Finder, tmp: Path) -> Step:
    copy = hand_out(p, tmp / "ana.axial", "Ana").path
    caseload = find.code("Caseload")
    with Project.open(copy, backups=0) as ana:
        document = ana.documents.all()[0].id
        trust = ana.edits.create_code("Trust").id
        ana.edits.apply_coding(document, trust, 0, 5)
        ana.edits.apply_coding(document, caseload.id, 1, 4)
        ana.edits.rename_code(caseload.id, "Case load")
        ana.edits.create_case("Ana's case")
        ana.edits.add_memo(MemoTarget(code_id=trust), "Trust", "New from Ana.")
    [conflict] = preview_merge(p, copy).conflicts

    def check(report: Any) -> None:
        assert (report.codes, report.codings, report.cases, report.memos, report.taken) == (1, 2, 1, 1, 1)
        assert find.code("Case load").id == caseload.id
        assert preview_merge(p, copy).changes_nothing()

    return Step(lambda: p.edits.merge_copy(copy, [conflict.key]), check)
