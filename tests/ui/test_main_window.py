"""Opening projects: refusals explained, read-only offered when in use, recent files, layout remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from app.cli.main import main
from app.model.core.dto import NewDocument
from app.model.demo import build_demo
from app.model.project import Project
from app.resources import resource
from app.ui.codes.code_definition_dialog import CodeDefinitionDialog
from app.ui.core import settings as keys
from app.ui.core.settings import Settings
from app.ui.documents.documents_model import CASE, NAME
from app.ui.shell.main_window import MainWindow
from app.ui.shell.new_project_dialog import NewProject, NewProjectDialog, login_name
from app.ui.shell.preferences_dialog import PreferencesDialog


def _window(qtbot: QtBot, settings: Settings) -> tuple[MainWindow, list[tuple[str, str]], list[str]]:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    told: list[tuple[str, str]] = []
    asked: list[str] = []
    window.tell = lambda title, text: told.append((title, text))
    window.ask = lambda title, text: asked.append(text) is None  # answers yes
    return window, told, asked


def test_open_shows_the_project_and_follows_changes(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "study.axial"
    Project.create(path).close()
    window, told, _ = _window(qtbot, settings)
    assert not window.import_action.isEnabled()
    assert window.open_project(path)
    assert window.windowTitle() == "study.axial — Axial"
    assert "0 documents, 0 codes, 0 codings" in window.status.text()
    assert window.project is not None
    window.project.documents.add(NewDocument(name="A", text="words"))
    assert "1 document," in window.status.text()
    assert window.import_action.isEnabled()
    assert settings.recent_files() == [str(path)]
    window.close_project()
    assert window.stack.currentWidget() is window.welcome
    assert not window.close_action.isEnabled()
    assert told == []


def test_a_bad_file_is_explained_and_nothing_opens(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "notes.axial"
    path.write_text("transcript text")
    window, told, _ = _window(qtbot, settings)
    assert not window.open_project(path)
    assert told == [("Cannot open the project", "notes.axial: is not an Axial project (it is not a SQLite database)")]
    assert window.project is None


def test_a_project_in_use_is_offered_read_only(qtbot: QtBot, settings: Settings, project: Project) -> None:
    window, _, asked = _window(qtbot, settings)
    assert window.open_project(project.path)
    assert "already open for writing by" in asked[0]
    assert window.project is not None
    assert window.project.read_only
    assert window.windowTitle().endswith("(read-only) — Axial")
    assert not window.import_action.isEnabled()
    window.close_project()


def test_demo_project_and_save_a_copy(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    window, told, _ = _window(qtbot, settings)
    window.adopt(build_demo(tmp_path / "Demo.axial", resource("demo")))
    assert window.project is not None
    assert window.workspace is not None
    assert window.workspace.documents.model.rowCount() == window.project.info().documents >= 7
    for document in window.project.documents.all():
        speakers = {s.label for s in window.project.documents.speakers(document.id)}
        assert "Interviewer" in speakers or "Facilitator" in speakers
        assert len(speakers) >= 2
    assert window.save_copy(tmp_path / "copy.axial")
    with Project.open(tmp_path / "copy.axial", read_only=True) as copy:
        assert copy.info().documents == window.project.info().documents
    window.close()
    assert told == []


def test_window_layout_and_preferences_are_remembered(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    window, _, _ = _window(qtbot, settings)
    window.resize(1000, 700)
    window.docks["excerpts"].hide()
    settings.set(keys.HIGHLIGHT, "underline")
    settings.set(keys.CODER, "Ana")
    path = tmp_path / "s.axial"
    assert window.new_project(path)
    assert window.workspace is not None
    assert window.workspace.viewer.highlighter.style == "underline"
    assert window.project is not None
    assert window.project.info().coder == "Ana"
    window.close()
    assert not settings.get(keys.GEOMETRY).isEmpty()
    again, _, _ = _window(qtbot, settings)
    assert again.docks["excerpts"].isHidden()  # the layout the user left is the layout they find


def test_new_project_asks_name_coder_and_framework_then_where(
    qtbot: QtBot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, told, _ = _window(qtbot, settings)
    window.ask_new_project = lambda: NewProject("IMR study", "Pat Doe", "cfir-2009")
    offered: list[str] = []
    chosen = iter([tmp_path / "imr", tmp_path / "second.axial"])

    def save_name(parent: object, title: str, start: str, filters: str) -> tuple[str, str]:
        offered.append(start)
        return str(next(chosen)), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    window.new_action.trigger()
    assert offered == [str(Path.home() / "IMR study.axial")]  # never the process's working directory
    assert window.project is not None
    info = window.project.info()
    assert (info.path, info.name, info.coder, info.default_framework) == (
        str(tmp_path / "imr.axial"),
        "IMR study",
        "Pat Doe",
        "CFIR (2009)",
    )
    assert "coder: Pat Doe" in window.status.text()
    assert settings.get(keys.CODER) == "Pat Doe"  # offered for the next new project
    window.ask_new_project = lambda: NewProject("Second", "Pat Doe", None)
    window.new_action.trigger()
    assert offered[-1] == str(tmp_path / "Second.axial")  # where the last project was put
    assert window.project.info().default_framework is None
    assert told == []


def test_the_new_project_dialog_needs_a_name_and_a_coder(qtbot: QtBot) -> None:
    dialog = NewProjectDialog("")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.coder.text() == login_name()  # only the last resort
    assert not ok.isEnabled()
    dialog.name.setText("  Site  study ")
    dialog.coder.setText("Ana")
    assert ok.isEnabled()
    assert [dialog.framework.itemText(i) for i in range(dialog.framework.count())] == [
        "CFIR 2.0 (2022)",
        "CFIR 2009",
        "No framework",
    ]
    dialog.framework.setCurrentIndex(2)
    assert dialog.choice() == NewProject("Site study", "Ana", None)
    dialog.coder.clear()
    assert not ok.isEnabled()


def test_the_status_bar_shows_the_projects_coder_not_the_login_name(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "study.axial"
    assert main(["new", str(path), "--coder", "Xiadani"]) == 0
    settings.set(keys.CODER, "Ana")  # a coder name offered for new projects is not this project's coder
    window, told, _ = _window(qtbot, settings)
    window.coders.ask = lambda *asked: pytest.fail(f"asked who is coding: {asked}")
    assert window.open_project(path)
    assert "coder: Xiadani" in window.status.text()
    assert window.project is not None
    window.project.documents.add(NewDocument(name="A", text="words"))
    window.close_project()
    with Project.open(path, coder="Ana", backups=0) as project:  # another coder works on it...
        project.documents.rename(project.documents.all()[0].id, "B")
    assert window.open_project(path)
    assert "coder: Xiadani" in window.status.text()  # ... and it opens as the coder chosen here for this file
    assert told == []


def test_file_dialogs_start_in_the_projects_folder_then_the_last_one_used(
    qtbot: QtBot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _, _ = _window(qtbot, settings)
    project_folder = tmp_path / "study"
    project_folder.mkdir()
    assert window.new_project(project_folder / "s.axial")
    transcripts = tmp_path / "transcripts"
    transcripts.mkdir()
    offered: list[str] = []

    def folder(parent: object, title: str, start: str) -> str:
        offered.append(start)
        return str(transcripts)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
    dialog = window.show_import()
    assert dialog is not None
    dialog._choose_folder()
    dialog._choose_folder()
    assert offered == [str(project_folder), str(transcripts)]
    dialog.close()

    def open_name(parent: object, title: str, start: str, filters: str) -> tuple[str, str]:
        offered.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_name)
    window.open_action.trigger()
    assert offered[-1] == str(project_folder)  # where the last project was created


def test_a_read_only_project_takes_no_typing_drops_or_edits(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    with build_demo(tmp_path / "Demo.axial", resource("demo")) as holder:  # another window holds it
        window, _, asked = _window(qtbot, settings)
        assert window.open_project(holder.path)
        assert asked  # read-only was offered
        workspace, project = window.workspace, window.project
        assert workspace is not None
        assert project is not None
        assert project.read_only
        window.show()
        code = project.codes.tree()[1].code
        workspace.codes.select(code.id)  # the memo panel shows the code's definition
        memo = workspace.memo
        before = memo.editor.toPlainText()
        memo.editor.setFocus()
        qtbot.keyClicks(memo.editor, "typed")
        assert memo.editor.toPlainText() == before
        assert memo.editor.isReadOnly()
        assert not memo.save_button.isVisible()
        assert "(read-only)" in memo.title.text()
        for action in window.editing_actions:
            assert not action.isEnabled(), action.text()
        assert window.search_action.isEnabled()  # reading and searching stay
        assert window.export_excerpts_action.isEnabled()
        tree = workspace.codes.tree
        assert tree.dragDropMode() == QAbstractItemView.DragDropMode.NoDragDrop
        assert tree.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        assert not workspace.viewer.view.acceptDrops()
        search = workspace.search
        search.fill_choices()
        assert not search.code.isEnabled()
        assert not search.code_turns_button.isEnabled()
        window.close_project()


def test_the_code_definition_dialog_only_shows_when_read_only(qtbot: QtBot, project: Project) -> None:
    code = project.codes.create("Paperwork")
    dialog = CodeDefinitionDialog(code, read_only=True)
    qtbot.addWidget(dialog)
    assert all(editor.isReadOnly() for editor in dialog.editors.values())
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    assert buttons.standardButtons() == QDialogButtonBox.StandardButton.Close


def test_the_case_column_shows_the_cases_of_the_speakers(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    window, _, _ = _window(qtbot, settings)
    window.adopt(build_demo(tmp_path / "Demo.axial", resource("demo")))
    assert window.workspace is not None
    model = window.workspace.documents.model
    cases = {model.data(model.index(row, NAME)): model.data(model.index(row, CASE)) for row in range(model.rowCount())}
    assert cases["Riverside - focus group FG-1"] == "CM-01 (speaker); CM-07 (speaker); CM-08 (speaker)"
    assert cases["Riverside - case manager CM-01"] == "CM-01"
    assert window.project is not None
    group = next(d for d in window.project.documents.all() if d.name == "Riverside - focus group FG-1")
    facilitator = next(s for s in window.project.documents.speakers(group.id) if s.label == "Facilitator")
    site = window.project.cases.create("Riverside site")
    window.workspace.edits.project.documents.set_cases(group.id, [site.id])
    window.project.documents.map_speaker(facilitator.id, site.id)  # the site's own case: shown once, as its own
    row = model.row_of(group.id)
    assert row is not None
    assert model.data(model.index(row, CASE)) == "Riverside site; CM-01 (speaker); CM-07 (speaker); CM-08 (speaker)"
    tip = model.data(model.index(row, CASE), Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("\nCases: Riverside site; CM-01 (speaker); CM-07 (speaker); CM-08 (speaker)")  # when cut short
    window.close()


def test_preferences_keep_the_name_for_new_projects_and_leave_the_open_projects_coder(
    qtbot: QtBot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "study.axial"
    assert main(["new", str(path), "--coder", "Xiadani"]) == 0
    settings.set(keys.CODER, "Someone else")
    window, _, _ = _window(qtbot, settings)
    assert window.open_project(path)
    shown: list[str] = []

    def exec_(dialog: PreferencesDialog) -> int:
        shown.append(dialog.coder.text())
        dialog.coder.setText("Ana")
        return 1

    monkeypatch.setattr(PreferencesDialog, "exec", exec_)
    window.show_preferences()
    assert shown == ["Someone else"]
    assert settings.get(keys.CODER) == "Ana"  # offered for new projects
    assert "coder: Xiadani" in window.status.text()  # File ▸ Switch Coder… changes who codes here
    assert window.project is not None
    assert [c.name for c in window.project.coders()] == ["Xiadani"]


def test_document_names_stay_readable_beside_a_long_list_of_cases(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    window, _, _ = _window(qtbot, settings)
    window.adopt(build_demo(tmp_path / "Demo.axial", resource("demo")))
    assert window.workspace is not None
    table = window.workspace.documents.table
    metrics = table.fontMetrics()
    longest = max(metrics.horizontalAdvance(d.name) for d in window.workspace.project.documents.all())
    case_width = table.columnWidth(2)
    assert table.columnWidth(0) >= min(longest, metrics.horizontalAdvance("n") * 40)
    # The focus group's cases ("CM-01 (speaker); CM-07 (speaker); …") are cut short, not given the width.
    assert case_width <= metrics.horizontalAdvance("n") * 18
    window.close_project()


def test_a_project_on_a_read_only_disk_opens_read_only_and_says_why(
    qtbot: QtBot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "study.axial"
    with Project.create(path) as project:
        project.codes.create("Supervision")
    monkeypatch.setattr("app.model.project.writable_location", lambda _: False)
    window, told, _ = _window(qtbot, settings)
    assert window.open_project(path)
    assert window.project is not None
    assert window.project.read_only
    assert any(title == "Opened read-only" and "read-only disk" in text for title, text in told)
    assert window.workspace is not None
    codes = window.workspace.codes
    code_id = window.project.codes.tree()[0].code.id
    offered = [action.text() for action in codes.menu_for(code_id).actions()]
    assert offered == ["Show excerpts", "Definition and criteria…"]
    assert codes.menu_for(None).isEmpty()
    window.close_project()
