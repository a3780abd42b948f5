"""Import benchmarks: a batch of Word transcripts, one long text file, and memory over the batch."""

from __future__ import annotations

import io
import random
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document

from app.model.importing import FilePlan, Importer
from app.model.progress import NoProgress
from app.model.project import Project

from .generate import interview_text
from .measure import Figure


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
    workload = f"{documents} .docx x {words:,} words"
    paths = write_docx_batch(out / "docx", documents, words)
    project_path = out / "import-bench.axial"
    project_path.unlink(missing_ok=True)
    figures = []
    with Project.create(project_path) as project:
        probe = _MemoryProbe()
        start = time.perf_counter()
        report = Importer(project).run([FilePlan(p) for p in paths], probe)
        seconds = time.perf_counter() - start
        assert report.summary() == f"{documents} imported", report.summary()
        figures.append(Figure(f"import {documents} docx transcripts", seconds, "s", "< 30", workload))
        figures.append(Figure("  per transcript", seconds / documents * 1000, "ms", "", workload))
        half = documents // 2
        if half in probe.samples and documents in probe.samples:
            # SQLite's page cache fills to its cap in the first hundred files; after that nothing should grow.
            growth = probe.samples[documents] - probe.samples[half]
            figures.append(Figure("  memory growth over the second half", growth, "MB", "", workload))

        rng = random.Random(5)
        text, _, _ = interview_text(rng, 50_000)
        long_file = out / "long transcript.txt"
        long_file.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        Importer(project).run([FilePlan(long_file)], NoProgress())
        figures.append(Figure("import one 50,000-word .txt", time.perf_counter() - start, "s", "< 1", "50,000 words"))
    return figures
