"""Search the whole project and code from the results.

A query runs on a worker; hits are listed in context (keyword in context). Choosing one opens its document with the
hit selected; Next and Previous walk through them. Hits, or every turn of chosen speakers, can be coded in one
undoable step, each hit widened to its sentence, paragraph or speaker turn. The filters (a speaker, a set of
documents, a case or attribute value, a range such as Change ≥ 5, coded text) narrow the search and the speakers
whose turns are coded alike. The code is chosen by its path or name, or typed: a name that is no code yet creates
the code, in the same undoable step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.model.analysis.matrices import attribute_values
from app.model.analysis.scope import Scope
from app.model.codes.code_names import name_key
from app.model.codings.autocode import autocode_hits, autocode_turns, speakers_in
from app.model.core.changes import Changes, Topic
from app.model.core.dto import CodingInfo
from app.model.core.errors import AxialError
from app.model.core.text import plural
from app.model.documents.extents import Extent
from app.model.history.edits import Edits
from app.model.project import Project
from app.model.search.searching import DEFAULT_THRESHOLD, SearchFilter, SearchResult, search
from app.ui.core.combos import refill
from app.ui.core.scope_bar import ScopeBar
from app.ui.core.workers import Job
from app.ui.search.search_results_model import AFTER, BEFORE, HIT, LIKENESS, PARAGRAPH, SPEAKER, SearchResultsModel

_EXTENTS = (
    ("the hit itself", Extent.SELECTION),
    ("its sentence", Extent.SENTENCE),
    ("its paragraph", Extent.PARAGRAPH),
    ("its speaker turn", Extent.TURN),
)


CHOOSE_SPEAKERS = "choose speakers…"
IN_SCOPE = "everyone in the cases chosen above"


class SearchPanel(QWidget):
    hit_opened = Signal(int, int, int)  # document id, start, end (code points)
    searched = Signal()  # results (or a message) are showing

    def __init__(self, project: Project, edits: Edits, selected_documents: Callable[[], list[int]]) -> None:
        super().__init__()
        self.project, self.edits = project, edits
        self._selected_documents = selected_documents
        self.job: Job | None = None
        self.result = SearchResult([])
        self.current = -1
        self._stale = True  # the choices are filled when the panel is first in view, not on opening the project
        self._in_view = False
        self.read_only = False
        self._build()

    # --- layout --------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.query = QLineEdit()
        self.query.setPlaceholderText('Search every document: words, "a phrase", supervis*, AND, OR, NOT')
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.run)
        self.fuzzy = QCheckBox("Near spellings")
        self.fuzzy.setToolTip("Also find misspellings and transcription slips (supervison, case-load)")
        self.threshold = QSpinBox()
        self.threshold.setRange(50, 99)
        self.threshold.setValue(DEFAULT_THRESHOLD)
        self.threshold.setSuffix("% alike")
        self.threshold.setEnabled(False)
        self.fuzzy.toggled.connect(self.threshold.setEnabled)
        go = QPushButton("Search")
        go.clicked.connect(self.run)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.fuzzy)
        row.addWidget(self.threshold)
        row.addWidget(go)

        self.speaker = QComboBox()
        self.scope_bar = ScopeBar(self.project)
        self.cases = self.scope_bar.cases
        self.coded = QComboBox()
        self.only_selected = QCheckBox("Only selected documents")
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Speaker"))
        filters.addWidget(self.speaker, 1)
        filters.addWidget(self.scope_bar, 3)
        filters.addWidget(QLabel("Coded with"))
        filters.addWidget(self.coded, 1)
        filters.addWidget(self.only_selected)

        self.model = SearchResultsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.clicked.connect(lambda index: self.open_row(index.row()))
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        header = self.table.horizontalHeader()
        for column in (BEFORE, AFTER):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (SPEAKER, PARAGRAPH, HIT, LIKENESS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.status = QLabel("")
        self.previous = QPushButton("◀ Previous")
        self.previous.clicked.connect(self.previous_hit)
        self.next = QPushButton("Next ▶")
        self.next.clicked.connect(self.next_hit)
        navigation = QHBoxLayout()
        navigation.addWidget(self.status, 1)
        navigation.addWidget(self.previous)
        navigation.addWidget(self.next)

        self.code = QComboBox()
        self.code.setEditable(True)
        self.code.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        editor = QLineEdit()
        editor.setPlaceholderText("a code, or a new code's name")
        self.code.setLineEdit(editor)
        self.code.editTextChanged.connect(lambda _: self._enable())
        # A popup of matches, never inline completion: Enter must not quietly pick a longer, different name.
        completer = QCompleter(self.code.model(), self.code)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.code.setCompleter(completer)
        self.extent = QComboBox()
        for label, extent in _EXTENTS:
            self.extent.addItem(label, extent)
        self.code_selected = QPushButton("Code Selected Hits")
        self.code_selected.clicked.connect(lambda: self.code_hits(selected_only=True))
        self.code_all = QPushButton("Code All Hits")
        self.code_all.clicked.connect(lambda: self.code_hits(selected_only=False))
        self.turns_of = QComboBox()
        self.turns_of.currentIndexChanged.connect(lambda _: self._enable())
        self.code_turns_button = QPushButton("Code Their Turns")
        self.code_turns_button.clicked.connect(self.code_turns)
        coding = QHBoxLayout()
        coding.addWidget(QLabel("Code"))
        coding.addWidget(self.code, 1)
        coding.addWidget(QLabel("on"))
        coding.addWidget(self.extent)
        coding.addWidget(self.code_selected)
        coding.addWidget(self.code_all)
        coding.addSpacing(16)
        coding.addWidget(QLabel("or every turn of"))
        coding.addWidget(self.turns_of, 1)
        coding.addWidget(self.code_turns_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(navigation)
        layout.addLayout(coding)
        self._enable()

    def fill_choices(self) -> None:
        """The speakers, attribute values and codes to choose from, as the project has them now."""
        self._stale = False
        speakers = sorted({s.label for s in self.project.documents.speakers()}, key=str.casefold)
        values = [(attribute, v) for attribute, present in attribute_values(self.project) for v in present]
        codes = [(" / ".join(n.path), n.code.id) for n in self.project.codes.tree() if n.code.is_codable]
        refill(self.speaker, [("any speaker", None), *((label, label) for label in speakers)])
        self.scope_bar.fill()
        refill(self.coded, [("any text", None), *((" / ".join(n.path), n.code.id) for n in self.project.codes.tree())])
        typed = self.code.currentText()
        refill(self.code, codes)
        self.code.setEditText(typed)  # what the box says is what gets used: never a code picked by the refill
        refill(
            self.turns_of,
            [
                (CHOOSE_SPEAKERS, None),
                (IN_SCOPE, ("scope", None)),
                *((f"everyone whose {a.name} is {v}", ("attribute", (a.id, v))) for a, v in values),
                *((f"speaker {label}", ("label", label)) for label in speakers),
            ],
        )
        self._enable()

    def on_changes(self, changes: Changes) -> None:
        if changes.topics & {Topic.CODES, Topic.CASES, Topic.ATTRIBUTES, Topic.DOCUMENTS}:
            self._stale = True
            if self._in_view:
                self.fill_choices()

    def set_in_view(self, in_view: bool) -> None:
        """Told by the dock whether the panel can be seen (a tab behind another cannot)."""
        self._in_view = in_view
        if in_view and self._stale:
            self.fill_choices()

    # --- searching -----------------------------------------------------------------------------------------

    def scope(self) -> Scope:
        """The documents and cases the filters allow (the set, cases and range of the bar, the chosen documents);
        `ValidationError` for a range typed badly."""
        selected = frozenset(self._selected_documents()) if self.only_selected.isChecked() else None
        return self.scope_bar.scope(Scope(document_ids=selected))

    def where(self) -> SearchFilter:
        speaker, coded = self.speaker.currentData(), self.coded.currentData()
        return SearchFilter(
            scope=self.scope(),
            speakers=frozenset({speaker}) if speaker is not None else None,
            coded_with=(coded,) if coded is not None else (),
        )

    def run(self) -> Job | None:
        """Search on a worker; `searched` says when the results (or what was wrong with the query) are showing."""
        if self.job is not None or not self.query.text().strip():
            return None
        try:
            where = self.where()
        except AxialError as error:
            self.status.setText(str(error))
            self.searched.emit()
            return None
        query = self.query.text()
        fuzzy, threshold = self.fuzzy.isChecked(), self.threshold.value()
        job = Job(lambda _: search(self.project, query, where, fuzzy=fuzzy, threshold=threshold), self)
        job.signals.finished.connect(self._show)
        job.signals.failed.connect(self._failed)
        self.job = job
        self.status.setText("Searching…")
        job.start()
        return job

    def _show(self, result: object) -> None:
        assert isinstance(result, SearchResult)
        self.job = None
        self.result = result
        self.current = -1
        names = {d.id: d.name for d in self.project.documents.all()}
        self.model.show(result.hits, names)
        self.table.setColumnHidden(LIKENESS, not result.variants)
        self.table.resizeColumnToContents(0)
        found = f"{plural(len(result.hits), 'hit')} in {plural(result.documents, 'document')}"
        spellings = "; ".join(f"{term}: {', '.join(words)}" for term, words in result.variants.items())
        self.status.setText(found + (f" (near spellings: {spellings})" if spellings else ""))
        self._enable()
        self.searched.emit()

    def _failed(self, message: str) -> None:
        self.job = None
        self.status.setText(message)
        self.searched.emit()

    # --- walking through hits ------------------------------------------------------------------------------

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.result.hits):
            self.current = row
            self.table.selectRow(row)
            hit = self.result.hits[row]
            self.hit_opened.emit(hit.document_id, hit.start, hit.end)

    def next_hit(self) -> None:
        if self.result.hits:
            self.open_row((self.current + 1) % len(self.result.hits))

    def previous_hit(self) -> None:
        if self.result.hits:
            self.open_row((self.current - 1) % len(self.result.hits))

    # --- coding from the results ---------------------------------------------------------------------------

    def code_hits(self, *, selected_only: bool) -> int:
        """Apply the chosen code to the hits (each widened as chosen), as one undoable step; returns codings added."""
        extent = self.extent.currentData()
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}) if selected_only else None
        hits = [self.result.hits[r] for r in rows] if rows is not None else list(self.result.hits)
        if not hits:
            return 0
        added = self._autocode(
            f"Code {plural(len(hits), 'search hit')}",
            lambda code_id: autocode_hits(self.project, hits, code_id, extent),
        )
        if added is not None:
            already = "" if added else " (already coded)"
            self.status.setText(f"Coded {plural(added, 'passage')} with {self.code.currentText()}{already}")
        return added or 0

    def code_turns(self) -> int:
        """Apply the chosen code to every turn of the chosen speaker(s), as one undoable step."""
        choice = self.turns_of.currentData()
        if choice is None:
            self.status.setText("Choose whose turns to code first (“or every turn of”).")
            return 0
        kind, value = choice
        try:
            scope = self.scope()
        except AxialError as error:
            self.status.setText(str(error))
            return 0
        if kind == "scope" and not scope.by_cases:
            self.status.setText("Choose the cases above first (a case, a value or a range).")
            return 0
        if kind == "attribute":
            scope = replace(scope, attribute_values=(*scope.attribute_values, (value[0], frozenset({value[1]}))))
        speakers = [s.id for s in speakers_in(self.project, scope, value if kind == "label" else None)]
        if not speakers:
            self.status.setText(f"No speaker is mapped to a case for {self.turns_of.currentText()}.")
            return 0
        added = self._autocode(
            f"Code the turns of {self.turns_of.currentText()}",
            lambda code_id: autocode_turns(self.project, speakers, code_id),
        )
        if added is not None:
            self.status.setText(f"Coded {plural(added, 'speaker turn')} with {self.code.currentText()}")
        return added or 0

    def _autocode(self, action: str, code: Callable[[int], Sequence[CodingInfo]]) -> int | None:
        """Code with the code named in the code box, creating it first if it is new, all as one undoable step;
        None when there is no code to use (the status line says why)."""
        typed = " ".join(self.code.currentText().split())
        if not typed:
            self.status.setText("Choose a code, or type the name of a new one.")
            return None
        code_id = self._code_named(typed)
        name = typed if code_id is None else self.code.itemText(self.code.findData(code_id))
        try:
            with self.edits.together(f"{action} with {name}"):
                if code_id is None:
                    code_id = self.edits.create_code(typed).id
                chosen = code_id
                added = self.edits.autocode(f"{action} with {name}", lambda: code(chosen))
        except AxialError as error:
            self.status.setText(str(error))
            return None
        self.code.setEditText(name)
        return added

    def _code_named(self, typed: str) -> int | None:
        """The code whose path ("Workload / Paperwork") or own name is what was typed (by `name_key`)."""
        wanted = name_key(typed)
        paths = [(self.code.itemText(i), int(self.code.itemData(i))) for i in range(self.code.count())]
        by_path = [code_id for path, code_id in paths if name_key(path) == wanted]
        by_name = [code_id for path, code_id in paths if name_key(path.rsplit(" / ", 1)[-1]) == wanted]
        if by_path:
            return by_path[0]
        return by_name[0] if len(by_name) == 1 else None

    def set_read_only(self, read_only: bool) -> None:
        """A read-only project can be searched, not coded from here."""
        self.read_only = read_only
        self._enable()

    def _enable(self) -> None:
        has_hits, can_code = bool(self.result.hits), bool(self.code.currentText().strip()) and not self.read_only
        self.previous.setEnabled(has_hits)
        self.next.setEnabled(has_hits)
        self.code_all.setEnabled(has_hits and can_code)
        self.code_selected.setEnabled(has_hits and can_code)
        self.code_turns_button.setEnabled(can_code and self.turns_of.currentData() is not None)
        for widget in (self.code, self.extent, self.turns_of):
            widget.setEnabled(not self.read_only)

    def focus_query(self) -> None:
        self.set_in_view(True)
        self.query.setFocus()
        self.query.selectAll()
