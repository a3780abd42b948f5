"""Exchanging projects with other QDA tools (REFI-QDA) from the desktop: exports and imports run on workers, and
their outcome (what the format could not carry; what was imported, how offsets were counted, what was left out)
is shown in a report the user can read through and copy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.model.project import EXTENSION, Project
from app.ui.core import file_dialogs
from app.ui.core.file_dialogs import Purpose
from app.ui.core.file_filters import PROJECT_FILES, REFI_FILES
from app.ui.core.workers import Job

if TYPE_CHECKING:
    from app.model.exchange.refi_loader import ImportReport
    from app.model.exchange.refi_writer import Written
    from app.ui.shell.main_window import MainWindow


class ReportDialog(QDialog):
    """A summary line and a list to read through (and copy)."""

    def __init__(self, title: str, summary: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.details = QPlainTextEdit("\n".join(lines))
        self.details.setReadOnly(True)
        self.details.setVisible(bool(lines))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(760, 420 if lines else 140)


def import_lines(report: ImportReport) -> list[str]:
    lines = [f"{source}: offsets counted in {unit}" for source, unit in report.units.items()]
    lines += [f"Not placed: {line}" for line in report.unplaced]
    lines += [f"Not imported: {line}" for line in report.skipped]
    lines += [f"Changed: {line}" for line in report.changed]
    return lines


# Each returns its job unstarted, so the caller can connect to it before it can finish. The REFI-QDA modules are
# loaded when first used (here, or by the merge edit): loading them with the window cost a tenth of its start.


def export_project(project: Project, path: Path, owner: QWidget) -> Job:
    from app.model.exchange.refi_writer import write_qdpx

    return Job(lambda progress: write_qdpx(project, path, progress), owner)


def export_codebook(project: Project, path: Path, owner: QWidget) -> Job:
    from app.model.exchange.refi_writer import write_qdc

    return Job(lambda _: write_qdc(project, path), owner)


def import_merged(project: Project, path: Path, owner: QWidget) -> Job:
    """The merge is one edit: Edit ▸ Undo takes all of it back."""
    return Job(lambda progress: project.edits.merge_exchange(path, progress), owner)


def import_new(source: Path, destination: Path, owner: QWidget) -> Job:
    """The worker makes and fills the project; the window adopts it when the job finishes."""
    from app.model.exchange.refi_import import import_as_new

    work: Callable[[Job], tuple[Project, ImportReport]] = lambda progress: import_as_new(source, destination, progress)  # noqa: E731
    return Job(work, owner)


def exported_summary(written: Written) -> tuple[str, list[str]]:
    lines = [f"Not carried: {loss}" for loss in written.warnings]
    return f"Saved {written.path.name}. Other tools will not see what REFI-QDA cannot carry:", lines


class ExchangeFlows:
    """The window's menu entries for other QDA tools: choose files, run on a worker, show the report."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.last_report: ReportDialog | None = None

    def _project(self) -> Project:
        assert self.window.project is not None  # the export actions are disabled without a project
        return self.window.project

    def choose_export(self, codebook_only: bool) -> None:
        suffix, kind = (".qdc", "REFI-QDA codebook") if codebook_only else (".qdpx", "REFI-QDA project")
        path = self._project().path
        name = file_dialogs.save_name(
            self.window, "Export for other QDA tools", Purpose.EXPORTS, path.stem + suffix, f"{kind} (*{suffix})", path
        )
        if name:
            self.export(Path(name), codebook_only=codebook_only)

    def export(self, path: Path, *, codebook_only: bool) -> Job:
        job = (export_codebook if codebook_only else export_project)(self._project(), path, self.window)
        job.signals.finished.connect(
            lambda written: self.show("Exported for other QDA tools", *exported_summary(written))
        )
        job.signals.failed.connect(lambda message: self.window.tell("Cannot export", message))
        self.window.report(f"Exporting {path.name}…")
        job.start()
        return job

    def choose_import(self) -> None:
        window = self.window
        project = window.project.path if window.project is not None else None
        name = file_dialogs.open_name(window, "Import from another QDA tool", Purpose.SOURCES, REFI_FILES, project)
        if not name:
            return
        source = Path(name)
        if window.project is not None and not window.project.read_only:
            merge = window.ask(
                "Import into this project?",
                f"Merge {source.name} into {window.project.path.name}? Codes are matched by GUID, then by name; "
                "documents already here are not imported twice. Edit ▸ Undo takes the whole merge back."
                "\n\nChoose No to make a new project from it instead.",
            )
            if merge:
                self.import_file(source, None)
                return
        target = file_dialogs.save_name(
            window, "New project for the import", Purpose.PROJECTS, source.stem + EXTENSION, PROJECT_FILES, source
        )
        if target:
            destination = Path(target)
            self.import_file(
                source, destination if destination.suffix == EXTENSION else destination.with_suffix(EXTENSION)
            )

    def import_file(self, source: Path, destination: Path | None) -> Job:
        """Into the open project (`destination` None) or a new one, which the window then opens."""
        if destination is None:
            job = import_merged(self._project(), source, self.window)
            job.signals.finished.connect(self._imported)
        else:
            job = import_new(source, destination, self.window)
            job.signals.finished.connect(self._imported_new)
        job.signals.failed.connect(lambda message: self.window.tell("Cannot import", message))
        self.window.report(f"Importing {source.name}…")
        job.start()
        return job

    def _imported_new(self, result: tuple[Project, ImportReport]) -> None:
        project, report = result
        self.window.adopt(project)
        self._imported(report)

    def _imported(self, report: ImportReport) -> None:
        self.show("Imported from another QDA tool", report.summary() + ".", import_lines(report))

    def show(self, title: str, summary: str, lines: list[str]) -> ReportDialog:
        dialog = ReportDialog(title, summary, lines, self.window)
        self.last_report = dialog
        dialog.show()
        return dialog
