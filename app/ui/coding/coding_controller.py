"""Coding from the viewer: every route to apply, create, remove, re-code, extend and annotate a coding.

The keyboard and the mouse reach the same methods: the tree (double-click, drag onto the text), shortcuts, the
quick-code palette and in-vivo coding. Each change is an undoable edit; a refusal is reported, never raised.
A new code whose name is very close to an existing one is created only once the user says so. Removing or
re-coding acts on the coding the caret or selection points at; when several overlap there, the user picks one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect

from app.model.codes.code_names import name_key
from app.model.codes.code_service import similar_warning
from app.model.core.changes import Topic
from app.model.core.dto import CodeInfo, CodingInfo, MemoTarget
from app.model.core.errors import AxialError
from app.model.documents.extents import Extent, extend
from app.model.history.edits import Edits
from app.model.project import Project
from app.ui.codes.codes_panel import CodesPanel
from app.ui.coding.coding_chooser import CodingChooser, preview
from app.ui.coding.document_viewer import DocumentViewer
from app.ui.coding.quick_code import QuickCodePalette
from app.ui.memos.memo_panel import MemoPanel

IN_VIVO_LIMIT = 80
RECENT_LIMIT = 12
CHOICES_LIMIT = 30
AskText = Callable[[str, str, str], str | None]  # title, label, default -> text or None when cancelled
Ask = Callable[[str, str], bool]  # title, question -> yes


class CodingController:
    def __init__(
        self,
        project: Project,
        edits: Edits,
        viewer: DocumentViewer,
        codes: CodesPanel,
        memo: MemoPanel,
        palette: QuickCodePalette,
        report: Callable[[str], None],
        ask_text: AskText,
        ask: Ask,
    ) -> None:
        self.project, self.edits, self.viewer, self.codes, self.memo = project, edits, viewer, codes, memo
        self.palette, self.report, self.ask_text, self.ask = palette, report, ask_text, ask
        self.chooser = CodingChooser(viewer)
        self.recent: list[int] = []
        self._recoding: int | None = None
        codes.apply_requested.connect(self.apply)
        viewer.codes_dropped.connect(lambda ids: [self.apply(code_id) for code_id in ids])
        viewer.coding_clicked.connect(self.select_coding)
        palette.code_chosen.connect(self._chosen)
        palette.code_requested.connect(self._requested)

    # --- applying ------------------------------------------------------------------------------------------

    def _target(self) -> tuple[int, int, int] | None:
        """(document, start, end) of the selected text, or None after telling the user why not."""
        if self.viewer.document_id is None:
            self.report("Open a document first.")
            return None
        span = self.viewer.selection()
        if span is None:
            self.report("Select some text to code first.")
            return None
        return self.viewer.document_id, span[0], span[1]

    def apply(self, code_id: int) -> CodingInfo | None:
        target = self._target()
        if target is None:
            return None
        try:
            coding = self.edits.apply_coding(target[0], code_id, target[1], target[2])
        except AxialError as error:
            self.report(str(error))
            return None
        self._used(code_id)
        self.report(f"Coded with “{self.project.codes.get(code_id).name}”.")
        return coding

    def apply_current(self) -> CodingInfo | None:
        code_id = self.codes.current_code_id()
        if code_id is None:
            self.report("Choose a code in the code tree first (or use Quick code).")
            return None
        return self.apply(code_id)

    def new_code(self) -> CodingInfo | None:
        """Ask for a name, create the code under the current category, and code the selection with it."""
        if self._target() is None:
            return None
        name = self.ask_text("New code", "Name of the new code:", "")
        if not name or not name.strip():
            return None
        return self._create_and_apply(name)

    def in_vivo(self) -> CodingInfo | None:
        """The selected words become the code's name (a code already so named is reused)."""
        if self._target() is None:
            return None
        name = " ".join(self.viewer.selected_text().split()).strip(" .,;:!?\"'“”‘’")
        if len(name) > IN_VIVO_LIMIT:
            name = name[: IN_VIVO_LIMIT - 1].rsplit(" ", 1)[0] + "…"
        existing = next((n.code.id for n in self.project.codes.tree() if name_key(n.code.name) == name_key(name)), None)
        if existing is not None:
            return self.apply(existing)
        return self._create_and_apply(name, under_current=False)

    def quick_code(self) -> None:
        self._recoding = None
        self.palette.open(self.project.codes.tree(), self.recent, self._cursor_rect())

    def recode(self) -> None:
        """Give the coding at the caret or selection another code, chosen in the palette."""
        self._for_coding_here("change its code", "Change the code of which coding?", self._recode)

    def _recode(self, coding_id: int) -> None:
        self._recoding = coding_id
        self.palette.open(self.project.codes.tree(), self.recent, self._cursor_rect())

    def _cursor_rect(self) -> QRect:
        """The text cursor, in global coordinates: the palette and the chooser open next to it."""
        view = self.viewer.view
        rect = view.cursorRect()
        return QRect(view.viewport().mapToGlobal(rect.topLeft()), rect.size())

    def _chosen(self, code_id: int) -> None:
        recoding, self._recoding = self._recoding, None
        if recoding is None:
            self.apply(code_id)
        else:
            self._chosen_for(recoding, code_id)

    def _chosen_for(self, coding_id: int, code_id: int) -> None:
        try:
            self.edits.set_code(coding_id, code_id)
        except AxialError as error:
            self.report(str(error))
            return
        self._used(code_id)

    def confirm_new_name(self, name: str) -> bool:
        """True when no code has a very similar name, or the user wants this one anyway."""
        similar = self.project.codes.similar_names(name)
        return not similar or self.ask(
            "Similar code name", f"{similar_warning(' '.join(name.split()), similar)}\n\nCreate it anyway?"
        )

    def create_code(self, name: str, parent_id: int | None, *, similar: bool = False) -> CodeInfo | None:
        """A new code (not applied), after the near-duplicate question; None if refused or cancelled."""
        if not (similar or self.confirm_new_name(name)):
            return None
        try:
            return self.edits.create_code(name, parent_id, allow_similar=True)
        except AxialError as error:
            self.report(str(error))
            return None

    def _requested(self, name: str, similar: bool) -> None:
        """The palette asks for a new code (`similar`: the user already said yes to a close name)."""
        recoding, self._recoding = self._recoding, None
        if recoding is None:
            self._create_and_apply(name, similar=similar)
            return
        if not (similar or self.confirm_new_name(name)):
            return
        try:
            with self.edits.together(f"Change code to new code “{' '.join(name.split())}”"):
                code = self.edits.create_code(name, self._category_for_new_code(), allow_similar=True)
                self.edits.set_code(recoding, code.id)
        except AxialError as error:
            self.report(str(error))
            return
        self._used(code.id)
        self.codes.select(code.id)

    def _create_and_apply(self, name: str, *, under_current: bool = True, similar: bool = False) -> CodingInfo | None:
        target = self._target()
        if target is None or not (similar or self.confirm_new_name(name)):
            return None
        parent = self._category_for_new_code() if under_current else None
        try:
            with self.edits.together(f"Code with new code “{' '.join(name.split())}”"):
                code = self.edits.create_code(name, parent, allow_similar=True)
                coding = self.edits.apply_coding(target[0], code.id, target[1], target[2])
        except AxialError as error:
            self.report(str(error))
            return None
        self._used(code.id)
        self.codes.select(code.id)
        return coding

    def _category_for_new_code(self) -> int | None:
        """New codes go beside the current code (under its category), or under the current category."""
        current = self.codes.current_code_id()
        if current is None:
            return None
        code = self.project.codes.get(current)
        return current if not code.is_codable else code.parent_id

    def _used(self, code_id: int) -> None:
        self.recent = [code_id, *(c for c in self.recent if c != code_id)][:RECENT_LIMIT]

    # --- the coding under the cursor -----------------------------------------------------------------------

    def select_coding(self, coding_id: int) -> None:
        coding = self.viewer.coding_layout.codings.get(coding_id)
        if coding is None:
            return
        self.viewer.select_coding(coding)
        self.codes.select(coding.code_id)
        self.show_coding_memo(coding)

    def codings_here(self) -> list[CodingInfo]:
        """The codings the user points at, in text order.

        With a selection: the codings with exactly its span, else those inside it, else those around it. With
        none: the codings under the caret. A coding whose stripe was clicked wins when it is among them.
        """
        layout = self.viewer.coding_layout
        span = self.viewer.selection()
        if span is not None:
            start, end = span
            codings = list(layout.codings.values())
            found = (
                [c for c in codings if (c.start, c.end) == span]
                or [c for c in codings if start <= c.start and c.end <= end]
                or [c for c in codings if c.start <= start and end <= c.end]
            )
        else:
            position = self.viewer.positions.to_code_point(self.viewer.view.textCursor().position())
            found = [c for c in layout.in_block(layout.block_of(position)) if c.start <= position < c.end]
        clicked = layout.codings.get(self.viewer.highlighter.selected or -1)
        if clicked is not None and clicked in found:
            return [clicked]
        return sorted(found, key=lambda c: (c.start, c.end, c.id))

    def _for_coding_here(self, what: str, question: str, then: Callable[[int], None]) -> None:
        """Act on the coding here; ask which one when several overlap."""
        found = self.codings_here()
        if not found:
            self.report(f"Put the cursor in a coding, select it, or click its stripe to {what}.")
        elif len(found) == 1:
            then(found[0].id)
        elif len(found) > CHOICES_LIMIT:
            self.report(f"{len(found)} codings are in the selection: select less text, or click a coding's stripe.")
        else:
            entries = [(c.id, self._describe(c)) for c in found]
            rect = self._cursor_rect()
            self.chooser.offer(question, entries, rect.bottomLeft(), then)

    def _describe(self, coding: CodingInfo) -> str:
        code = self.project.codes.get(coding.code_id).name
        coder = self.project.coder_name(coding.coder_id)
        return f"{code}  —  {coder}  —  “{preview(self.viewer.text[coding.start : coding.end])}”"

    def remove_coding(self) -> None:
        self._for_coding_here("remove it", "Remove which coding?", self._remove)

    def _remove(self, coding_id: int) -> None:
        try:
            self.edits.remove_coding(coding_id)
        except AxialError as error:
            self.report(str(error))

    def extend_coding(self, extent: Extent) -> None:
        question = f"Extend which coding to its {extent.value}?"
        self._for_coding_here("extend it", question, lambda coding_id: self._extend(coding_id, extent))

    def _extend(self, coding_id: int, extent: Extent) -> None:
        coding = self.viewer.coding_layout.codings.get(coding_id)
        if coding is None or self.viewer.document_id is None:
            return
        paragraphs = self.project.documents.paragraphs(self.viewer.document_id)
        wider = extend(self.viewer.text, paragraphs, self.viewer.turns, coding.start, coding.end, extent)
        span = (min(wider.start, coding.start), max(wider.end, coding.end))
        if span == (coding.start, coding.end):
            self.report(f"The coding already covers its {extent.value}.")
            return
        try:
            self.edits.set_bounds(coding.id, *span)
        except AxialError as error:
            self.report(str(error))

    # --- memos ---------------------------------------------------------------------------------------------

    def show_coding_memo(self, coding: CodingInfo) -> None:
        code = self.project.codes.get(coding.code_id)
        self.memo.show_memo(
            f"Memo on this “{code.name}” coding",
            lambda: self.project.codings.get(coding.id).memo,
            lambda text: self._save(lambda: self.edits.set_coding_memo(coding.id, text)),
            frozenset({Topic.CODINGS}),
        )

    def edit_coding_memo(self) -> None:
        self._for_coding_here("write its memo", "Write the memo of which coding?", self._edit_memo)

    def _edit_memo(self, coding_id: int) -> None:
        coding = self.viewer.coding_layout.codings.get(coding_id)
        if coding is not None:
            self.show_coding_memo(coding)
            self.memo.editor.setFocus()

    def show_code_definition(self, code_id: int) -> None:
        code = self.project.codes.get(code_id)
        self.memo.show_memo(
            f"Definition of “{code.name}”",
            lambda: self.project.codes.get(code_id).definition,
            lambda text: self._save(lambda: self._save_definition(code_id, text)),
            frozenset({Topic.CODES}),
        )

    def _save_definition(self, code_id: int, definition: str) -> None:
        # Read the code again: the definition dialog may have changed its other fields since it was shown here.
        now = self.project.codes.get(code_id)
        self.edits.edit_code_details(code_id, definition, now.inclusion, now.exclusion, now.example)

    def show_document_memo(self, document_id: int) -> None:
        target = MemoTarget(document_id=document_id)

        def stored() -> str:
            self.project.documents.get(document_id)  # gone (deleted, its import undone): the panel empties
            memos = self.project.memos.all(target)
            return memos[0].body if memos else ""

        def save(text: str) -> None:
            # Read again: the memo may have been made, or its making undone, since it was shown.
            memos = self.project.memos.all(target)
            if memos:
                self._save(lambda: self.edits.edit_memo(memos[0].id, body=text))
            else:
                self._save(lambda: self.edits.add_memo(target, "Memo", text))

        def title() -> str:  # read again after a rename
            return f"Memo on “{self.project.documents.get(document_id).name}”"

        self.memo.show_memo(title, stored, save, frozenset({Topic.MEMOS, Topic.DOCUMENTS}))

    def _save(self, action: Callable[[], object]) -> None:
        try:
            action()
        except AxialError as error:
            self.report(str(error))
