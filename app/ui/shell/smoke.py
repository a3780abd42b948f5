"""What `axial-desktop --smoke --import FILE --word OUT` does after opening a project: imports the transcripts and
writes the Word report through the desktop's own dialogs and background jobs, so that a build (a frozen bundle in
particular, whose desktop carries its own copy of the modules) proves its desktop can do both."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance

from app.ui.shell.main_window import MainWindow

TIMEOUT_MS = 120_000


def _wait(signal: SignalInstance, start: Callable[[], object]) -> bool:
    """Run `start` and the event loop until `signal` is emitted; False when it was not within the timeout."""
    loop = QEventLoop()
    heard: list[bool] = []

    def hear(*_: object) -> None:
        heard.append(True)
        loop.quit()

    signal.connect(hear)
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    start()
    if not heard:
        loop.exec()
    return bool(heard)


def import_and_export(window: MainWindow, transcripts: list[Path], report: Path) -> list[str]:
    """What went wrong importing `transcripts` and writing `report` in the open project (nothing: both worked)."""
    dialog = window.show_import()
    if dialog is None or window.project is None or window.workspace is None:
        return ["no project is open"]
    before = len(window.project.documents.all())
    problems: list[str] = []
    if not _wait(dialog.preview_finished, lambda: dialog.add_paths(transcripts)):
        problems.append("the import preview did not finish")
    elif dialog.plans() and not _wait(dialog.import_finished, dialog.start_import):  # no plans: nothing would start
        problems.append("the import did not finish")
    dialog.close()
    imported = len(window.project.documents.all()) - before
    if imported != len(transcripts):
        problems.append(f"{imported} of {len(transcripts)} transcripts were imported")
    export = window.workspace.show_export()
    failures: list[str] = []
    export.export_failed.connect(failures.append)
    if not _wait(export.exported, lambda: export.export(report)) or not report.is_file():
        problems.append(f"the Word report was not written {failures}")
    export.close()
    return problems
