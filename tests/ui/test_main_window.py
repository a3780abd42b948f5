"""Opening projects: refusals explained, read-only offered when in use, recent files, layout remembered."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.model.demo import build_demo
from app.model.dto import NewDocument
from app.model.project import Project
from app.resources import resource
from app.ui import settings as keys
from app.ui.main_window import MainWindow
from app.ui.settings import Settings


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
    assert "1 documents" in window.status.text()
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
