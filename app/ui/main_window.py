"""The main window: opens one project at a time and shows what it holds.

Questions to the user go through `ask` and `tell`, so tests can answer them without modal dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.model.changes import Changes
from app.model.errors import AxialError, ProjectLockedError
from app.model.project import EXTENSION, Project

FILE_FILTER = f"Axial projects (*{EXTENSION})"


def _ask(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def _tell(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


class ProjectSummary(QWidget):
    """The project's name, file and counts."""

    FIELDS = ("Documents", "Codes", "Codings", "Cases", "Memos", "Coder", "Schema revision")

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        self.title = QLabel()
        self.title.setObjectName("projectTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.path = QLabel()
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        layout.addWidget(self.path)
        form = QFormLayout()
        form.setContentsMargins(0, 16, 0, 0)
        self.values: dict[str, QLabel] = {}
        for field in self.FIELDS:
            self.values[field] = QLabel()
            form.addRow(f"{field}:", self.values[field])
        layout.addLayout(form)
        layout.addStretch(1)

    def show_project(self, project: Project | None) -> None:
        if project is None:
            self.title.setText("No project open")
            self.path.setText("Use File ▸ New Project or File ▸ Open to start.")
            for label in self.values.values():
                label.setText("")
            return
        info = project.info()
        self.title.setText(info.name + ("  (read-only)" if info.read_only else ""))
        self.path.setText(info.path)
        shown = {
            "Documents": info.documents,
            "Codes": info.codes,
            "Codings": info.codings,
            "Cases": info.cases,
            "Memos": info.memos,
            "Coder": info.coder,
            "Schema revision": info.schema_revision,
        }
        for field, value in shown.items():
            self.values[field].setText(f"{value:,}" if isinstance(value, int) else str(value))


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self.ask: Callable[[str, str], bool] = lambda title, text: _ask(self, title, text)
        self.tell: Callable[[str, str], None] = lambda title, text: _tell(self, title, text)
        self.summary = ProjectSummary()
        self.setCentralWidget(self.summary)
        self.resize(900, 600)
        self._build_menus()
        self._refresh()

    # --- menus ---------------------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.new_action = self._action(file_menu, "&New Project…", QKeySequence.StandardKey.New, self._choose_new)
        self.open_action = self._action(file_menu, "&Open…", QKeySequence.StandardKey.Open, self._choose_open)
        self.copy_action = self._action(
            file_menu, "Save a &Copy As…", QKeySequence.StandardKey.SaveAs, self._choose_copy
        )
        file_menu.addSeparator()
        self.close_action = self._action(
            file_menu, "&Close Project", QKeySequence.StandardKey.Close, self.close_project
        )
        self.quit_action = self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)

    def _action(self, menu: QMenu, text: str, key: QKeySequence.StandardKey, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        self.addAction(action)
        menu.addAction(action)
        return action

    def _choose_new(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "New project", "", FILE_FILTER)
        if name:
            path = Path(name)
            self.new_project(path if path.suffix == EXTENSION else path.with_name(path.name + EXTENSION))

    def _choose_open(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open project", "", FILE_FILTER)
        if name:
            self.open_project(Path(name))

    def _choose_copy(self) -> None:
        if self.project is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, "Save a copy as", "", FILE_FILTER)
        if name:
            self.save_copy(Path(name))

    # --- project lifecycle ---------------------------------------------------------------------------------

    def new_project(self, path: Path) -> bool:
        self.close_project()
        try:
            self._adopt(Project.create(path))
        except AxialError as error:
            self.tell("Cannot create the project", str(error))
            return False
        return True

    def open_project(self, path: Path) -> bool:
        """Open `path`, offering read-only when another window holds it; explain any refusal."""
        self.close_project()
        try:
            project = Project.open(path)
        except ProjectLockedError as error:
            if not self.ask("Project in use", f"{error}\n\nOpen it read-only?"):
                return False
            try:
                project = Project.open(path, read_only=True)
            except AxialError as second:
                self.tell("Cannot open the project", str(second))
                return False
        except AxialError as error:
            self.tell("Cannot open the project", str(error))
            return False
        self._adopt(project)
        if project.upgraded_from is not None:
            self.statusBar().showMessage(
                f"Upgraded from an older version; the original is kept in “{path.stem} backups”.", 10_000
            )
        return True

    def adopt(self, project: Project) -> None:
        """Show a project opened elsewhere (the demo, a test)."""
        self.close_project()
        self._adopt(project)

    def _adopt(self, project: Project) -> None:
        self.project = project
        self._unsubscribe = project.subscribe(self._on_changes)
        self._refresh()

    def save_copy(self, destination: Path) -> bool:
        if self.project is None:
            return False
        try:
            self.project.save_copy_as(destination)
        except AxialError as error:
            self.tell("Cannot save a copy", str(error))
            return False
        self.statusBar().showMessage(f"Saved a copy as {destination}", 5000)
        return True

    def close_project(self) -> None:
        if self.project is None:
            return
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        project, self.project = self.project, None
        project.close()
        self._refresh()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.close_project()
        super().closeEvent(event)

    # --- view ----------------------------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        self._refresh()

    def _refresh(self) -> None:
        self.summary.show_project(self.project)
        has_project = self.project is not None
        self.copy_action.setEnabled(has_project)
        self.close_action.setEnabled(has_project)
        title = "Axial" if self.project is None else f"{self.project.path.name} — Axial"
        self.setWindowTitle(title)
