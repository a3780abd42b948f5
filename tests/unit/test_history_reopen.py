"""Undo and redo survive closing the project, and an undo over rows changed since is refused, not forced."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from app.model.core.errors import ConcurrentEditError
from app.model.project import Project
from tests.unit.history_projects import Finder, build_starting, open_copy
from tests.unit.history_session import Session
from tests.unit.project_dump import assert_same, dump

EDITS = 120
UNDONE_AFTER_REOPENING = 100


@pytest.fixture(scope="module")
def start(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_starting(tmp_path_factory.mktemp("start"))


def test_the_last_hundred_edits_undo_and_redo_after_reopening(start: Path, tmp_path: Path) -> None:
    project = open_copy(start, tmp_path)
    states = [dump(project)]  # states[i]: the file after i edits
    with project, Session(project, random.Random(120)) as session:
        for _ in range(EDITS):
            session.edit()
            states.append(dump(project))

    with Project.open(project.path, backups=0) as reopened:
        history = reopened.history
        assert history.can_undo()
        assert not history.can_redo()
        for done in range(EDITS, EDITS - UNDONE_AFTER_REOPENING, -1):
            assert history.undo() is not None, f"edit {done} could not be undone after reopening"
            assert_same(dump(reopened), states[done - 1], f"undoing edit {done}")
        assert history.can_redo()
    undone_to = EDITS - UNDONE_AFTER_REOPENING

    with Project.open(project.path, backups=0) as again:
        history = again.history
        for done in range(undone_to + 1, undone_to + 4):
            assert history.redo() is not None
            assert_same(dump(again), states[done], f"redoing edit {done} after reopening")
        # A new edit after undoing discards what could have been redone.
        with Session(again, random.Random(1)) as session:
            session.edit()
        assert not history.can_redo()
        assert again.check() == []


def test_undo_over_a_rename_made_since_is_refused(start: Path, tmp_path: Path) -> None:
    with open_copy(start, tmp_path) as project:
        find = Finder(project)
        caseload, colour = find.code("Caseload").id, find.code("Caseload").colour
        project.edits.recolour_code(caseload, "#000001")
        code = find.code("Supervision").id
        project.edits.rename_code(code, "Oversight")
        project.codes.rename(code, "Guidance")  # another writer, not through the history
        _refused_changes_nothing(project)
        assert project.codes.get(code).name == "Guidance"
        # The refused step is dropped; the one before it still undoes.
        assert project.history.undo() is not None
        assert project.codes.get(caseload).colour == colour


def test_undo_over_a_memo_edited_since_is_refused(start: Path, tmp_path: Path) -> None:
    with open_copy(start, tmp_path) as project:
        memo = project.memos.all()[0].id
        project.edits.edit_memo(memo, body="Mine")
        project.memos.update(memo, body="Theirs")
        _refused_changes_nothing(project)
        assert project.memos.get(memo).body == "Theirs"


def test_undo_over_bounds_changed_since_is_refused(start: Path, tmp_path: Path) -> None:
    with open_copy(start, tmp_path) as project:
        coding = Finder(project).codings("Supervision")[0]
        project.edits.set_bounds(coding.id, coding.start, coding.end - 1)
        project.codings.set_bounds(coding.id, coding.start + 1, coding.end - 1)
        _refused_changes_nothing(project)


def test_undo_of_a_coding_removed_since_is_refused(start: Path, tmp_path: Path) -> None:
    with open_copy(start, tmp_path) as project:
        document, begin, end = Finder(project).span("Plain", "How is it?")
        coding = project.edits.apply_coding(document, Finder(project).code("Supervision").id, begin, end)
        project.codings.remove(coding.id)
        _refused_changes_nothing(project)


def test_redo_over_a_change_made_since_is_refused(start: Path, tmp_path: Path) -> None:
    with open_copy(start, tmp_path) as project:
        code = Finder(project).code("Caseload").id
        project.edits.rename_code(code, "Cases")
        project.history.undo()
        project.codes.rename(code, "Clients")
        before, label = dump(project), project.history.redo_label()
        with pytest.raises(ConcurrentEditError):
            project.history.redo()
        assert_same(dump(project), before)
        assert project.history.redo_label() in (label, None)


def test_a_refused_undo_is_refused_after_reopening_too(start: Path, tmp_path: Path) -> None:
    with open_copy(start, tmp_path) as project:
        code = Finder(project).code("Supervision").id
        project.edits.rename_code(code, "Oversight")
        project.codes.rename(code, "Guidance")
    with Project.open(project.path, backups=0) as reopened:
        _refused_changes_nothing(reopened)


def _refused_changes_nothing(project: Project) -> None:
    before = dump(project)
    with pytest.raises(ConcurrentEditError):
        project.history.undo()
    assert_same(dump(project), before, "a refused undo changed the file")
