"""Exchanging projects with other QDA tools (REFI-QDA) from the desktop: exports and imports run on workers, and
their outcome (what the format could not carry; what was imported, how offsets were counted, what was left out)
is shown in a report the user can read through and copy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.model.project import Project
from app.model.refi.exchange import import_as_new, import_into
from app.model.refi.loader import ImportReport
from app.model.refi.writer import Written, write_qdc, write_qdpx
from app.ui.workers import Job


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
    return lines


# Each returns its job unstarted, so the caller can connect to it before it can finish.


def export_project(project: Project, path: Path, owner: QWidget) -> Job:
    return Job(lambda progress: write_qdpx(project, path, progress), owner)


def export_codebook(project: Project, path: Path, owner: QWidget) -> Job:
    return Job(lambda _: write_qdc(project, path), owner)


def import_merged(project: Project, path: Path, owner: QWidget) -> Job:
    return Job(lambda progress: import_into(project, path, progress), owner)


def import_new(source: Path, destination: Path, owner: QWidget) -> Job:
    """The worker makes and fills the project; the window adopts it when the job finishes."""
    work: Callable[[Job], tuple[Project, ImportReport]] = lambda progress: import_as_new(source, destination, progress)  # noqa: E731
    return Job(work, owner)


def exported_summary(written: Written) -> tuple[str, list[str]]:
    lines = [f"Not carried: {loss}" for loss in written.warnings]
    return f"Saved {written.path.name}. Other tools will not see what REFI-QDA cannot carry:", lines
