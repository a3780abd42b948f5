"""Who is coding, in the window: the coder chosen on opening a project (remembered for that file, so the next
opening goes straight in), File ▸ Switch Coder…, Code ▸ Code Blind and Compare with Other Coders, and
View ▸ Show Codings By. The login name never becomes a coder here: a new coder is always typed by someone."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from app.model.core.dto import CoderInfo
from app.model.core.errors import AxialError
from app.model.project import Project
from app.model.teams.handout import handed_out_to
from app.ui.core import settings as keys
from app.ui.core.settings import Setting
from app.ui.shell.coder_choice_dialog import CoderChoiceDialog
from app.ui.shell.coders_dialog import CodersDialog

if TYPE_CHECKING:
    from app.ui.shell.main_window import MainWindow

# Asked with the project's name, its coders, the one to pre-select and whether someone new may be added; answers a
# coder's id, a new coder's name, or None (cancelled).
AskCoder = Callable[[str, Sequence[CoderInfo], int | None, bool], int | str | None]


def remembered_coder(path_text: str) -> Setting[str]:
    """The GUID of the coder last chosen for this project file, on this computer."""
    digest = hashlib.sha256(path_text.encode()).hexdigest()[:20]
    return Setting(f"coders/{digest}", "", str)


class CoderFlows:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.ask: AskCoder = self._dialog
        self.switch_action = QAction("S&witch Coder…", window)
        self.switch_action.triggered.connect(self.switch)
        self.blind_action = QAction("Code &Blind", window)
        self.blind_action.setToolTip("Hide the other coders' codings and counts until you compare")
        self.blind_action.triggered.connect(self.code_blind)
        self.compare_action = QAction("Compare with &Other Coders…", window)
        self.compare_action.triggered.connect(self.compare)
        self.coders_action = QAction("Co&ders…", window)
        self.coders_action.triggered.connect(self.edit_coders)
        self.shown_menu = QMenu("Show &Codings By", window)
        self.shown_menu.aboutToShow.connect(self._fill_shown)

    def _dialog(
        self, project_name: str, coders: Sequence[CoderInfo], selected: int | None, new: bool
    ) -> int | str | None:
        dialog = CoderChoiceDialog(
            project_name, coders, selected, allow_new=new, suggested_name=self.window.settings.get(keys.CODER),
            parent=self.window,
        )  # fmt: skip
        return dialog.chosen() if dialog.exec() else None

    # --- choosing the coder --------------------------------------------------------------------------------

    def choose_on_open(self, project: Project) -> bool:
        """Take the coder remembered for this file; else the only coder; else ask. False: the user cancelled."""
        coders = project.coders()
        remembered = self.window.settings.get(remembered_coder(str(project.path.resolve())))
        known = next((c for c in coders if remembered and c.guid == remembered), None)
        if known is None and len(coders) == 1 and not remembered:
            known = coders[0]  # the project was made for them
        if known is None and not remembered:  # a copy handed out to a coder opens as them (Switch Coder… to change)
            known = next((c for c in coders if c.name == handed_out_to(project)), None)
        if known is not None:
            project.use_coder(known.name)
            self.remember(project)
            return True
        if not coders and project.read_only:
            return True  # nothing is recorded in a read-only project with no coders to choose from
        own = project.own_coder()
        selected = next((c.id for c in coders if c.name == own), None)
        return self._ask_until_chosen(project, coders, selected)

    def _ask_until_chosen(self, project: Project, coders: Sequence[CoderInfo], selected: int | None) -> bool:
        while True:
            answer = self.ask(project.info().name, coders, selected, not project.read_only)
            if answer is None:
                return False
            if isinstance(answer, int):
                project.use_coder(next(c.name for c in coders if c.id == answer))
                break
            taken = next((c for c in coders if c.name.casefold() == answer.casefold()), None)
            if taken is None:
                project.use_coder(answer)
                break
            self.window.tell(
                "Choose another name",
                f"This project already has a coder called “{taken.name}”; each coder needs a name of their own. "
                "If that is you, choose your name from the list.",
            )
            selected = taken.id
        self.remember(project)
        return True

    def remember(self, project: Project) -> None:
        """Keep the project's coder for its next opening on this computer."""
        coder_id = project.coder_id
        if coder_id is not None:
            guid = project.team.get(coder_id).guid
            self.window.settings.set(remembered_coder(str(project.path.resolve())), guid)

    def switch(self) -> None:
        """File ▸ Switch Coder…: code as someone else from now on (remembered for this file)."""
        window = self.window
        project = window.project
        if project is None:
            return
        try:
            if self._ask_until_chosen(project, project.coders(), project.coder_id):
                self._shown_again()
                window.report(f"Coding as {project.info().coder}.")
        except AxialError as error:
            window.tell("Cannot switch coder", str(error))

    def _shown_again(self) -> None:
        window = self.window
        if window.workspace is not None:
            window.workspace.coder_filter.refresh()
        window.status.show_project(window.project)
        self.update_actions()

    def edit_coders(self) -> CodersDialog | None:
        """Edit ▸ Coders…: rename the project's coders, set their initials and colours."""
        window = self.window
        if window.project is None:
            return None
        dialog = CodersDialog(window.project, lambda *a: window.ask_text(*a), lambda t, x: window.tell(t, x), window)
        dialog.finished.connect(lambda _: self._shown_again())
        dialog.open()
        return dialog

    # --- blind coding --------------------------------------------------------------------------------------

    def code_blind(self) -> None:
        self._set_blind(True)

    def compare(self) -> None:
        """Show the other coders' codings and counts again, once the coder says so."""
        if self.window.ask(
            "Compare with other coders",
            "Show the other coders' codings and their counts? Your codings stay as they are; Edit ▸ Undo "
            "takes you back to coding blind.",
        ):
            self._set_blind(False)

    def _set_blind(self, blind: bool) -> None:
        project = self.window.project
        if project is None or project.coder_id is None:
            return
        try:
            project.edits.set_coder_blind(project.coder_id, blind)
        except AxialError as error:
            self.window.tell("Coding blind", str(error))
            return
        self.window.report(
            "Coding blind: the other coders' codings and counts are hidden."
            if blind
            else "The other coders' codings are shown beside yours."
        )
        self._shown_again()

    def update_actions(self) -> None:
        """Code Blind or Compare, whichever applies to the coder now."""
        project = self.window.project
        coder_id = project.coder_id if project is not None else None
        writable = project is not None and not project.read_only and coder_id is not None
        blind = project is not None and coder_id is not None and project.team.get(coder_id).blind
        self.blind_action.setEnabled(writable and not blind)
        self.compare_action.setEnabled(writable and blind)
        self.switch_action.setEnabled(project is not None)
        self.coders_action.setEnabled(project is not None)
        self.shown_menu.setEnabled(project is not None)
        # Agreement sets one coder's codings beside another's: not while coding blind.
        self.window.agreement_action.setEnabled(project is not None and not blind)

    def _fill_shown(self) -> None:
        workspace = self.window.workspace
        if workspace is not None:
            workspace.coder_filter.fill_menu(self.shown_menu)
