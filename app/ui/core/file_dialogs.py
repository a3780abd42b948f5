"""Where file dialogs open: the folder last chosen for that kind of file, else the project's folder, else home.

Never the process's working directory, which for a desktop app is wherever it happened to be started from. The
main window hands over its settings once (`use`); until then (a dialog tested alone) choices are not remembered.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from app.ui.core import settings as keys
from app.ui.core.settings import Settings


class Purpose(Enum):
    PROJECTS = keys.PROJECTS_FOLDER  # new, open, save a copy
    SOURCES = keys.SOURCES_FOLDER  # transcripts, attribute sheets, frameworks, files from other tools
    EXPORTS = keys.EXPORTS_FOLDER  # reports, tables, codebooks, diagrams


_settings: Settings | None = None


def use(settings: Settings) -> None:
    """Remember chosen folders in these settings."""
    global _settings
    _settings = settings


def start_folder(purpose: Purpose, project: Path | None = None) -> Path:
    remembered = _settings.get(purpose.value) if _settings is not None else ""
    for folder in (Path(remembered) if remembered else None, project.parent if project is not None else None):
        if folder is not None and folder.is_dir():
            return folder
    return Path.home()


def remember(purpose: Purpose, chosen: Path | str) -> None:
    """Note the folder of a chosen file (or the chosen folder itself) for the next dialog of this kind."""
    path = Path(chosen)
    if _settings is not None and str(chosen):
        _settings.set(purpose.value, str(path if path.is_dir() else path.parent))


def open_name(parent: QWidget | None, title: str, purpose: Purpose, filters: str, project: Path | None = None) -> str:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(purpose, project)), filters)
    if name:
        remember(purpose, name)
    return name


def open_names(
    parent: QWidget | None, title: str, purpose: Purpose, filters: str, project: Path | None = None
) -> list[str]:
    names, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder(purpose, project)), filters)
    if names:
        remember(purpose, names[0])
    return list(names)


def folder_name(parent: QWidget | None, title: str, purpose: Purpose, project: Path | None = None) -> str:
    folder = QFileDialog.getExistingDirectory(parent, title, str(start_folder(purpose, project)))
    if folder:
        remember(purpose, folder)
    return folder


def save_name(
    parent: QWidget | None,
    title: str,
    purpose: Purpose,
    suggested: str,
    filters: str,
    project: Path | None = None,
) -> str:
    """A file to write; `suggested` is a file name, offered in the start folder."""
    start = start_folder(purpose, project) / Path(suggested).name
    name, _ = QFileDialog.getSaveFileName(parent, title, str(start), filters)
    if name:
        remember(purpose, name)
    return name
