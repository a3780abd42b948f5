"""Round-trip cases: revising a document's text (a correction, a speaker renamed, a corrected file)."""

from __future__ import annotations

from pathlib import Path

from app.model.project import Project
from app.model.revisions.reimport import plan_reimport
from app.model.revisions.revision_service import RevisionService
from app.model.search.searching import search
from tests.unit.history_projects import Finder
from tests.unit.roundtrip_harness import Step, case


@case("correct_text")
def correct_text(p: Project, find: Finder, tmp: Path) -> Step:
    document_id, start, end = find.span("Emoji", "Supervision")
    coded = find.codings("Caseload")[0]

    def check(_: object) -> None:
        moved = p.codings.get(coded.id)
        assert p.documents.text(document_id)[moved.start : moved.end] == "caseload 😀😀 is heavy"
        assert len(search(p, "Mentoring").hits) == 1
        assert [v.description for v in RevisionService(p.store).versions(document_id)] == [f"corrected text at {start}"]

    return Step(lambda: p.edits.correct_text(document_id, start, end, "Mentoring, really,"), check)


@case("rename_speaker_label")
def rename_speaker_label(p: Project, find: Finder, tmp: Path) -> Step:
    document_id = find.document("Emoji").id
    speaker = next(s for s in p.documents.speakers(document_id) if s.label == "P2")
    coded = find.codings("Caseload")[0]

    def check(_: object) -> None:
        text = p.documents.text(document_id)
        assert "\nCase manager 3: The caseload" in text
        moved = p.codings.get(coded.id)
        assert text[moved.start : moved.end] == "caseload 😀😀 is heavy"
        assert [s.label for s in p.documents.speakers(document_id)] == ["Case manager 3", "P1"]

    return Step(lambda: p.edits.rename_speaker_label(speaker.id, "Case manager 3"), check)


@case("replace_with_corrected")
def replace_with_corrected(p: Project, find: Finder, tmp: Path) -> Step:
    document_id = find.document("Emoji").id
    corrected = tmp / "corrected.txt"
    corrected.write_text("P1: Supervision 😀 helps a lot. 我们的督导很好。\nP2: The caseload 😀😀 is heavy.\n", "utf-8")
    plan = plan_reimport(p, document_id, corrected)
    coded = find.codings("Caseload")[0]

    def check(_: object) -> None:
        moved = p.codings.get(coded.id)
        assert p.documents.text(document_id)[moved.start : moved.end] == "caseload 😀😀 is heavy"
        assert len(search(p, "lot").hits) == 1

    return Step(lambda: p.edits.replace_with_corrected(plan), check)


@case("join_turns")
def join_turns(p: Project, find: Finder, tmp: Path) -> Step:
    document_id = find.document("Emoji").id
    first = p.documents.turns(document_id)[0]

    def check(_: object) -> None:
        text = p.documents.text(document_id)
        assert [text[t.start : t.end] for t in p.documents.turns(document_id)] == [
            "Supervision 😀 helps. 我们的督导很好。 The caseload 😀😀 is heavy."
        ]

    return Step(lambda: p.edits.join_turns(first.id), check)


@case("split_turn")
def split_turn(p: Project, find: Finder, tmp: Path) -> Step:
    document_id = find.document("Emoji").id
    first = p.documents.turns(document_id)[0]
    at = p.documents.text(document_id).index("我们")

    def check(_: object) -> None:
        text = p.documents.text(document_id)
        assert text.startswith("P1: Supervision 😀 helps.\nP3: 我们的督导很好。\n")
        assert [s.label for s in p.documents.speakers(document_id)] == ["P1", "P2", "P3"]

    return Step(lambda: p.edits.split_turn(first.id, at, "P3"), check)
