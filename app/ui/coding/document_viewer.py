"""The document viewer: read-only text with codings highlighted in their codes' colours and a coding margin.

Highlighting reads the `CodingLayout` one line (block) at a time, so opening a document formats each line once
and a change re-formats only the lines it touches. Positions cross into Qt through one `PositionMap`. The viewer
shows the codings of the coders `set_coders` names (everyone's by default), read so from the domain.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QFont, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from app.model.core.changes import Changes, Topic
from app.model.core.dto import CodeInfo, CoderInfo, CodingInfo, Span, TurnInfo
from app.model.documents.speaker_labels import label_spans, outside_labels
from app.model.project import Project
from app.ui.codes.code_tree_model import CODE_IDS_MIME, decode_ids
from app.ui.coding.coding_highlighter import CodingHighlighter
from app.ui.coding.coding_layout import CodingLayout
from app.ui.coding.coding_margin import CodingMargin
from app.ui.coding.find_bar import FindBar
from app.ui.core.text_positions import PositionMap
from app.ui.revisions.revision_flows import ask_correction, ask_speaker_rename, ask_split, join_with_next

# Up to this many codings changed at once are changed in the layout in place; more and it is built afresh.
_CHANGED_IN_PLACE = 200


class TextView(QPlainTextEdit):
    """Read-only text that takes codes dragged from the code tree onto the selection."""

    codes_dropped = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self.setReadOnly(True)
        self.setAcceptDrops(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCenterOnScroll(False)

    def _takes(self, mime: QMimeData) -> bool:
        return mime.hasFormat(CODE_IDS_MIME)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._takes(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if self._takes(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        ids = decode_ids(event.mimeData())
        if ids:
            event.acceptProposedAction()
            self.codes_dropped.emit(ids)


class DocumentViewer(QWidget):
    coding_clicked = Signal(int)
    codes_dropped = Signal(list)

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.document_id: int | None = None
        self.text = ""
        self.turns: list[TurnInfo] = []
        self.labels: list[Span] = []  # the speaker labels, kept out of codings
        self.coders: frozenset[int] | None = None  # whose codings are shown (None: everyone's)
        self.view = TextView()
        self.highlighter = CodingHighlighter(self.view.document())
        self.margin = CodingMargin(self)
        self.find_bar = FindBar(self.view)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.view, 1)
        row.addWidget(self.margin)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row, 1)
        column.addWidget(self.find_bar)
        self.view.codes_dropped.connect(self.codes_dropped)
        self.view.verticalScrollBar().valueChanged.connect(self.margin.update)
        self.view.updateRequest.connect(lambda *_: self.margin.update())
        self.margin.coding_clicked.connect(self.coding_clicked)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._text_menu)
        self.set_codes(project.codes.all())

    # --- what is shown -------------------------------------------------------------------------------------

    @property
    def coding_layout(self) -> CodingLayout:
        return self.highlighter.layout

    @property
    def positions(self) -> PositionMap:
        return self.highlighter.positions

    def set_codes(self, codes: dict[int, CodeInfo]) -> None:
        self.highlighter.codes = codes
        if self.document_id is not None:
            self.highlighter.rehighlight()
        self.margin.update()

    def set_style(self, style: str, font: QFont | None = None) -> None:
        self.highlighter.style = style
        if font is not None:
            self.view.setFont(font)
        self.highlighter.rehighlight()

    def set_coders(self, coders: frozenset[int] | None, marks: dict[int, CoderInfo]) -> None:
        """Show only these coders' codings (None: everyone's), each labelled in the margin with its coder's mark
        from `marks` (empty when one coder's are shown)."""
        if marks.keys() != self.margin.coders.keys():
            self.margin.coders = marks
            self.margin.relayout()  # the marks take room of their own
        self.margin.coders = marks  # a coder's colour or initials may have changed
        if coders == self.coders:
            self.margin.update()
            return
        self.coders = coders
        if self.document_id is not None:
            scrolled = self.view.verticalScrollBar().value()
            self.show_document(self.document_id)
            self.view.verticalScrollBar().setValue(scrolled)

    def show_document(self, document_id: int | None) -> None:
        """Show a document (None: nothing), its codings highlighted."""
        self.document_id = document_id
        self.highlighter.selected = None
        if document_id is None:
            self.text, self.turns, self.labels = "", [], []
            self.highlighter.layout, self.highlighter.positions, self.highlighter.labels = (
                CodingLayout("", []),
                PositionMap(""),
                {},
            )
            self.view.setPlainText("")
            self.margin.relayout()
            return
        self.text = self.project.documents.text(document_id)
        self.turns = self.project.documents.turns(document_id)
        codings = self.project.codings.for_document(document_id, self.coders)
        self.highlighter.positions = PositionMap(self.text)
        self.highlighter.layout = layout = CodingLayout(self.text, codings)
        self.labels = label_spans(self.text, self.turns)
        self.highlighter.labels = {}
        for label in self.labels:
            self.highlighter.labels.setdefault(layout.block_of(label.start), []).append(label)
        self.view.setPlainText(self.text)  # highlights each line as it is laid out
        self.margin.relayout()

    def reload_codings(self) -> None:
        """Re-read all the open document's codings (a change that did not name them); re-format only the lines
        whose codings changed."""
        if self.document_id is None:
            return
        layout = self.highlighter.layout
        codings = self.project.codings.for_document(self.document_id, self.coders)
        old, new = set(layout.codings.values()), set(codings)
        gone, came = old - new, new - old
        if len(gone) + len(came) <= _CHANGED_IN_PLACE:
            self._relayout(layout.change([c.id for c in gone], came))
            return
        # Many codings at once (autocoding, a merge): building the layout afresh is cheaper than changing it.
        self.highlighter.layout = fresh = CodingLayout(self.text, codings)
        self._relayout({block for coding in gone | came for block in fresh.blocks_of(coding)})

    def update_codings(self, coding_ids: Collection[int]) -> None:
        """Re-read only these codings (added, removed or altered) and re-format the lines they cover."""
        if self.document_id is None:
            return
        fresh = [c for c in self.project.codings.by_ids(coding_ids, self.coders) if c.document_id == self.document_id]
        layout = self.highlighter.layout
        before = [(layout.codings[i], layout.lanes[i]) for i in coding_ids if i in layout.codings]
        blocks = layout.change(coding_ids, fresh)
        self._relayout(blocks, before + [(coding, layout.lanes[coding.id]) for coding in fresh])

    def _relayout(self, blocks: Iterable[int], changed: list[tuple[CodingInfo, int]] | None = None) -> None:
        """Format these lines again and repaint the margin: only where the `changed` codings (with their lanes,
        before and after) were or are drawn, when they are named; all of it otherwise."""
        lanes = self.margin.sizeHint().width()
        within = (min(c.start for c, _ in changed), max(c.end for c, _ in changed)) if changed else None
        self._restyle(blocks, within)
        if self.margin.sizeHint().width() != lanes:
            self.margin.relayout()
        elif changed is None:
            self.margin.update()
        else:
            self.margin.codings_changed(changed)

    def _restyle(self, blocks: Iterable[int], within: tuple[int, int] | None = None) -> None:
        """Format these lines again (only their stretch `within`, when only there did codings change); a line that
        kept its height is repainted alone, not the whole view."""
        document, viewport = self.view.document(), self.view.viewport()
        for number in sorted(blocks):
            block = document.findBlockByNumber(number)
            if self.highlighter.restyle(block, within):
                area = self.view.blockBoundingGeometry(block).translated(self.view.contentOffset()).toAlignedRect()
                viewport.update(0, area.top(), viewport.width(), area.height())

    def on_changes(self, changes: Changes) -> None:
        if self.document_id is None:
            return
        if Topic.DOCUMENTS in changes.topics and self.document_id in changes.document_ids:
            still_there = any(d.id == self.document_id for d in self.project.documents.all())
            if not still_there:
                self.show_document(None)
                return
            if self.project.documents.text(self.document_id) != self.text:  # revised: its text and codings anew
                scrolled = self.view.verticalScrollBar().value()
                self.show_document(self.document_id)
                self.view.verticalScrollBar().setValue(scrolled)
                return
        if Topic.CODES in changes.topics:
            self.set_codes(self.project.codes.all())
        if Topic.CODINGS in changes.topics and self.document_id in changes.document_ids:
            if changes.coding_ids:
                self.update_codings(changes.coding_ids)
            else:
                self.reload_codings()

    # --- selection, in code points -------------------------------------------------------------------------

    def selection(self) -> tuple[int, int] | None:
        cursor = self.view.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.positions.to_code_point(cursor.selectionStart())
        end = self.positions.to_code_point(cursor.selectionEnd())
        # Leave out speaker labels and white space at the edges, as a reader means the words spoken.
        span = outside_labels(self.text, self.labels, start, end)
        return None if span is None else (span.start, span.end)

    def selected_text(self) -> str:
        span = self.selection()
        return "" if span is None else self.text[span[0] : span[1]]

    def select(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.positions.to_utf16(start))
        cursor.setPosition(self.positions.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)
        self.view.centerCursor()

    def select_coding(self, coding: CodingInfo) -> None:
        """Show a coding as chosen (deeper and bolder), and the one chosen before as it was."""
        before = self.coding_layout.codings.get(self.highlighter.selected or -1)
        self.highlighter.selected = coding.id
        lines = set(self.coding_layout.blocks_of(coding))
        if before is not None:
            lines.update(self.coding_layout.blocks_of(before))
        self._restyle(lines)
        self.select(coding.start, coding.end)
        self.margin.update()

    def describe(self, coding: CodingInfo) -> str:
        """What the margin's tooltip says about a coding: code, coder, memo, words."""
        code = self.highlighter.codes.get(coding.code_id)
        coder = self.project.coder_name(coding.coder_id)
        lines = [code.name if code else "(deleted code)", f"Coded by {coder}, {coding.created_at:%Y-%m-%d %H:%M}"]
        if coding.memo:
            lines.append(f"Memo: {coding.memo}")
        lines.append(f"“{_excerpt(self.text[coding.start : coding.end])}”")
        return "\n".join(lines)

    def coding_at_cursor(self) -> CodingInfo | None:
        """The selected coding, or else the innermost coding under the cursor."""
        if self.highlighter.selected in self.coding_layout.codings:
            return self.coding_layout.codings[self.highlighter.selected]
        position = self.positions.to_code_point(self.view.textCursor().position())
        block = self.coding_layout.block_of(position)
        covering = [c for c in self.coding_layout.in_block(block) if c.start <= position < c.end]
        return covering[-1] if covering else None

    # --- revising the text -----------------------------------------------------------------------------------

    def _text_menu(self, point: QPoint) -> None:
        menu = self.view.createStandardContextMenu(point)
        menu.addSeparator()
        correct = menu.addAction("Correct Text…", self.correct_selection)
        correct.setEnabled(self.document_id is not None and self.view.textCursor().hasSelection())
        turn = self.speaker_at_cursor()
        for text, slot in (
            ("Rename Speaker Label…", self.rename_speaker),
            ("Split Turn Here…", self.split_turn_here),
            ("Join with Next Turn", self.join_with_next_turn),
        ):
            menu.addAction(text, slot).setEnabled(turn is not None)
        menu.exec(self.view.viewport().mapToGlobal(point))

    def correct_selection(self) -> bool:
        """Correct the selected words (labels included: a misspelt label is text too); codings follow."""
        cursor = self.view.textCursor()
        if self.document_id is None or not cursor.hasSelection():
            return False
        start = self.positions.to_code_point(cursor.selectionStart())
        end = self.positions.to_code_point(cursor.selectionEnd())
        return ask_correction(self, self.project, self.document_id, start, end)

    def speaker_at_cursor(self) -> TurnInfo | None:
        """The turn, with a speaker, that the cursor is in or whose label it is on (a label ends where its turn
        begins)."""
        position = self.positions.to_code_point(self.view.textCursor().position())
        label = next((span for span in self.labels if span.start <= position < span.end), None)
        at = position if label is None else label.end
        return next((t for t in self.turns if t.speaker_id is not None and t.start <= at < t.end), None)

    def rename_speaker(self) -> bool:
        turn = self.speaker_at_cursor()
        if turn is None or turn.speaker_id is None or turn.speaker is None:
            return False
        return ask_speaker_rename(self, self.project, turn.speaker_id, turn.speaker)

    def split_turn_here(self) -> bool:
        turn = self.speaker_at_cursor()
        if turn is None or self.document_id is None:
            return False
        at = self.positions.to_code_point(self.view.textCursor().position())
        speakers = [s.label for s in self.project.documents.speakers(self.document_id) if s.label != turn.speaker]
        return ask_split(self, self.project, turn.id, at, speakers)

    def join_with_next_turn(self) -> bool:
        turn = self.speaker_at_cursor()
        return turn is not None and join_with_next(self, self.project, turn.id)


def _excerpt(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
