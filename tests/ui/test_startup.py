"""Starting the app: the demo study on first run, the same demo afterwards, or the project named."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from pytestqt.qtbot import QtBot

from app.__main__ import demo_path, start
from app.cli.main import main
from app.model.project import Project
from app.ui.core.settings import Settings


def test_first_start_builds_the_demo_and_later_starts_reopen_it(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    first = start([], settings, tmp_path)
    qtbot.addWidget(first)
    assert first.project is not None
    assert first.project.path == demo_path(tmp_path)
    codes = first.project.info().codes
    assert first.workspace is not None
    assert first.workspace.viewer.document_id is not None  # a transcript is open, ready to code
    first.project.codes.create("Added by the user")
    first.close()

    second = start([], settings, tmp_path)
    qtbot.addWidget(second)
    assert second.project is not None
    assert second.project.info().codes == codes + 1  # the same study, with the user's code kept
    second.close()


def test_the_demo_lives_in_the_users_data_folder() -> None:
    QStandardPaths.setTestModeEnabled(True)
    try:
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
        assert demo_path() == folder / "Demo.axial"
    finally:
        QStandardPaths.setTestModeEnabled(False)


def test_start_with_a_path_opens_that_project(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "given.axial"
    Project.create(path, name="Given").close()
    window = start([str(path)], settings)
    qtbot.addWidget(window)
    assert window.project is not None
    assert window.project.info().name == "Given"
    window.close()


def test_a_project_made_on_the_command_line_opens_under_its_coder(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "given.axial"
    assert main(["new", str(path), "--coder", "Xiadani"]) == 0
    window = start([str(path)], settings)
    qtbot.addWidget(window)
    assert "coder: Xiadani" in window.status.text()
    window.close()
