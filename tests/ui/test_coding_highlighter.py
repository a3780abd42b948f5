"""A line is formatted in whole ranges: codings in their colours, speaker labels bold and timestamps grey over them,
the same whether the line is formatted as the document opens or again after an edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QTextCharFormat, QTextLayout
from pytestqt.qtbot import QtBot

from app.model.core.dto import NewCoding, NewDocument, Span
from app.model.documents.readers.speaker_detection import detect_turns
from app.model.project import Project
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace

LINES = [
    "Interviewer: How was the week on the ward? [00:01:02]",
    "P1: Busy. The caseload grew and nobody said so.",
    "Interviewer: And the hours? [00:02:10]",
    "P1: Longer every week, mostly unpaid.",
]
TEXT = "\n\n".join(LINES)


def _paragraphs() -> tuple[Span, ...]:
    spans, start = [], 0
    for line in LINES:
        spans.append(Span(start, start + len(line)))
        start += len(line) + 2
    return tuple(spans)


@pytest.fixture
def workspace(window: MainWindow, tmp_path: Path) -> Workspace:
    path = tmp_path / "study.axial"
    with Project.create(path, name="Study", coder="Ana") as project:
        code = project.codes.create("Workload").id
        document = project.documents.add(
            NewDocument(name="A", text=TEXT, turns=detect_turns(TEXT, _paragraphs()), paragraphs=_paragraphs())
        )
        # Taken in over the label, as another tool's import may do.
        second = TEXT.index("P1: Busy")
        project.codings.apply_many([NewCoding(document.id, code, second, second + len("P1: Busy"))])
    assert window.open_project(path)
    assert window.workspace is not None
    return window.workspace


def _ranges(workspace: Workspace, line: int) -> list[tuple[int, int, QTextLayout.FormatRange]]:
    block = workspace.viewer.view.document().findBlockByNumber(line)
    return [(r.start, r.start + r.length, r) for r in block.layout().formats()]


def _covering(workspace: Workspace, line: int, start: int, end: int) -> list[QTextLayout.FormatRange]:
    return [r for s, e, r in _ranges(workspace, line) if s < end and e > start]


def test_labels_are_bold_and_timestamps_grey_in_whole_ranges(workspace: Workspace) -> None:
    label = _covering(workspace, 0, 0, len("Interviewer: "))
    assert len(label) == 1
    assert (label[0].start, label[0].length) == (0, len("Interviewer: "))
    assert label[0].format.fontWeight() == QFont.Weight.Bold
    clock_start = LINES[0].index("[")
    clock = _covering(workspace, 0, clock_start, clock_start + len("[00:01:02]"))
    assert [(r.start, r.length) for r in clock] == [(clock_start, len("[00:01:02]"))]
    assert clock[0].format.fontItalic()
    assert clock[0].format.fontWeight() != QFont.Weight.Bold
    # Over a coding, the label is bold on the code's colour; the coded words after it are not bold.
    line = TEXT.count("\n", 0, TEXT.index("P1: Busy"))
    coded_label, coded_words = _covering(workspace, line, 0, len("P1: ")), _covering(workspace, line, 4, 8)
    assert [(r.start, r.length) for r in coded_label] == [(0, 4)]
    assert coded_label[0].format.fontWeight() == QFont.Weight.Bold
    assert coded_words[0].format.fontWeight() != QFont.Weight.Bold
    assert coded_label[0].format.background() == coded_words[0].format.background()
    assert coded_words[0].format.background().color().isValid()


def test_a_label_is_formatted_with_one_call_not_one_per_character(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    highlighter = workspace.viewer.highlighter
    calls: list[tuple[int, int]] = []
    set_format = highlighter.setFormat

    def counted(start: int, length: int, fmt: object) -> None:
        calls.append((start, length))
        set_format(start, length, fmt)  # type: ignore[call-overload]

    monkeypatch.setattr(highlighter, "setFormat", counted)
    highlighter.rehighlight()
    # Each line: its label, perhaps its timestamp, and the coded pieces; never a call per character.
    assert 0 < len(calls) <= 2 * len(LINES) + 2
    assert (0, len("Interviewer: ")) in calls


def test_a_line_formatted_again_after_an_edit_looks_as_when_the_document_opened(
    qtbot: QtBot, workspace: Workspace
) -> None:
    viewer = workspace.viewer
    code_id = next(n.code.id for n in workspace.project.codes.tree() if n.code.name == "Workload")
    start = TEXT.index("How")
    viewer.select(start, TEXT.index("?"))
    coding = workspace.coding.apply(code_id)
    assert coding is not None
    viewer.select_coding(coding)  # re-formats its line once more, chosen

    def looks(line: int) -> list[tuple[int, int, QTextCharFormat]]:
        return [(s, e, QTextCharFormat(r.format)) for s, e, r in _ranges(workspace, line)]

    edited = [looks(line) for line in range(len(LINES) * 2 - 1)]
    viewer.highlighter.rehighlight()
    assert edited == [looks(line) for line in range(len(LINES) * 2 - 1)]
    assert any(f.fontWeight() == QFont.Weight.DemiBold for _, _, f in edited[0])
