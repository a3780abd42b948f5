"""Every way of creating a code asks first when its name is very close to an existing code's; Similar Codes'
Enter never marks a pair "not a duplicate"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from app.model.core.dto import NewDocument
from app.model.project import Project
from app.ui.codes.similar_codes_dialog import SimilarCodesDialog
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace

TEXT = "Staff turnover is high. Staff turn-over again, and staff turnovers everywhere."


class Answers:
    """Records the questions asked and answers each with `yes`."""

    def __init__(self, window: MainWindow, yes: bool) -> None:
        self.asked: list[str] = []
        window.ask = lambda title, text: self.asked.append(text) or yes


@pytest.fixture
def workspace(tmp_path: Path, window: MainWindow) -> Workspace:
    project = Project.create(tmp_path / "names.axial", coder="Ana")
    document = project.documents.add(NewDocument(name="T", text=TEXT))
    staffing = project.codes.create("Staffing", is_codable=False)
    project.codes.create("Staff turnover", staffing.id)
    project.codes.create("Supervision")
    window.adopt(project)
    assert window.workspace is not None
    window.workspace.open_document(document.id)
    return window.workspace


def _select(workspace: Workspace, needle: str) -> None:
    viewer = workspace.viewer
    start = TEXT.index(needle)
    cursor = QTextCursor(viewer.view.document())
    cursor.setPosition(viewer.positions.to_utf16(start))
    cursor.setPosition(viewer.positions.to_utf16(start + len(needle)), QTextCursor.MoveMode.KeepAnchor)
    viewer.view.setTextCursor(cursor)


def _names(workspace: Workspace) -> list[str]:
    return sorted(n.code.name for n in workspace.project.codes.tree())


WARNING = "“staff turn-over” is very close to “Staff turnover” (under Staffing), which already exists."


@pytest.mark.parametrize("yes", [False, True])
def test_new_code_from_selection_asks(window: MainWindow, workspace: Workspace, yes: bool) -> None:
    answers = Answers(window, yes)
    window.ask_text = lambda title, label, default: "staff turn-over"
    _select(workspace, "Staff turn-over again")
    window.new_code_action.trigger()
    assert answers.asked == [f"{WARNING}\n\nCreate it anyway?"]
    assert ("staff turn-over" in _names(workspace)) is yes
    assert workspace.project.info().codings == (1 if yes else 0)


@pytest.mark.parametrize("yes", [False, True])
def test_new_sub_code_asks(window: MainWindow, workspace: Workspace, yes: bool) -> None:
    answers = Answers(window, yes)
    window.ask_text = lambda title, label, default: "staff turn-over"
    supervision = next(n.code.id for n in workspace.project.codes.tree() if n.code.name == "Supervision")
    workspace.codes.new_child_requested.emit(supervision)
    assert answers.asked == [f"{WARNING}\n\nCreate it anyway?"]
    assert ("staff turn-over" in _names(workspace)) is yes


def test_in_vivo_asks(window: MainWindow, workspace: Workspace) -> None:
    answers = Answers(window, False)
    _select(workspace, "staff turnovers")
    window.in_vivo_action.trigger()
    assert answers.asked[0].startswith("“staff turnovers” is very close to “Staff turnover”")
    assert _names(workspace) == ["Staff turnover", "Staffing", "Supervision"]


def test_a_name_unlike_any_other_is_created_without_a_question(window: MainWindow, workspace: Workspace) -> None:
    answers = Answers(window, False)
    window.ask_text = lambda title, label, default: "Exit interviews"
    _select(workspace, "Staff turn-over again")
    window.new_code_action.trigger()
    assert answers.asked == []
    assert "Exit interviews" in _names(workspace)


def test_quick_code_asks_in_the_palette_and_does_not_ask_twice(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    answers = Answers(window, False)
    _select(workspace, "Staff turn-over again")
    window.quick_action.trigger()
    palette = workspace.palette
    qtbot.keyClicks(palette.query, "Staff turnovers")
    qtbot.keyClick(palette.query, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert palette.warning.isVisible()
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert answers.asked == []
    assert "Staff turnovers" in _names(workspace)


def test_similar_codes_enter_closes_and_marks_nothing(qtbot: QtBot, project: Project) -> None:
    project.codes.create("Staff turnover")
    project.codes.create("Staff turn-over", allow_similar=True)
    dialog = SimilarCodesDialog(project, project.edits)
    qtbot.addWidget(dialog)
    dialog.show()
    assert len(dialog.clusters) == 1
    assert not dialog.dismiss_button.isDefault()
    assert not dialog.dismiss_button.autoDefault()
    assert dialog.close_button.isDefault()
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0).child(1))
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert project.codes.dismissed_pairs() == set()
    assert not dialog.isVisible()
