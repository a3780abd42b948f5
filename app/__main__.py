"""`python -m app [PROJECT]`: start the desktop, opening PROJECT or else the demo study.

`--version` prints the version. `--smoke [PROJECT]` opens PROJECT, or else the demo study built in a throwaway folder,
in a real main window, lets it paint and closes it: how a build proves its desktop starts (`make wheel-check`,
`make dist-check`) and how its start is timed. With `--import FILE… --word OUT` it also imports those transcripts and
writes the Word report through the desktop's dialogs (see `app.ui.shell.smoke`).
"""

from __future__ import annotations

import argparse
import logging
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app import system_libraries, version
from app.logs import start_logging
from app.model.core.errors import AxialError
from app.process_clock import seconds_since_start
from app.resources import resource
from app.ui.core.collector import MainThreadCollector
from app.ui.core.settings import Settings
from app.ui.shell.crash_dialog import CrashReporter
from app.ui.shell.file_open import FileOpener
from app.ui.shell.main_window import MainWindow
from app.ui.shell.smoke import import_and_export

log = logging.getLogger(__name__)


def demo_path(data_folder: Path | None = None) -> Path:
    """The demo study's file, in the user's data folder unless another is given."""
    folder = data_folder or Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "Demo.axial"


def start(
    args: list[str],
    settings: Settings | None = None,
    data_folder: Path | None = None,
    tell: Callable[[str, str], None] | None = None,
) -> MainWindow:
    """The main window with PROJECT open, or else the demo study (built on first use); `tell` replaces its messages."""
    window = MainWindow(settings)
    if tell is not None:
        window.tell = tell
    if args:
        window.open_project(Path(args[0]))
        return window
    path = demo_path(data_folder)
    if path.exists():
        window.open_project(path)
        return window
    # Imported here, not at the top: building the demo imports transcripts, whose readers slow every start.
    from app.model.demo import build_demo

    try:
        window.adopt(build_demo(path, resource("demo")))
    except AxialError as error:
        window.tell("Cannot create the demo project", str(error))
    return window


def smoke(
    app: QApplication, project: Path | None = None, transcripts: list[Path] | None = None, word: Path | None = None
) -> int:
    """Open `project` or the demo in a shown main window, paint, close; 0 when a transcript was open, ready to code
    (and, given `transcripts` and `word`, they were imported and the report written)."""
    said: list[str] = []
    with tempfile.TemporaryDirectory(prefix="axial-smoke-") as folder:
        settings = Settings(QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat))
        args = [str(project)] if project else []
        window = start(args, settings, Path(folder), tell=lambda title, text: said.append(f"{title}: {text}"))
        window.show()
        app.processEvents()
        usable = _usable_after()  # shown and painted with a transcript open: what a start is timed to
        documents = len(window.project.documents.all()) if window.project else 0
        ready = window.workspace is not None and window.workspace.viewer.document_id is not None
        if ready and transcripts and word:
            said += import_and_export(window, transcripts, word)
            documents = len(window.project.documents.all()) if window.project else 0
        window.close()
        app.processEvents()
    for message in said:
        print(f"axial-desktop: {message}", file=sys.stderr)
    if not ready:
        print("axial-desktop: the smoke test failed: no transcript was open", file=sys.stderr)
    if not ready or said:
        return 1
    opened = project.name if project else "the demo study"
    wrote = f", imported {len(transcripts)} and wrote {word.name}" if transcripts and word else ""
    print(f"Axial {version()}: opened {opened} in the main window{wrote} ({documents} documents), closed it")
    print(f"Usable window {usable} after the process started")
    return 0


def _usable_after() -> str:
    """The wall and CPU time since the process started, e.g. "1.21 s (CPU 1.18 s)"."""
    cpu = time.process_time()  # the whole process's, from its start
    wall = seconds_since_start()
    return f"{wall:.2f} s (CPU {cpu:.2f} s)" if wall is not None else f"(CPU {cpu:.2f} s)"


def _arguments(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """Axial's options, and the rest for Qt (its own options, such as -style, pass through)."""
    parser = argparse.ArgumentParser(prog="axial-desktop", description="Axial's desktop app.")
    parser.add_argument("project", nargs="?", type=Path, help="the project to open (default: the demo study)")
    parser.add_argument("--version", action="store_true", help="show Axial's version and exit")
    parser.add_argument("--smoke", action="store_true", help="open the project in a window, close it, exit")
    parser.add_argument("--import", dest="transcripts", nargs="+", type=Path, default=[], metavar="FILE")
    parser.add_argument("--word", type=Path, metavar="OUT", help="with --smoke and --import: the report to write")
    return parser.parse_known_args(argv)


def main(argv: list[str] | None = None) -> int:
    args, qt_args = _arguments(sys.argv[1:] if argv is None else argv)
    if args.version:
        print(f"Axial {version()}")
        return 0
    missing = system_libraries.problem()
    if missing:
        print(missing, file=sys.stderr)
        return 1
    log_path = start_logging()
    log.info("Axial %s starting (Python %s on %s)", version(), platform.python_version(), platform.platform())
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    assert isinstance(app, QApplication)
    app.setApplicationName("Axial")
    app.setOrganizationName("Axial")
    app.setDesktopFileName("org.axial.Axial")  # ties windows to the menu entry and icon (packaging/linux)
    app.setWindowIcon(QIcon(str(resource("icons", "axial.png"))))
    MainThreadCollector(app)
    reporter = CrashReporter(log_path)
    reporter.install()
    if args.smoke:
        return smoke(app, args.project, args.transcripts, args.word)
    try:
        window = start([str(args.project)] if args.project else [])
    except Exception:
        log.exception("Axial could not start")
        QMessageBox.critical(None, "Axial could not start", f"The details are in the log file:\n{log_path}")
        return 1
    app.installEventFilter(FileOpener(window.open_project, app))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
