"""The document viewer: read-only text with codings highlighted in their codes' colours and a coding margin.

Highlighting reads the `CodingLayout` one line (block) at a time, so opening a document formats each line once
and a change re-formats only the lines it touches. Positions cross into Qt through one `PositionMap`.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from app.model.changes import Changes, Topic
from app.model.dto import CodeInfo, CodingInfo, TurnInfo
from app.model.project import Project
from app.ui.coding_layout import CodingLayout
from app.ui.models.code_tree import CODE_IDS_MIME, decode_ids
from app.ui.text_positions import PositionMap
from app.ui.widgets.coding_margin import CodingMargin
from app.ui.widgets.find_bar import FindBar

_CLOCK = re.compile(r"[\[(]\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?[\])]")


class CodingHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.layout = CodingLayout("", [])
        self.positions = PositionMap("")
        self.codes: dict[int, CodeInfo] = {}
        self.labels: dict[int, list[tuple[int, int]]] = {}  # block -> speaker label spans
        self.style = "background"
        self.selected: int | None = None
        self._label = QTextCharFormat()
        self._label.setFontWeight(QFont.Weight.Bold)
        self._clock = QTextCharFormat()
        self._clock.setForeground(QColor(128, 128, 128))
        self._clock.setFontItalic(True)

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        block = self.currentBlock().blockNumber()
        base = self.currentBlock().position()
        for segment in self.layout.segments(block):
            start = self.positions.to_utf16(segment.start) - base
            length = self.positions.to_utf16(segment.end) - base - start
            self.setFormat(start, length, self._coded(segment.coding_ids))
        line_start = self.layout.block_starts[block] if block < len(self.layout.block_starts) else 0
        for match in _CLOCK.finditer(text):
            self._merge(line_start + match.start(), line_start + match.end(), base, self._clock)
        for start, end in self.labels.get(block, []):
            self._merge(start, end, base, self._label)

    def _merge(self, start: int, end: int, base: int, extra: QTextCharFormat) -> None:
        u_start = self.positions.to_utf16(start) - base
        u_end = self.positions.to_utf16(end) - base
        for position in range(u_start, u_end):
            merged = QTextCharFormat(self.format(position))
            merged.merge(extra)
            self.setFormat(position, 1, merged)

    def _coded(self, coding_ids: tuple[int, ...]) -> QTextCharFormat:
        codes = [self.layout.codings[i].code_id for i in coding_ids]
        innermost = QColor(self.codes[codes[-1]].colour if codes[-1] in self.codes else "#999999")
        chosen = self.selected in coding_ids
        fmt = QTextCharFormat()
        if self.style == "underline":
            fmt.setUnderlineStyle(
                QTextCharFormat.UnderlineStyle.WaveUnderline
                if len(codes) > 1
                else QTextCharFormat.UnderlineStyle.SingleUnderline
            )
            fmt.setUnderlineColor(innermost)
        else:
            # Deeper where codings overlap, so overlaps read at a glance; the outer code underlines it.
            alpha = 150 if chosen else min(60 + 30 * (len(codes) - 1), 130)
            innermost.setAlpha(alpha)
            fmt.setBackground(innermost)
            if len(codes) > 1:
                outer = QColor(self.codes[codes[0]].colour if codes[0] in self.codes else "#999999")
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(outer)
        if chosen:
            fmt.setFontWeight(QFont.Weight.DemiBold)
        return fmt


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
        self.set_codes({node.code.id: node.code for node in project.codes.tree()})

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

    def show_document(self, document_id: int | None) -> None:
        """Show a document (None: nothing), its codings highlighted."""
        self.document_id = document_id
        self.highlighter.selected = None
        if document_id is None:
            self.text, self.turns = "", []
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
        codings = self.project.codings.for_document(document_id)
        self.highlighter.positions = PositionMap(self.text)
        self.highlighter.layout = CodingLayout(self.text, codings)
        self.highlighter.labels = _label_spans(self.text, self.turns, self.highlighter.layout)
        self.view.setPlainText(self.text)  # highlights each line as it is laid out
        self.margin.relayout()

    def reload_codings(self) -> None:
        """Re-read the open document's codings; re-format only the lines whose codings changed."""
        if self.document_id is None:
            return
        old = self.highlighter.layout
        codings = self.project.codings.for_document(self.document_id)
        new = CodingLayout(self.text, codings)
        changed = set(old.codings.items()) ^ set(new.codings.items())
        self.highlighter.layout = new
        blocks = {block for _, coding in changed for block in new.blocks_of(coding)}
        document = self.view.document()
        for block in sorted(blocks):
            self.highlighter.rehighlightBlock(document.findBlockByNumber(block))
        self.margin.relayout()

    def on_changes(self, changes: Changes) -> None:
        if self.document_id is None:
            return
        if Topic.DOCUMENTS in changes.topics and self.document_id in changes.document_ids:
            still_there = any(d.id == self.document_id for d in self.project.documents.all())
            if not still_there:
                self.show_document(None)
                return
        if Topic.CODES in changes.topics:
            self.set_codes({node.code.id: node.code for node in self.project.codes.tree()})
        if Topic.CODINGS in changes.topics and self.document_id in changes.document_ids:
            self.reload_codings()

    # --- selection, in code points -------------------------------------------------------------------------

    def selection(self) -> tuple[int, int] | None:
        cursor = self.view.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.positions.to_code_point(cursor.selectionStart())
        end = self.positions.to_code_point(cursor.selectionEnd())
        # Leave out white space at the edges, as a reader means the words.
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

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
        self.highlighter.selected = coding.id
        for block in self.coding_layout.blocks_of(coding):
            self.highlighter.rehighlightBlock(self.view.document().findBlockByNumber(block))
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


def _excerpt(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label_spans(text: str, turns: list[TurnInfo], layout: CodingLayout) -> dict[int, list[tuple[int, int]]]:
    """Each turn's speaker label: the words before the speech on its line, or the line before when alone."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for turn in turns:
        if not turn.speaker:
            continue
        block = layout.block_of(turn.start)
        line_start, _ = layout.block_span(block)
        if turn.start > line_start:
            spans.setdefault(block, []).append((line_start, turn.start))
        elif block > 0:
            previous_start, previous_end = layout.block_span(block - 1)
            line = text[previous_start:previous_end]
            if line.strip().startswith(turn.speaker):
                spans.setdefault(block - 1, []).append((previous_start, previous_end))
    return spans
