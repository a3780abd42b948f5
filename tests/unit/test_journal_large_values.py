"""A document's text and original file are kept in the log by reference: an import does not store its transcript
twice, yet undo, redo, reopening and replay give back the same file; a document deleted keeps them in the log."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from app.model.documents.importing import FilePlan
from app.model.history.replay import replay
from app.model.project import Project
from tests.unit.project_dump import assert_same, dump

WORDS = "Supervision helped with the caseload every single week, and the team noticed. " * 400


def _log_bytes(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        query = "SELECT sum(coalesce(length(before), 0) + coalesce(length(after), 0)) FROM operation_change"
        return int(conn.execute(query).fetchone()[0] or 0)
    finally:
        conn.close()


def test_an_import_is_kept_by_reference_and_still_undoes_redoes_and_replays(tmp_path: Path) -> None:
    transcript = tmp_path / "Long interview.txt"
    transcript.write_text(f"Interviewer: How was it?\nCM-01: {WORDS}\n", encoding="utf-8")
    start = tmp_path / "start.axial"
    Project.create(start, coder="Ann").close()
    worked = Path(shutil.copy(start, tmp_path / "worked.axial"))
    with Project.open(worked, backups=0) as project:
        before = dump(project)
        project.edits.import_documents([FilePlan(transcript)])
        after = dump(project)
        assert _log_bytes(worked) < len(WORDS) // 4  # neither the text nor the file copied into the log
        project.history.undo()
        assert_same(dump(project), before, "undo")
        assert _log_bytes(worked) > len(WORDS)  # taken away: now the log holds them, to bring them back
        project.history.redo()
        assert_same(dump(project), after, "redo")
        [document] = project.documents.all()
        project.edits.delete_documents([document.id])
    with Project.open(worked, backups=0) as project:  # after reopening, the deletion undoes from the log
        project.history.undo()
        assert_same(dump(project), after, "undo the deletion")
        with Project.open(Path(shutil.copy(start, tmp_path / "replayed.axial")), backups=0) as onto:
            assert replay(project, onto=onto) == 5  # do, undo, redo of the import; do, undo of the deletion
            assert_same(dump(onto), dump(project), "replayed")


def test_an_import_never_undone_replays_with_its_text_read_from_the_source(tmp_path: Path) -> None:
    transcript = tmp_path / "Interview.txt"
    transcript.write_text(f"Interviewer: And then?\nCM-02: {WORDS}\n", encoding="utf-8")
    start = tmp_path / "start.axial"
    Project.create(start, coder="Ann").close()
    with (
        Project.open(Path(shutil.copy(start, tmp_path / "worked.axial")), backups=0) as project,
        Project.open(Path(shutil.copy(start, tmp_path / "replayed.axial")), backups=0) as onto,
    ):
        project.edits.import_documents([FilePlan(transcript)])
        assert replay(project, onto=onto) == 1
        assert_same(dump(onto), dump(project), "replayed")
        onto.history.undo()  # the replayed step is the target's own, and undoes there
        assert onto.documents.all() == []
