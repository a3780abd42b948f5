"""Every desktop test runs with a QApplication (offscreen)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.core.settings import Settings
from app.ui.shell.main_window import MainWindow


@pytest.fixture(autouse=True)
def _application(qapp: QApplication) -> Iterator[QApplication]:
    """Cycles are collected here, on the GUI thread, as the app's MainThreadCollector does (never on a worker)."""
    gc.disable()
    yield qapp
    gc.collect()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Preferences in a throwaway ini file, never the user's own."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot: QtBot, settings: Settings) -> Iterator[MainWindow]:
    """A main window whose message boxes fail the test (none is expected) and whose questions answer yes."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.tell = lambda title, text: pytest.fail(f"unexpected message: {title}: {text}")
    window.ask = lambda title, text: True
    yield window
    window.close()
