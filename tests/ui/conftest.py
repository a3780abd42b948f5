"""Every desktop test runs with a QApplication (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.ui.settings import Settings


@pytest.fixture(autouse=True)
def _application(qapp: QApplication) -> QApplication:
    return qapp


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Preferences in a throwaway ini file, never the user's own."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
