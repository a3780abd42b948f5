"""Round-trip cases: consensus on a disagreement between two coders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.model.agreement.consensus import CONSENSUS, Resolution
from app.model.project import Project
from tests.unit.history_projects import Finder
from tests.unit.roundtrip_harness import Step, case, equal


@case("resolve_disagreement")
def resolve_disagreement(p: Project, find: Finder, tmp: Path) -> Step:
    # A second coder codes the same passage a little wider; the union is recorded by a consensus coder made new.
    first = find.codings("Caseload")[0]
    p.use_coder("Second")
    second = p.codings.apply(first.document_id, first.code_id, max(0, first.start - 3), first.end)

    def check(added: Any) -> None:
        equal(added, 1)
        consensus = next(c.id for c in p.coders() if c.name == CONSENSUS)
        (made,) = [c for c in find.codings("Caseload") if c.coder_id == consensus]
        equal((made.start, made.end), (second.start, first.end))

    return Step(
        lambda: p.edits.resolve_disagreement(
            first.document_id, first.code_id, [first.id], [second.id], Resolution.UNION
        ),
        check,
    )
