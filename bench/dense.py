"""The dense-document series: one 20,000-word transcript carrying 0 / 1,000 / 5,000 / 20,000 codings.

Each action is timed to painted (events processed, the text and margin repainted), in process CPU time beside
wall time, over fresh spans every repetition. Every timed action checks that it did its work (the coding is in the
project and on screen after apply and redo, gone after undo, the counts moved) and stops the run otherwise, so a
refusal can never be measured as a fast success. Peak memory is measured in a child process (VmHWM, see
`memory_probe`), as this process has already held the larger documents.

`python -m bench.dense` runs this suite alone; `python -m bench --suite dense` prints it in the common table.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from app.model.core.dto import CodingInfo, NewCoding, NewDocument, NewTurn, Span
from app.model.core.errors import NotFoundError
from app.model.documents.readers.speaker_detection import detect_turns
from app.model.documents.speaker_labels import outside_labels
from app.model.project import Project
from app.ui.core.settings import Settings
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace

from .generate import interview_text, word_starts
from .measure import BenchError, Figure, Timings
from .qt_app import application

LEVELS = (0, 1_000, 5_000, 20_000)
WORDS = 20_000
CODES = 60
SHORTEST, LONGEST = 5, 80  # words per coding
EDITS = 40  # apply/undo/redo repetitions per level: medians of fewer swung by a fifth from run to run
OPENS = 5
ACTIONS = ("open", "apply", "undo", "redo", "re-highlight")
MEMORY_LIMIT_MB = 250


def check(condition: bool, what: str) -> bool:
    """A timed action's proof of work: false stops the run (`BenchError`) rather than report a figure."""
    if not condition:
        raise BenchError(what)
    return True


def build(path: Path, codings: int, seed: int = 5) -> int:
    """A fresh project holding the one transcript and `codings` heavily overlapping codings; returns its id."""
    rng = random.Random(seed)
    path.unlink(missing_ok=True)
    with Project.create(path, name="Dense document", coder="Bench") as project:
        codes = [project.codes.create(f"Code {i + 1}", allow_similar=True).id for i in range(CODES)]
        text, turns, paragraphs = transcript()
        document = project.documents.add(NewDocument(name="Dense", text=text, turns=turns, paragraphs=paragraphs))
        starts = word_starts(text)
        spans: set[NewCoding] = set()
        while len(spans) < codings:
            first = rng.randrange(len(starts) - LONGEST - 1)
            last = first + rng.randint(SHORTEST, LONGEST)
            spans.add(NewCoding(document.id, rng.choice(codes), starts[first], starts[last] - 1))
        if spans:
            project.codings.apply_many(list(spans))
        check(project.documents.coding_counts([document.id])[document.id] == codings, "codings generated")
        return document.id


def transcript() -> tuple[str, tuple[NewTurn, ...], tuple[Span, ...]]:
    """The generated interview with its turns found as an import finds them: each paragraph opens with its speaker's
    label ('Interviewer: ', 'P1: '), which the viewer draws in bold and keeps out of codings."""
    text, _, paragraphs = interview_text(random.Random(1), WORDS)
    turns = detect_turns(text, paragraphs)
    check(len(turns) == len(paragraphs), "every paragraph is a turn")
    labelled = all(turn.speaker and turn.start > span.start for turn, span in zip(turns, paragraphs, strict=True))
    check(labelled, "every turn opens with its speaker's label")
    return text, turns, paragraphs


def open_window(path: Path, *, before_opening: Callable[[], None] = lambda: None) -> tuple[MainWindow, Workspace]:
    settings = Settings(QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings)
    window.resize(1400, 900)
    window.show()
    before_opening()
    window.open_project(path)  # shows the project's first (here its only) document
    check(window.workspace is not None, f"{path.name} opened")
    assert window.workspace is not None
    return window, window.workspace


class _Paints(QObject):
    """Counts the paints of the text's viewport."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.count = 0
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _painted(app: QApplication, workspace: Workspace) -> None:
    """Events handled, so what the action changed is painted as in the running app; the text's viewport is
    forced to paint once if the event loop did not paint it, so each action ends with the text on screen."""
    viewport = workspace.viewer.view.viewport()
    paints = viewport.findChild(_Paints) or _Paints(viewport)
    before = paints.count
    app.processEvents()
    if paints.count == before:
        viewport.repaint()
        app.processEvents()


class Series:
    """The timed actions on one open dense document, each checked after it is timed."""

    def __init__(self, app: QApplication, window: MainWindow, document_id: int, seed: int) -> None:
        assert window.workspace is not None
        workspace = window.workspace
        self.app, self.workspace, self.document_id = app, workspace, document_id
        self.undo_actions = window.undo  # the Edit menu's Undo and Redo, as Ctrl+Z and Ctrl+Y trigger them
        self.rng = random.Random(seed)
        self.project = workspace.project
        self.codes = [n.code.id for n in self.project.codes.tree() if n.code.is_codable]
        self.starts = word_starts(workspace.viewer.text or self.project.documents.text(document_id))
        check(len(workspace.viewer.labels) == len(self.project.documents.turns(document_id)), "speaker labels shown")
        self.timings = {action: Timings(action) for action in ACTIONS}

    def _painted(self) -> None:
        _painted(self.app, self.workspace)

    def _counts(self, code_id: int) -> tuple[int, int]:
        """The document's count in the documents list and the code's count in the code tree, as shown."""
        documents = self.workspace.documents.model
        row = documents.row_of(self.document_id)
        check(row is not None, "the document is listed")
        assert row is not None
        node = next(n for n in self.workspace.code_tree.nodes() if n.code.id == code_id)
        return documents.document(row).coding_count, node.total_count

    def _shown(self, coding_id: int) -> bool:
        """The coding is in the project and laid out on screen."""
        try:
            self.project.codings.get(coding_id)
        except NotFoundError:
            return False
        return coding_id in self.workspace.viewer.coding_layout.codings

    def open(self) -> None:
        viewer = self.workspace.viewer
        viewer.show_document(None)
        self._painted()
        expected = self.project.documents.coding_counts([self.document_id])[self.document_id]

        def show() -> int:
            viewer.show_document(self.document_id)
            self._painted()
            return len(viewer.coding_layout.codings)

        self.timings["open"].measure(show, lambda laid_out: check(laid_out == expected, "every coding laid out"))

    def edit(self) -> None:
        """Apply a coding on a fresh span through the coding controller (as Ctrl+Return), then undo and redo it."""
        viewer = self.workspace.viewer
        first = self.rng.randrange(len(self.starts) - LONGEST - 1)
        start, end = self.starts[first], self.starts[first + self.rng.randint(SHORTEST, LONGEST)]
        # The words spoken, as the viewer makes of a selection: speaker labels and white space left out.
        span = outside_labels(viewer.text, viewer.labels, start, end)
        check(span is not None, "the span holds words")
        assert span is not None
        start, end = span.start, span.end
        code_id = self.rng.choice(self.codes)
        viewer.select(start, end)
        self._painted()
        before = self._counts(code_id)
        after = (before[0] + 1, before[1] + 1)

        def apply() -> CodingInfo | None:
            coding = self.workspace.coding.apply(code_id)
            self._painted()
            return coding

        def applied(coding: CodingInfo | None) -> bool:
            check(coding is not None, f"apply [{start}, {end}) with code {code_id} was refused")
            assert coding is not None
            check((coding.start, coding.end) == (start, end), "the selected span was coded")
            check(self._shown(coding.id), "the applied coding is stored and shown")
            return check(self._counts(code_id) == after, "the counts rose after apply")

        coding = self.timings["apply"].measure(apply, applied)
        assert coding is not None

        def step(move: str) -> None:
            getattr(self.undo_actions, move)()
            self._painted()

        self.timings["undo"].measure(
            lambda: step("undo"),
            lambda _: (
                check(not self._shown(coding.id), "undo removed the coding")
                and check(self._counts(code_id) == before, "the counts fell after undo")
            ),
        )
        self.timings["redo"].measure(
            lambda: step("redo"),
            lambda _: (
                check(self._shown(coding.id), "redo put the coding back")
                and check(self._counts(code_id) == after, "the counts rose after redo")
            ),
        )

    def rehighlight(self) -> None:
        viewer = self.workspace.viewer
        formatted = viewer.highlighter.formatted_blocks

        def again() -> None:
            viewer.highlighter.rehighlight()
            self._painted()

        def did() -> bool:
            for coding in list(viewer.coding_layout.codings.values())[:1]:
                block = viewer.view.document().findBlockByNumber(viewer.coding_layout.block_of(coding.start))
                check(bool(block.layout().formats()), "re-highlight formatted the coded lines")
            lines = viewer.view.document().blockCount()
            return check(viewer.highlighter.formatted_blocks - formatted >= lines, "re-highlight formatted every line")

        self.timings["re-highlight"].measure(again, lambda _: did())


def measure_level(app: QApplication, folder: Path, codings: int) -> dict[str, Timings]:
    path = folder / f"dense-{codings}.axial"
    document_id = build(path, codings)
    window, _ = open_window(path)
    try:
        series = Series(app, window, document_id, seed=codings + 3)
        series.open()  # the first open warms Qt's font caches; measured afresh below
        series.timings = {action: Timings(action) for action in ACTIONS}
        for _ in range(OPENS):
            series.open()
        for _ in range(EDITS):
            series.edit()
        for _ in range(OPENS):
            series.rehighlight()
        return series.timings
    finally:
        window.close_project()
        window.close()


def memory_probe(path: Path, document_id: int) -> dict[str, float]:
    """In this fresh process: resident memory with the window up, and its peak while the window opened the project
    and painted the dense document, in MB (Linux's VmRSS and VmHWM; the peak is reset just before opening, as
    ru_maxrss would carry the parent's peak across exec). The rise is an upper bound for the document alone."""
    app = application()
    before: list[float] = []

    def reset_peak() -> None:
        Path("/proc/self/clear_refs").write_text("5")
        before.append(_status_mb("VmRSS"))

    window, workspace = open_window(path, before_opening=reset_peak)
    _painted(app, workspace)
    after = _status_mb("VmHWM")
    check(workspace.viewer.document_id == document_id, "the dense document is shown")
    check(len(workspace.viewer.coding_layout.codings) == LEVELS[-1], "all its codings are laid out")
    window.close_project()
    window.close()
    return {"before_mb": before[0], "after_mb": after}


def _status_mb(field: str) -> float:
    line = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith(field + ":"))
    return int(line.split()[1]) / 1024


def _memory(folder: Path) -> dict[str, float]:
    path = folder / "dense-memory.axial"
    document_id = build(path, LEVELS[-1])
    probe = subprocess.run(
        [sys.executable, "-m", "bench.dense", "--memory-probe", str(path), str(document_id)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    result: dict[str, float] = json.loads(probe.stdout.strip().splitlines()[-1])
    return result


def _name(action: str, codings: int) -> str:
    return f"dense {action} to painted @ {codings:,} codings"


def figures_of(series: dict[int, dict[str, Timings]], memory: dict[str, float]) -> list[Figure]:
    workload = f"1 document x {WORDS:,} words, {SHORTEST}-{LONGEST}-word overlapping codings, fresh spans"
    figures = [
        timings.figure(_name(action, codings), workload, _target(action, codings))
        for codings, by_action in series.items()
        for action, timings in by_action.items()
    ]
    first, last = series[LEVELS[0]], series[LEVELS[-1]]
    for action in ("apply", "undo", "redo"):
        ratio = _cpu_median(last[action]) / _cpu_median(first[action])
        name = f"dense {action} CPU median, {LEVELS[-1]:,} / 0 codings"
        figures.append(Figure(name, ratio, "x", "< 1.3", workload + "; flatness"))
    figures.append(
        Figure(
            f"dense project + document open @ {LEVELS[-1]:,} codings: peak RSS rise (VmHWM)",
            memory["after_mb"] - memory["before_mb"],
            "MB",
            f"< {MEMORY_LIMIT_MB}",
            f"fresh process; its whole peak {memory['after_mb']:.0f} MB with the window and project open",
        )
    )
    return figures


def _cpu_median(timings: Timings) -> float:
    return statistics.median(s.cpu_ms for s in timings.samples)


def _target(action: str, codings: int) -> str:
    if action in ("apply", "undo", "redo"):
        return {0: "< 16", LEVELS[-1]: "< 20"}.get(codings, "")
    if action == "open":
        return {5_000: "< 250", LEVELS[-1]: "< 600"}.get(codings, "")
    return ""


def run(out: Path) -> list[Figure]:
    app = application()
    folder = Path(tempfile.mkdtemp(prefix="dense-", dir=out))
    series = {codings: measure_level(app, folder, codings) for codings in LEVELS}
    figures = figures_of(series, _memory(folder))
    shutil.rmtree(folder)
    return figures


def series_table(figures: list[Figure]) -> str:
    """The scaling series as the issue shows it: CPU median per action and level."""
    values = {f.name: f.value for f in figures}
    lines = ["CPU ms median, to painted | " + " | ".join(f"{c:,}" for c in LEVELS)]
    for action in ACTIONS:
        lines.append(f"{action} | " + " | ".join(f"{values[_name(action, c)]:.1f}" for c in LEVELS))
    return "\n".join(lines)


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--memory-probe":
        print(json.dumps(memory_probe(Path(sys.argv[2]), int(sys.argv[3]))))
        return 0
    from .measure import report

    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    figures = run(out)
    print(report(figures))
    print(series_table(figures))
    result = {"suite": "dense", "figures": [asdict(f) | {"met": f.met()} for f in figures]}
    (out / "results-dense.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
