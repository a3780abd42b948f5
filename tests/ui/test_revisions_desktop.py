"""Revising a coded document from the desktop: Correct Text… and Rename Speaker Label… in the viewer's menu,
File ▸ Replace with Corrected Version… with its review list; each one undo step, the viewer following."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.model.core.dto import Span
from app.model.documents.importing import FilePlan
from app.model.project import Project
from app.model.revisions.reimport import plan_reimport
from app.ui.revisions import revision_flows
from app.ui.revisions.review_dialog import ReviewDialog
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace

BSR = Path(__file__).parents[1] / "data" / "transcripts" / "otter_deidentified" / "BSR01 interview.txt"
PASSAGE = "Everything lands on a shared drive first."


@pytest.fixture
def opened(window: MainWindow, tmp_path: Path) -> tuple[Project, Workspace]:
    shutil.copy(BSR, tmp_path / "BSR01.txt")
    project = Project.create(tmp_path / "study.axial", coder="Ann")
    project.edits.import_documents([FilePlan(tmp_path / "BSR01.txt")])
    code = project.edits.create_code("Data")
    at = project.documents.text(1).index(PASSAGE)
    project.edits.apply_coding(1, code.id, at, at + len(PASSAGE))
    window.adopt(project)
    workspace = window.workspace
    assert workspace is not None
    workspace.open_document(1)
    return project, workspace


def _coded(project: Project) -> str:
    [coding] = project.codings.for_document(1)
    return project.documents.text(1)[coding.start : coding.end]


def test_correct_text_follows_in_the_viewer_and_undoes_as_one_step(
    qtbot: QtBot, window: MainWindow, opened: tuple[Project, Workspace], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, workspace = opened
    viewer = workspace.viewer
    at = viewer.text.index("shared drive")
    viewer.select(at, at + len("shared"))

    def answer(dialog: revision_flows.CorrectTextDialog) -> int:
        dialog.replacement.setText("common")
        return 1

    monkeypatch.setattr(revision_flows.CorrectTextDialog, "exec", answer)
    assert viewer.correct_selection()
    qtbot.waitUntil(lambda: "lands on a common drive" in viewer.text)
    assert _coded(project) == "Everything lands on a common drive first."
    assert viewer.view.toPlainText() == project.documents.text(1)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: PASSAGE in viewer.text)
    assert _coded(project) == PASSAGE


def test_rename_speaker_label_from_a_turn(
    qtbot: QtBot, opened: tuple[Project, Workspace], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, workspace = opened
    viewer = workspace.viewer
    at = viewer.text.index("Thanks for joining")
    viewer.select(at, at)
    turn = viewer.speaker_at_cursor()
    assert turn is not None
    assert turn.speaker == "INT"
    monkeypatch.setattr(revision_flows.QInputDialog, "getText", lambda *a, **k: ("Interviewer", True))
    assert viewer.rename_speaker()
    qtbot.waitUntil(lambda: viewer.text.startswith("Interviewer  00:02\n"))
    assert "\nINT  " not in viewer.text
    assert _coded(project) == PASSAGE
    assert "Interviewer" in [s.label for s in project.documents.speakers(1)]


def test_the_review_list_places_or_removes_each_coding_then_replaces_in_one_step(
    qtbot: QtBot, window: MainWindow, opened: tuple[Project, Workspace], tmp_path: Path
) -> None:
    project, workspace = opened
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(BSR.read_text("utf-8").replace(PASSAGE, "All of it is saved to a drive we share."), "utf-8")
    plan = plan_reimport(project, 1, corrected)
    dialog = revision_flows.review_dialog(project, plan, window)
    qtbot.addWidget(dialog)
    assert dialog.items.count() == 1
    assert dialog.summary.text().startswith(f"{len(plan.edits)} change{'' if len(plan.edits) == 1 else 's'} found")
    assert "Everything lands on a shared drive first." in dialog.before.toPlainText()
    assert "All of it is saved to a drive we share." in dialog.after.toPlainText()
    shown = dialog.after.toPlainText()
    low = plan.new_text.index(shown)
    start = shown.index("saved to a drive")
    cursor = dialog.after.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("saved to a drive"), cursor.MoveMode.KeepAnchor)
    dialog.after.setTextCursor(cursor)
    dialog.place_at_selection()
    [coding] = project.codings.for_document(1)
    assert dialog.decisions() == {coding.id: Span(low + start, low + start + 16)}
    assert dialog.items.item(0).text().endswith("placed")
    project.edits.replace_with_corrected(plan, dialog.decisions())
    assert _coded(project) == "saved to a drive"
    qtbot.waitUntil(lambda: "All of it is saved" in workspace.viewer.text)
    dialog.remove()
    assert dialog.decisions() == {coding.id: None}
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: PASSAGE in workspace.viewer.text)
    assert _coded(project) == PASSAGE


def test_file_replace_with_corrected_version(
    qtbot: QtBot, window: MainWindow, opened: tuple[Project, Workspace], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, workspace = opened
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(BSR.read_text("utf-8").replace("shared drive", "common drive"), "utf-8")
    monkeypatch.setattr(revision_flows, "open_name", lambda *a: str(corrected))
    monkeypatch.setattr(ReviewDialog, "exec", lambda self: 1)
    window.replace_action.trigger()
    qtbot.waitUntil(lambda: "common drive" in workspace.viewer.text)
    assert _coded(project) == "Everything lands on a common drive first."
    assert window.undo_action.text() == "&Undo Replace with corrected.txt"


def test_split_a_turn_at_the_cursor_then_join_it_back(
    qtbot: QtBot, window: MainWindow, opened: tuple[Project, Workspace], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, workspace = opened
    viewer = workspace.viewer
    original = viewer.text
    at = viewer.text.index("Everything lands")
    viewer.select(at, at)
    monkeypatch.setattr(revision_flows.QInputDialog, "getItem", lambda *a, **k: ("INT", True))
    assert viewer.split_turn_here()
    qtbot.waitUntil(lambda: "a lot of photos.\n\nINT\nEverything lands" in viewer.text)
    assert _coded(project) == PASSAGE
    turn = next(t for t in project.documents.turns(1) if viewer.text[t.start :].startswith("Everything lands"))
    assert turn.speaker == "INT"
    before = next(t for t in project.documents.turns(1) if t.end <= turn.start and t.end > turn.start - 20)
    viewer.select(before.start, before.start)
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(revision_flows.QMessageBox, "question", lambda *a: yes)  # the next turn is INT's
    assert viewer.join_with_next_turn()
    qtbot.waitUntil(lambda: "a lot of photos. Everything lands" in viewer.text)
    assert _coded(project) == PASSAGE
    window.undo_action.trigger()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: viewer.text == original)


def test_joining_a_turn_of_another_speaker_asks_first(
    qtbot: QtBot, window: MainWindow, opened: tuple[Project, Workspace], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, workspace = opened
    viewer = workspace.viewer
    original = viewer.text
    asked: list[str] = []

    def answer(no_or_yes: QMessageBox.StandardButton) -> None:
        monkeypatch.setattr(
            revision_flows.QMessageBox, "question", lambda _p, _t, text: asked.append(text) or no_or_yes
        )

    answer(QMessageBox.StandardButton.No)
    at = viewer.text.index("Do you remember")
    viewer.select(at, at)
    assert not viewer.join_with_next_turn()
    assert asked == [
        "The next turn is BSR01’s. Joined, its words become INT’s and the label “BSR01” goes from there. Join them?"
    ]
    assert viewer.text == original
    answer(QMessageBox.StandardButton.Yes)
    assert viewer.join_with_next_turn()
    qtbot.waitUntil(lambda: "share that data? [Funder]" in viewer.text)


def test_the_review_list_removes_a_coding_whose_words_were_deleted_unless_kept(
    qtbot: QtBot, window: MainWindow, opened: tuple[Project, Workspace], tmp_path: Path
) -> None:
    project, _ = opened
    text = BSR.read_text("utf-8")
    turn = text.index("BSR01  00:15")
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(text[:turn] + text[text.index("INT  01:32") :], "utf-8")  # the coded turn deleted
    dialog = revision_flows.review_dialog(project, plan_reimport(project, 1, corrected), window)
    qtbot.addWidget(dialog)
    [coding] = project.codings.for_document(1)
    assert dialog.decisions() == {coding.id: None}
    assert dialog.items.item(0).text().endswith("remove (its words were deleted)")
    dialog.keep()
    assert dialog.decisions()[coding.id] is not None
