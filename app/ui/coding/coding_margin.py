"""The coding margin beside the text: a coloured stripe per coding, labelled with its code, as NVivo and MAXQDA
show them. Overlapping codings sit in lanes side by side. Click a stripe to select the coding; hover for details.
Only the codings of visible lines are drawn. When more than one coder's codings are shown, each label carries its
coder's colour and initials."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QRegion,
    QStaticText,
    QTextBlock,
)
from PySide6.QtWidgets import QToolTip, QWidget

from app.model.core.dto import CoderInfo, CodingInfo

if TYPE_CHECKING:
    from app.ui.coding.document_viewer import DocumentViewer

LANE_WIDTH = 9
STRIPE_WIDTH = 5
PADDING = 6
MAX_LANES = 10
LABEL_WIDTH = 140
CODER_WIDTH = 40  # the room a coder's mark takes before the code's name


class CodingMargin(QWidget):
    coding_clicked = Signal(int)

    def __init__(self, viewer: DocumentViewer) -> None:
        super().__init__(viewer)
        self._viewer = viewer
        self._hits: list[tuple[QRect, CodingInfo]] = []
        self._labels: dict[tuple[str, str], QStaticText] = {}
        # The coders whose marks label each coding (empty: one coder's codings are shown, and need none).
        self.coders: dict[int, CoderInfo] = {}
        self.setMouseTracking(True)
        self.setSizePolicy(self.sizePolicy().horizontalPolicy(), self.sizePolicy().verticalPolicy())

    def relayout(self) -> None:
        self.updateGeometry()
        self.setFixedWidth(self.sizeHint().width())
        self.update()

    def codings_changed(self, codings: Iterable[tuple[CodingInfo, int]]) -> None:
        """Repaint what changing these codings (each with its lane, before or after the change) can have moved:
        its stripe, and the labels from its top down, as the labels below it may shift. A coding off screen or
        in a lane past `MAX_LANES` is not drawn, so changing it repaints nothing (on a densely coded line a new
        coding takes a lane past the last drawn)."""
        shown = [(coding, lane) for coding, lane in codings if lane < MAX_LANES]
        if not shown:
            return
        edges = self._line_edges(self._visible_blocks())
        label_x = self._label_x()
        height = self.height()
        region = QRegion()
        for coding, lane in shown:
            top = max(edges(coding.start)[0], 0)
            bottom = min(edges(max(coding.start, coding.end - 1))[1], height)
            if bottom > top:
                region += QRect(PADDING + lane * LANE_WIDTH - 2, top, LANE_WIDTH + 2, bottom - top)
                region += QRect(label_x, top, self.width() - label_x, height - top)
        if not region.isEmpty():
            self.update(region)

    def _label_x(self) -> int:
        return PADDING + max(min(self._viewer.coding_layout.lane_count, MAX_LANES), 1) * LANE_WIDTH + 4

    def sizeHint(self) -> QSize:  # noqa: N802
        lanes = min(self._viewer.coding_layout.lane_count, MAX_LANES)
        marks = CODER_WIDTH if self.coders else 0
        return QSize(2 * PADDING + max(lanes, 1) * LANE_WIDTH + LABEL_WIDTH + marks, 100)

    def visible_codings(self, lanes: int | None = None) -> list[CodingInfo]:
        """The codings on the lines in view (only those in the first `lanes` lanes, when given)."""
        layout = self._viewer.coding_layout
        seen: dict[int, CodingInfo] = {}
        for block, _ in self._visible_blocks():
            for coding in layout.in_block(block.blockNumber()):
                if lanes is None or layout.lanes.get(coding.id, 0) < lanes:
                    seen.setdefault(coding.id, coding)
        return list(seen.values())

    def _visible_blocks(self) -> list[tuple[QTextBlock, float]]:
        """The text's blocks in view, each with its top in the viewport, walked as the text view paints them."""
        view = self._viewer.view
        block = view.firstVisibleBlock()
        top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
        height = view.viewport().height()
        blocks = []
        while block.isValid() and top <= height:
            blocks.append((block, top))
            top += view.blockBoundingRect(block).height()
            block = block.next()
        return blocks

    def _line_edges(self, blocks: list[tuple[QTextBlock, float]]) -> Callable[[int], tuple[int, int]]:
        """For one paint: a text position to the top and bottom of its line, in margin coordinates.

        Read from the laid-out lines of the blocks in view, each block's lines measured once per paint (no text
        cursor is placed: that cost a tenth of a millisecond per edge, and many codings start or end on the same
        few lines); a position above the view is at its top, one below it at its bottom.
        """
        viewer = self._viewer
        offset = viewer.view.viewport().mapTo(viewer, QPoint(0, 0)).y() - self.mapTo(viewer, QPoint(0, 0)).y()
        if not blocks:
            return lambda position: (0, 0)
        tops = {block.blockNumber(): (block, top) for block, top in blocks}
        first, last = blocks[0][0].blockNumber(), blocks[-1][0].blockNumber()
        below = self.height() + 1
        measured: dict[int, tuple[int, list[int], list[tuple[int, int]]]] = {}

        def lines_of(number: int) -> tuple[int, list[int], list[tuple[int, int]]]:
            """A block's position, where each of its lines starts (UTF-16, in the block) and their edges."""
            block, top = tops[number]
            text_layout = block.layout()
            starts, bounds = [], []
            for index in range(max(text_layout.lineCount(), 1)):
                line = text_layout.lineAt(index)
                # As QPlainTextEdit.cursorRect rounds a line's rectangle.
                rect = QRectF(0, top + line.y(), 1, line.height()).toRect() if line.isValid() else QRect()
                starts.append(line.textStart() if line.isValid() else 0)
                bounds.append((rect.top() + offset, rect.bottom() + offset))
            measured[number] = block.position(), starts, bounds
            return measured[number]

        def edges(position: int) -> tuple[int, int]:
            number = viewer.coding_layout.block_of(position)
            if number < first:
                return -1, -1
            if number > last:
                return below, below
            block_position, starts, line_edges = measured.get(number) or lines_of(number)
            return line_edges[bisect_right(starts, viewer.positions.to_utf16(position) - block_position) - 1]

        return edges

    def _label(self, name: str, font: QFont, font_key: str) -> QStaticText:
        """A code's name elided to the label's width, laid out once per name and font, not on every paint."""
        key = (name, font_key)
        label = self._labels.get(key)
        if label is None:
            metrics = QFontMetrics(font)
            width = LABEL_WIDTH + (CODER_WIDTH if self.coders else 0) - 12
            label = QStaticText(metrics.elidedText(name, Qt.TextElideMode.ElideRight, width))
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.prepare(font=font)
            self._labels[key] = label
        return label

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().window())
        # A part repainted (see `codings_changed`): every stripe and label is still placed, for clicks and for the
        # labels' order, but only those in it are drawn.
        region = event.region() if event.rect() != self.rect() else None
        layout = self._viewer.coding_layout
        codes = self._viewer.highlighter.codes
        selected = self._viewer.highlighter.selected
        plain = painter.font()
        line_height = QFontMetrics(plain).height()
        height = self.height()
        label_x = self._label_x()
        bold = QFont(plain)
        bold.setBold(True)
        fonts = {False: (plain, plain.key()), True: (bold, bold.key())}
        font_now = False
        painter.setPen(self.palette().windowText().color())
        colours: dict[str, QColor] = {}
        next_free_y = 0
        self._hits = []
        placed = []
        blocks = self._visible_blocks()
        edges = self._line_edges(blocks)
        seen: set[int] = set()
        lanes = layout.lanes
        for block, _ in blocks:
            for coding in layout.in_block(block.blockNumber()):
                lane = lanes[coding.id]
                if lane >= MAX_LANES or coding.id in seen:
                    continue
                seen.add(coding.id)
                top = max(edges(coding.start)[0], 0)
                bottom = min(edges(max(coding.start, coding.end - 1))[1], height)
                if bottom > top:
                    placed.append((top, bottom, lane, coding))
        for top, bottom, lane, coding in sorted(placed, key=lambda item: (item[0], item[2])):
            x = PADDING + lane * LANE_WIDTH
            code = codes.get(coding.code_id)
            hex_colour = code.colour if code else "#999999"
            colour = colours.get(hex_colour) or colours.setdefault(hex_colour, QColor(hex_colour))
            chosen = coding.id == selected
            stripe = QRect(x - 2, top, LANE_WIDTH, bottom - top)
            if region is None or region.intersects(stripe):
                painter.fillRect(QRect(x, top, STRIPE_WIDTH + (2 if chosen else 0), bottom - top), colour)
            self._hits.append((stripe, coding))
            # The code's name beside the lanes, at the stripe's top, moved down past the label above it.
            y = max(top, next_free_y)
            if code is not None and y < height:
                label = QRect(label_x, y, self.width() - label_x, line_height)
                if region is None or region.intersects(label):
                    painter.fillRect(QRect(label_x, y + 3, 6, line_height - 6), colour)
                    font, font_key = fonts[chosen]
                    if chosen != font_now:
                        painter.setFont(font)
                        font_now = chosen
                    coder = self.coders.get(coding.coder_id or -1)
                    text_x = label_x + 9
                    if coder is not None:
                        painter.fillRect(QRect(text_x, y + 3, 6, line_height - 6), QColor(coder.colour))
                        text_x += 9
                    name = f"{coder.initials} · {code.name}" if coder is not None else code.name
                    painter.drawStaticText(QPoint(text_x, y), self._label(name, font, font_key))
                self._hits.append((label, coding))
                next_free_y = y + line_height
        painter.end()

    def coding_at(self, point: QPoint) -> CodingInfo | None:
        return next((coding for rect, coding in self._hits if rect.contains(point)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        coding = self.coding_at(event.position().toPoint())
        if coding is not None and event.button() == Qt.MouseButton.LeftButton:
            self.coding_clicked.emit(coding.id)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            coding = self.coding_at(event.pos())
            if coding is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self._viewer.describe(coding), self)
            return True
        return super().event(event)
