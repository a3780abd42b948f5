"""`python -m app [PROJECT]`: start the desktop, opening PROJECT or else the demo study."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication

from app.model.demo import build_demo
from app.model.errors import AxialError
from app.resources import resource
from app.ui.collector import MainThreadCollector
from app.ui.main_window import MainWindow
from app.ui.settings import Settings


def demo_path(data_folder: Path | None = None) -> Path:
    """The demo study's file, in the user's data folder unless another is given."""
    folder = data_folder or Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "Demo.axial"


def start(args: list[str], settings: Settings | None = None, data_folder: Path | None = None) -> MainWindow:
    """The main window with PROJECT open, or else the demo study (built on first use)."""
    window = MainWindow(settings)
    if args:
        window.open_project(Path(args[0]))
        return window
    path = demo_path(data_folder)
    if path.exists():
        window.open_project(path)
        return window
    try:
        window.adopt(build_demo(path, resource("demo")))
    except AxialError as error:
        window.tell("Cannot create the demo project", str(error))
    return window


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    app = QApplication.instance() or QApplication([sys.argv[0], *args])
    app.setApplicationName("Axial")
    app.setOrganizationName("Axial")
    MainThreadCollector(app)
    window = start(args)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
