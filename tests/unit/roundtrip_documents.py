"""Round-trip cases: memos and documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.model.core.dto import MemoTarget
from app.model.documents.importing import FilePlan
from app.model.project import Project
from app.model.search.searching import search
from tests.unit.history_projects import Finder
from tests.unit.roundtrip_harness import Step, case, equal

# --- memos ---------------------------------------------------------------------------------------------------


@case("add_memo")
def add_memo(p: Project, find: Finder, tmp: Path) -> Step:
    case_id = p.cases.all()[0].id

    def check(memo: Any) -> None:
        assert p.memos.get(memo.id).target == MemoTarget(case_id=case_id)

    return Step(lambda: p.edits.add_memo(MemoTarget(case_id=case_id), "About CM-01", "Body 😀"), check)


@case("edit_memo")
def edit_memo(p: Project, find: Finder, tmp: Path) -> Step:
    memo = p.memos.all(MemoTarget(code_id=find.code("Caseload").id))[0]
    return Step(
        lambda: p.edits.edit_memo(memo.id, body="Rewritten"), lambda _: equal(p.memos.get(memo.id).body, "Rewritten")
    )


# --- documents -----------------------------------------------------------------------------------------------


@case("import_documents")
def import_documents(p: Project, find: Finder, tmp: Path) -> Step:
    transcript = tmp / "Site visit.txt"
    transcript.write_text("Interviewer: What helps?\nCM-02: Weekly supervision helps.\n", encoding="utf-8")
    plans = [FilePlan(transcript, case_names=("CM-02",), speaker_cases={"CM-02": "CM-02"})]

    def check(_: Any) -> None:
        assert find.document("Site visit").case_ids
        assert len(search(p, "weekly").hits) == 2  # the new document's words are in the search index

    return Step(lambda: p.edits.import_documents(plans), check)


@case("delete_documents")
def delete_documents(p: Project, find: Finder, tmp: Path) -> Step:
    # A document with codings, a case, a memo, speakers and turns, and words in the search index.
    plain = find.document("Plain").id
    return Step(
        lambda: p.edits.delete_documents([plain]),
        lambda _: equal((plain in {d.id for d in p.documents.all()}, search(p, "mostly").hits), (False, [])),
    )
