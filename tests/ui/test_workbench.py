"""A whole coding session through the real widgets, offscreen."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent, QTextCursor
from pytestqt.qtbot import QtBot

from app.model.core.dto import NewDocument
from app.model.project import Project
from app.ui.codes.code_tree_model import CODE_IDS_MIME, encode_ids
from app.ui.core.settings import Settings
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"


@pytest.fixture
def window(qtbot: QtBot, settings: Settings) -> Iterator[MainWindow]:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.tell = lambda title, text: pytest.fail(f"unexpected message: {title}: {text}")
    window.ask = lambda title, text: True
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    yield window
    window.close()


def _workspace(window: MainWindow) -> Workspace:
    assert window.workspace is not None
    return window.workspace


def select_text(workspace: Workspace, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """Select `needle` in the viewer as a user would (by Qt positions), return its code-point span."""
    viewer = workspace.viewer
    start = -1
    for _ in range(occurrence + 1):
        start = viewer.text.index(needle, start + 1)
    cursor = QTextCursor(viewer.view.document())
    cursor.setPosition(viewer.positions.to_utf16(start))
    cursor.setPosition(viewer.positions.to_utf16(start + len(needle)), QTextCursor.MoveMode.KeepAnchor)
    viewer.view.setTextCursor(cursor)
    return start, start + len(needle)


def coded(workspace: Workspace) -> list[tuple[str, str]]:
    """(code name, coded words) for the open document."""
    codes = {n.code.id: n.code.name for n in workspace.project.codes.tree()}
    viewer = workspace.viewer
    assert viewer.document_id is not None
    return [
        (codes[c.code_id], viewer.text[c.start : c.end])
        for c in workspace.project.codings.for_document(viewer.document_id)
    ]


def test_a_whole_session(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "study.axial"
    assert window.new_project(path)
    workspace = _workspace(window)

    # Import through the dialog: preview in a worker, then import with progress.
    for name in ("qualcoder_transcript_ids.txt", "webvttpy_teams_voice.vtt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    dialog = window.show_import()
    assert dialog is not None
    with qtbot.waitSignal(dialog.preview_finished, timeout=20_000):
        dialog.add_paths([tmp_path / "qualcoder_transcript_ids.txt", tmp_path / "webvttpy_teams_voice.vtt"])
    assert [p.speakers[0][0] for p in dialog.previews] == ["id1", "Yuri Bakulin"]
    dialog.set_case_name(0, "Course feedback group")
    with qtbot.waitSignal(dialog.import_finished, timeout=20_000) as finished:
        dialog.start_import()
    assert finished.args[0].summary() == "2 imported"
    dialog.accept()
    with qtbot.waitActive(window):  # a window manager gives activation back when a dialog closes; offscreen has none
        window.activateWindow()
    assert workspace.documents.model.rowCount() == 2

    document = next(d for d in workspace.project.documents.all() if d.name == "qualcoder_transcript_ids")
    workspace.open_document(document.id)
    assert workspace.viewer.text.startswith("[id1] hello, I like the course.")

    # 1. A new code from the selection (keyboard), typed name.
    window.ask_text = lambda title, label, default: "Course value"
    select_text(workspace, "It really helped me")
    window.new_code_action.trigger()
    # 2. In vivo: the words become the code.
    select_text(workspace, "too busy")
    window.in_vivo_action.trigger()
    # 3. The current code in the tree, by shortcut.
    workspace.codes.select(next(n.code.id for n in workspace.project.codes.tree() if n.code.name == "Course value"))
    select_text(workspace, "I am learning a lot")
    workspace.viewer.view.setFocus()
    qtbot.keyClick(workspace.viewer.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # 4. Double-click in the tree.
    select_text(workspace, "too many for the short semester period")
    tree = workspace.codes.tree
    rect = tree.visualRect(tree.currentIndex())
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    # 5. The quick-code palette: type, Enter.
    select_text(workspace, "struggling")
    window.quick_action.trigger()
    palette = workspace.palette
    assert palette.isVisible()
    qtbot.keyClicks(palette.query, "busy")
    assert palette.results.currentItem().text().startswith("too busy")
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    # 6. Drag a code from the tree onto the selection.
    select_text(workspace, "ask the tutor")
    drop(workspace, [next(n.code.id for n in workspace.project.codes.tree() if n.code.name == "Course value")])

    assert sorted(coded(workspace)) == [
        ("Course value", "I am learning a lot"),
        ("Course value", "It really helped me"),
        ("Course value", "ask the tutor"),
        ("Course value", "too many for the short semester period"),
        ("too busy", "struggling"),
        ("too busy", "too busy"),
    ]
    # Every coding shows in the margin with its code's name.
    workspace.viewer.margin.grab()
    assert {c.id for c in workspace.viewer.margin.visible_codings()} == set(workspace.viewer.coding_layout.codings)

    # Undo and redo each route.
    assert [step.label for step in reversed(workspace.project.history.operations())] == [
        "Use CFIR 2.0 (2022)",  # chosen when the project was made
        "Import 2 documents",
        "Code with new code “Course value”",
        "Code with new code “too busy”",
        "Apply code",
        "Apply code",
        "Apply code",
        "Apply code",
    ]
    assert window.undo_action.text() == "&Undo Apply code"
    for _ in range(6):
        window.undo_action.trigger()
    assert window.undo_action.text() == "&Undo Import 2 documents"
    assert window.redo_action.text() == "&Redo Code with new code “Course value”"
    assert workspace.project.info().codings == 0
    assert workspace.project.info().codes == 0
    for _ in range(6):
        window.redo_action.trigger()
    assert len(coded(workspace)) == 6

    # Drag a code under another in the tree, delete one, undo the delete.
    model = workspace.code_tree
    value = next(n.code.id for n in workspace.project.codes.tree() if n.code.name == "Course value")
    busy = next(n.code.id for n in workspace.project.codes.tree() if n.code.name == "too busy")
    model.dropMimeData(encode_ids([busy]), Qt.DropAction.MoveAction, -1, 0, model.index_of(value))
    assert [(n.depth, n.code.name) for n in workspace.project.codes.tree()] == [(0, "Course value"), (1, "too busy")]
    workspace.delete_code(busy)
    assert [n.code.name for n in workspace.project.codes.tree()] == ["Course value"]
    window.undo_action.trigger()
    assert [(n.depth, n.code.name) for n in workspace.project.codes.tree()] == [(0, "Course value"), (1, "too busy")]
    before = coded(workspace)

    # Close and reopen: everything is there.
    window.close_project()
    assert not window.undo_action.isEnabled()
    assert window.open_project(path)
    # The history is kept in the project: the delete undone above can be redone, the move undone.
    assert window.redo_action.text() == "&Redo Delete code “too busy”"
    assert window.undo_action.text() == "&Undo Move code"
    workspace = _workspace(window)
    workspace.open_document(document.id)
    assert coded(workspace) == before
    assert [(n.depth, n.code.name) for n in workspace.project.codes.tree()] == [(0, "Course value"), (1, "too busy")]
    assert workspace.project.cases.find("Course feedback group") is not None
    window.undo_action.trigger()
    assert [(n.depth, n.code.name) for n in workspace.project.codes.tree()] == [(0, "Course value"), (0, "too busy")]


def drop(workspace: Workspace, code_ids: list[int]) -> None:
    view = workspace.viewer.view
    mime: QMimeData = encode_ids(code_ids)
    assert mime.hasFormat(CODE_IDS_MIME)
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    view.dropEvent(event)
    assert event.isAccepted()


def test_emoji_and_right_to_left_text_code_exactly_the_word_chosen(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    project = Project.create(tmp_path / "rtl.axial")
    text = "P1: 😀😀 we said שלום לכם 👩‍👩‍👧 to everyone 🇺🇦 today.\nP2: مرحبا بكم 😀 again."
    document = project.documents.add(NewDocument(name="Mixed", text=text))
    code = project.codes.create("Greeting")
    window.adopt(project)
    workspace = _workspace(window)
    workspace.open_document(document.id)
    workspace.codes.select(code.id)
    view = workspace.viewer.view
    for word in ("שלום", "everyone", "مرحبا", "again"):
        # Double-click the word where Qt drew it, as a user would.
        position = workspace.viewer.positions.to_utf16(text.index(word) + 1)
        cursor = QTextCursor(view.document())
        cursor.setPosition(position)
        point = view.cursorRect(cursor).center()
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point.x(), point.y()))
        assert workspace.viewer.selected_text() == word
        window.apply_action.trigger()
    stored = [text[c.start : c.end] for c in project.codings.for_document(document.id)]
    assert sorted(stored) == sorted(["שלום", "everyone", "مرحبا", "again"])


def test_extend_remove_recode_and_memo(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    project = Project.create(tmp_path / "extend.axial")
    text = "Interviewer: And then?\nP1: It was hard. Caseloads went up, then people left.\nInterviewer: I see."
    from app.model.core.dto import NewTurn

    second = text.index("It was")
    turns = (
        NewTurn("Interviewer", 13, 22),
        NewTurn("P1", second, text.index("\nInterviewer: I"), None),
        NewTurn("Interviewer", text.rindex("I see"), len(text)),
    )
    document = project.documents.add(NewDocument(name="T", text=text, turns=turns))
    workload = project.codes.create("Workload")
    staffing = project.codes.create("Staffing")
    window.adopt(project)
    workspace = _workspace(window)
    workspace.open_document(document.id)
    workspace.codes.select(workload.id)
    select_text(workspace, "Caseloads")
    window.apply_action.trigger()
    [coding] = project.codings.for_document(document.id)
    workspace.coding.select_coding(coding.id)
    window.extend_actions[next(iter(window.extend_actions))].trigger()  # sentence
    assert coded(workspace) == [("Workload", "Caseloads went up, then people left.")]
    from app.model.documents.extents import Extent

    window.extend_actions[Extent.TURN].trigger()
    assert coded(workspace) == [("Workload", "It was hard. Caseloads went up, then people left.")]
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert coded(workspace) == [("Workload", "Caseloads")]

    # Change its code through the palette.
    workspace.coding.select_coding(coding.id)
    window.recode_action.trigger()
    qtbot.keyClicks(workspace.palette.query, "staff")
    qtbot.keyClick(workspace.palette.query, Qt.Key.Key_Return)
    assert coded(workspace) == [("Staffing", "Caseloads")]

    # Write its memo in the memo panel.
    workspace.coding.select_coding(coding.id)
    window.memo_action.trigger()
    workspace.memo.editor.setPlainText("Rising caseloads drove turnover")
    workspace.memo.save()
    assert project.codings.get(coding.id).memo == "Rising caseloads drove turnover"
    window.undo_action.trigger()
    assert project.codings.get(coding.id).memo == ""

    # Remove it, and bring it back.
    workspace.coding.select_coding(coding.id)
    window.remove_action.trigger()
    assert coded(workspace) == []
    window.undo_action.trigger()
    assert coded(workspace) == [("Staffing", "Caseloads")]
    _ = staffing


def test_near_duplicate_name_is_flagged_before_creating(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    project = Project.create(tmp_path / "dup.axial")
    document = project.documents.add(NewDocument(name="T", text="Staff keep leaving the agency."))
    project.codes.create("Staff turnover")
    window.adopt(project)
    workspace = _workspace(window)
    workspace.open_document(document.id)
    select_text(workspace, "Staff keep leaving")
    window.quick_action.trigger()
    palette = workspace.palette
    qtbot.keyClicks(palette.query, "staff turn-over")
    palette.results.setCurrentRow(palette.results.count() - 1)  # "Create code …"
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert palette.warning.isVisible()
    assert "Very close to “Staff turnover”" in palette.warning.text()
    assert project.info().codes == 1
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)  # create anyway
    assert sorted(n.code.name for n in project.codes.tree()) == ["Staff turnover", "staff turn-over"]


def test_find_in_document(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    project = Project.create(tmp_path / "find.axial")
    document = project.documents.add(NewDocument(name="T", text="caseload one\nno match\ncaseload two"))
    window.adopt(project)
    workspace = _workspace(window)
    workspace.open_document(document.id)
    window.find_action.trigger()
    bar = workspace.viewer.find_bar
    assert bar.isVisible()
    qtbot.keyClicks(bar.query, "caseload")
    qtbot.keyClick(bar.query, Qt.Key.Key_Return)
    first = workspace.viewer.view.textCursor().selectionStart()
    qtbot.keyClick(bar.query, Qt.Key.Key_Return)
    second = workspace.viewer.view.textCursor().selectionStart()
    assert (first, second) == (0, len("caseload one\nno match\n"))
    qtbot.keyClick(bar.query, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert workspace.viewer.view.textCursor().selectionStart() == 0
