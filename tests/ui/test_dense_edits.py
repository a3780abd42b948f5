"""One edit on a document already holding 2,000 codings does the work of that edit only.

Work is counted, not timed: the lines the highlighter re-formats, the codings read back from the project, and
the rows the code tree and documents list announce as changed. None of it may grow with the document's codings.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPaintEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QHeaderView
from pytestqt.qtbot import QtBot

from app.model.core.dto import CodingInfo, NewCoding, NewDocument
from app.model.project import Project
from app.ui.codes.code_tree_model import OWN, TOTAL
from app.ui.coding import coding_margin
from app.ui.coding.coding_margin import LANE_WIDTH, MAX_LANES, PADDING
from app.ui.documents.documents_model import CODINGS as CODINGS_COLUMN
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace

LINES = 300
CODINGS = 2_000


class Watch:
    """What one edit made the open workspace do."""

    def __init__(self, workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
        self.workspace = workspace
        self.full_reads: list[int] = []
        self.read_ids: list[Collection[int]] = []
        self.tree_rows: list[int] = []
        self.document_rows: list[int] = []
        self.resets: list[str] = []
        codings = workspace.project.codings
        for_document, by_ids = codings.for_document, codings.by_ids

        def read_all(document_id: int, coders: frozenset[int] | None = None) -> list[CodingInfo]:
            self.full_reads.append(document_id)
            return for_document(document_id, coders)

        def read_some(coding_ids: Collection[int], coders: frozenset[int] | None = None) -> list[CodingInfo]:
            self.read_ids.append(set(coding_ids))
            return by_ids(coding_ids, coders)

        monkeypatch.setattr(codings, "for_document", read_all)
        monkeypatch.setattr(codings, "by_ids", read_some)
        self.counted: list[str] = []  # counts read from the project, which cost as much as the codings counted
        project = workspace.project
        for name, service, method in (
            ("documents", project.documents, "coding_counts"),
            ("codes", project.codes, "own_counts"),
        ):
            monkeypatch.setattr(service, method, self._spy(name, getattr(service, method)))
        tree, documents = workspace.code_tree, workspace.documents.model
        tree.dataChanged.connect(lambda first, last, *_: self._rows(self.tree_rows, first, last))
        documents.dataChanged.connect(lambda first, last, *_: self._rows(self.document_rows, first, last))
        for name, model in (("tree", tree), ("documents", documents)):
            model.modelReset.connect(lambda name=name: self.resets.append(f"{name} reset"))
            model.layoutChanged.connect(lambda *_, name=name: self.resets.append(f"{name} layout"))
        self.formatted = workspace.viewer.highlighter.formatted_blocks

    def _spy(self, name: str, counting: Callable[..., dict[int, int]]) -> Callable[..., dict[int, int]]:
        def spied(ids: Collection[int], coders: frozenset[int] | None = None) -> dict[int, int]:
            self.counted.append(name)
            return counting(ids, coders)

        return spied

    @staticmethod
    def _rows(into: list[int], first: QModelIndex, last: QModelIndex) -> None:
        into.extend(range(first.row(), last.row() + 1))

    def lines_formatted(self) -> int:
        return self.workspace.viewer.highlighter.formatted_blocks - self.formatted

    def clear(self) -> None:
        self.full_reads.clear()
        self.read_ids.clear()
        self.counted.clear()
        self.tree_rows.clear()
        self.document_rows.clear()
        self.formatted = self.workspace.viewer.highlighter.formatted_blocks


@pytest.fixture
def dense(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> tuple[Workspace, int]:
    """A window showing one 300-line document under 2,000 overlapping codings of 20 codes."""
    rng = random.Random(3)
    path = tmp_path / "dense.axial"
    lines = [
        " ".join(rng.choice(("staff", "caseload", "hours", "week", "café")) for _ in range(30)) for _ in range(LINES)
    ]
    text = "\n".join(lines)
    with Project.create(path, name="Dense", coder="Tester") as project:
        codes = [project.codes.create(f"Code {i}", allow_similar=True).id for i in range(20)]
        document = project.documents.add(NewDocument(name="Dense", text=text))
        spans: set[NewCoding] = set()
        while len(spans) < CODINGS:
            start = rng.randrange(len(text) - 400)
            spans.add(NewCoding(document.id, rng.choice(codes), start, start + rng.randint(20, 400)))
        project.codings.apply_many(list(spans))
    assert window.open_project(path)
    assert window.workspace is not None
    window.workspace.open_document(document.id)
    qtbot.wait(1)
    assert len(window.workspace.viewer.coding_layout.codings) == CODINGS
    return window.workspace, document.id


def _line_span(workspace: Workspace, line: int) -> tuple[int, int]:
    """A few words from the start of a line."""
    start, _ = workspace.viewer.coding_layout.block_span(line)
    return start, workspace.viewer.text.index(" ", start + 30)


def test_apply_undo_redo_touch_only_the_coded_line(
    dense: tuple[Workspace, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, document_id = dense
    watch = Watch(workspace, monkeypatch)
    code_id = next(n.code.id for n in workspace.project.codes.tree() if n.code.name == "Code 7")
    document_row = workspace.documents.model.row_of(document_id)
    start, end = _line_span(workspace, 150)
    workspace.viewer.select(start, end)
    watch.clear()

    coding = workspace.coding.apply(code_id)

    assert coding is not None
    assert (coding.start, coding.end) == (start, end)
    assert watch.lines_formatted() == 1  # line 150 alone, of 300 lines under 2,000 codings
    assert watch.full_reads == []
    assert watch.read_ids == [{coding.id}]
    assert watch.tree_rows == [workspace.code_tree.index_of(code_id).row()]
    assert watch.document_rows == [document_row]
    assert watch.counted == []  # the counts moved by one, as the change said
    assert coding.id in workspace.viewer.coding_layout.codings

    for step, present in ((workspace.project.history.undo, False), (workspace.project.history.redo, True)):
        watch.clear()
        step()
        assert watch.lines_formatted() == 1
        assert watch.full_reads == []
        assert watch.read_ids == [{coding.id}]
        assert watch.tree_rows == [workspace.code_tree.index_of(code_id).row()]
        assert watch.document_rows == [document_row]
        assert (coding.id in workspace.viewer.coding_layout.codings) is present
        assert watch.counted == []
    assert watch.resets == []


def _edited(workspace: Workspace, watch: Watch, edit: Callable[[], Any]) -> tuple[int, list[Collection[int]]]:
    watch.clear()
    edit()
    return watch.lines_formatted(), list(watch.read_ids)


def test_change_code_extend_and_remove_touch_only_their_lines(
    dense: tuple[Workspace, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, _ = dense
    edits, viewer = workspace.edits, workspace.viewer
    codes = {n.code.name: n.code.id for n in workspace.project.codes.tree()}
    start, end = _line_span(workspace, 40)
    viewer.select(start, end)
    coding = workspace.coding.apply(codes["Code 3"])
    assert coding is not None
    watch = Watch(workspace, monkeypatch)

    assert _edited(workspace, watch, lambda: edits.set_code(coding.id, codes["Code 4"])) == (1, [{coding.id}])
    assert viewer.coding_layout.codings[coding.id].code_id == codes["Code 4"]
    assert sorted(watch.tree_rows) == sorted(
        workspace.code_tree.index_of(codes[name]).row() for name in ("Code 3", "Code 4")
    )

    next_line_end = viewer.coding_layout.block_span(41)[0] + 10
    assert _edited(workspace, watch, lambda: edits.set_bounds(coding.id, start, next_line_end)) == (2, [{coding.id}])
    assert set(viewer.coding_layout.blocks_of(viewer.coding_layout.codings[coding.id])) == {40, 41}

    assert _edited(workspace, watch, lambda: edits.remove_coding(coding.id)) == (2, [{coding.id}])
    assert coding.id not in viewer.coding_layout.codings
    assert watch.full_reads == []
    assert watch.resets == []
    assert watch.counted == []
    shown = {n.code.id: (n.own_count, n.total_count) for n in workspace.code_tree.nodes()}
    assert shown == {n.code.id: (n.own_count, n.total_count) for n in workspace.project.codes.tree()}


def test_the_layout_after_edits_is_the_layout_read_afresh(
    dense: tuple[Workspace, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edits change the layout in place; what it shows must equal a layout built from the project."""
    workspace, document_id = dense
    viewer, edits = workspace.viewer, workspace.edits
    code_id = next(n.code.id for n in workspace.project.codes.tree() if n.code.name == "Code 1")
    made = []
    for line in (3, 90, 91, 200):
        viewer.select(*_line_span(workspace, line))
        coding = workspace.coding.apply(code_id)
        assert coding is not None
        made.append(coding)
    edits.remove_coding(made[1].id)
    edits.history.undo()
    edits.set_bounds(made[2].id, made[2].start, made[2].end + 60)
    edits.history.undo()
    edits.history.undo()  # the last apply
    assert set(viewer.coding_layout.codings) >= {made[0].id, made[1].id, made[2].id}
    assert made[3].id not in viewer.coding_layout.codings
    edited = viewer.coding_layout
    viewer.show_document(document_id)
    fresh = viewer.coding_layout
    assert edited.codings == fresh.codings
    for line in range(LINES):
        assert edited.segments(line) == fresh.segments(line)


def test_margin_stripes_start_and_end_on_their_codings_lines(qtbot: QtBot, dense: tuple[Workspace, int]) -> None:
    """Each line is measured once per paint; every stripe still spans its coding's first to last line."""
    workspace, _ = dense
    viewer = workspace.viewer
    with qtbot.waitExposed(viewer.window()):
        viewer.window().show()
    viewer.select(*_line_span(workspace, 120))
    margin = viewer.margin
    margin.repaint()
    offset = viewer.view.viewport().mapTo(viewer, QPoint(0, 0)).y() - margin.mapTo(viewer, QPoint(0, 0)).y()

    def line(position: int) -> QRect:
        cursor = QTextCursor(viewer.view.document())
        cursor.setPosition(viewer.positions.to_utf16(position))
        return viewer.view.cursorRect(cursor).translated(0, offset)

    checked = 0
    for coding in margin.visible_codings(MAX_LANES):
        top = max(line(coding.start).top(), 0)
        bottom = min(line(coding.end - 1).bottom(), margin.height())
        if bottom <= top:
            continue  # on a line of a visible paragraph, but scrolled out of view
        x = PADDING + viewer.coding_layout.lanes[coding.id] * LANE_WIDTH
        assert margin.coding_at(QPoint(x, top)) == coding
        assert margin.coding_at(QPoint(x, bottom - 1)) == coding
        checked += 1
    assert checked > 10


@pytest.mark.parametrize("count", [3, 300])
def test_a_change_that_does_not_name_its_codings_still_shows_them_all(
    dense: tuple[Workspace, int], monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    """Autocoding adds many codings in one change without naming them: the viewer re-reads the document's codings,
    changing its layout in place for a few and building it afresh for many, and formats only the lines touched."""
    workspace, document_id = dense
    viewer = workspace.viewer
    code_id = next(n.code.id for n in workspace.project.codes.tree() if n.code.name == "Code 2")
    spans = []
    for i in range(count):  # three lines, or each line once and some twice
        start, _ = viewer.coding_layout.block_span(i % LINES)
        spans.append(NewCoding(document_id, code_id, start, viewer.text.index(" ", start + 20 + 10 * (i // LINES))))
    lines = {i % LINES for i in range(count)}
    watch = Watch(workspace, monkeypatch)

    workspace.project.codings.apply_many(spans)

    assert watch.full_reads == [document_id]
    assert watch.lines_formatted() == len(lines)
    edited = viewer.coding_layout
    viewer.show_document(document_id)
    assert edited.codings == viewer.coding_layout.codings
    for line in range(LINES):
        assert edited.segments(line) == viewer.coding_layout.segments(line)


def test_choosing_another_coding_unmarks_the_one_chosen_before(dense: tuple[Workspace, int]) -> None:
    workspace, _ = dense
    viewer = workspace.viewer
    first, second = (viewer.coding_layout.in_block(line)[0] for line in (20, 200))

    def bold(coding: CodingInfo) -> bool:
        block = viewer.view.document().findBlockByNumber(viewer.coding_layout.block_of(coding.start))
        inside = viewer.positions.to_utf16(coding.start) - block.position()
        return any(
            r.start <= inside < r.start + r.length and r.format.fontWeight() == QFont.Weight.DemiBold
            for r in block.layout().formats()
        )

    viewer.select_coding(first)
    assert bold(first)
    viewer.select_coding(second)
    assert bold(second)
    assert not bold(first)


def test_count_columns_are_not_sized_to_their_contents(dense: tuple[Workspace, int]) -> None:
    """Sizing to contents measured a sample of rows after every coding; the counts are sized once instead."""
    workspace, _ = dense
    tree_header = workspace.codes.tree.header()
    documents_header = workspace.documents.table.horizontalHeader()
    interactive = QHeaderView.ResizeMode.Interactive
    assert [tree_header.sectionResizeMode(column) for column in (TOTAL, OWN)] == [interactive, interactive]
    assert documents_header.sectionResizeMode(CODINGS_COLUMN) == interactive
    assert tree_header.sectionSize(TOTAL) >= tree_header.fontMetrics().horizontalAdvance("000000")


def test_the_margin_elides_each_code_name_once_not_on_every_paint(
    qtbot: QtBot, dense: tuple[Workspace, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, _ = dense
    viewer = workspace.viewer
    with qtbot.waitExposed(viewer.window()):
        viewer.window().show()
    elided: list[str] = []

    class Metrics(QFontMetrics):
        def elidedText(self, text: str, mode: Qt.TextElideMode, width: int, flags: int = 0) -> str:  # noqa: N802
            elided.append(text)
            return super().elidedText(text, mode, width, flags)

    monkeypatch.setattr(coding_margin, "QFontMetrics", Metrics)
    viewer.select(*_line_span(workspace, 120))
    viewer.margin.repaint()
    shown = set(elided)
    assert shown
    assert len(elided) == len(shown)
    elided.clear()
    viewer.margin.repaint()
    assert elided == []  # the same labels again: nothing measured
    viewer.select(*_line_span(workspace, 121))
    viewer.margin.repaint()
    assert shown.isdisjoint(elided)  # names shown before are not measured again


def test_an_edited_line_looks_on_screen_as_when_the_whole_view_is_painted(
    qtbot: QtBot, dense: tuple[Workspace, int]
) -> None:
    """An edit repaints its own lines only: what the screen then shows must equal a repaint of everything."""
    workspace, _ = dense
    viewer = workspace.viewer
    window = viewer.window()
    with qtbot.waitExposed(window):
        window.show()
    viewport = viewer.view.viewport()
    repainted: list[QRect] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if isinstance(event, QPaintEvent):
                repainted.append(event.rect())
            return False

    def on_screen() -> QImage:
        corner = viewport.mapTo(window, QPoint(0, 0))
        grab = window.screen().grabWindow(window.winId(), corner.x(), corner.y(), viewport.width(), viewport.height())
        return grab.toImage()

    code_id = next(n.code.id for n in workspace.project.codes.tree() if n.code.name == "Code 5")
    viewer.select(*_line_span(workspace, 150))
    QApplication.processEvents()
    before = on_screen()
    paints = Paints()
    viewport.installEventFilter(paints)
    coding = workspace.coding.apply(code_id)
    QApplication.processEvents()
    assert coding is not None
    edited = on_screen()
    line = viewer.view.blockBoundingGeometry(viewer.view.document().findBlockByNumber(150))
    assert repainted
    assert all(r.height() <= line.height() + 1 for r in repainted)  # the coded line, not the whole view
    viewport.repaint()
    assert edited != before
    assert edited == on_screen()


class _MarginPaints(QObject):
    """The parts of the margin each paint was asked to draw."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRect] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if isinstance(event, QPaintEvent):
            self.rects.extend(event.region())
        return False


def _margin_on_screen(workspace: Workspace) -> QImage:
    margin = workspace.viewer.margin
    window = margin.window()
    corner = margin.mapTo(window, QPoint(0, 0))
    return window.screen().grabWindow(window.winId(), corner.x(), corner.y(), margin.width(), margin.height()).toImage()


def test_removing_a_drawn_coding_repaints_its_lane_and_the_labels_below_it_only(
    qtbot: QtBot, dense: tuple[Workspace, int]
) -> None:
    workspace, _ = dense
    viewer, margin = workspace.viewer, workspace.viewer.margin
    with qtbot.waitExposed(viewer.window()):
        viewer.window().show()
    viewer.select(*_line_span(workspace, 150))
    QApplication.processEvents()
    layout = viewer.coding_layout
    coding = next(c for c in layout.in_block(150) if 0 < layout.lanes[c.id] < MAX_LANES)
    lane = layout.lanes[coding.id]
    stripe = QRect(PADDING + lane * LANE_WIDTH - 2, 0, LANE_WIDTH + 2, margin.height())
    labels_x = PADDING + min(layout.lane_count, MAX_LANES) * LANE_WIDTH + 4
    paints = _MarginPaints()
    margin.installEventFilter(paints)

    workspace.edits.remove_coding(coding.id)
    QApplication.processEvents()

    assert paints.rects
    assert all(stripe.contains(r) or r.left() >= labels_x for r in paints.rects)  # no other lane redrawn
    assert sum(r.width() * r.height() for r in paints.rects) < margin.width() * margin.height() * 0.7
    edited = _margin_on_screen(workspace)
    margin.repaint()
    assert edited == _margin_on_screen(workspace)  # the part repainted joins the rest as a full repaint draws it
    assert margin.coding_at(QPoint(stripe.center().x(), stripe.center().y())) != coding


def test_a_coding_in_a_lane_past_the_last_drawn_does_not_repaint_the_margin(
    qtbot: QtBot, dense: tuple[Workspace, int]
) -> None:
    """On a densely coded line a new coding takes a lane the margin does not draw: applying, undoing and redoing
    it leaves the margin as it is."""
    workspace, _ = dense
    viewer, margin = workspace.viewer, workspace.viewer.margin
    with qtbot.waitExposed(viewer.window()):
        viewer.window().show()
    viewer.select(*_line_span(workspace, 150))
    QApplication.processEvents()
    code_id = next(n.code.id for n in workspace.project.codes.tree() if n.code.name == "Code 9")
    before = _margin_on_screen(workspace)
    paints = _MarginPaints()
    margin.installEventFilter(paints)

    coding = workspace.coding.apply(code_id)
    QApplication.processEvents()
    assert coding is not None
    assert viewer.coding_layout.lanes[coding.id] >= MAX_LANES
    for step in (workspace.project.history.undo, workspace.project.history.redo):
        step()
        QApplication.processEvents()

    assert coding.id in viewer.coding_layout.codings
    assert paints.rects == []
    margin.repaint()
    assert _margin_on_screen(workspace) == before
