"""The minimal window: opens projects, explains refusals, offers read-only when a project is in use."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.model.demo import build_demo
from app.model.dto import NewDocument
from app.model.project import Project
from app.resources import resource
from app.ui.main_window import MainWindow


def _window(qtbot: QtBot) -> tuple[MainWindow, list[tuple[str, str]], list[str]]:
    window = MainWindow()
    qtbot.addWidget(window)
    told: list[tuple[str, str]] = []
    asked: list[str] = []
    window.tell = lambda title, text: told.append((title, text))
    window.ask = lambda title, text: asked.append(text) is None  # answers yes
    return window, told, asked


def test_open_shows_the_counts_and_follows_changes(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "study.axial"
    Project.create(path).close()
    window, told, _ = _window(qtbot)
    assert window.open_project(path)
    assert window.summary.values["Documents"].text() == "0"
    assert window.windowTitle() == "study.axial — Axial"
    assert window.project is not None
    window.project.documents.add(NewDocument(name="A", text="words"))
    assert window.summary.values["Documents"].text() == "1"
    window.close_project()
    assert window.summary.title.text() == "No project open"
    assert not window.close_action.isEnabled()
    assert told == []


def test_a_bad_file_is_explained_and_nothing_opens(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "notes.axial"
    path.write_text("transcript text")
    window, told, _ = _window(qtbot)
    assert not window.open_project(path)
    assert told == [("Cannot open the project", "notes.axial: is not an Axial project (it is not a SQLite database)")]
    assert window.project is None


def test_a_project_in_use_is_offered_read_only(qtbot: QtBot, project: Project) -> None:
    window, _, asked = _window(qtbot)
    assert window.open_project(project.path)
    assert "already open for writing by" in asked[0]
    assert window.project is not None
    assert window.project.read_only
    assert window.summary.title.text().endswith("(read-only)")
    window.close_project()


def test_demo_project_and_save_a_copy(qtbot: QtBot, tmp_path: Path) -> None:
    window, told, _ = _window(qtbot)
    window.adopt(build_demo(tmp_path / "Demo.axial", resource("demo")))
    assert window.summary.values["Documents"].text() == "3"
    assert int(window.summary.values["Codings"].text()) >= 7
    assert window.project is not None
    for document in window.project.documents.all():
        speakers = {s.label for s in window.project.documents.speakers(document.id)}
        assert "Interviewer" in speakers
        assert len(speakers) == 2
    assert window.save_copy(tmp_path / "copy.axial")
    with Project.open(tmp_path / "copy.axial", read_only=True) as copy:
        assert copy.info().documents == 3
    window.close()
    assert told == []
