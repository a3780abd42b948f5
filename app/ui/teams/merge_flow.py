"""File ▸ Merge Coder's Copy…: choose the copy, read both projects and plan on a worker, show the preview, and
merge on a worker (one step to undo)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.model.project import Project
from app.model.teams.merge_plan import MergePlan
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
        self.job: Job | None = None  # the plan or the merge under way; None once it is done

    def choose(self, project: Project) -> None:
        name = file_dialogs.open_name(self.owner, "Merge a coder's copy", Purpose.PROJECTS, PROJECT_FILES, project.path)
        if name:
            self.preview(project, Path(name))

    def preview(self, project: Project, copy: Path) -> Job:
        """Plan merging `copy` on a worker, then show the plan; Merge in the dialog merges."""
        job = Job(lambda _: preview_merge(project, copy), self.owner)
        job.signals.finished.connect(lambda plan: self._show(project, copy, plan))
        job.signals.failed.connect(lambda message: self._failed(message))
        self.report(f"Reading {copy.name}…")
        self._start(job)
        return job

    def _show(self, project: Project, copy: Path, plan: MergePlan) -> None:
        self.job = None
        dialog = MergeDialog(plan, project.path.name, self.owner)
        dialog.setModal(True)
        dialog.accepted.connect(lambda: self._merge(project, copy, dialog.theirs()))
        self.dialog = dialog
        dialog.show()

    def _merge(self, project: Project, copy: Path, theirs: set[str]) -> None:
        job = Job(lambda _: project.edits.merge_copy(copy, theirs), self.owner)
        job.signals.finished.connect(lambda report: self._merged(report.summary()))
        job.signals.failed.connect(lambda message: self._failed(message))
        self.report(f"Merging {copy.name}…")
        self._start(job)

    def _merged(self, summary: str) -> None:
        self.job = None
        self.report(f"{summary} (Edit ▸ Undo takes it back).")

    def _failed(self, message: str) -> None:
        self.job = None
        self.tell("Cannot merge", message)

    def _start(self, job: Job) -> None:
        self.job = job
        job.start()
