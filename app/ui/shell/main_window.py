"""The main window: composition only — docks, menus, shortcuts, the status bar, and opening and closing projects.

What the window shows for an open project lives in `Workspace`; questions to the user go through `ask`, `tell`
and `ask_text`, so tests can answer them without modal dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.model.core.changes import Changes, Topic
from app.model.core.errors import AxialError, ProjectLockedError
from app.model.documents.extents import Extent
from app.model.project import Project
from app.ui.cases.cases_panel import CasesPanel
from app.ui.coding.coding_controller import CodingController
from app.ui.core import file_dialogs
from app.ui.core import settings as keys
from app.ui.core.mnemonics import literal
from app.ui.core.settings import Settings
from app.ui.shell import exchange_flows
from app.ui.shell.about_dialog import AboutDialog
from app.ui.shell.coder_flows import CoderFlows
from app.ui.shell.file_flows import FileFlows
from app.ui.shell.new_project_dialog import NewProject, NewProjectDialog, login_name
from app.ui.shell.preferences_dialog import PreferencesDialog
from app.ui.shell.status_bar import ProjectStatus
from app.ui.shell.synced_warning import warn_if_synced
from app.ui.shell.undo_actions import UndoActions
from app.ui.shell.workspace import Workspace

if TYPE_CHECKING:
    from app.ui.documents.import_dialog import ImportDialog
    from app.ui.teams.handout_flow import HandoutFlow
    from app.ui.teams.merge_flow import MergeFlow


class WelcomePage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel("No project open")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        hint = QLabel("File ▸ New Project to start a study, or File ▸ Open (Ctrl+O) to continue one.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addWidget(self.title)
        layout.addWidget(hint)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        file_dialogs.use(self.settings)
        self.project: Project | None = None
        self.workspace: Workspace | None = None
        self.undo = UndoActions(self, self.report)
        self.ask: Callable[[str, str], bool] = self._ask
        self.tell: Callable[[str, str], None] = self._tell
        self.ask_text: Callable[[str, str, str], str | None] = self._ask_text
        self.ask_new_project: Callable[[], NewProject | None] = self._ask_new_project
        self.exchange = exchange_flows.ExchangeFlows(self)
        self.files = FileFlows(self)
        self.coders = CoderFlows(self)
        self._merges: MergeFlow | None = None  # made when first used
        self._handouts: HandoutFlow | None = None
        self.setObjectName("AxialMainWindow")
        self.welcome = WelcomePage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)
        self.docks = {
            name: self._dock(name, title, area)
            for name, title, area in (
                ("documents", "Documents", Qt.DockWidgetArea.LeftDockWidgetArea),
                ("codes", "Codes", Qt.DockWidgetArea.RightDockWidgetArea),
                ("memo", "Memo", Qt.DockWidgetArea.RightDockWidgetArea),
                ("excerpts", "Excerpts", Qt.DockWidgetArea.BottomDockWidgetArea),
                ("search", "Search", Qt.DockWidgetArea.BottomDockWidgetArea),
                ("cases", "Cases", Qt.DockWidgetArea.BottomDockWidgetArea),
            )
        }
        self.tabifyDockWidget(self.docks["cases"], self.docks["search"])
        # Search shares the Excerpts dock's place, as a tab behind it (the second dock named is the one on top).
        self.tabifyDockWidget(self.docks["search"], self.docks["excerpts"])
        self.docks["search"].visibilityChanged.connect(self._search_in_view)
        self.status = ProjectStatus()
        self.statusBar().addPermanentWidget(self.status)
        self._build_menus()
        self.resize(1360, 860)
        if not self.restoreGeometry(self.settings.get(keys.GEOMETRY)) or not self.restoreState(
            self.settings.get(keys.STATE)
        ):
            self._first_run_layout()
        self._refresh()

    def _first_run_layout(self) -> None:
        docks = self.docks
        self.resizeDocks([docks["documents"], docks["codes"]], [420, 330], Qt.Orientation.Horizontal)
        self.resizeDocks([docks["codes"], docks["memo"]], [420, 220], Qt.Orientation.Vertical)
        self.resizeDocks([docks["excerpts"]], [170], Qt.Orientation.Vertical)

    def _dock(self, name: str, title: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(QWidget())
        self.addDockWidget(area, dock)
        return dock

    # --- questions -----------------------------------------------------------------------------------------

    def _ask(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        return QMessageBox.question(self, title, text, buttons) == QMessageBox.StandardButton.Yes

    def _tell(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def _ask_text(self, title: str, label: str, default: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label, text=default)
        return text if ok else None

    def _ask_new_project(self) -> NewProject | None:
        dialog = NewProjectDialog(self.settings.get(keys.CODER), self)
        return dialog.choice() if dialog.exec() else None

    def report(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # --- menus ---------------------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self.new_action = self._action(file, "&New Project…", QKeySequence.StandardKey.New, self.files.choose_new)
        self.open_action = self._action(file, "&Open…", QKeySequence.StandardKey.Open, self.files.choose_open)
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addAction(self.coders.switch_action)
        file.addSeparator()
        self.import_action = self._action(file, "&Import Transcripts…", "Ctrl+Shift+I", self.show_import)
        self.replace_action = self._action(file, "&Replace with Corrected Version…", "", self._replace_document)
        self.versions_action = self._action(file, "&Versions of This Document…", "", self._show_versions)
        self.copy_action = self._action(
            file, "Save a &Copy As…", QKeySequence.StandardKey.SaveAs, self.files.choose_copy
        )
        export = file.addMenu("&Export")
        self.export_excerpts_action = self._action(
            export, "Coded &Excerpts (Word, Excel, CSV)…", "Ctrl+Shift+E", lambda: self._workspace().show_export()
        )
        self.export_codebook_action = self._action(export, "&Codebook…", "", self.files.choose_codebook)
        self.export_ratings_action = self._action(
            export, "CFIR &Ratings Matrix and Site Summaries…", "", lambda: self._workspace().show_matrix()
        )
        export.addSeparator()
        self.export_qdpx_action = self._action(
            export, "Project for Other QDA Tools (REFI-QDA .qdpx)…", "", lambda: self.exchange.choose_export(False)
        )
        self.export_qdc_action = self._action(
            export, "Codebook for Other QDA Tools (.qdc)…", "", lambda: self.exchange.choose_export(True)
        )
        self.import_refi_action = self._action(
            file, "Import from NVivo, ATLAS.ti, MAXQDA… (REFI-QDA)", "", lambda: self.exchange.choose_import()
        )
        self.hand_out_action = self._action(file, "&Hand Out a Copy…", "", lambda: self.hand_out_copy())
        self.merge_copy_action = self._action(file, "&Merge Coder's Copy…", "", lambda: self.merge_copy())
        file.addSeparator()
        self.close_action = self._action(file, "&Close Project", QKeySequence.StandardKey.Close, self.close_project)
        self.quit_action = self._action(file, "&Quit", "Ctrl+Q", self.close)

        edit = bar.addMenu("&Edit")
        self.undo_action, self.redo_action = self.undo.undo_action, self.undo.redo_action
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        self.find_action = self._action(edit, "&Find in Document…", QKeySequence.StandardKey.Find, self._find)
        self.search_action = self._action(edit, "&Search Project…", "Ctrl+Shift+F", self.show_search)
        self.next_hit_action = self._action(edit, "Next Search &Hit", "F3", lambda: self._workspace().search.next_hit())
        self.previous_hit_action = self._action(
            edit, "Previous Search Hit", "Shift+F3", lambda: self._workspace().search.previous_hit()
        )
        self.delete_documents_action = self._action(edit, "Delete Selected Documents…", "", self._delete_documents)
        edit.addSeparator()
        edit.addAction(self.coders.coders_action)
        self._action(edit, "&Preferences…", QKeySequence.StandardKey.Preferences, self.show_preferences)

        code = bar.addMenu("&Code")
        coding = self._coding
        self.apply_action = self._action(code, "&Apply Current Code", "Ctrl+Return", lambda: coding().apply_current())
        self.quick_action = self._action(code, "&Quick Code…", "Ctrl+K", lambda: coding().quick_code())
        self.new_code_action = self._action(
            code, "&New Code from Selection…", "Ctrl+Shift+N", lambda: coding().new_code()
        )
        self.in_vivo_action = self._action(code, "Code &In Vivo", "Ctrl+I", lambda: coding().in_vivo())
        code.addSeparator()
        self.recode_action = self._action(code, "&Change Code of Coding…", "Ctrl+Shift+K", lambda: coding().recode())
        self.remove_action = self._action(code, "&Remove Coding", "Ctrl+Backspace", lambda: coding().remove_coding())
        self.memo_action = self._action(code, "Coding &Memo", "Ctrl+M", lambda: coding().edit_coding_memo())
        extend = code.addMenu("&Extend Coding To")
        self.extend_actions = {
            extent: self._action(extend, label, key, partial(self._extend, extent))
            for extent, label, key in (
                (Extent.SENTENCE, "&Sentence", "Ctrl+Alt+S"),
                (Extent.PARAGRAPH, "&Paragraph", "Ctrl+Alt+P"),
                (Extent.TURN, "Speaker &Turn", "Ctrl+Alt+T"),
            )
        }
        code.addSeparator()
        code.addActions([self.coders.blind_action, self.coders.compare_action])

        analyse = bar.addMenu("&Analyse")
        self.similar_action = self._action(
            analyse, "&Similar Codes…", "", lambda: self._workspace().show_similar_codes()
        )
        self.relations_action = self._action(analyse, "&Relations…", "", lambda: self._workspace().show_relations())
        self.analysis_action = self._action(
            analyse, "&What Goes with What…", "Ctrl+Shift+A", lambda: self._workspace().show_analysis()
        )
        self.agreement_action = self._action(
            analyse, "A&greement Between Coders…", "", lambda: self._workspace().show_agreement()
        )

        framework = bar.addMenu("F&ramework")
        self.use_cfir2_action = self._action(
            framework, "Use CFIR &2.0 (2022)", "", lambda: self._workspace().use_framework("cfir-2022")
        )
        self.use_cfir1_action = self._action(
            framework, "Use CFIR 200&9", "", lambda: self._workspace().use_framework("cfir-2009")
        )
        self.no_framework_action = self._action(
            framework, "&No Framework", "", lambda: self._workspace().use_framework(None)
        )
        framework.addSeparator()
        self.mapping_action = self._action(
            framework, "&Map Codes to the Framework…", "Ctrl+Shift+M", lambda: self._workspace().show_mapping()
        )
        self.ratings_action = self._action(
            framework, "&Framework Matrix: Summaries and Ratings…", "", lambda: self._workspace().show_matrix()
        )
        self.crosswalk_action = self._action(
            framework, "Move from CFIR 2009 to CFIR 2.0…", "", lambda: self._workspace().show_crosswalk()
        )
        framework.addSeparator()
        self.export_framework_action = self._action(
            framework, "&Export Adapted Framework…", "", self.files.export_framework
        )
        self.import_framework_action = self._action(
            framework, "&Import Adapted Framework…", "", self.files.import_framework
        )

        view = bar.addMenu("&View")
        for dock in self.docks.values():
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        view.addMenu(self.coders.shown_menu)
        tools = bar.addMenu("&Tools")
        self.deidentify_action = self._action(tools, "&De-identify…", "", self._deidentify)
        self.pseudonyms_action = self._action(tools, "&Pseudonyms…", "", self._pseudonyms)
        help_menu = bar.addMenu("&Help")
        self.about_action = self._action(help_menu, "&About Axial", "", lambda: AboutDialog(self).exec())
        self.project_actions = [
            self.search_action, self.next_hit_action, self.previous_hit_action,
            self.import_action, self.copy_action, self.export_excerpts_action, self.export_codebook_action,
            self.export_ratings_action, self.export_qdpx_action, self.export_qdc_action, self.close_action,
            self.find_action, self.delete_documents_action,
            self.apply_action, self.quick_action, self.new_code_action, self.in_vivo_action, self.recode_action,
            self.remove_action, self.memo_action, *self.extend_actions.values(),
            self.similar_action, self.relations_action, self.analysis_action, self.agreement_action,
            self.use_cfir2_action, self.use_cfir1_action, self.no_framework_action, self.mapping_action,
            self.ratings_action, self.crosswalk_action, self.export_framework_action, self.import_framework_action,
            self.replace_action, self.versions_action, self.deidentify_action, self.pseudonyms_action,
            self.hand_out_action, self.merge_copy_action,
        ]  # fmt: skip
        # What changes the project: off when it is open read-only (with `_lock_editing` for the panels).
        self.editing_actions = [
            self.import_action, self.delete_documents_action,
            self.apply_action, self.quick_action, self.new_code_action, self.in_vivo_action, self.recode_action,
            self.remove_action, self.memo_action, *self.extend_actions.values(),
            self.use_cfir2_action, self.use_cfir1_action, self.no_framework_action, self.crosswalk_action,
            self.import_framework_action, self.replace_action, self.deidentify_action, self.pseudonyms_action,
            self.hand_out_action, self.merge_copy_action,
        ]  # fmt: skip

    def _action(
        self, menu: QMenu, text: str, key: QKeySequence.StandardKey | str, slot: Callable[[], object]
    ) -> QAction:
        action = QAction(text, self)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        self.addAction(action)
        menu.addAction(action)
        return action

    def _workspace(self) -> Workspace:
        assert self.workspace is not None  # the actions are disabled without a project
        return self.workspace

    def _coding(self) -> CodingController:
        assert self.workspace is not None  # the actions are disabled without a project
        return self.workspace.coding

    def _search_in_view(self, in_view: bool) -> None:
        if self.workspace is not None:
            self.workspace.search.set_in_view(in_view)

    def show_search(self) -> None:
        dock = self.docks["search"]
        dock.show()
        dock.raise_()
        self._workspace().search.focus_query()

    def _extend(self, extent: Extent) -> None:
        self._coding().extend_coding(extent)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for file in files:
            self.recent_menu.addAction(literal(file), partial(self.open_project, Path(file)))
        if not files:
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    def _find(self) -> None:
        if self.workspace is not None:
            self.workspace.viewer.find_bar.open()

    def _replace_document(self) -> None:
        from app.ui.revisions.revision_flows import replace_with_corrected_version  # loads the readers when asked

        if self.project is not None and self.workspace is not None:
            if self.workspace.viewer.document_id is None:
                self.tell("Replace with Corrected Version", "Open the document to replace first.")
                return
            replace_with_corrected_version(self, self.project, self.workspace.viewer.document_id)

    def _show_versions(self) -> None:
        from app.ui.revisions.versions_dialog import VersionsDialog

        if self.project is not None and self.workspace is not None:
            if self.workspace.viewer.document_id is None:
                self.tell("Versions of This Document", "Open a document first.")
                return
            VersionsDialog(self.project, self.workspace.viewer.document_id, self).exec()

    def _deidentify(self) -> None:
        from app.ui.revisions.deidentify_dialog import DeidentifyDialog

        if self.project is not None:
            dialog = DeidentifyDialog(self.project, self, ner_model=self.settings.get(keys.NER_MODEL))
            if dialog.exec() and dialog.report is not None:
                self.report(f"De-identified: {dialog.report.replacements} replacements (Edit ▸ Undo takes them back).")

    def hand_out_copy(self) -> HandoutFlow | None:
        """Ask who a copy is for and where to write it, then write it (File ▸ Hand Out a Copy…)."""
        from app.ui.teams.handout_flow import HandoutFlow

        if self.project is None:
            return None
        if self._handouts is None:
            self._handouts = HandoutFlow(self, lambda text: self.report(text), lambda t, x: self.tell(t, x))
        self._handouts.choose(self.project)
        return self._handouts

    def merge_copy(self, copy: Path | None = None) -> MergeFlow | None:
        """Preview merging a coder's copy (chosen in a file dialog when not given); the preview's Merge merges."""
        from app.ui.teams.merge_flow import MergeFlow

        if self.project is None:
            return None
        if self._merges is None:
            self._merges = MergeFlow(self, lambda text: self.report(text), lambda title, text: self.tell(title, text))
        if copy is None:
            self._merges.choose(self.project)
        else:
            self._merges.preview(self.project, copy)
        return self._merges

    def _pseudonyms(self) -> None:
        from app.ui.revisions.pseudonyms_window import PseudonymsWindow

        if self.project is not None:
            PseudonymsWindow(self.project, self).exec()

    def _delete_documents(self) -> None:
        if self.workspace is not None:
            self.workspace.delete_documents()

    # --- dialogs -------------------------------------------------------------------------------------------

    def show_import(self) -> ImportDialog | None:
        if self.project is None or self.workspace is None:
            return None
        # Imported here, not at the top: it loads every transcript reader, a tenth of a second of each start.
        from app.ui.documents.import_dialog import ImportDialog

        dialog = ImportDialog(self.project, self.workspace.edits, self)
        dialog.setModal(True)
        dialog.show()
        return dialog

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self)
        if dialog.exec():
            dialog.store()  # the name offered for new projects; the open project's coder is File ▸ Switch Coder's
            self._apply_preferences()

    def _apply_preferences(self) -> None:
        if self.workspace is None:
            return
        family, size = self.settings.get(keys.FONT_FAMILY), self.settings.get(keys.FONT_SIZE)
        font = QFont(family) if family else QFont(self.workspace.viewer.view.font())
        font.setPointSize(size)
        self.workspace.viewer.set_style(self.settings.get(keys.HIGHLIGHT), font)
        self._refresh()

    # --- project lifecycle ---------------------------------------------------------------------------------

    def new_project(self, path: Path, choice: NewProject | None = None) -> bool:
        """Create and show a project; without a `choice`, named after its file, on CFIR 2.0, the usual coder."""
        choice = choice or NewProject(path.stem, self.settings.get(keys.CODER) or login_name(), "cfir-2022")
        self.close_project()
        try:
            project = Project.create(path, name=choice.name, coder=choice.coder or None)
            if choice.framework is not None:
                project.edits.use_framework(choice.framework)
        except AxialError as error:
            self.tell("Cannot create the project", str(error))
            return False
        if choice.coder:
            self.settings.set(keys.CODER, choice.coder)  # offered again for the next new project
        self.coders.remember(project)
        self.adopt(project)
        return True

    def open_project(self, path: Path) -> bool:
        """Open `path`, offering read-only when another window holds it; explain any refusal."""
        self.close_project()
        try:
            project = Project.open(path, choose_coder=True)  # who is coding is asked below, never the login name
        except ProjectLockedError as error:
            if not self.ask("Project in use", f"{error}\n\nOpen it read-only?"):
                return False
            try:
                project = Project.open(path, read_only=True, choose_coder=True)
            except AxialError as second:
                self.tell("Cannot open the project", str(second))
                return False
        except AxialError as error:
            self.tell("Cannot open the project", str(error))
            return False
        if not self.coders.choose_on_open(project):
            project.close()
            return False
        self.adopt(project)
        if project.upgraded_from is not None:
            self.report(f"Upgraded from an older version; the original is kept in “{path.stem} backups”.")
        return True

    def adopt(self, project: Project) -> None:
        """Show an open project (from a menu, the demo, a test)."""
        self.close_project()
        self.project = project
        self.workspace = Workspace(
            project, self, self.report, lambda t, x: self.ask(t, x), lambda *a: self.ask_text(*a)
        )
        self.docks["documents"].setWidget(self.workspace.documents)
        self.docks["codes"].setWidget(self.workspace.codes)
        self.docks["memo"].setWidget(self.workspace.memo)
        self.docks["excerpts"].setWidget(self.workspace.excerpts)
        self.docks["search"].setWidget(self.workspace.search)
        self.docks["cases"].setWidget(
            CasesPanel(
                project,
                self.workspace.events,
                self.report,
                lambda t, x: self.ask(t, x),
                lambda t, x: self.tell(t, x),
                lambda *a: self.ask_text(*a),
            )
        )
        self.workspace.search.set_in_view(not self.docks["search"].visibleRegion().isEmpty())
        self.stack.addWidget(self.workspace.viewer)
        self.stack.setCurrentWidget(self.workspace.viewer)
        self.workspace.events.changed.connect(self._on_changes)
        self.workspace.events.changed.connect(self.undo.refresh)
        self.undo.attach(project.history)
        if project.read_only:
            self._lock_editing(self.workspace)
        if project.read_only_because:
            self.tell("Opened read-only", f"{project.path.name} is open read-only: {project.read_only_because}.")
        self.settings.add_recent(str(project.path))
        warn_if_synced(project.path, self.settings, self.tell)
        self._apply_preferences()
        documents = project.documents.all()
        if documents:
            self.workspace.open_document(documents[0].id)
        self._refresh()

    @staticmethod
    def _lock_editing(workspace: Workspace) -> None:
        """A read-only project: nothing can be typed, dropped or dragged into it (`editing_actions` are off)."""
        workspace.memo.set_read_only(True)
        workspace.search.set_read_only(True)
        workspace.codes.set_read_only()
        workspace.viewer.view.setAcceptDrops(False)

    def save_copy(self, destination: Path) -> bool:
        if self.project is None:
            return False
        try:
            self.project.save_copy_as(destination)
        except AxialError as error:
            self.tell("Cannot save a copy", str(error))
            return False
        self.report(f"Saved a copy as {destination}")
        return True

    def close_project(self) -> None:
        if self.project is None or self.workspace is None:
            return
        workspace, project = self.workspace, self.project
        workspace.detach()
        self.workspace, self.project = None, None
        for dock in self.docks.values():
            dock.setWidget(QWidget())
        self.stack.setCurrentWidget(self.welcome)
        self.stack.removeWidget(workspace.viewer)
        workspace.viewer.deleteLater()
        self.undo.attach(None)  # the history belongs to the project, which keeps it
        project.close()
        self._refresh()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.settings.set(keys.GEOMETRY, self.saveGeometry())
        self.settings.set(keys.STATE, self.saveState())
        self.settings.sync()
        self.close_project()
        super().closeEvent(event)

    # --- status --------------------------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        self.status.on_changes(changes)
        if Topic.PROJECT in changes.topics:  # the coder went blind or compared (or its undo)
            self.coders.update_actions()

    def _refresh(self) -> None:
        has_project = self.project is not None
        for action in self.project_actions:
            action.setEnabled(has_project)
        writable = has_project and self.project is not None and not self.project.read_only
        for action in self.editing_actions:
            action.setEnabled(writable)
        self.status.show_project(self.project)
        self.coders.update_actions()
        if self.project is None:
            self.setWindowTitle("Axial")
            return
        suffix = "  (read-only)" if self.project.read_only else ""
        self.setWindowTitle(f"{self.project.path.name}{suffix} — Axial")
