"""Every coding of a code (and its sub-codes): document, speaker and words; choosing one opens it in place.

With filters, a bar narrows the list to a set of documents, to cases (one, or those with a value) and to a range
of a number or date attribute, through the same `Scope` as analyses and exports."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.analysis.matrices import Analysis
from app.model.analysis.scope import Scope
from app.model.core.errors import AxialError
from app.model.core.text import plural
from app.model.project import Project
from app.ui.core.scope_bar import ScopeBar
from app.ui.core.tree_items import empty

_CODING_ROLE = Qt.ItemDataRole.UserRole + 1


class Excerpt(Protocol):
    """A coding as any service returns it (read-only)."""

    @property
    def id(self) -> int: ...
    @property
    def document_id(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def coder_id(self) -> int | None: ...


class ExcerptsPanel(QWidget):
    excerpt_opened = Signal(int, int)  # document id, coding id
    split_requested = Signal(list)  # coding ids to move to another code

    def __init__(self, project: Project, *, can_split: bool = True, filters: bool = False) -> None:
        super().__init__()
        self.project = project
        self.code_id: int | None = None
        self._listed: tuple[str, Sequence[Excerpt]] | None = None  # what `show_codings` was given, to filter again
        self.coders: frozenset[int] | None = None  # whose codings are listed (None: everyone's)
        self.marks: dict[int, str] = {}  # initials shown before each excerpt, when several coders' are listed
        self.scope_bar = ScopeBar(project) if filters else None
        if self.scope_bar is not None:
            self.scope_bar.changed.connect(self._filter_changed)
            self.scope_bar.hide()  # until there is a list to narrow
        self.heading = QLabel("Choose “Show excerpts” on a code.")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._open)
        self.list.itemClicked.connect(self._open)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.split_button = QPushButton("Move selected to another code…")
        self.split_button.setToolTip("Split a code that grew too broad: its chosen codings go to another code")
        self.split_button.clicked.connect(lambda: self.split_requested.emit(self.selected_coding_ids()))
        self.split_button.setVisible(can_split)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.split_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        if self.scope_bar is not None:
            layout.addWidget(self.scope_bar)
        layout.addWidget(self.list)

    def show_code(self, code_id: int) -> None:
        self.code_id, self._listed = code_id, None
        code = self.project.codes.get(code_id)
        scope = self._scope()
        if scope is None:
            return
        codings: Sequence[Excerpt]
        if scope == Scope():
            codings = self.project.codings.for_codes(self.project.codes.descendants(code_id), self.coders)
        else:
            codings = Analysis(self.project, scope).codings_of([code_id])
        self._fill(codings)
        documents = len({c.document_id for c in codings})
        found = f"{plural(len(codings), 'excerpt')} in {plural(documents, 'document')}"
        self.heading.setText(f"{code.name}: {found}{self._narrowed()}")

    def show_codings(self, title: str, codings: Sequence[Excerpt]) -> None:
        """Any list of codings, such as the ones behind a cell of an analysis table (narrowed by the filters)."""
        self.code_id, self._listed = None, (title, codings)
        scope = self._scope()
        if scope is None:
            return
        if scope != Scope():
            allowed = {c.id for c in Analysis(self.project, scope).codings}
            codings = [c for c in codings if c.id in allowed]
        if self.coders is not None:
            codings = self.project.codings.by_ids([c.id for c in codings], self.coders)
        self._fill(codings)
        self.heading.setText(f"{title}: {plural(len(codings), 'excerpt')}{self._narrowed()}")

    def _scope(self) -> Scope | None:
        """What the filters allow (everything without them); None, with the reason in the heading, when a range
        is typed badly."""
        if self.scope_bar is None:
            return Scope()
        self.scope_bar.fill()  # cases, values and sets may have changed since the last list
        self.scope_bar.show()
        try:
            return _within(self.scope_bar.scope(), self.coders)
        except AxialError as error:
            empty(self.list)
            self.heading.setText(str(error))
            return None

    def set_coders(self, coders: frozenset[int] | None, marks: dict[int, str] | None = None) -> None:
        """List only these coders' codings (None: everyone's), each after its coder's initials in `marks`."""
        if coders != self.coders or (marks or {}) != self.marks:
            self.coders, self.marks = coders, marks or {}
            self._filter_changed()

    def _narrowed(self) -> str:
        said = self.scope_bar.describe() if self.scope_bar is not None else ""
        return f" ({said})" if said else ""

    def _filter_changed(self) -> None:
        if self.code_id is not None:
            self.show_code(self.code_id)
        elif self._listed is not None:
            self.show_codings(*self._listed)

    def _fill(self, codings: Sequence[Excerpt]) -> None:
        names = {doc.id: doc.name for doc in self.project.documents.all()}
        empty(self.list)
        texts: dict[int, str] = {}
        turns: dict[int, tuple[list[int], list[str | None]]] = {}
        for coding in sorted(codings, key=lambda c: (names.get(c.document_id, ""), c.start)):
            if coding.document_id not in texts:
                texts[coding.document_id] = self.project.documents.text(coding.document_id)
                document_turns = self.project.documents.turns(coding.document_id)
                turns[coding.document_id] = ([t.start for t in document_turns], [t.speaker for t in document_turns])
            starts, speakers = turns[coding.document_id]
            at = bisect_right(starts, coding.start) - 1
            speaker = speakers[at] if at >= 0 else None
            words = " ".join(texts[coding.document_id][coding.start : coding.end].split())
            who = f"{speaker}: " if speaker else ""
            coder = self.marks.get(coding.coder_id or 0)
            by = f"[{coder}] " if coder else ""
            item = QListWidgetItem(f"{by}{names.get(coding.document_id, '?')} — {who}“{words}”")
            item.setData(_CODING_ROLE, (coding.document_id, coding.id))
            self.list.addItem(item)

    def selected_coding_ids(self) -> list[int]:
        return [item.data(_CODING_ROLE)[1] for item in self.list.selectedItems()]

    def chosen_coding_ids(self) -> list[int]:
        """The selected excerpts, or every excerpt listed when none is selected."""
        chosen = self.selected_coding_ids()
        if chosen:
            return chosen
        return [item.data(_CODING_ROLE)[1] for i in range(self.list.count()) if (item := self.list.item(i)) is not None]

    def refresh(self) -> None:
        if self.code_id is not None:
            try:
                self.show_code(self.code_id)
            except Exception:
                self.code_id = None
                empty(self.list)
                self.heading.setText("Choose “Show excerpts” on a code.")

    def _open(self, item: QListWidgetItem) -> None:
        document_id, coding_id = item.data(_CODING_ROLE)
        self.excerpt_opened.emit(document_id, coding_id)


def _within(scope: Scope, coders: frozenset[int] | None) -> Scope:
    """The filters' scope kept to these coders' codings too (those the bar chose among them, when it chose)."""
    if coders is None or scope == Scope():
        return scope
    chosen = coders if not scope.coder_ids else scope.coder_ids & coders
    # An empty choice means "anyone" to a scope; no coder has id 0, so none of the bar's coders are shown.
    return replace(scope, coder_ids=chosen or frozenset({0}))
