"""Whose codings the views show: mine, one coder's, several or everyone's (View ▸ Show Codings By).

The choice is narrowed by the domain (`Project.shown_coders`: a coder coding blind sees only their own, whatever
is chosen) and handed to the document viewer, the code tree's counts, the documents list's counts and the
excerpts panel, which read only those coders' codings. When more than one coder's codings are shown, the margin
marks each with its coder.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QDialog, QMenu

from app.model.core.dto import CoderInfo
from app.model.project import Project
from app.ui.analysis.excerpts_panel import ExcerptsPanel
from app.ui.codes.code_tree_model import CodeTreeModel
from app.ui.coding.document_viewer import DocumentViewer
from app.ui.core.mnemonics import literal
from app.ui.documents.documents_model import DocumentListModel


class CoderFilter:
    def __init__(
        self,
        project: Project,
        viewer: DocumentViewer,
        code_tree: CodeTreeModel,
        excerpts: ExcerptsPanel,
        documents: DocumentListModel,
    ) -> None:
        self.project = project
        self._viewer, self._code_tree, self._excerpts, self._documents = viewer, code_tree, excerpts, documents
        self.mine = False  # my codings, whoever I am (a switch of coder follows)
        self.chosen: frozenset[int] | None = None  # these coders' codings (None: everyone's), when not `mine`
        self._comparing: list[QDialog] = []  # windows that set coders side by side (Agreement)

    def close_when_blind(self, dialog: QDialog) -> None:
        """Close this window as soon as the coder codes blind (or a blind coder takes over): it shows the others'
        codings, which blind mode hides."""
        self._comparing.append(dialog)
        dialog.finished.connect(lambda _: self._comparing.remove(dialog) if dialog in self._comparing else None)

    def show_everyone(self) -> None:
        self.mine, self.chosen = False, None
        self.refresh()

    def show_mine(self) -> None:
        self.mine, self.chosen = True, None
        self.refresh()

    def show_coders(self, coder_ids: frozenset[int]) -> None:
        """These coders' codings; all of them, or none chosen, is everyone's."""
        known = {c.id for c in self.project.coders()}
        self.mine = False
        self.chosen = None if not coder_ids or coder_ids >= known else coder_ids & known
        self.refresh()

    def toggle(self, coder_id: int) -> None:
        """Add this coder's codings to those shown, or take them away (one coder's always stay)."""
        shown = self.wanted()
        everyone = frozenset(c.id for c in self.project.coders())
        current = everyone if shown is None else shown
        if coder_id in current:
            if len(current) > 1:
                self.show_coders(current - {coder_id})
        else:
            self.show_coders(current | {coder_id})

    def wanted(self) -> frozenset[int] | None:
        """What the user chose, before blind mode narrows it."""
        me = self.project.coder_id
        if self.mine and me is not None:
            return frozenset({me})
        return self.chosen

    def shown(self) -> frozenset[int] | None:
        """Whose codings the views read (None: everyone's)."""
        return self.project.shown_coders(self.wanted())

    @property
    def blind(self) -> bool:
        me = self.project.coder_id
        return me is not None and self.project.team.get(me).blind

    def marks(self) -> dict[int, CoderInfo]:
        """The coders to mark in the margin: every one shown, when more than one is."""
        shown = self.shown()
        coders = {c.id: c for c in self.project.coders() if shown is None or c.id in shown}
        return coders if len(coders) > 1 else {}

    def refresh(self) -> None:
        """Show what is chosen (again: the coder switched, went blind or compared, a coder was renamed)."""
        if self.blind:
            for dialog in list(self._comparing):
                dialog.reject()
        shown = self.shown()
        self._viewer.set_coders(shown, self.marks())
        self._code_tree.set_coders(shown)
        self._excerpts.set_coders(shown, {i: c.initials for i, c in self.marks().items()})
        self._documents.set_coders(shown)

    def fill_menu(self, menu: QMenu) -> None:
        """View ▸ Show Codings By: Mine, Everyone's, then each coder to show or hide."""
        menu.clear()
        blind = self.blind
        group = QActionGroup(menu)
        wanted = self.wanted()
        mine = _checkable(menu, "&My Codings", self.mine or blind, self.show_mine)
        everyone = _checkable(menu, "&Everyone's Codings", wanted is None and not blind, self.show_everyone)
        group.addAction(mine)
        group.addAction(everyone)
        menu.addSeparator()
        for coder in self.project.coders():
            shown = not blind and (wanted is None or coder.id in wanted)
            action = _checkable(
                menu, literal(f"{coder.name} ({coder.initials})"), shown, partial(self.toggle, coder.id)
            )
            action.setEnabled(not blind)
        if blind:
            menu.addSeparator()
            note = menu.addAction("Coding blind: Code ▸ Compare with Other Coders shows theirs")
            note.setEnabled(False)
            everyone.setEnabled(False)


def _checkable(menu: QMenu, text: str, checked: bool, slot: Callable[[], None]) -> QAction:
    action = menu.addAction(text)
    action.setCheckable(True)
    action.setChecked(checked)
    action.triggered.connect(lambda _checked=False: slot())
    return action
