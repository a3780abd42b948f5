"""File ▸ Merge Coder's Copy…: choose the copy, preview the plan, and merge on a worker (one step to undo)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.model.core.errors import AxialError
from app.model.project import Project
from app.model.teams.merging import preview_merge
from app.ui.core import file_dialogs
from app.ui.core.file_dialogs import Purpose
from app.ui.core.file_filters import PROJECT_FILES
from app.ui.core.workers import Job
from app.ui.teams.merge_dialog import MergeDialog


class MergeFlow:
    def __init__(self, owner: QWidget, report: Callable[[str], None], tell: Callable[[str, str], None]) -> None:
        self.owner, self.report, self.tell = owner, report, tell
        self.dialog: MergeDialog | None = None
        self.job: Job | None = None

    def choose(self, project: Project) -> None:
        name = file_dialogs.open_name(self.owner, "Merge a coder's copy", Purpose.PROJECTS, PROJECT_FILES, project.path)
        if name:
            self.preview(project, Path(name))

    def preview(self, project: Project, copy: Path) -> MergeDialog | None:
        """Show what merging `copy` would do; Merge in the dialog merges."""
        try:
            plan = preview_merge(project, copy)
        except AxialError as error:
            self.tell("Cannot merge", str(error))
            return None
        dialog = MergeDialog(plan, project.path.name, self.owner)
        dialog.setModal(True)
        dialog.accepted.connect(lambda: self._merge(project, copy, dialog.theirs()))
        self.dialog = dialog
        dialog.show()
        return dialog

    def _merge(self, project: Project, copy: Path, theirs: set[str]) -> None:
        job = Job(lambda _: project.edits.merge_copy(copy, theirs), self.owner)
        job.signals.finished.connect(lambda report: self.report(f"{report.summary()} (Edit ▸ Undo takes it back)."))
        job.signals.failed.connect(lambda message: self.tell("Cannot merge", message))
        self.report(f"Merging {copy.name}…")
        self.job = job
        job.start()
