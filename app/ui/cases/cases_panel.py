"""The Cases panel: the classification sheet (cases as rows, attributes as typed columns), edited in place like a
spreadsheet, with the case's documents and speakers beside it. Every change is one step of Edit ▸ Undo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.model.cases.speaker_cases import INTERVIEWERS
from app.model.core.changes import Changes
from app.model.core.dto import AttributeInfo, AttributeValueType, CaseInfo
from app.model.core.errors import AxialError
from app.model.core.text import plural
from app.model.project import Project
from app.ui.cases.attribute_dialog import AttributeSpec, ask_attribute
from app.ui.cases.case_details import CaseDetails
from app.ui.cases.sheet_model import CASE_ID_ROLE, NAME, CaseSheetModel
from app.ui.cases.sheet_paste import pasted_values
from app.ui.cases.sheet_view import SheetDelegate, SheetFilter
from app.ui.core import file_dialogs
from app.ui.core.change_notices import ProjectEvents
from app.ui.core.file_dialogs import Purpose

Ask = Callable[[str, str], bool]
Tell = Callable[[str, str], None]
AskText = Callable[[str, str, str], str | None]
T = TypeVar("T")


class SheetTable(QTableView):
    """A table that pastes a block (Ctrl+V) and clears the chosen cells (Delete) through the panel."""

    def __init__(self, panel: CasesPanel) -> None:
        super().__init__()
        self._panel = panel

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Paste):
                self._panel.paste(QGuiApplication.clipboard().text())
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self._panel.clear_cells()
                return
        super().keyPressEvent(event)


class CasesPanel(QWidget):
    def __init__(
        self,
        project: Project,
        changes: ProjectEvents,
        report: Callable[[str], None],
        ask: Ask,
        tell: Tell,
        ask_text: AskText,
    ) -> None:
        super().__init__()
        self.project = project
        self.edits = project.edits
        self.report = report
        self.ask, self.tell, self.ask_text = ask, tell, ask_text
        # Where the panel asks for an attribute's definition and a speaker to link (tests answer in their place).
        self.ask_attribute: Callable[[AttributeInfo | None], AttributeSpec | None] = lambda a: ask_attribute(self, a)
        self.choose: Callable[[str, str, list[str]], int | None] = self._choose
        self.choose_sheet: Callable[[], Path | None] = self._choose_sheet
        self.model = CaseSheetModel(project, self.edits, lambda text: self.tell("Cases", text), self)
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(300)
        self._recount.timeout.connect(self.model.recount)
        self.proxy = SheetFilter(self.model, self)
        changes.changed.connect(self.on_changes)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter cases")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = SheetTable(self)
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(SheetDelegate(self.model, self))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu_at)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._show_details())
        self.model.modelReset.connect(self._fit)
        self.details = CaseDetails(project)
        self.details.link_requested.connect(self.link_speaker)
        self.details.unlink_requested.connect(self.unlink_speaker)
        self._build_actions()
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        for title, actions in (("Case", self.case_actions), ("Attribute", self.attribute_actions)):
            button = QToolButton()
            button.setText(title)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(button)
            menu.addActions(actions)
            button.setMenu(menu)
            top.addWidget(button)
        speakers = QToolButton()
        speakers.setDefaultAction(self.speakers_action)
        top.addWidget(speakers)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._fit()
        self._selected()

    def _build_actions(self) -> None:
        def action(text: str, do: Callable[[], None], tip: str = "") -> QAction:
            made = QAction(text, self)
            made.setToolTip(tip or text)
            made.triggered.connect(do)
            return made

        self.new_case_action = action("New Case…", self.new_case)
        self.rename_case_action = action("Rename Case…", self.rename_case)
        self.merge_action = action("Merge Chosen Cases…", self.merge_cases, "Fold the chosen cases into the current")
        self.delete_case_action = action("Delete Chosen Cases…", self.delete_cases)
        self.case_actions = [self.new_case_action, self.rename_case_action, self.merge_action, self.delete_case_action]
        self.new_attribute_action = action("New Attribute…", self.new_attribute)
        self.rename_attribute_action = action("Rename Attribute…", self.rename_attribute)
        self.retype_action = action("Change Type…", self.retype_attribute)
        self.choices_action = action("Edit Choices…", self.edit_choices)
        self.formula_action = action("Formula…", self.edit_formula)
        self.delete_attribute_action = action("Delete Attribute…", self.delete_attribute)
        self.sheet_action = action(
            "Apply a Sheet of Values…", self.apply_sheet, "Values from a CSV or Excel sheet, a row per case, previewed"
        )
        self.attribute_actions = [
            self.new_attribute_action,
            self.rename_attribute_action,
            self.retype_action,
            self.choices_action,
            self.formula_action,
            self.delete_attribute_action,
            self.sheet_action,
        ]
        self.speakers_action = action(
            "Make Every Speaker a Case…", self.cases_from_speakers, "One case per speaker label, skipping interviewers"
        )

    # --- following the project -----------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        self.model.on_changes(changes)
        if not self.model.loaded:
            return
        if self.model.counts_stale:
            if not self.visibleRegion().isEmpty():
                self._recount.start()  # once after a burst of codings, not after each
            return
        self._show_details()
        self._selected()

    def event(self, event: QEvent) -> bool:
        # In a dock that is a tab behind another, the panel stays "visible": the dock says when it comes into view.
        dock = self.parent()
        if event.type() == QEvent.Type.ParentChange and isinstance(dock, QDockWidget):
            dock.visibilityChanged.connect(self._in_view)
        return super().event(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        # Shown as a tab behind another, it is "visible" with nothing on screen: look once the layout is done.
        QTimer.singleShot(0, self, lambda: self._in_view(not self.visibleRegion().isEmpty()))

    def _in_view(self, visible: bool) -> None:
        if not visible:
            return
        if not self.model.loaded:
            self.model.reload()
        elif self.model.counts_stale:
            self.model.recount()

    def _fit(self) -> None:
        self.table.resizeColumnsToContents()
        widest = self.fontMetrics().horizontalAdvance("n") * 24
        for column in range(self.proxy.columnCount()):
            self.table.setColumnWidth(column, min(max(self.table.columnWidth(column), 48), widest))

    def _selected(self, *_: QItemSelection) -> None:
        writable = not self.project.read_only
        cases, attribute = self.chosen_cases(), self.current_attribute()
        for act, on in (
            (self.new_case_action, True),
            (self.rename_case_action, len(cases) == 1),
            (self.merge_action, len(cases) > 1 and self.current_case() is not None),
            (self.delete_case_action, bool(cases)),
            (self.new_attribute_action, True),
            (self.rename_attribute_action, attribute is not None),
            (self.retype_action, attribute is not None and attribute.id not in self.model.sheet.formulas),
            (self.choices_action, attribute is not None and attribute.choices != ()),
            (self.formula_action, attribute is not None),
            (self.delete_attribute_action, attribute is not None),
            (self.speakers_action, True),
            (self.sheet_action, True),
        ):
            act.setEnabled(writable and on)

    def _show_details(self) -> None:
        case = self.current_case()
        counts = self.model.counts.get(case.id) if case is not None else None
        self.details.show_case(case, counts.document_ids if counts else ())

    # --- what is chosen ------------------------------------------------------------------------------------

    def current_case(self) -> CaseInfo | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.case(self.proxy.mapToSource(index).row())

    def current_attribute(self) -> AttributeInfo | None:
        index = self.table.currentIndex()
        return self.model.attribute(index.column()) if index.isValid() else None

    def chosen_cases(self) -> list[CaseInfo]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedIndexes()})
        return [self.model.case(row) for row in rows]

    def select(self, case_id: int, column: int = NAME) -> None:
        row = self.model.row_of(case_id)
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, column, QModelIndex()))
            self.table.setCurrentIndex(index)

    # --- cells ---------------------------------------------------------------------------------------------

    def paste(self, text: str) -> None:
        """Paste a tab-separated block from the current cell down and across, all as one step or (refused) not at
        all."""
        index = self.table.currentIndex()
        if not index.isValid():
            self.tell("Paste", "Choose the cell where the block's top left goes, then paste.")
            return
        try:
            values = pasted_values(text, self.proxy, self.model, index.row(), index.column())
            self.edits.set_attribute_values(values)
        except AxialError as error:
            self.tell("Paste", str(error))
            return
        self.report(f"Pasted {plural(len(values), 'value')}")

    def clear_cells(self) -> None:
        """Clear the chosen values (as one step); names, counts and computed values are left alone."""
        values: list[tuple[int, int, AttributeValueType]] = []
        for index in self.table.selectionModel().selectedIndexes():
            attribute = self.model.attribute(index.column())
            if attribute is not None and not self.model.is_computed(index.column()) and index.data():
                values.append((int(index.data(CASE_ID_ROLE)), attribute.id, None))
        if values:
            self._do(lambda: self.edits.set_attribute_values(values))

    # --- cases ---------------------------------------------------------------------------------------------

    def new_case(self) -> None:
        name = self.ask_text("New case", "Name of the case:", "")
        if name is not None and name.strip():
            made = self._do(lambda: self.edits.create_case(name))
            if made is not None:
                self.select(made.id)

    def rename_case(self) -> None:
        case = self.current_case()
        if case is not None:
            name = self.ask_text("Rename case", "New name:", case.name)
            if name is not None and name.strip() and name.strip() != case.name:
                self._do(lambda: self.edits.rename_case(case.id, name))

    def merge_cases(self) -> None:
        target, chosen = self.current_case(), self.chosen_cases()
        if target is None:
            return
        sources = [c for c in chosen if c.id != target.id]
        names = ", ".join(c.name for c in sources)
        question = f"Fold {names} into {target.name}? Their documents, speakers and values move to {target.name}."
        if sources and self.ask("Merge cases", question):
            self._do(lambda: self.edits.merge_cases([c.id for c in sources], target.id))

    def delete_cases(self) -> None:
        chosen = self.chosen_cases()
        names = ", ".join(c.name for c in chosen)
        if chosen and self.ask("Delete cases", f"Delete {names} and their values? (Undo brings them back.)"):
            self._do(lambda: self._delete([c.id for c in chosen]))

    def _delete(self, case_ids: list[int]) -> None:
        with self.edits.together(f"Delete {plural(len(case_ids), 'case')}"):
            for case_id in case_ids:
                self.edits.delete_case(case_id)

    def cases_from_speakers(self) -> None:
        rule = self.ask_text(
            "Make every speaker a case",
            "Speakers whose whole label matches this pattern are interviewers and are left out:",
            INTERVIEWERS,
        )
        if rule is None:
            return
        made = self._do(lambda: self.edits.cases_from_speakers(rule))
        if made is not None:
            skipped = f"; left out {', '.join(made.skipped)}" if made.skipped else ""
            self.report(f"{plural(len(made.created), 'new case')}, {plural(made.mapped, 'speaker')} linked{skipped}")

    def link_speaker(self) -> None:
        case = self.current_case()
        if case is None:
            return
        names = {d.id: d.name for d in self.project.documents.all()}
        speakers = [s for s in self.project.documents.speakers() if s.case_id != case.id]
        shown = [
            f"{s.label} in {names.get(s.document_id, '?')}" + (" (linked to another case)" if s.case_id else "")
            for s in speakers
        ]
        if not speakers:
            self.tell("Link a speaker", "There is no speaker left to link to this case.")
            return
        at = self.choose("Link a speaker", f"Which speaker is {case.name}?", shown)
        if at is not None:
            self._do(lambda: self.edits.link_speaker(speakers[at].id, case.id))

    def unlink_speaker(self, speaker_id: int) -> None:
        self._do(lambda: self.edits.link_speaker(speaker_id, None))

    def _choose(self, title: str, label: str, items: list[str]) -> int | None:
        item, ok = QInputDialog.getItem(self, title, label, items, 0, False)
        return items.index(item) if ok and item in items else None

    # --- attributes ----------------------------------------------------------------------------------------

    def new_attribute(self) -> None:
        spec = self.ask_attribute(None)
        if spec is not None:
            made = self._do(lambda: self.edits.define_attribute(spec.name, spec.type, spec.choices, spec.formula))
            if made is not None:
                column = self.model.column_of(made.id)
                self.table.selectColumn(column if column is not None else NAME)

    def rename_attribute(self) -> None:
        attribute = self.current_attribute()
        if attribute is not None:
            name = self.ask_text("Rename attribute", "New name (formulas that use it follow):", attribute.name)
            if name is not None and name.strip() and name.strip() != attribute.name:
                self._do(lambda: self.edits.rename_attribute(attribute.id, name))

    def retype_attribute(self) -> None:
        attribute = self.current_attribute()
        if attribute is not None:
            spec = self.ask_attribute(attribute)
            if spec is not None and (spec.type, spec.choices) != (attribute.type, attribute.choices):
                self._do(lambda: self.edits.retype_attribute(attribute.id, spec.type, spec.choices))

    def edit_choices(self) -> None:
        attribute = self.current_attribute()
        if attribute is not None:
            text = self.ask_text("Edit choices", "The choices, in order, separated by ;", "; ".join(attribute.choices))
            if text is not None:
                choices = [c.strip() for c in text.split(";") if c.strip()]
                if choices != list(attribute.choices):
                    self._do(lambda: self.edits.set_choices(attribute.id, choices))

    def edit_formula(self) -> None:
        attribute = self.current_attribute()
        if attribute is None:
            return
        formula = self.model.sheet.formulas.get(attribute.id, "")
        text = self.ask_text(
            "Formula", f"{attribute.name} = (empty: values typed in; a formula replaces typed values)", formula
        )
        if text is not None and text.strip() != formula:
            self._do(lambda: self.edits.set_formula(attribute.id, text))

    def delete_attribute(self) -> None:
        attribute = self.current_attribute()
        if attribute is not None and self.ask(
            "Delete attribute", f"Delete {attribute.name} and every case's value of it? (Undo brings them back.)"
        ):
            self._do(lambda: self.edits.delete_attribute(attribute.id))

    def apply_sheet(self) -> None:
        """Preview a sheet of values (one row per case, named in its first column), then apply it as one step;
        rows naming a case that does not exist make it."""
        path = self.choose_sheet()
        if path is None:
            return
        # Here, not at the top: it reads files through the document readers, which the window must not load to start.
        from app.model.cases.attribute_sheet import preview_sheet

        preview = self._do(lambda: preview_sheet(self.project, path, create_cases=True))
        if preview is not None and self.ask("Apply the sheet", f"{path.name}:\n{preview.summary()}\n\nApply it?"):
            made = self._do(lambda: self.edits.apply_attribute_sheet(path, create_cases=True))
            if made is not None:
                self.report(f"{path.name}: {made.values_set} values set")

    def _choose_sheet(self) -> Path | None:
        name = file_dialogs.open_name(
            self, "Sheet of values", Purpose.SOURCES, "Sheets (*.csv *.xlsx)", self.project.path
        )
        return Path(name) if name else None

    # --- helpers -------------------------------------------------------------------------------------------

    def _menu_at(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.addActions(self.case_actions)
        menu.addSeparator()
        menu.addActions(self.attribute_actions)
        menu.addSeparator()
        menu.addAction(self.speakers_action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _do(self, edit: Callable[[], T]) -> T | None:
        """Make an edit; a refusal is explained, and changes nothing."""
        try:
            return edit()
        except AxialError as error:
            self.tell("Cases", str(error))
            return None
