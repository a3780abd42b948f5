"""Starting the app: the demo study on first run, the same demo afterwards, or the project named."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from pytestqt.qtbot import QtBot

from app.__main__ import demo_path, start
from app.model.project import Project


@pytest.fixture
def test_data_folders() -> Iterator[None]:
    """Qt's test mode points the user data folder into a throwaway location."""
    QStandardPaths.setTestModeEnabled(True)
    demo_path().unlink(missing_ok=True)
    yield
    demo_path().unlink(missing_ok=True)
    QStandardPaths.setTestModeEnabled(False)


@pytest.mark.usefixtures("test_data_folders")
def test_first_start_builds_the_demo_and_later_starts_reopen_it(qtbot: QtBot) -> None:
    first = start([])
    qtbot.addWidget(first)
    assert first.project is not None
    assert first.project.path == demo_path()
    assert first.summary.values["Documents"].text() == "3"
    first.project.codes.create("Added by the user")
    first.close()

    second = start([])
    qtbot.addWidget(second)
    assert second.project is not None
    assert second.project.info().codes == 10  # the same study, with the user's code kept
    second.close()


def test_start_with_a_path_opens_that_project(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "given.axial"
    Project.create(path, name="Given").close()
    window = start([str(path)])
    qtbot.addWidget(window)
    assert window.summary.title.text() == "Given"
    window.close()
