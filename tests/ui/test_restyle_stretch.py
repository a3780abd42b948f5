"""An edit works out afresh only the stretch of a line its coding covers; the rest keeps the runs it was last
formatted with. Whatever the edits, every line must then look as when the document is opened afresh."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCharFormat, QTextLayout
from pytestqt.qtbot import QtBot

from app.model.core.dto import NewCoding, NewDocument, Span
from app.model.documents.readers.speaker_detection import detect_turns
from app.model.project import Project
from app.ui.coding import coding_highlighter
from app.ui.coding.coding_layout import CodingLayout
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace

LINES = 40
WORDS = ("staff", "caseload", "hours", "[00:01:02]", "week", "café", "rota")


@pytest.fixture
def dense(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> tuple[Workspace, int]:
    """40 turns, each opening with its speaker's label and holding timestamps, under 600 overlapping codings."""
    rng = random.Random(11)
    lines = [
        ("Interviewer: " if i % 2 == 0 else "P1: ") + " ".join(rng.choice(WORDS) for _ in range(40))
        for i in range(LINES)
    ]
    text = "\n".join(lines)
    paragraphs, start = [], 0
    for line in lines:
        paragraphs.append(Span(start, start + len(line)))
        start += len(line) + 1
    path = tmp_path / "dense.axial"
    with Project.create(path, name="Dense", coder="Tester") as project:
        codes = [project.codes.create(f"Code {i}", allow_similar=True).id for i in range(8)]
        turns = detect_turns(text, tuple(paragraphs))
        document = project.documents.add(
            NewDocument(name="Dense", text=text, turns=turns, paragraphs=tuple(paragraphs))
        )
        spans: set[NewCoding] = set()
        while len(spans) < 600:
            first = rng.randrange(len(text) - 300)
            spans.add(NewCoding(document.id, rng.choice(codes), first, first + rng.randint(5, 300)))
        project.codings.apply_many(list(spans))
    assert window.open_project(path)
    assert window.workspace is not None
    window.workspace.open_document(document.id)
    return window.workspace, document.id


def _looks(workspace: Workspace) -> list[list[QTextCharFormat | None]]:
    """Each line's format, character by character, as laid out on screen."""
    document = workspace.viewer.view.document()
    looks = []
    for number in range(document.blockCount()):
        block = document.findBlockByNumber(number)
        chars: list[QTextCharFormat | None] = [None] * block.length()
        for piece in block.layout().formats():
            chars[piece.start : piece.start + piece.length] = [QTextCharFormat(piece.format)] * piece.length
        looks.append(chars)
    return looks


def test_edits_leave_every_line_as_a_fresh_open_shows_it(dense: tuple[Workspace, int]) -> None:
    workspace, document_id = dense
    viewer, edits = workspace.viewer, workspace.edits
    rng = random.Random(4)
    codes = [n.code.id for n in workspace.project.codes.tree()]
    made = []
    for _ in range(25):
        start = rng.randrange(len(viewer.text) - 200)
        viewer.select(start, start + rng.randint(3, 200))
        coding = workspace.coding.apply(rng.choice(codes))
        if coding is not None:
            made.append(coding)
    assert len(made) > 15
    for coding in made[:5]:
        edits.remove_coding(coding.id)
    edits.history.undo()
    for coding in made[5:10]:
        edits.set_bounds(coding.id, max(coding.start - 40, 0), coding.end + 70)  # over a label, into the next line
    for coding in made[10:14]:
        edits.set_code(coding.id, rng.choice(codes))
    for _ in range(6):
        edits.history.undo()
    edits.history.redo()
    edited = _looks(workspace)

    viewer.show_document(document_id)

    assert edited == _looks(workspace)


def test_undo_and_redo_work_out_only_the_stretch_they_change(
    dense: tuple[Workspace, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, _ = dense
    viewer = workspace.viewer
    swept: list[tuple[int, tuple[int, int] | None, int]] = []
    pieces = CodingLayout.pieces

    def counted(
        layout: CodingLayout, block: int, within: tuple[int, int] | None = None
    ) -> list[tuple[int, int, int, int, int]]:
        found = pieces(layout, block, within)
        swept.append((block, within, len(found)))
        return found

    whole = len(viewer.coding_layout.pieces(20))
    monkeypatch.setattr(CodingLayout, "pieces", counted)
    start = viewer.coding_layout.block_span(20)[0] + 30
    viewer.select(start, start + 12)
    code_id = next(n.code.id for n in workspace.project.codes.tree())

    coding = workspace.coding.apply(code_id)
    workspace.project.history.undo()
    workspace.project.history.redo()

    assert coding is not None
    stretch = (coding.start, coding.end)
    # The apply sweeps the whole line (it was not restyled since the document opened); undo and redo its stretch.
    assert [(block, within) for block, within, _ in swept] == [(20, None), (20, stretch), (20, stretch)]
    assert swept[0][2] >= whole
    assert all(count < whole / 3 for _, _, count in swept[1:])  # a few pieces of a line cut into many


def test_an_undo_makes_ranges_only_for_the_stretch_it_changed(
    dense: tuple[Workspace, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line's other ranges, as last set on its layout, are set again as they are."""
    workspace, _ = dense
    viewer = workspace.viewer
    start = viewer.coding_layout.block_span(20)[0] + 30
    viewer.select(start, start + 12)
    coding = workspace.coding.apply(next(n.code.id for n in workspace.project.codes.tree()))
    assert coding is not None
    made: list[QTextLayout.FormatRange] = []

    class Counted(QTextLayout):
        @staticmethod
        def FormatRange() -> QTextLayout.FormatRange:  # noqa: N802
            made.append(QTextLayout.FormatRange())
            return made[-1]

    monkeypatch.setattr(coding_highlighter, "QTextLayout", Counted)

    workspace.project.history.undo()

    block = viewer.view.document().findBlockByNumber(20)
    assert coding.id not in viewer.coding_layout.codings
    assert 0 < len(made) < len(block.layout().formats()) / 3
