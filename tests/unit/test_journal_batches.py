"""An import's paragraphs and turns go into the log as one batch each, not a row each: the log stays a few entries
long however long the transcript, and undo, redo, reopening and replay still give back exactly the same file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.model.core.errors import ConcurrentEditError
from app.model.documents.importing import FilePlan
from app.model.history.replay import replay
from app.model.project import Project
from tests.unit.project_dump import assert_same, dump

TURNS = 600


def _entries(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT tbl, count(*) FROM operation_change GROUP BY tbl").fetchall())
    finally:
        conn.close()


def _transcript(folder: Path) -> Path:
    lines = [
        f"{'Interviewer' if i % 2 else 'CM-01'}: Line {i} about supervision and the caseload." for i in range(TURNS)
    ]
    path = folder / "Interview.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_logs_its_paragraphs_and_turns_as_one_entry_each_and_still_round_trips(tmp_path: Path) -> None:
    transcript = _transcript(tmp_path)
    start = tmp_path / "start.axial"
    Project.create(start, coder="Ann").close()
    worked = Path(shutil.copy(start, tmp_path / "worked.axial"))
    with Project.open(worked, backups=0) as project:
        before = dump(project)
        project.edits.import_documents([FilePlan(transcript)])
        after = dump(project)
        assert len(after.tables["paragraph"].rows) == len(after.tables["turn"].rows) == TURNS
        entries = _entries(worked)
        assert entries["paragraph"] == entries["turn"] == 1

        project.history.undo()
        assert_same(dump(project), before, "undo")
        project.history.redo()
        assert_same(dump(project), after, "redo")
    with Project.open(worked, backups=0) as project:  # from the log alone, after reopening
        project.history.undo()
        assert_same(dump(project), before, "undo after reopening")
        project.history.redo()
        assert_same(dump(project), after, "redo after reopening")
        with Project.open(Path(shutil.copy(start, tmp_path / "replayed.axial")), backups=0) as onto:
            assert replay(project, onto=onto) == 5  # do, undo, redo; undo, redo after reopening
            assert_same(dump(onto), dump(project), "replayed")


def test_a_batch_row_changed_by_another_writer_refuses_the_undo_and_changes_nothing(tmp_path: Path) -> None:
    """A batch is checked row by row like any change: undo does not take away a row changed since."""
    path = tmp_path / "p.axial"
    with Project.create(path, coder="Ann") as project:
        project.edits.import_documents([FilePlan(_transcript(tmp_path))])
        other = sqlite3.connect(path)  # another program writing to the same file
        with other:
            other.execute("UPDATE turn SET timestamp_ms = 1000 WHERE id = (SELECT max(id) FROM turn)")
        other.close()
        changed = dump(project)
        with pytest.raises(ConcurrentEditError):
            project.history.undo()
        assert_same(dump(project), changed, "a refused undo")
