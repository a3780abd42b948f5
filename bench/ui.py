"""Desktop benchmarks, offscreen: opening the window, opening documents, coding, quick-code typing, the tree."""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMessageLogContext, QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from app.model.dto import NewDocument
from app.model.fuzzy import Candidate, CodeRanker
from app.model.project import Project
from app.ui.commands import Edits
from app.ui.main_window import MainWindow
from app.ui.models.code_tree import CodeTreeModel
from app.ui.settings import Settings
from app.ui.workspace import Workspace

from .generate import interview_text, random_codings
from .measure import Figure, percentile, timed


def _quiet(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """The offscreen platform cannot size, raise or grab windows; say everything else."""
    if not message.startswith("This plugin does not support"):
        print(message, file=sys.stderr)


def _app() -> QApplication:
    qInstallMessageHandler(_quiet)
    app = QApplication.instance() or QApplication(["bench"])
    assert isinstance(app, QApplication)
    return app


def _opened(settings: Settings, path: Path) -> tuple[MainWindow, Workspace]:
    window = MainWindow(settings)
    window.resize(1400, 900)
    window.show()
    window.open_project(path)
    assert window.workspace is not None
    return window, window.workspace


def run(large: Path, out: Path) -> list[Figure]:
    app = _app()
    workload = "300 docs x 9,000 words, 1,500 codes, 75,000 codings"
    settings = Settings(QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat))
    figures = []

    opens = []
    for _ in range(3):
        window = MainWindow(settings)
        window.resize(1400, 900)
        window.show()
        start = time.perf_counter()
        window.open_project(large)
        app.processEvents()
        opens.append((time.perf_counter() - start) * 1000)
        window.close_project()
        window.close()
    figures.append(
        Figure("open project to a usable window (median of 3)", statistics.median(opens), "ms", "< 1500", workload)
    )

    window, workspace = _opened(settings, large)
    project = workspace.project
    rng = random.Random(2)
    documents = rng.sample(project.documents.all(), 20)

    def show(document_id: int) -> None:
        workspace.viewer.show_document(document_id)
        app.processEvents()

    per_doc = [timed(lambda d=doc.id: show(d)) for doc in documents]  # type: ignore[misc]
    counts = statistics.median(doc.coding_count for doc in documents)
    figures.append(
        Figure(
            f"open a 9,000-word document (~{counts:.0f} codings), median of 20",
            statistics.median(per_doc),
            "ms",
            "< 150",
            workload,
        )
    )

    # Apply a coding and see it highlighted, through the same route as Ctrl+Return.
    document = documents[0]
    show(document.id)
    text = workspace.viewer.text
    codable = [n.code.id for n in project.codes.tree() if n.code.is_codable]
    apply_ms = []
    for _ in range(100):
        start = rng.randrange(0, len(text) - 200)
        workspace.viewer.select(start, start + rng.randint(20, 150))
        code_id = rng.choice(codable)
        began = time.perf_counter()
        workspace.coding.apply(code_id)
        app.processEvents()
        apply_ms.append((time.perf_counter() - began) * 1000)
    figures.append(
        Figure("apply a coding and see it highlighted: median", statistics.median(apply_ms), "ms", "< 30", workload)
    )
    figures.append(
        Figure("apply a coding and see it highlighted: 95th pct", percentile(apply_ms, 95), "ms", "", workload)
    )

    # Quick-code: ranking, and ranking plus refilling the palette's list, per keystroke.
    nodes = project.codes.tree()
    ranker = CodeRanker([Candidate(n.code.id, n.code.name, " / ".join(n.path)) for n in nodes if n.code.is_codable])
    typed = "supervision"
    rank_ms = [timed(lambda q=typed[:i]: ranker.rank(q)) for i in range(1, len(typed) + 1) for _ in range(5)]  # type: ignore[misc]
    figures.append(
        Figure("quick-code ranking over 1,500 codes, per keystroke", statistics.median(rank_ms), "ms", "< 5", workload)
    )
    palette = workspace.palette
    palette.open(nodes, [])
    refill_ms = [timed(lambda q=typed[:i]: palette.query.setText(q)) for i in range(1, len(typed) + 1)]  # type: ignore[misc]
    palette.hide()
    figures.append(
        Figure("  ranking + refilling the palette, per keystroke", statistics.median(refill_ms), "ms", "", workload)
    )

    stack = QUndoStack()
    tree_ms = [timed(lambda: CodeTreeModel(project, Edits(project, stack, print), print, stack)) for _ in range(5)]
    figures.append(
        Figure("code tree of 1,500 codes with counts built", statistics.median(tree_ms), "ms", "< 150", workload)
    )
    window.close()

    figures.append(_dense_document(app, out, settings))
    return figures


def _dense_document(app: QApplication, out: Path, settings: Settings) -> Figure:
    """One 20,000-word document carrying 5,000 codings (QualCoder takes 22-36 s to open it)."""
    path = out / "dense.axial"
    path.unlink(missing_ok=True)
    rng = random.Random(9)
    with Project.create(path) as project:
        codes = [project.codes.create(f"Code {i}").id for i in range(60)]
        text, turns, paragraphs = interview_text(rng, 20_000)
        document = project.documents.add(NewDocument(name="Dense", text=text, turns=turns, paragraphs=paragraphs))
        project.codings.apply_many(random_codings(rng, document.id, text, codes, 5_000))
    window, workspace = _opened(settings, path)
    workspace.viewer.show_document(None)
    app.processEvents()
    times = []
    for _ in range(3):
        workspace.viewer.show_document(None)
        start = time.perf_counter()
        workspace.viewer.show_document(document.id)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    window.close()
    return Figure(
        "open a 20,000-word document with 5,000 codings", statistics.median(times), "ms", "< 500", "1 document"
    )
