"""Starting the app: the demo study on first run, the same demo afterwards, or the project named."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from pytestqt.qtbot import QtBot

from app.__main__ import demo_path, start
from app.model.project import Project
from app.ui.settings import Settings


@pytest.fixture
def test_data_folders() -> Iterator[None]:
    """Qt's test mode points the user data folder into a throwaway location."""
    QStandardPaths.setTestModeEnabled(True)
    demo_path().unlink(missing_ok=True)
    yield
    demo_path().unlink(missing_ok=True)
    QStandardPaths.setTestModeEnabled(False)


@pytest.mark.usefixtures("test_data_folders")
def test_first_start_builds_the_demo_and_later_starts_reopen_it(qtbot: QtBot, settings: Settings) -> None:
    first = start([], settings)
    qtbot.addWidget(first)
    assert first.project is not None
    assert first.project.path == demo_path()
    codes = first.project.info().codes
    assert first.workspace is not None
    assert first.workspace.viewer.document_id is not None  # a transcript is open, ready to code
    first.project.codes.create("Added by the user")
    first.close()

    second = start([], settings)
    qtbot.addWidget(second)
    assert second.project is not None
    assert second.project.info().codes == codes + 1  # the same study, with the user's code kept
    second.close()


def test_start_with_a_path_opens_that_project(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "given.axial"
    Project.create(path, name="Given").close()
    window = start([str(path)], settings)
    qtbot.addWidget(window)
    assert window.project is not None
    assert window.project.info().name == "Given"
    window.close()
