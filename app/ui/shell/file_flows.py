"""The window's menu entries that choose a file: a new project (its name, coder and framework first), open, save a
copy, the codebook, adapted frameworks. Each dialog starts where `file_dialogs` says, never in the working folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.model.core.errors import AxialError
from app.model.frameworks import definitions
from app.model.project import EXTENSION
from app.ui.core import file_dialogs
from app.ui.core.file_dialogs import Purpose
from app.ui.core.file_filters import PROJECT_FILES

if TYPE_CHECKING:
    from app.ui.shell.main_window import MainWindow


class FileFlows:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def project_path(self) -> Path | None:
        return self.window.project.path if self.window.project is not None else None

    def choose_new(self) -> None:
        """Ask for the study's name, its coder and framework, then where to keep the file."""
        window = self.window
        choice = window.ask_new_project()
        if choice is None:
            return
        suggested = f"{choice.name}{EXTENSION}"
        name = file_dialogs.save_name(
            window, "New project", Purpose.PROJECTS, suggested, PROJECT_FILES, self.project_path()
        )
        if name:
            path = Path(name)
            window.new_project(path if path.suffix == EXTENSION else path.with_name(path.name + EXTENSION), choice)

    def choose_open(self) -> None:
        name = file_dialogs.open_name(self.window, "Open project", Purpose.PROJECTS, PROJECT_FILES, self.project_path())
        if name:
            self.window.open_project(Path(name))

    def choose_copy(self) -> None:
        path = self.project_path()
        suggested = f"{path.stem} copy{EXTENSION}" if path is not None else ""
        name = file_dialogs.save_name(self.window, "Save a copy as", Purpose.PROJECTS, suggested, PROJECT_FILES, path)
        if name:
            self.window.save_copy(Path(name))

    def choose_codebook(self) -> None:
        workspace = self.window.workspace
        if workspace is None:
            return
        path = workspace.project.path
        filters = "Word document (*.docx);;Excel workbook (*.xlsx);;CSV (*.csv)"
        name = file_dialogs.save_name(
            self.window, "Export codebook", Purpose.EXPORTS, f"{path.stem} codebook.docx", filters, path
        )
        if name:
            workspace.export_codebook(Path(name)).signals.failed.connect(
                lambda message: self.window.tell("Cannot export the codebook", message)
            )

    def export_framework(self) -> None:
        project = self.window.project
        framework_id = project.frameworks.default_id() if project is not None else None
        if project is None or framework_id is None:
            self.window.report("Choose a framework first.")
            return
        name = file_dialogs.save_name(
            self.window,
            "Export adapted framework",
            Purpose.EXPORTS,
            "framework.json",
            "Framework (*.json)",
            project.path,
        )
        if name:
            definitions.write_adapted(project, framework_id, Path(name))

    def import_framework(self) -> None:
        name = file_dialogs.open_name(
            self.window, "Import adapted framework", Purpose.SOURCES, "Framework (*.json)", self.project_path()
        )
        project = self.window.project
        if name and project is not None:
            try:
                project.edits.import_framework(Path(name))
            except AxialError as error:
                self.window.tell("Cannot import the framework", str(error))
