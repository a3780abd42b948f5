"""The coding margin beside the text: a coloured stripe per coding, labelled with its code, as NVivo and MAXQDA
show them. Overlapping codings sit in lanes side by side. Click a stripe to select the coding; hover for details.
Only the codings of visible lines are drawn."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QTextCursor
from PySide6.QtWidgets import QToolTip, QWidget

from app.model.dto import CodingInfo

if TYPE_CHECKING:
    from app.ui.widgets.document_viewer import DocumentViewer

LANE_WIDTH = 9
STRIPE_WIDTH = 5
PADDING = 6
MAX_LANES = 10
LABEL_WIDTH = 140


class CodingMargin(QWidget):
    coding_clicked = Signal(int)

    def __init__(self, viewer: DocumentViewer) -> None:
        super().__init__(viewer)
        self._viewer = viewer
        self._hits: list[tuple[QRect, CodingInfo]] = []
        self.setMouseTracking(True)
        self.setSizePolicy(self.sizePolicy().horizontalPolicy(), self.sizePolicy().verticalPolicy())

    def relayout(self) -> None:
        self.updateGeometry()
        self.setFixedWidth(self.sizeHint().width())
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        lanes = min(self._viewer.coding_layout.lane_count, MAX_LANES)
        return QSize(2 * PADDING + max(lanes, 1) * LANE_WIDTH + LABEL_WIDTH, 100)

    def visible_codings(self, lanes: int | None = None) -> list[CodingInfo]:
        """The codings on the lines in view (only those in the first `lanes` lanes, when given)."""
        view = self._viewer.view
        block = view.firstVisibleBlock()
        top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
        height = view.viewport().height()
        seen: dict[int, CodingInfo] = {}
        layout = self._viewer.coding_layout
        while block.isValid() and top <= height:
            for coding in layout.in_block(block.blockNumber()):
                if lanes is None or layout.lanes.get(coding.id, 0) < lanes:
                    seen.setdefault(coding.id, coding)
            top += view.blockBoundingRect(block).height()
            block = block.next()
        return list(seen.values())

    def _line_edges(self) -> Callable[[int], tuple[int, int]]:
        """For one paint: a text position to the top and bottom of its line, in margin coordinates.

        Many codings start or end on the same few visible lines, so each line is measured once per paint.
        """
        view = self._viewer.view
        document = view.document()
        last = document.characterCount() - 1
        offset = view.viewport().mapTo(self._viewer, QPoint(0, 0)).y() - self.mapTo(self._viewer, QPoint(0, 0)).y()
        measured: dict[tuple[int, int], tuple[int, int]] = {}

        def edges(position: int) -> tuple[int, int]:
            u16 = min(self._viewer.positions.to_utf16(position), last)
            block = document.findBlock(u16)
            layout = block.layout()
            line = layout.lineForTextPosition(u16 - block.position()) if layout is not None else None
            # A line not laid out yet cannot be told apart from its neighbours: measure it on its own.
            key = (block.blockNumber(), line.lineNumber()) if line is not None and line.isValid() else None
            if key is None or key not in measured:
                cursor = QTextCursor(document)
                cursor.setPosition(u16)
                rect = view.cursorRect(cursor)
                found = (rect.top() + offset, rect.bottom() + offset)
                if key is None:
                    return found
                measured[key] = found
            return measured[key]

        return edges

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        layout = self._viewer.coding_layout
        codes = self._viewer.highlighter.codes
        selected = self._viewer.highlighter.selected
        metrics = QFontMetrics(painter.font())
        line_height = metrics.height()
        height = self.height()
        label_x = PADDING + max(min(layout.lane_count, MAX_LANES), 1) * LANE_WIDTH + 4
        plain = painter.font()
        bold = QFont(plain)
        bold.setBold(True)
        painter.setPen(self.palette().windowText().color())
        colours: dict[str, QColor] = {}
        names: dict[str, str] = {}
        next_free_y = 0
        self._hits = []
        placed = []
        edges = self._line_edges()
        for coding in self.visible_codings(MAX_LANES):
            top = max(edges(coding.start)[0], 0)
            bottom = min(edges(max(coding.start, coding.end - 1))[1], height)
            if bottom > top:
                placed.append((top, bottom, layout.lanes.get(coding.id, 0), coding))
        for top, bottom, lane, coding in sorted(placed, key=lambda item: (item[0], item[2])):
            x = PADDING + lane * LANE_WIDTH
            code = codes.get(coding.code_id)
            hex_colour = code.colour if code else "#999999"
            colour = colours.get(hex_colour) or colours.setdefault(hex_colour, QColor(hex_colour))
            chosen = coding.id == selected
            painter.fillRect(QRect(x, top, STRIPE_WIDTH + (2 if chosen else 0), bottom - top), colour)
            self._hits.append((QRect(x - 2, top, LANE_WIDTH, bottom - top), coding))
            # The code's name beside the lanes, at the stripe's top, moved down past the label above it.
            y = max(top, next_free_y)
            if code is not None and y < height:
                if code.name not in names:
                    names[code.name] = metrics.elidedText(code.name, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 12)
                painter.fillRect(QRect(label_x, y + 3, 6, line_height - 6), colour)
                painter.setFont(bold if chosen else plain)
                painter.drawText(
                    QRect(label_x + 9, y, LABEL_WIDTH - 12, line_height), Qt.AlignmentFlag.AlignLeft, names[code.name]
                )
                self._hits.append((QRect(label_x, y, LABEL_WIDTH, line_height), coding))
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
