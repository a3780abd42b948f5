"""Relations between codes and categories: a filterable table and a diagram of boxes and labelled arrows.

Boxes are dragged where the researcher wants them and stay there (saved with the project); the diagram exports
to PNG and SVG for a paper or a team meeting.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.core.changes import Changes, Topic
from app.model.core.errors import AxialError
from app.model.history.edits import Edits
from app.model.project import Project
from app.ui.codes.code_picker import CodePicker
from app.ui.core import file_dialogs
from app.ui.core.file_dialogs import Purpose

BOX_PADDING = 10
ARROW = 9


class CodeBox(QGraphicsRectItem):
    """A code on the diagram: its colour, its name; tells the diagram when it has been moved."""

    def __init__(self, diagram: RelationsDiagram, code_id: int, name: str, colour: str) -> None:
        super().__init__()
        self.diagram = diagram
        self.code_id = code_id
        self.label = QGraphicsSimpleTextItem(name, self)
        bounds = self.label.boundingRect()
        self.setRect(0, 0, bounds.width() + 2 * BOX_PADDING, bounds.height() + 2 * BOX_PADDING)
        self.label.setPos(BOX_PADDING, BOX_PADDING)
        fill = QColor(colour)
        fill.setAlpha(70)
        self.setBrush(QBrush(fill))
        self.setPen(QPen(QColor(colour), 2))
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setZValue(1)

    def centre(self) -> QPointF:
        return self.mapToScene(self.rect().center())

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:  # noqa: N802
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self.diagram.route()
        return super().itemChange(change, value)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        self.diagram.save_positions()


class RelationsDiagram(QGraphicsView):
    def __init__(self, project: Project, edits: Edits) -> None:
        super().__init__()
        self.project = project
        self.edits = edits
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.boxes: dict[int, CodeBox] = {}
        self._links: list[tuple[int, int, str, bool, QGraphicsPathItem, QGraphicsSimpleTextItem]] = []
        self._saved: dict[int, tuple[float, float]] = {}

    def rebuild(self) -> None:
        scene = self.scene()
        self.boxes, self._links = {}, []  # let go of the items before the scene deletes them
        scene.clear()
        codes = {node.code.id: node.code for node in self.project.codes.tree()}
        types = {t.id: t for t in self.project.relations.types()}
        relations = self.project.relations.all()
        involved = sorted({r.source_id for r in relations} | {r.target_id for r in relations})
        self._saved = self.project.relations.positions()
        for index, code_id in enumerate(involved):
            box = CodeBox(self, code_id, codes[code_id].name, codes[code_id].colour)
            scene.addItem(box)
            x, y = self._saved.get(code_id) or _on_circle(index, len(involved))
            box.setPos(x, y)
            self.boxes[code_id] = box
        for relation in relations:
            kind = types[relation.type_id]
            path = QGraphicsPathItem()
            path.setPen(QPen(QColor(90, 90, 90), 1.6))
            path.setBrush(QBrush(QColor(90, 90, 90)))
            label = QGraphicsSimpleTextItem(kind.name)
            label.setBrush(QBrush(QColor(60, 60, 60)))
            scene.addItem(path)
            scene.addItem(label)
            self._links.append((relation.source_id, relation.target_id, kind.name, kind.directed, path, label))
        self.route()
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-40, -40, 40, 40))

    def route(self) -> None:
        """Redraw the arrows between the boxes where they stand now."""
        for source, target, _, directed, path, label in self._links:
            if source not in self.boxes or target not in self.boxes:
                continue
            start, end = (
                _edge_point(self.boxes[source], self.boxes[target]),
                _edge_point(self.boxes[target], self.boxes[source]),
            )
            shape = QPainterPath(start)
            shape.lineTo(end)
            if directed:
                shape.addPolygon(_arrow_head(start, end))
            path.setPath(shape)
            middle = (start + end) / 2
            label.setPos(middle.x() - label.boundingRect().width() / 2, middle.y() - label.boundingRect().height() - 2)

    def positions(self) -> dict[int, tuple[float, float]]:
        return {code_id: (box.pos().x(), box.pos().y()) for code_id, box in self.boxes.items()}

    def save_positions(self) -> None:
        moved = {code_id: xy for code_id, xy in self.positions().items() if self._saved.get(code_id) != xy}
        if moved:
            self.edits.place_boxes(moved)
            self._saved.update(moved)

    def export(self, path: Path) -> None:
        """Save the diagram as PNG (twice screen resolution) or SVG, by the file's extension."""
        scene = self.scene()
        area = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
        if path.suffix.lower() == ".svg":
            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(QSize(int(area.width()), int(area.height())))
            generator.setViewBox(QRectF(0, 0, area.width(), area.height()))
            generator.setTitle("Relations")
            painter = QPainter(generator)
        else:
            image = QImage(int(area.width() * 2), int(area.height() * 2), QImage.Format.Format_ARGB32)
            image.fill(QColor("white"))
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scene.render(painter, QRectF(), area)
        painter.end()
        if path.suffix.lower() != ".svg" and not image.save(str(path)):
            raise AxialError(f"{path.name}: the image could not be written")


def _on_circle(index: int, count: int) -> tuple[float, float]:
    angle = 2 * math.pi * index / max(count, 1)
    radius = 60 + 45 * count
    return radius * math.cos(angle), radius * math.sin(angle)


def _edge_point(box: CodeBox, towards: CodeBox) -> QPointF:
    """Where the line from the centre of `box` to `towards` leaves the box."""
    centre, other = box.centre(), towards.centre()
    rect = box.sceneBoundingRect()
    dx, dy = other.x() - centre.x(), other.y() - centre.y()
    if dx == 0 and dy == 0:
        return centre
    scale = min(
        (rect.width() / 2) / abs(dx) if dx else math.inf,
        (rect.height() / 2) / abs(dy) if dy else math.inf,
    )
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)


def _arrow_head(start: QPointF, end: QPointF) -> QPolygonF:
    line = QLineF(end, start)
    angle = math.radians(line.angle())
    left = end + QPointF(math.cos(angle + 0.45) * ARROW, -math.sin(angle + 0.45) * ARROW)
    right = end + QPointF(math.cos(angle - 0.45) * ARROW, -math.sin(angle - 0.45) * ARROW)
    return QPolygonF([end, left, right, end])


class NewTypeDialog(QDialog):
    """A relation type's name and whether it reads one way (A causes B) or both ways (A and B conflict)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("New relation type")
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. “enables”, “is a barrier to”")
        self.directed = QCheckBox("has a direction (A → B)")
        self.directed.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("", self.directed)
        form.addRow(buttons)


class RelationsDialog(QDialog):
    def __init__(self, project: Project, edits: Edits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Relations between codes")
        self.project = project
        self.edits = edits
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter relations")
        self.filter.textChanged.connect(lambda _: self.fill_table())
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(("From", "Relation", "To", "Memo"))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.source, self.kind, self.target = CodePicker(), QComboBox(), CodePicker()
        self.kind.currentIndexChanged.connect(lambda _: self._follow_type())
        self.memo = QLineEdit()
        add = QPushButton("Add relation")
        add.clicked.connect(self.add_relation)
        delete = QPushButton("Delete selected")
        delete.clicked.connect(self.delete_selected)
        new_kind = QPushButton("New relation type…")
        new_kind.clicked.connect(self._choose_new_type)
        # Shows the chosen type's direction, which the type fixes; a new type chooses its own.
        self.directed = QCheckBox("has a direction (A → B)")
        self.directed.setEnabled(False)
        self.directed.setToolTip(
            "Set by the relation type. “New relation type…” makes one with or without a direction."
        )
        form = QFormLayout()
        form.addRow("From", self.source)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind, 1)
        kind_row.addWidget(new_kind)
        form.addRow("Relation", kind_row)
        form.addRow("To", self.target)
        form.addRow("", self.directed)
        form.addRow("Memo", self.memo)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(delete)
        left_layout.addLayout(buttons)
        self.diagram = RelationsDiagram(project, edits)
        png, svg = QPushButton("Save as PNG…"), QPushButton("Save as SVG…")
        png.clicked.connect(lambda: self._choose_export("PNG image (*.png)", ".png"))
        svg.clicked.connect(lambda: self._choose_export("SVG drawing (*.svg)", ".svg"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(QLabel("Drag the boxes; they stay where you put them."))
        right_layout.addWidget(self.diagram, 1)
        exports = QHBoxLayout()
        exports.addStretch(1)
        exports.addWidget(png)
        exports.addWidget(svg)
        right_layout.addLayout(exports)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([420, 640])
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self.resize(1120, 660)
        self.refresh()

    def refresh(self) -> None:
        nodes = self.project.codes.tree()
        self.source.set_codes(nodes)
        self.target.set_codes(nodes)
        if self.source.code_id() == self.target.code_id() and len(nodes) > 1:
            self.target.setCurrentIndex((self.source.currentIndex() + 1) % len(nodes))  # a code relates to another
        current_kind = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        for kind in self.project.relations.types():
            self.kind.addItem(kind.name + ("" if kind.directed else " (both ways)"), kind.id)
        if current_kind is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(current_kind)))
        self.kind.blockSignals(False)
        self._follow_type()
        self.fill_table()
        self.diagram.rebuild()

    def on_changes(self, changes: Changes) -> None:
        if changes.topics & {Topic.RELATIONS, Topic.CODES}:
            self.refresh()

    def fill_table(self) -> None:
        names = {node.code.id: node.code.name for node in self.project.codes.tree()}
        kinds = {kind.id: kind.name for kind in self.project.relations.types()}
        wanted = self.filter.text().strip().lower()
        rows = [
            (r, (names.get(r.source_id, "?"), kinds.get(r.type_id, "?"), names.get(r.target_id, "?"), r.memo))
            for r in self.project.relations.all()
        ]
        rows = [(r, cells) for r, cells in rows if not wanted or wanted in " ".join(cells).lower()]
        self.table.setRowCount(len(rows))
        for row, (relation, cells) in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setData(Qt.ItemDataRole.UserRole, relation.id)
                self.table.setItem(row, column, item)

    def _follow_type(self) -> None:
        chosen = next((t for t in self.project.relations.types() if t.id == self.kind.currentData()), None)
        self.directed.setChecked(chosen is not None and chosen.directed)

    def add_relation(self) -> None:
        source, target = self.source.code_id(), self.target.code_id()
        if source is None or target is None:
            self.status.setText(f"Choose the “{'From' if source is None else 'To'}” code from the list.")
            return
        try:
            self.edits.relate(source, target, self.kind.currentData(), self.memo.text())
        except AxialError as error:
            self.status.setText(str(error))
            return
        self.memo.clear()
        self.status.setText("Added.")

    def _choose_new_type(self) -> None:
        dialog = NewTypeDialog(self)
        if dialog.exec() and dialog.name.text().strip():
            self.add_type(dialog.name.text(), directed=dialog.directed.isChecked())

    def add_type(self, name: str, *, directed: bool) -> None:
        try:
            kind = self.edits.add_relation_type(name, directed=directed)
        except AxialError as error:
            self.status.setText(str(error))
            return
        self.refresh()
        self.kind.setCurrentIndex(self.kind.findData(kind.id))

    def delete_selected(self) -> None:
        ids = {item.data(Qt.ItemDataRole.UserRole) for item in self.table.selectedItems()}
        for relation_id in ids:
            self.edits.unrelate(relation_id)

    def _choose_export(self, kind: str, suffix: str) -> None:
        name = file_dialogs.save_name(
            self, "Save the diagram", Purpose.EXPORTS, f"relations{suffix}", kind, self.project.path
        )
        if name:
            try:
                self.diagram.export(Path(name))
            except AxialError as error:
                self.status.setText(str(error))
