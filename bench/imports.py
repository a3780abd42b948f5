"""Import benchmarks: a batch of Word transcripts, one long text file, memory over the batch, and the time per MB
of one transcript of 0.5, 2 and 12 MB (which should not grow with the size).
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document

from app.model.core.progress import NoProgress
from app.model.documents.importing import FilePlan, Importer, ImportReport, Outcome
from app.model.project import Project

from .generate import interview_text
from .measure import Figure, Timings, once


def _docx_template() -> dict[str, bytes]:
    """The parts of a blank document as python-docx writes it (styles, settings, content types...)."""
    buffer = io.BytesIO()
    Document().save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name) for name in package.namelist()}


def _document_xml(template: bytes, paragraphs: list[str]) -> bytes:
    head, _, rest = template.decode("utf-8").partition("<w:body>")
    _, _, tail = rest.partition("<w:sectPr")
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs)
    return f"{head}<w:body>{body}<w:sectPr{tail}".encode()


def write_docx_batch(folder: Path, count: int, words: int, seed: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    existing = sorted(folder.glob("*.docx"))
    if len(existing) == count:
        return existing
    for old in existing:
        old.unlink()
    rng = random.Random(seed)
    template = _docx_template()
    paths = []
    for index in range(count):
        text, _, _ = interview_text(rng, words)
        parts = dict(template)
        parts["word/document.xml"] = _document_xml(template["word/document.xml"], text.split("\n\n"))
        path = folder / f"Interview {index + 1:03d}.docx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in parts.items():
                package.writestr(name, data)
        paths.append(path)
    return paths


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * 4096 / 1e6


class _MemoryProbe:
    """Records resident memory as the batch goes, to show it stays flat."""

    cancelled = False

    def __init__(self) -> None:
        self.samples: dict[int, float] = {}

    def step(self, done: int, total: int, message: str) -> None:
        if done in (total // 2, total):
            self.samples[done] = _rss_mb()


def run(out: Path, documents: int = 300, words: int = 9_000) -> list[Figure]:
    workload = f"{documents} .docx x {words:,} words into a new project"
    paths = write_docx_batch(out / "docx", documents, words)
    with new_project(out) as project:
        probe = _MemoryProbe()
        batch = once(
            f"import {documents} docx transcripts",
            workload,
            lambda: Importer(project).run([FilePlan(p) for p in paths], probe),
            partial(_imported, project, documents),
            "< 30",
            unit="s",
        )
        figures = [batch, batch.per("  per transcript", "ms", 1000 / documents)]
        half = documents // 2
        if half in probe.samples and documents in probe.samples:
            # SQLite's page cache fills to its cap in the first hundred files; after that nothing should grow.
            growth = probe.samples[documents] - probe.samples[half]
            figures.append(Figure("  memory growth over the second half", growth, "MB", "", workload))

        rng = random.Random(5)
        text, _, _ = interview_text(rng, 50_000)
        long_file = out / "long transcript.txt"
        long_file.write_text(text, encoding="utf-8")
        figures.append(
            once(
                "import one 50,000-word .txt",
                "50,000 words into a project of the batch",
                partial(_import_one, project, long_file),
                partial(_imported, project, documents + 1),
                "< 1",
                unit="s",
            )
        )
    return figures


def scaling(out: Path, sizes: tuple[float, ...]) -> list[Figure]:
    """One generated .txt transcript of each size, each run into a new project: time per MB should be flat."""
    figures = []
    per_mb: list[float] = []
    targets = {2.0: "< 2", 12.0: "< 15"}
    for size in sizes:
        path = transcript_of(out / "scaling", size)
        megabytes = path.stat().st_size / 1e6
        workload = f"one {megabytes:.1f} MB .txt transcript ({_words(path):,} words, speaker turns) into a new project"
        timings = Timings(f"import one {size:g} MB transcript")
        for _ in range(5 if megabytes < 1 else 3 if megabytes < 5 else 1):
            with new_project(out) as project:
                timings.measure(partial(_import_one, project, path), partial(_imported, project, 1))
        figure = timings.figure(f"import one {size:g} MB transcript", workload, targets.get(float(size), ""), unit="s")
        figures += [figure, figure.per("  per MB", "s", 1 / megabytes)]
        per_mb.append(figure.value / megabytes)
    if len(per_mb) > 1:
        spread = max(per_mb) / min(per_mb)
        sizes_named = ", ".join(f"{s:g}" for s in sizes)
        figures.append(
            Figure("  slowest / fastest CPU time per MB", spread, "x", "< 1.5", f"{sizes_named} MB transcripts")
        )
    return figures


def transcript_of(folder: Path, megabytes: float) -> Path:
    """A generated interview of about `megabytes` of UTF-8 text, kept for the next run."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"transcript {megabytes:g} MB.txt"
    if not path.exists():
        words = int(megabytes * 1e6 / 6.95)  # the generated text averages 6.95 bytes a word, spaces and labels included
        text, _, _ = interview_text(random.Random(int(megabytes * 100)), words)
        partial_path = path.with_suffix(".partial")
        partial_path.write_text(text, encoding="utf-8")
        partial_path.replace(path)
    return path


def _words(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").split())


@contextmanager
def new_project(out: Path) -> Iterator[Project]:
    path = out / "import-bench.axial"
    path.unlink(missing_ok=True)
    try:
        with Project.create(path) as project:
            yield project
    finally:
        path.unlink(missing_ok=True)


def _import_one(project: Project, path: Path) -> ImportReport:
    return Importer(project).run([FilePlan(path)], NoProgress())


def _imported(project: Project, documents: int, report: ImportReport) -> bool:
    """Every file imported (none refused or skipped) and the project holds that many documents, text and all."""
    if report.count(Outcome.IMPORTED) != len(report.results):
        raise AssertionError(report.summary())
    held = project.documents.all()
    return len(held) == documents and all(d.length > 0 for d in held)
