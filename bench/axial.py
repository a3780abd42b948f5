"""Axial-coding benchmarks on the large project: similar codes, co-occurrence, code by attribute, merge and undo."""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

from app.model.analysis import Analysis, Measure, Unit
from app.model.dto import NewCoding, Snapshot
from app.model.project import Project
from app.model.similar import CodeText, clusters

from .measure import Figure, timed


def run(large: Path, out: Path) -> list[Figure]:
    workload = "300 docs x 9,000 words, 1,500 codes, 75,000 codings"
    copy = out / "axial-bench.axial"
    shutil.copy(large, copy)  # merging changes the project: work on a copy
    figures = []
    with Project.open(copy, backups=0) as project:
        nodes = project.codes.tree()
        texts = [CodeText(n.code.id, n.code.name, n.code.definition) for n in nodes]
        ms = timed(lambda: clusters(texts, 85))
        figures.append(Figure(f"similar-codes clustering of {len(texts):,} codes", ms, "ms", "< 1000", workload))

        start = time.perf_counter()
        analysis = Analysis(project)
        load_ms = (time.perf_counter() - start) * 1000
        figures.append(Figure("  reading all codings in scope (shared by the views)", load_ms, "ms", "", workload))
        codable = [n.code.id for n in nodes if n.code.is_codable]
        rng = random.Random(1)
        fifty = rng.sample(codable, 50)
        all_codes = [n.code.id for n in nodes]
        figures.append(
            Figure(
                "co-occurrence, 50 codes, overlapping text",
                timed(lambda: analysis.cooccurrence(fifty)),
                "ms",
                "< 1000",
                workload,
            )
        )
        figures.append(
            Figure(
                "co-occurrence, all 1,500 codes, overlapping text",
                timed(lambda: analysis.cooccurrence(all_codes)),
                "ms",
                "< 10000",
                workload,
            )
        )
        figures.append(
            Figure(
                "co-occurrence, all codes, same speaker turn",
                timed(lambda: analysis.cooccurrence(all_codes, Unit.TURN)),
                "ms",
                "",
                workload,
            )
        )
        site = next(a.id for a in project.cases.attributes() if a.name == "Site")
        figures.append(
            Figure(
                "code x attribute (Site), all codes, codings",
                timed(lambda: analysis.by_attribute(all_codes, site)),
                "ms",
                "< 1000",
                workload,
            )
        )
        figures.append(
            Figure(
                "code x attribute (Site), all codes, cases",
                timed(lambda: analysis.by_attribute(all_codes, site, Measure.CASES)),
                "ms",
                "",
                workload,
            )
        )
        figures += _merge(project, rng)
    copy.unlink(missing_ok=True)
    return figures


def _merge(project: Project, rng: random.Random) -> list[Figure]:
    """Two codes with 2,000 codings each, merged, then the merge undone."""
    documents = [d.id for d in project.documents.all()]
    lengths = {d.id: d.length for d in project.documents.all()}
    first, second = project.codes.create("Merge A"), project.codes.create("Merge B")
    for code in (first, second):
        spans: set[NewCoding] = set()
        while len(spans) < 2_000:
            document = rng.choice(documents)
            start = rng.randrange(lengths[document] - 300)
            spans.add(NewCoding(document, code.id, start, start + rng.randint(20, 300)))
        project.codings.apply_many(list(spans))
    taken: list[Snapshot] = []
    merge_ms = timed(lambda: taken.append(project.codes.merge([second.id], first.id)))
    snapshot = taken[0]
    undo_ms = timed(lambda: project.codes.restore(snapshot))
    workload = "2 codes x 2,000 codings"
    return [
        Figure("merge two codes with 2,000 codings each", merge_ms, "ms", "< 500", workload),
        Figure("  undo that merge", undo_ms, "ms", "< 500", workload),
    ]
