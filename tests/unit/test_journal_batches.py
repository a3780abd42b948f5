"""An import's paragraphs and turns go into the log as one batch each, not a row each: the log stays a few entries
long however long the transcript, and undo, redo, reopening and replay still give back exactly the same file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.model.core.dto import NewCoding
from app.model.core.errors import ConcurrentEditError
from app.model.documents.importing import FilePlan
from app.model.history.replay import replay
from app.model.project import Project
from app.model.storage import journal
from app.model.storage.journal import RowChange
from app.model.storage.journal_schema import Schema
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


def test_rows_trading_a_unique_value_are_written_back_though_set_in_place_would_collide(tmp_path: Path) -> None:
    """Undo and redo set changed columns in place, grouped by the columns that change; when that order would put
    two rows on one unique name for a moment, the rows are taken out and put back instead."""
    with Project.create(tmp_path / "p.axial", coder="Ann") as project:
        for name in ("Vo", "Beta", "Alpha"):
            project.edits.create_case(name)
        cases = {c.name: c.id for c in project.cases.all()}
        with project.store.write("set up", applying_changes=True) as tx:
            raw = tx.session.connection().connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            rows = Schema().bind(raw).of("case").rows(raw, [(str(i),) for i in cases.values()])
            image = {int(key[0]): row for key, row in rows.items()}

            def renamed(case: str, name: str, description: str = "") -> RowChange:
                before = image[cases[case]]
                return RowChange("case", before, {**before, "name": f"'{name}'", "description": f"'{description}'"})

            # In order: Vo → Vx (and its description), Beta → Gamma, then Alpha → Beta (and its description).
            journal.apply(
                tx.session,
                [renamed("Vo", "Vx", "b"), renamed("Beta", "Gamma"), renamed("Alpha", "Beta", "b")],
                forward=True,
            )
        assert {c.id: c.name for c in project.cases.all()} == {
            cases["Vo"]: "Vx",
            cases["Beta"]: "Gamma",
            cases["Alpha"]: "Beta",
        }


def test_an_autocode_logs_its_codings_as_one_entry_and_undo_takes_them_back_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken_at_once: list[bool] = []
    undo_batch = journal._undo_batch

    def watched(*args: Any, **kwargs: Any) -> bool:
        taken_at_once.append(undo_batch(*args, **kwargs))
        return taken_at_once[-1]

    monkeypatch.setattr(journal, "_undo_batch", watched)
    path = tmp_path / "p.axial"
    with Project.create(path, coder="Ann") as project:
        project.edits.import_documents([FilePlan(_transcript(tmp_path))])
        [document] = project.documents.all()
        code = project.edits.create_code("Supervision")
        before = dump(project)
        spans = [NewCoding(document.id, code.id, start, start + 10) for start in range(0, 3000, 20)]
        added = project.edits.autocode("Autocode", lambda: project.codings.add_many(spans))
        after = dump(project)
        assert added == len(spans) == len(after.tables["coding"].rows)
        assert _entries(path)["coding"] == 1

        project.history.undo()
        assert taken_at_once == [True]
        assert_same(dump(project), before, "undo")
        project.history.redo()
        assert_same(dump(project), after, "redo")
        project.history.undo()
        assert taken_at_once == [True, True]  # the redone rows are the batch again
        assert_same(dump(project), before, "undo after redo")


def test_a_batch_with_a_row_removed_since_is_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "p.axial"
    with Project.create(path, coder="Ann") as project:
        project.edits.import_documents([FilePlan(_transcript(tmp_path))])
        [document] = project.documents.all()
        code = project.edits.create_code("Supervision")
        spans = [NewCoding(document.id, code.id, start, start + 10) for start in range(0, 400, 20)]
        project.edits.autocode("Autocode", lambda: project.codings.add_many(spans))
        other = sqlite3.connect(path)  # another program removes one of the codings
        with other:
            other.execute("DELETE FROM coding WHERE id = (SELECT min(id) FROM coding)")
        other.close()
        changed = dump(project)
        with pytest.raises(ConcurrentEditError):
            project.history.undo()
        assert_same(dump(project), changed, "a refused undo")
