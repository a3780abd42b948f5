"""Change Code (Ctrl+Shift+K) and Remove Coding (Ctrl+Backspace) act on the coding the user points at.

A selection that is exactly a coding's span, or covers it, points at it (not only a caret strictly inside);
when several codings overlap there, the user picks one from a menu at the cursor.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from app.model.core.dto import NewDocument
from app.model.documents.extents import Extent
from app.model.project import Project
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace

TEXT = "P1: It was hard. Caseloads went up, then people left.\nP2: Supervision helped a little."


@pytest.fixture
def study(tmp_path: Path, window: MainWindow) -> tuple[Workspace, dict[str, int]]:
    project = Project.create(tmp_path / "choice.axial", coder="Ana")
    document = project.documents.add(NewDocument(name="T", text=TEXT))
    ids = {name: project.codes.create(name).id for name in ("Workload", "Staffing", "Supervision")}
    window.adopt(project)
    assert window.workspace is not None
    window.workspace.open_document(document.id)
    return window.workspace, ids


def _code(workspace: Workspace, needle: str, code_id: int) -> int:
    start = TEXT.index(needle)
    return workspace.project.codings.apply(workspace.viewer.document_id or 0, code_id, start, start + len(needle)).id


def _select(workspace: Workspace, needle: str, *, backwards: bool = False) -> None:
    viewer = workspace.viewer
    start, end = TEXT.index(needle), TEXT.index(needle) + len(needle)
    anchor, position = (end, start) if backwards else (start, end)
    cursor = QTextCursor(viewer.view.document())
    cursor.setPosition(viewer.positions.to_utf16(anchor))
    cursor.setPosition(viewer.positions.to_utf16(position), QTextCursor.MoveMode.KeepAnchor)
    viewer.view.setTextCursor(cursor)


def _caret(workspace: Workspace, at: int) -> None:
    cursor = QTextCursor(workspace.viewer.view.document())
    cursor.setPosition(workspace.viewer.positions.to_utf16(at))
    workspace.viewer.view.setTextCursor(cursor)


def _codings(workspace: Workspace) -> list[tuple[str, str]]:
    names = {n.code.id: n.code.name for n in workspace.project.codes.tree()}
    found = workspace.project.codings.for_document(workspace.viewer.document_id or 0)
    return sorted((names[c.code_id], TEXT[c.start : c.end]) for c in found)


def _recode(qtbot: QtBot, window: MainWindow, workspace: Workspace, typed: str) -> None:
    """Change Code (Ctrl+Shift+K) on what is selected: type into the palette, then Enter."""
    window.recode_action.trigger()
    assert workspace.palette.isVisible()
    qtbot.keyClicks(workspace.palette.query, typed)
    qtbot.keyClick(workspace.palette.query, Qt.Key.Key_Return)


@pytest.mark.parametrize("backwards", [False, True])
def test_change_code_finds_the_coding_whose_whole_span_is_selected(
    qtbot: QtBot, window: MainWindow, study: tuple[Workspace, dict[str, int]], backwards: bool
) -> None:
    workspace, ids = study
    _code(workspace, "Caseloads went up", ids["Workload"])
    _select(workspace, "Caseloads went up", backwards=backwards)
    _recode(qtbot, window, workspace, "staffing")
    assert _codings(workspace) == [("Staffing", "Caseloads went up")]


def test_change_code_finds_a_coding_inside_a_wider_selection(
    qtbot: QtBot, window: MainWindow, study: tuple[Workspace, dict[str, int]]
) -> None:
    workspace, ids = study
    _code(workspace, "Caseloads", ids["Workload"])
    _select(workspace, "It was hard. Caseloads went up")
    _recode(qtbot, window, workspace, "supervision")
    assert _codings(workspace) == [("Supervision", "Caseloads")]


def test_change_code_to_a_new_code_recodes_rather_than_adding_a_coding(
    qtbot: QtBot, window: MainWindow, study: tuple[Workspace, dict[str, int]]
) -> None:
    workspace, ids = study
    _code(workspace, "Caseloads went up", ids["Workload"])
    _select(workspace, "Caseloads went up")
    _recode(qtbot, window, workspace, "Caseload growth")
    assert _codings(workspace) == [("Caseload growth", "Caseloads went up")]
    window.undo_action.trigger()  # one step
    assert _codings(workspace) == [("Workload", "Caseloads went up")]


def test_remove_coding_asks_which_of_overlapping_codings(
    qtbot: QtBot, window: MainWindow, study: tuple[Workspace, dict[str, int]]
) -> None:
    workspace, ids = study
    _code(workspace, "It was hard. Caseloads went up", ids["Workload"])
    _code(workspace, "Caseloads went up, then people left.", ids["Staffing"])  # the newest
    _caret(workspace, TEXT.index("went"))
    window.remove_action.trigger()
    chooser = workspace.coding.chooser
    assert chooser.isVisible()
    assert [a.text() for a in chooser.actions()] == [
        "Remove which coding?",
        "Workload  —  Ana  —  “It was hard. Caseloads went up”",
        "Staffing  —  Ana  —  “Caseloads went up, then people left.”",
    ]
    assert _codings(workspace) == [
        ("Staffing", "Caseloads went up, then people left."),
        ("Workload", "It was hard. Caseloads went up"),
    ]  # nothing removed yet
    assert chooser.activeAction() is chooser.actions()[1]
    qtbot.keyClick(chooser, Qt.Key.Key_Return)  # the first listed: the older one, not the newest
    assert _codings(workspace) == [("Staffing", "Caseloads went up, then people left.")]


def test_remove_coding_chosen_with_the_arrow_keys_and_esc_removes_nothing(
    qtbot: QtBot, window: MainWindow, study: tuple[Workspace, dict[str, int]]
) -> None:
    workspace, ids = study
    _code(workspace, "Caseloads went up", ids["Workload"])
    _code(workspace, "Caseloads went up", ids["Supervision"])
    _select(workspace, "Caseloads went up")
    window.remove_action.trigger()
    chooser = workspace.coding.chooser
    qtbot.keyClick(chooser, Qt.Key.Key_Escape)
    assert len(_codings(workspace)) == 2
    window.remove_action.trigger()
    qtbot.keyClick(chooser, Qt.Key.Key_Down)
    qtbot.keyClick(chooser, Qt.Key.Key_Return)
    assert _codings(workspace) == [("Workload", "Caseloads went up")]


def test_one_coding_at_the_caret_is_removed_at_once(
    window: MainWindow, study: tuple[Workspace, dict[str, int]]
) -> None:
    workspace, ids = study
    _code(workspace, "Caseloads went up", ids["Workload"])
    _code(workspace, "Supervision helped", ids["Supervision"])
    _caret(workspace, TEXT.index("went"))
    window.remove_action.trigger()
    assert not workspace.coding.chooser.isVisible()
    assert _codings(workspace) == [("Supervision", "Supervision helped")]


def test_extend_and_memo_find_the_coding_whose_whole_span_is_selected(
    window: MainWindow, study: tuple[Workspace, dict[str, int]]
) -> None:
    workspace, ids = study
    coding_id = _code(workspace, "Caseloads", ids["Workload"])
    _select(workspace, "Caseloads")
    window.memo_action.trigger()
    assert "“Workload” coding" in workspace.memo.title.text()
    window.extend_actions[Extent.SENTENCE].trigger()
    assert _codings(workspace) == [("Workload", "Caseloads went up, then people left.")]
    assert workspace.project.codings.get(coding_id).start == TEXT.index("Caseloads")


def test_change_code_asks_which_of_overlapping_codings(
    qtbot: QtBot, window: MainWindow, study: tuple[Workspace, dict[str, int]]
) -> None:
    workspace, ids = study
    _code(workspace, "Caseloads went up", ids["Workload"])
    _code(workspace, "Caseloads went up", ids["Supervision"])
    _select(workspace, "Caseloads went up")
    window.recode_action.trigger()
    chooser = workspace.coding.chooser
    assert chooser.actions()[0].text() == "Change the code of which coding?"
    qtbot.keyClick(chooser, Qt.Key.Key_Down)
    qtbot.keyClick(chooser, Qt.Key.Key_Return)
    assert workspace.palette.isVisible()
    qtbot.keyClicks(workspace.palette.query, "staffing")
    qtbot.keyClick(workspace.palette.query, Qt.Key.Key_Return)
    assert _codings(workspace) == [("Staffing", "Caseloads went up"), ("Workload", "Caseloads went up")]
