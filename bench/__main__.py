"""`make bench` / `python -m bench`: time the core services on a generated project; print a table and JSON.

The generated project is kept in bench/out/ and reused unless --regenerate is given (or the scale changes).
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import random
import statistics
import sys
import time
from dataclasses import asdict
from pathlib import Path

from app.model.errors import ConflictError
from app.model.project import Project

from . import imports
from .generate import Scale, generate, word_starts
from .measure import Figure, percentile, report, timed

OUT = Path(__file__).resolve().parent / "out"


def run_core(scale_name: str, regenerate: bool) -> list[Figure]:
    scale = Scale.named(scale_name)
    OUT.mkdir(exist_ok=True)
    path = OUT / f"{scale_name}.axial"
    marker = OUT / f"{scale_name}.json"
    figures: list[Figure] = []
    workload = f"{scale.documents} docs x {scale.words:,} words, {scale.codes:,} codes, {scale.codings:,} codings"
    if regenerate or not path.exists() or not marker.exists() or json.loads(marker.read_text()) != asdict(scale):
        seconds = timed(lambda: generate(path, scale)) / 1000
        marker.write_text(json.dumps(asdict(scale)))
        figures.append(Figure("generate project", seconds, "s", "< 60", workload))
    figures.append(Figure("file size", path.stat().st_size / 1e6, "MB", "< 40", workload))

    opens = []
    for _ in range(5):
        start = time.perf_counter()
        project = Project.open(path, coder="Bench", backups=2)
        opens.append((time.perf_counter() - start) * 1000)
        project.close()
    figures.append(Figure("open to usable Project (median of 5)", statistics.median(opens), "ms", "< 300", workload))
    backup_ms = []
    for _ in range(3):
        start = time.perf_counter()
        project = Project.open(path, coder="Bench", backups=2)
        project.wait_for_backup()
        backup_ms.append((time.perf_counter() - start) * 1000)
        project.close()
    figures.append(
        Figure("open + rolling backup finished (median of 3)", statistics.median(backup_ms), "ms", "", workload)
    )

    with Project.open(path, coder="Bench", backups=0) as project:
        figures += _coding_figures(project, workload)
    return figures


def _coding_figures(project: Project, workload: str) -> list[Figure]:
    rng = random.Random(11)
    documents = project.documents.all()
    codable = [node.code.id for node in project.codes.tree() if node.code.is_codable]
    texts = {doc.id: project.documents.text(doc.id) for doc in rng.sample(documents, min(50, len(documents)))}
    starts = {doc_id: word_starts(text) for doc_id, text in texts.items()}

    apply_ms: list[float] = []
    while len(apply_ms) < 1000:
        doc_id = rng.choice(list(texts))
        first = rng.randrange(len(starts[doc_id]) - 30)
        start, end = starts[doc_id][first], starts[doc_id][first + rng.randint(3, 25)] - 1
        code_id = rng.choice(codable)
        began = time.perf_counter()
        try:
            project.codings.apply(doc_id, code_id, start, end)
        except ConflictError:
            continue
        apply_ms.append((time.perf_counter() - began) * 1000)

    per_doc = [timed(lambda d=doc_id: project.codings.for_document(d)) for doc_id in texts]  # type: ignore[misc]
    counts = [len(project.codings.for_document(doc_id)) for doc_id in texts]
    tree_ms = [timed(project.codes.tree) for _ in range(10)]
    list_ms = [timed(project.documents.all) for _ in range(10)]
    text_ms = [timed(lambda d=doc_id: project.documents.text(d)) for doc_id in texts]  # type: ignore[misc]
    return [
        Figure(
            "apply one coding, committed: median", statistics.median(apply_ms), "ms", "< 3", workload + "; 1,000 calls"
        ),
        Figure("apply one coding, committed: 99th percentile", percentile(apply_ms, 99), "ms", "< 15", workload),
        Figure(
            f"codings of one document (median {statistics.median(counts):.0f} codings)",
            statistics.median(per_doc),
            "ms",
            "< 10",
            "50 documents",
        ),
        Figure("codings of one document: slowest of 50", max(per_doc), "ms", "", "50 documents"),
        Figure("code tree with coding counts (median of 10)", statistics.median(tree_ms), "ms", "< 100", workload),
        Figure("document list with counts (median of 10)", statistics.median(list_ms), "ms", "", workload),
        Figure("load one document's text (median)", statistics.median(text_ms), "ms", "", "50 documents"),
    ]


# Suites that measure on the generated project, and their modules.
ON_THE_PROJECT = {
    "axial": "axial",
    "cfir": "cfir",
    "export": "exports",
    "search": "search",
    "exchange": "exchange",
    "ui": "ui",
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scale", choices=("large", "small"), default="large")
    parser.add_argument("--regenerate", action="store_true", help="build the project again even if it exists")
    parser.add_argument("--suite", choices=("core", "import", *ON_THE_PROJECT, "all"), default="all")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    figures = []
    if args.suite in ("core", "all"):
        figures += run_core(args.scale, args.regenerate)
    if args.suite in ("import", "all"):
        documents, words = (300, 9_000) if args.scale == "large" else (20, 2_000)
        figures += imports.run(OUT, documents, words)
    large = OUT / f"{args.scale}.axial"
    for suite in ON_THE_PROJECT:
        if args.suite in (suite, "all"):
            if not large.exists():
                run_core(args.scale, regenerate=False)
            # Each suite's module is loaded only when it runs (the desktop one loads Qt).
            module = importlib.import_module(f"bench.{ON_THE_PROJECT[suite]}")
            figures += module.run(large, OUT)
    print(report(figures))
    machine = {"python": platform.python_version(), "machine": platform.machine(), "system": platform.system()}
    result = {"scale": args.scale, "machine": machine, "figures": [asdict(f) | {"met": f.met()} for f in figures]}
    (OUT / f"results-{args.scale}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
