"""A revised document's text in the log: the import keeps its text by reference, the revision copies the old text
into its before-image, and a replay onto the starting file writes the imported text first, then the revisions (a
corrected file's original bytes, kept by reference too, likewise)."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.model.documents.importing import FilePlan
from app.model.history.replay import replay
from app.model.project import Project
from app.model.revisions.reimport import plan_reimport
from tests.unit.project_dump import assert_same, dump

WORDS = "Supervision helped with the caseload every single week, and the team noticed. " * 50


def test_an_import_then_a_revision_replays_onto_the_start_as_the_same_file(tmp_path: Path) -> None:
    transcript = tmp_path / "Interview.txt"
    transcript.write_text(f"Interviewer: How was it?\nCM-01: {WORDS}\n", encoding="utf-8")
    start = tmp_path / "start.axial"
    Project.create(start, coder="Ann").close()
    with (
        Project.open(Path(shutil.copy(start, tmp_path / "worked.axial")), backups=0) as project,
        Project.open(Path(shutil.copy(start, tmp_path / "replayed.axial")), backups=0) as onto,
    ):
        project.edits.import_documents([FilePlan(transcript)])
        [document] = project.documents.all()
        text = project.documents.text(document.id)
        code = project.edits.create_code("Caseload")
        at = text.index("caseload")
        project.edits.apply_coding(document.id, code.id, at, at + len("caseload every single week"))
        project.edits.correct_text(document.id, 0, len("Interviewer"), "Researcher")
        helped = project.documents.text(document.id).index("helped")
        project.edits.correct_text(document.id, helped, helped + len("helped"), "helps")
        assert project.documents.text(document.id).startswith("Researcher: How was it?\nCM-01: Supervision helps")
        corrected = tmp_path / "Interview (corrected).txt"
        corrected.write_text(project.documents.text(1).replace("the team noticed", "the team saw it"), "utf-8")
        project.edits.replace_with_corrected(plan_reimport(project, document.id, corrected))
        project.history.undo()
        project.history.redo()
        assert replay(project, onto=onto) == 8
        assert_same(dump(onto), dump(project), "replayed")
