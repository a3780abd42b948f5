"""Core benchmarks on the generated project: building it, opening it, applying codings, reading the main lists."""

from __future__ import annotations

import json
from collections.abc import Callable, Sized
from dataclasses import asdict
from functools import partial
from pathlib import Path

from app.model.project import Project

from .fresh import FreshSpans, project_copy, stored
from .generate import Scale, generate
from .measure import Figure, Timings, once


def describe(scale: Scale) -> str:
    return f"{scale.documents} docs x {scale.words:,} words, {scale.codes:,} codes, {scale.codings:,} codings"


def ensure_project(out: Path, scale_name: str, regenerate: bool) -> tuple[Path, list[Figure]]:
    """The generated project, built again when asked or when its scale changed; the build's figure if it was."""
    scale = Scale.named(scale_name)
    path, marker = out / f"{scale_name}.axial", out / f"{scale_name}.json"
    if not regenerate and path.exists() and marker.exists() and json.loads(marker.read_text()) == asdict(scale):
        Project.open(path, coder="Bench", backups=0).close()  # kept from an older Axial: upgraded once, here
        return path, []

    def built(_: object) -> bool:
        with Project.open(path, coder="Bench", backups=0, read_only=True) as project:
            info = project.info()
        return (info.documents, info.codings) == (scale.documents, scale.codings)

    marker.unlink(missing_ok=True)
    figure = once("generate project", describe(scale), lambda: generate(path, scale), built, "< 60", unit="s")
    marker.write_text(json.dumps(asdict(scale)))
    return path, [figure]


def run(large: Path, scale: Scale) -> list[Figure]:
    workload = describe(scale)
    figures = [Figure("file size", large.stat().st_size / 1e6, "MB", "< 40", workload)]
    with project_copy(large) as copy:
        opens = Timings("open the project")
        for _ in range(5):
            project = opens.measure(lambda: Project.open(copy, coder="Bench", backups=2), _holds(scale))
            project.close()
        figures.append(opens.figure("open to usable Project", workload, "< 300"))
        backups = Timings("open the project and finish its rolling backup")
        for _ in range(3):
            project = backups.measure(lambda: _open_and_back_up(copy), _backed_up)
            project.close()
        # The backup runs in a thread that mostly waits on the disk: wall time is what the user sees.
        figures.append(backups.figure("open + rolling backup finished", workload, basis="wall"))
        with Project.open(copy, coder="Bench", backups=0) as project:
            figures += _coding_figures(project, workload)
    return figures


def _open_and_back_up(path: Path) -> Project:
    project = Project.open(path, coder="Bench", backups=2)
    project.wait_for_backup()
    return project


def _holds(scale: Scale) -> Callable[[Project], bool]:
    def check(project: Project) -> bool:
        info = project.info()
        return (info.documents, info.codes) == (scale.documents, scale.codes) and info.codings >= scale.codings

    return check


def _backed_up(project: Project) -> bool:
    made = project.last_backup
    return project.backup_error is None and made is not None and made.stat().st_size > 0


def _has(count: int, items: Sized) -> bool:
    return len(items) == count


def _coding_figures(project: Project, workload: str) -> list[Figure]:
    documents = project.documents.all()
    codable = [node.code.id for node in project.codes.tree() if node.code.is_codable]
    sample = [doc.id for doc in documents[:: max(1, len(documents) // 50)]][:50]
    spans = FreshSpans(project, sample, codable, seed=11)

    apply = Timings("apply one coding (an undoable operation)")
    for _ in range(1000):
        span = spans.next()
        apply.measure(
            partial(project.edits.apply_coding, span.document_id, span.code_id, span.start, span.end),
            partial(stored, project, span),
        )
    expected = {doc.id: doc.coding_count for doc in project.documents.all()}
    per_doc = Timings("codings of one document")
    for doc_id in sample:
        per_doc.measure(partial(project.codings.for_document, doc_id), partial(_has, expected[doc_id]))
    tree, listing, texts = Timings("code tree"), Timings("document list"), Timings("document text")
    for _ in range(10):
        tree.measure(project.codes.tree, lambda nodes: len(nodes) == len(project.codes.tree()))
        listing.measure(project.documents.all, lambda docs: len(docs) == len(documents))
    lengths = {doc.id: doc.length for doc in documents}
    for doc_id in sample:
        texts.measure(partial(project.documents.text, doc_id), partial(_has, lengths[doc_id]))
    counts = sorted(expected[d] for d in sample)
    fifty = f"{len(sample)} documents (median {counts[len(counts) // 2]} codings each)"
    return [
        apply.figure("apply one coding, committed", f"{workload}; fresh spans; undoable", "< 3", p95_target="< 15"),
        per_doc.figure("codings of one document", fifty, "< 10"),
        tree.figure("code tree with coding counts", workload, "< 100"),
        listing.figure("document list with counts", workload),
        texts.figure("load one document's text", fifty),
    ]
