"""Everything the window shows for one open project, wired together; built on open, dropped on close."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import QColorDialog, QDialog, QWidget

from app.model.codes.code_names import name_key
from app.model.core.changes import Changes, Topic
from app.model.core.errors import AxialError
from app.model.project import Project
from app.ui.analysis.excerpts_panel import ExcerptsPanel
from app.ui.codes.code_tree_model import CodeTreeModel
from app.ui.codes.codes_panel import CodesPanel
from app.ui.coding.coder_filter import CoderFilter
from app.ui.coding.coding_controller import AskText, CodingController
from app.ui.coding.document_viewer import DocumentViewer
from app.ui.coding.quick_code import QuickCodePalette
from app.ui.core.change_notices import ProjectEvents
from app.ui.core.settings import paper_for_locale
from app.ui.core.workers import Job
from app.ui.documents.documents_model import DocumentListModel
from app.ui.documents.documents_panel import DocumentsPanel
from app.ui.memos.memo_panel import MemoPanel
from app.ui.search.search_panel import SearchPanel

# The windows a command opens are imported when first opened, not at the top: together they cost a tenth of each
# start, and most sessions open few of them.
if TYPE_CHECKING:
    from app.ui.agreement.agreement_dialog import AgreementDialog
    from app.ui.analysis.analysis_dialog import AnalysisDialog
    from app.ui.codes.relations_dialog import RelationsDialog
    from app.ui.codes.similar_codes_dialog import SimilarCodesDialog
    from app.ui.frameworks.crosswalk_dialog import CrosswalkDialog
    from app.ui.frameworks.framework_mapping_dialog import MappingDialog
    from app.ui.frameworks.framework_matrix_view import FrameworkMatrixWindow
    from app.ui.reports.export_excerpts_dialog import ExportExcerptsDialog

Ask = Callable[[str, str], bool]
D = TypeVar("D", bound=QDialog)


class Workspace:
    def __init__(
        self,
        project: Project,
        parent: QWidget,
        report: Callable[[str], None],
        ask: Ask,
        ask_text: AskText,
    ) -> None:
        self.project = project
        self.report = report
        self.ask = ask
        self._parent = parent
        self._dialogs: list[QDialog] = []
        self.edits = project.edits
        self.events = ProjectEvents(project, parent)
        self.documents = DocumentsPanel(DocumentListModel(project, parent))
        self.code_tree = CodeTreeModel(project, self.edits, report, parent)
        self.codes = CodesPanel(self.code_tree)
        self.viewer = DocumentViewer(project)
        self.memo = MemoPanel()
        self.excerpts = ExcerptsPanel(project, filters=True)
        self.search = SearchPanel(project, self.edits, self.documents.selected_ids)
        self.coder_filter = CoderFilter(project, self.viewer, self.code_tree, self.excerpts, self.documents.model)
        self.coder_filter.refresh()  # a coder coding blind sees only their own from the start
        self.palette = QuickCodePalette(parent)
        self.coding = CodingController(
            project, self.edits, self.viewer, self.codes, self.memo, self.palette, report, ask_text, ask
        )
        self.events.changed.connect(self._on_changes)
        self.documents.document_opened.connect(self.open_document)
        self.codes.current_changed.connect(self._code_selected)
        self.codes.new_child_requested.connect(self.new_code_under)
        self.codes.colour_requested.connect(self.choose_colour)
        self.codes.definition_requested.connect(self.edit_definition)
        self.codes.excerpts_requested.connect(self.excerpts.show_code)
        self.codes.delete_requested.connect(self.delete_code)
        self.excerpts.excerpt_opened.connect(self.open_excerpt)
        self.search.hit_opened.connect(self.open_hit)
        self.codes.category_requested.connect(self.create_category)
        self.excerpts.split_requested.connect(self.split_excerpts)
        self.codes.merge_requested.connect(self.merge_codes)
        self.codes.codable_requested.connect(
            lambda code_id, on: self._guard(lambda: self.edits.set_codable(code_id, on))
        )

    def _on_changes(self, changes: Changes) -> None:
        if Topic.PROJECT in changes.topics:  # a coder went blind or compared, or was renamed or recoloured
            self.coder_filter.refresh()
        self.documents.model.on_changes(changes)
        self.code_tree.on_changes(changes)
        self.viewer.on_changes(changes)
        # Cases and their values too: a value typed (or undone) can move excerpts in or out of the panel's filter.
        excerpts_read = {Topic.CODINGS, Topic.CODES, Topic.DOCUMENTS, Topic.CASES, Topic.ATTRIBUTES}
        if changes.topics & excerpts_read and not self._excerpts_untouched(changes):
            self.excerpts.refresh()
        self.search.on_changes(changes)
        self.memo.refresh(changes.topics)

    def _excerpts_untouched(self, changes: Changes) -> bool:
        """Whether a coding change left alone the excerpts shown (a code's, with its sub-codes'): re-reading
        every excerpt of a code after each coding elsewhere would cost as much as that code has codings."""
        shown = self.excerpts.code_id
        if changes.topics != {Topic.CODINGS} or not changes.code_ids or shown is None:
            return False
        for code_id in changes.code_ids:
            node = self.code_tree.node(self.code_tree.index_of(code_id))
            if node is None:
                return False  # a code the tree does not know: re-read to be safe
            while node is not None:
                if node.code.id == shown:
                    return False
                parent = node.code.parent_id
                node = None if parent is None else self.code_tree.node(self.code_tree.index_of(parent))
        return True

    def detach(self) -> None:
        """The project is closing: save the memo being written, stop listening, close what was opened for it."""
        self.memo.save()
        self.events.detach()
        self.palette.hide()
        for dialog in self._dialogs:
            dialog.close()
            dialog.deleteLater()
        self._dialogs.clear()

    def _opened(self, dialog: D) -> D:
        """Show a window that belongs to this project; it closes with the project."""
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _: self._dialogs.remove(dialog) if dialog in self._dialogs else None)
        dialog.show()
        return dialog

    # --- documents -----------------------------------------------------------------------------------------

    def open_document(self, document_id: int) -> None:
        if self.viewer.document_id != document_id:
            self.viewer.show_document(document_id)
        self.documents.select(document_id)
        self.coding.show_document_memo(document_id)

    def open_hit(self, document_id: int, start: int, end: int) -> None:
        """Show a search hit: its document, scrolled to it, the hit selected."""
        self.open_document(document_id)
        self.viewer.select(start, end)

    def open_excerpt(self, document_id: int, coding_id: int) -> None:
        self.open_document(document_id)
        self.coding.select_coding(coding_id)

    def delete_documents(self) -> None:
        ids = self.documents.selected_ids()
        if not ids:
            return
        names = ", ".join(d.name for d in self.project.documents.all() if d.id in ids)
        if self.ask("Delete documents", f"Delete {names} and all their codings? (Undo brings them back.)"):
            try:
                self.edits.delete_documents(ids)
            except AxialError as error:
                self.report(str(error))

    # --- codes ---------------------------------------------------------------------------------------------

    def _code_selected(self, code_id: int | None) -> None:
        if code_id is not None:
            self.coding.show_code_definition(code_id)

    def new_code_under(self, parent_id: int) -> None:
        name = self.coding.ask_text("New code", "Name of the new code:", "")
        if not name or not name.strip():
            return
        code = self.coding.create_code(name, None if parent_id < 0 else parent_id)  # asks about similar names
        if code is not None:
            self.codes.select(code.id)

    def choose_colour(self, code_id: int) -> None:
        from PySide6.QtGui import QColor

        code = self.project.codes.get(code_id)
        colour = QColorDialog.getColor(QColor(code.colour), self._parent, f"Colour of “{code.name}”")
        if colour.isValid():
            self._guard(lambda: self.edits.recolour_code(code_id, colour.name()))

    def edit_definition(self, code_id: int) -> None:
        from app.ui.codes.code_definition_dialog import CodeDefinitionDialog

        dialog = CodeDefinitionDialog(self.project.codes.get(code_id), self._parent, read_only=self.project.read_only)
        if dialog.exec():
            values = dialog.values()
            self._guard(
                lambda: self.edits.edit_code_details(
                    code_id, values["definition"], values["inclusion"], values["exclusion"], values["example"]
                )
            )

    def delete_code(self, code_id: int) -> None:
        node = next((n for n in self.project.codes.tree() if n.code.id == code_id), None)
        if node is None:
            return
        detail = f"its {node.total_count} codings" + (" and its sub-codes" if node.child_ids else "")
        if self.ask("Delete code", f"Delete “{node.code.name}” with {detail}? (Undo brings it back.)"):
            self._guard(lambda: self.edits.delete_code(code_id))

    def create_category(self, code_ids: list[int]) -> None:
        name = self.coding.ask_text("New category", "Name of the category above the chosen codes:", "")
        if name and name.strip() and self.coding.confirm_new_name(name):
            self._guard(lambda: self.codes.select(self.edits.create_category(name, code_ids, allow_similar=True)))

    def merge_codes(self, source_ids: list[int], target_id: int) -> None:
        names = [n.code.name for n in self.project.codes.tree() if n.code.id in source_ids]
        target = self.project.codes.get(target_id)
        question = (
            f"Merge {', '.join(f'“{n}”' for n in names)} into “{target.name}”? Their codings, definitions and memos "
            "move to it; identical codings become one. (Undo restores everything.)"
        )
        if not target.is_codable:
            question += f"\n\n“{target.name}” is a category: if they have codings, it becomes a code to hold them."
        if self.ask("Merge codes", question):
            make_codable = not target.is_codable
            self._guard(lambda: self.edits.merge_codes(source_ids, target_id, make_codable=make_codable))

    def split_excerpts(self, coding_ids: list[int]) -> None:
        """Move chosen codings to a code named by the user: an existing one, or a new one beside the source."""
        if not coding_ids:
            self.report("Select the excerpts to move first.")
            return
        source = self.project.codes.get(self.project.codings.get(coding_ids[0]).code_id)
        name = self.coding.ask_text(
            "Split code", f"Move {len(coding_ids)} excerpts of “{source.name}” to the code:", ""
        )
        if not name or not name.strip():
            return
        wanted = name_key(name)
        existing = next((n.code.id for n in self.project.codes.tree() if name_key(n.code.name) == wanted), None)
        if existing is None and not self.coding.confirm_new_name(name):
            return

        def split() -> None:
            with self.edits.together(f"Split “{source.name}”"):
                target = (
                    existing
                    if existing is not None
                    else self.edits.create_code(name, source.parent_id, allow_similar=True).id
                )
                self.edits.split_codings(coding_ids, target)

        self._guard(split)

    def show_similar_codes(self) -> SimilarCodesDialog:
        from app.ui.codes.similar_codes_dialog import SimilarCodesDialog

        return self._opened(SimilarCodesDialog(self.project, self.edits, self._parent))

    def show_analysis(self) -> AnalysisDialog:
        from app.ui.analysis.analysis_dialog import AnalysisDialog

        dialog = AnalysisDialog(self.project, self.documents.selected_ids, self._parent)
        dialog.excerpts_requested.connect(self.excerpts.show_codings)
        dialog.excerpt_opened.connect(self.open_excerpt)
        self._opened(dialog).compute()
        return dialog

    def show_agreement(self) -> AgreementDialog:
        # Imported when asked for, as the exports below: its Word and XLSX writers are slow to load.
        from app.ui.agreement.agreement_dialog import AgreementDialog

        dialog = AgreementDialog(self.project, self._parent)
        dialog.excerpt_opened.connect(self.open_excerpt)
        self.coder_filter.close_when_blind(dialog)
        return self._opened(dialog)

    def show_export(self) -> ExportExcerptsDialog:
        # Imported here, not at the top, like the codebook's writers below: python-docx and the report modules
        # cost a fifth of a second of each start and are needed only once an export is chosen.
        from app.ui.reports.export_excerpts_dialog import ExportExcerptsDialog

        return self._opened(ExportExcerptsDialog(self.project, self._parent))

    def export_codebook(self, path: Path) -> Job:
        """Write the codebook (.docx, .xlsx or .csv) on a worker; the status bar says when it is saved."""

        from app.model.reports.codebook import codebook_entries, write_codebook_docx, write_codebook_table

        def work(progress: Job) -> Path:
            entries = codebook_entries(self.project)
            if path.suffix.lower() == ".docx":
                return write_codebook_docx(path, entries, self.project.info().name, paper_for_locale())
            return write_codebook_table(path, entries)

        job = Job(work, self._parent)
        job.signals.finished.connect(lambda written: self.report(f"Saved the codebook to {written.name}"))
        job.start()
        return job

    def show_relations(self) -> RelationsDialog:
        from app.ui.codes.relations_dialog import RelationsDialog

        dialog = RelationsDialog(self.project, self.edits, self._parent)
        self.events.changed.connect(dialog.on_changes)
        return self._opened(dialog)

    # --- framework -----------------------------------------------------------------------------------------

    def framework_id(self) -> int | None:
        return self.project.frameworks.default_id()

    def use_framework(self, key: str | None) -> None:
        self._guard(lambda: self.edits.use_framework(key))

    def show_mapping(self) -> MappingDialog | None:
        from app.ui.frameworks.framework_mapping_dialog import MappingDialog

        framework_id = self.framework_id()
        if framework_id is None:
            self.report("Choose a framework first (Framework ▸ Use CFIR 2.0).")
            return None
        dialog = MappingDialog(
            self.project, self.edits, self.code_tree, framework_id, self.coding.ask_text, self._parent
        )
        self.events.changed.connect(dialog.on_changes)
        dialog.excerpts_requested.connect(self.excerpts.show_codings)
        dialog.excerpt_opened.connect(self.open_excerpt)
        return self._opened(dialog)

    def show_matrix(self) -> FrameworkMatrixWindow | None:
        from app.ui.frameworks.framework_matrix_view import FrameworkMatrixWindow

        framework_id = self.framework_id()
        if framework_id is None:
            self.report("Choose a framework first (Framework ▸ Use CFIR 2.0).")
            return None
        window = FrameworkMatrixWindow(self.project, framework_id, self._parent)
        self.events.changed.connect(window.on_changes)
        window.excerpt_opened.connect(self.open_excerpt)
        return self._opened(window)

    def show_crosswalk(self) -> CrosswalkDialog | None:
        from app.ui.frameworks.crosswalk_dialog import CrosswalkDialog

        keys = {f.key: f.id for f in self.project.frameworks.all()}
        if "cfir-2009" not in keys:
            self.report("This project has no CFIR 2009 mappings to move.")
            return None
        # Opening the dialog changes nothing: CFIR 2.0 is added with the move, if it is not there yet.
        return self._opened(CrosswalkDialog(self.project, keys["cfir-2009"], keys.get("cfir-2022"), self._parent))

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
        except AxialError as error:
            self.report(str(error))
