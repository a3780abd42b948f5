"""Selecting from a turn's start by keyboard or mouse never codes the bold speaker label or its timestamp."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from app.model.core.dto import NewDocument, NewTurn
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace

TEXT = "Interviewer  00:12\nHow did the week go?\nP1  00:20\nIt was a hard week.\nP1: And the next one?"


def _open(window: MainWindow, tmp_path: Path) -> Workspace:
    assert window.new_project(tmp_path / "labels.axial")
    workspace = window.workspace
    assert workspace is not None
    turns = (
        NewTurn("Interviewer", TEXT.index("How"), TEXT.index("go?") + 3, 12_000),
        NewTurn("P1", TEXT.index("It was"), TEXT.index("week.") + 5, 20_000),
        NewTurn("P1", TEXT.index("And"), len(TEXT)),
    )
    document = workspace.project.documents.add(NewDocument(name="Otter", text=TEXT, turns=turns))
    workspace.open_document(document.id)
    return workspace


def _caret(workspace: Workspace, position: int) -> None:
    cursor = QTextCursor(workspace.viewer.view.document())
    cursor.setPosition(workspace.viewer.positions.to_utf16(position))
    workspace.viewer.view.setTextCursor(cursor)


def test_shift_down_from_a_turns_start_stops_before_the_next_label(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    workspace = _open(window, tmp_path)
    code = workspace.edits.create_code("Workload")
    _caret(workspace, TEXT.index("How"))
    for _ in range(2):
        qtbot.keyClick(workspace.viewer.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert "P1" in workspace.viewer.view.textCursor().selectedText()  # Qt's selection runs into the label

    coding = workspace.coding.apply(code.id)

    assert coding is not None
    assert TEXT[coding.start : coding.end] == "How did the week go?"


def test_shift_up_and_shift_home_keep_the_label_out(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    workspace = _open(window, tmp_path)
    view = workspace.viewer.view
    _caret(workspace, TEXT.index("week.") + 5)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert workspace.viewer.selected_text() == "It was a hard week."

    _caret(workspace, len(TEXT))
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().selectedText() == "P1: And the next one?"
    assert workspace.viewer.selection() == (TEXT.index("And"), len(TEXT))


def test_a_selection_of_the_label_alone_codes_nothing(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    workspace = _open(window, tmp_path)
    label = TEXT.index("P1  00:20")
    workspace.viewer.select(label, label + len("P1  00:20"))
    assert workspace.viewer.selection() is None
