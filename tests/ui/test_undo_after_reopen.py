"""Ctrl+Z after closing and reopening a project takes back what was done before it was closed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from pytestqt.qtbot import QtBot

from app.model.core.dto import NewDocument
from app.model.project import Project
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace

TEXT = "P1: Supervision helped with my caseload every week.\nP2: It did not help me.\n"
PHRASE = "helped with my caseload"


def _opened(window: MainWindow, path: Path) -> Workspace:
    assert window.open_project(path)
    assert window.workspace is not None
    return window.workspace


def _codings(workspace: Workspace) -> list[tuple[str, str]]:
    names = {node.code.id: node.code.name for node in workspace.project.codes.tree()}
    found = workspace.project.codings.for_document(workspace.viewer.document_id or 0)
    return [(names[c.code_id], TEXT[c.start : c.end]) for c in found]


def test_ctrl_z_after_reopening_removes_the_coding_made_before_closing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "study.axial"
    with Project.create(path, coder="Ana") as project:
        project.documents.add(NewDocument(name="Interview", text=TEXT))
        project.codes.create("Supervision")
    window.show()

    workspace = _opened(window, path)  # the only document opens with it
    viewer = workspace.viewer
    cursor = QTextCursor(viewer.view.document())
    cursor.setPosition(viewer.positions.to_utf16(TEXT.index(PHRASE)))
    cursor.setPosition(viewer.positions.to_utf16(TEXT.index(PHRASE) + len(PHRASE)), QTextCursor.MoveMode.KeepAnchor)
    viewer.view.setTextCursor(cursor)
    window.quick_action.trigger()  # Ctrl+K: the palette, where typing a code's name and Enter apply it
    assert workspace.palette.isVisible()
    qtbot.keyClicks(workspace.palette.query, "supervision")
    qtbot.keyClick(workspace.palette.query, Qt.Key.Key_Return)
    assert _codings(workspace) == [("Supervision", PHRASE)]
    window.close_project()

    workspace = _opened(window, path)
    assert _codings(workspace) == [("Supervision", PHRASE)]
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Apply code"
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    with qtbot.waitActive(window):  # shortcuts reach the active window only (the palette was, before closing)
        window.activateWindow()
    workspace.viewer.view.setFocus()
    qtbot.keyClick(workspace.viewer.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _codings(workspace) == []
    assert window.redo_action.isEnabled()
    window.redo_action.trigger()
    assert _codings(workspace) == [("Supervision", PHRASE)]
    window.close_project()
