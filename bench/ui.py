"""Desktop benchmarks, offscreen: opening the window, opening documents, coding, quick-code typing, the tree.

"To painted" means events processed and the text and its margin repainted; CPU time is the figure judged.
"""

from __future__ import annotations

import operator
import os
import random
import statistics
import tempfile
from dataclasses import replace
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.model.core.dto import CodingInfo, NewCoding
from app.model.project import Project
from app.ui.codes.code_tree_model import CodeTreeModel
from app.ui.coding.quick_code import QuickCodePalette
from app.ui.core.settings import Settings
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace

from .fresh import FreshSpans, describe, project_copy, stored
from .measure import Figure, Timings
from .qt_app import application


def _opened(settings: Settings, path: Path) -> tuple[MainWindow, Workspace]:
    window = MainWindow(settings)
    window.resize(1400, 900)
    window.show()
    window.open_project(path)
    assert window.workspace is not None
    return window, window.workspace


def run(large: Path, out: Path) -> list[Figure]:
    app = application()
    settings = Settings(QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat))
    with project_copy(large) as copy:  # coding writes
        with Project.open(copy, backups=0, read_only=True) as project:
            workload = describe(project)
        opens = Timings("open the project in the window")
        for _ in range(3):
            window = MainWindow(settings)
            window.resize(1400, 900)
            window.show()
            opens.measure(partial(_open_in, app, window, copy), bool)
            window.close_project()
            window.close()
        figures = [opens.figure("open project to a usable window", workload, "< 1500")]
        window, workspace = _opened(settings, copy)
        try:
            figures += _documents(app, workspace, workload)
            figures += _quick_code(app, workspace, workload)
            project = workspace.project
            tree = Timings("build the code tree model")
            for _ in range(5):
                tree.measure(lambda: CodeTreeModel(project, project.edits, print, window), _filled)
            figures.append(tree.figure("code tree of 1,500 codes with counts built", workload, "< 150"))
        finally:
            window.close_project()
            window.close()
    return figures


def _open_in(app: QApplication, window: MainWindow, path: Path) -> bool:
    window.open_project(path)
    app.processEvents()
    return window.workspace is not None and window.workspace.project.info().documents > 0


def _filled(model: CodeTreeModel) -> bool:
    return model.rowCount() > 0


def _painted(app: QApplication, workspace: Workspace) -> None:
    """Events processed and the text and its margin painted now (offscreen, painting is otherwise deferred)."""
    app.processEvents()
    workspace.viewer.view.viewport().repaint()
    workspace.viewer.margin.repaint()


def _documents(app: QApplication, workspace: Workspace, workload: str) -> list[Figure]:
    project = workspace.project
    documents = random.Random(2).sample(project.documents.all(), 20)

    def show(document_id: int) -> int | None:
        workspace.viewer.show_document(document_id)
        _painted(app, workspace)
        return workspace.viewer.document_id

    opened = Timings("open a document")
    for doc in documents:
        opened.measure(partial(show, doc.id), partial(operator.eq, doc.id))
    counts = statistics.median(doc.coding_count for doc in documents)
    figures = [
        opened.figure(f"open a 9,000-word document (~{counts:.0f} codings)", workload + "; 20 documents", "< 150")
    ]

    # Apply a coding to a fresh span and see it painted, through the same route as Ctrl+Return.
    document = documents[0]
    show(document.id)
    codable = [n.code.id for n in project.codes.tree() if n.code.is_codable]
    spans = FreshSpans(project, [document.id], codable, seed=2)
    apply = Timings("apply a coding and see it painted")
    while len(apply.samples) < 100:
        chosen = spans.next(document.id)
        workspace.viewer.select(chosen.start, chosen.end)
        _painted(app, workspace)
        # The viewer leaves speaker labels and edge spaces out of a selection: the span coded is what it reports.
        selected = workspace.viewer.selection()
        if selected is None:
            continue
        span = replace(chosen, start=selected[0], end=selected[1])
        if span != chosen and not spans.claim(span):
            continue
        apply.measure(partial(_apply, app, workspace, span.code_id), partial(_shown, workspace, span))
    where = f"{workload}; one document of {document.coding_count} codings, fresh 3-25-word spans"
    figures.append(apply.figure("apply a coding, to painted (Ctrl+Return route)", where, "< 16", p95_target="< 30"))
    return figures


def _apply(app: QApplication, workspace: Workspace, code_id: int) -> CodingInfo | None:
    coding = workspace.coding.apply(code_id)  # None when refused (the status bar says why)
    _painted(app, workspace)
    return coding


def _shown(workspace: Workspace, span: NewCoding, coding: CodingInfo | None) -> bool:
    """Stored on the span selected, and laid out in the open document."""
    if not stored(workspace.project, span, coding):
        raise AssertionError(f"the coding of [{span.start}, {span.end}) was refused or not stored")
    assert coding is not None
    return coding.id in workspace.viewer.coding_layout.codings


def _quick_code(app: QApplication, workspace: Workspace, workload: str) -> list[Figure]:
    """Each keystroke of a few code names typed into the palette: ranking, refilling its list, painting it."""
    nodes = workspace.project.codes.tree()
    palette = QuickCodePalette()
    palette.open(nodes, [])
    app.processEvents()

    def type_key(text: str) -> int:
        palette.query.setText(text)
        app.processEvents()
        return palette.results.count()

    keys = Timings("quick-code keystroke")
    typed = ("supervision", "fidelity", "staff turnover")
    for _ in range(3):
        for word in typed:
            palette.query.clear()
            app.processEvents()
            for i in range(1, len(word) + 1):
                keys.measure(partial(type_key, word[:i]), bool)  # the list is refilled (Create code at least)
    palette.hide()
    palette.deleteLater()
    codable = sum(n.code.is_codable for n in nodes)
    where = f"{workload}; {codable:,} codable codes; typing {', '.join(typed)}"
    return [keys.figure("quick-code: rank + refill + paint the list, per keystroke", where, "< 5")]
