"""File ▸ Versions of This Document…: every version of the open document listed (as imported, then each change,
when, by whom, what); one saved as a text file; going back to one replaces the text through the corrected-version
path, the coding following, one undo step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.model.documents.importing import FilePlan
from app.model.project import Project
from app.ui.revisions.review_dialog import ReviewDialog
from app.ui.revisions.versions_dialog import VersionsDialog
from app.ui.shell.main_window import MainWindow

BSR = Path(__file__).parents[1] / "data" / "transcripts" / "otter_deidentified" / "BSR01 interview.txt"
PASSAGE = "Everything lands on a shared drive first."


@pytest.fixture
def project(window: MainWindow, tmp_path: Path) -> Project:
    shutil.copy(BSR, tmp_path / "BSR01.txt")
    project = Project.create(tmp_path / "study.axial", coder="Ann")
    project.edits.import_documents([FilePlan(tmp_path / "BSR01.txt")])
    code = project.edits.create_code("Data")
    at = project.documents.text(1).index(PASSAGE)
    project.edits.apply_coding(1, code.id, at, at + len(PASSAGE))
    at = project.documents.text(1).index("shared drive")
    project.edits.correct_text(1, at, at + len("shared"), "common")  # version 1
    window.adopt(project)
    return project


def _rows(dialog: VersionsDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def _coded(project: Project) -> str:
    [coding] = project.codings.for_document(1)
    return project.documents.text(1)[coding.start : coding.end]


def test_the_versions_are_listed_and_one_is_saved_as_text(qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    dialog = VersionsDialog(project, 1)
    qtbot.addWidget(dialog)
    rows = _rows(dialog)
    assert [r[0] for r in rows] == ["0", "1"]
    assert rows[0][3] == "as imported"
    assert rows[1][2] == "Ann"
    assert rows[1][3].startswith("corrected text at ")
    assert not dialog.go_back_button.isEnabled()  # the latest version is the text as it is
    dialog.table.selectRow(0)
    assert dialog.go_back_button.isEnabled()
    dialog.choose_file = lambda suggested: str(tmp_path / suggested)
    assert dialog.save_text()
    assert (tmp_path / "BSR01 version 0.txt").read_text("utf-8") == project_text_as_imported(tmp_path)


def project_text_as_imported(folder: Path) -> str:
    with Project.create(folder / "fresh.axial", coder="Ann") as fresh:
        fresh.edits.import_documents([FilePlan(folder / "BSR01.txt")])
        return fresh.documents.text(1)


def test_going_back_to_the_imported_text_moves_the_coding_and_undoes_as_one_step(
    qtbot: QtBot, window: MainWindow, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _coded(project) == "Everything lands on a common drive first."
    monkeypatch.setattr(ReviewDialog, "exec", lambda self: 1)
    dialog = VersionsDialog(project, 1, window)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    assert dialog.go_back()
    assert _coded(project) == PASSAGE
    assert [r[3] for r in _rows(dialog)] == ["as imported", _rows(dialog)[1][3], "replaced with version 0.txt"]
    assert _rows(dialog)[2][4] == _rows(dialog)[0][4]  # the same text as imported, by its hash
    assert window.undo_action.text() == "&Undo Replace with version 0.txt"
    project.history.undo()
    assert _coded(project) == "Everything lands on a common drive first."


def test_the_menu_entry_needs_an_open_document(window: MainWindow, project: Project) -> None:
    told: list[str] = []
    window.tell = lambda title, text: told.append(text)
    assert window.workspace is not None
    window.workspace.viewer.document_id = None
    window.versions_action.trigger()
    assert told == ["Open a document first."]


def test_the_review_says_one_change_in_the_singular(
    qtbot: QtBot, window: MainWindow, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []

    def answer(self: ReviewDialog) -> int:
        said.append(self.summary.text())
        return 0  # cancelled: nothing changes

    monkeypatch.setattr(ReviewDialog, "exec", answer)
    dialog = VersionsDialog(project, 1, window)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    assert not dialog.go_back()
    assert said[0].startswith("1 change found in the corrected file.")
    assert _coded(project) == "Everything lands on a common drive first."
