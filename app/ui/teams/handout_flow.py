"""File ▸ Hand Out a Copy…: ask who it is for, where to write it, and write it on a worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.model.project import EXTENSION, Project
from app.model.teams.handout import Handout, hand_out
from app.ui.core import file_dialogs
from app.ui.core.file_dialogs import Purpose
from app.ui.core.file_filters import PROJECT_FILES
from app.ui.core.workers import Job
from app.ui.teams.handout_dialog import HandoutDialog


class HandoutFlow:
    def __init__(self, owner: QWidget, report: Callable[[str], None], tell: Callable[[str, str], None]) -> None:
        self.owner, self.report, self.tell = owner, report, tell
        self.job: Job | None = None

    def choose(self, project: Project) -> None:
        dialog = HandoutDialog([c.name for c in project.coders()], self.owner)
        if not dialog.exec():
            return
        coder, blind = dialog.choice()
        suggested = f"{project.path.stem} – {coder}{EXTENSION}"
        name = file_dialogs.save_name(
            self.owner, f"Copy for {coder}", Purpose.PROJECTS, suggested, PROJECT_FILES, project.path
        )
        if name:
            path = Path(name)
            self.write(
                project, path if path.suffix == EXTENSION else path.with_name(path.name + EXTENSION), coder, blind
            )

    def write(self, project: Project, destination: Path, coder: str, blind: bool) -> Job:
        job = Job(lambda _: hand_out(project, destination, coder, blind=blind), self.owner)
        job.signals.finished.connect(self._written)
        job.signals.failed.connect(self._failed)
        self.report(f"Writing {destination.name}…")
        self.job = job
        job.start()
        return job

    def _written(self, made: Handout) -> None:
        self.job = None
        blind = f", coding blind ({made.left_out:,} codings of other coders left out)" if made.blind else ""
        self.report(f"Wrote {made.path.name} for {made.coder}{blind}.")

    def _failed(self, message: str) -> None:
        self.job = None
        self.tell("Cannot hand out a copy", message)
