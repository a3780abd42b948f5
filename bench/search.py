"""Search benchmarks on the large project (2.7 million words): word, phrase and fuzzy queries; autocoding hits."""

from __future__ import annotations

import shutil
import statistics
from functools import partial
from pathlib import Path

from app.model.autocode import autocode_hits
from app.model.extents import Extent
from app.model.project import Project
from app.model.search import search

from .measure import Figure, timed


def run(large: Path, out: Path) -> list[Figure]:
    copy = out / "search-bench.axial"
    shutil.copy(large, copy)
    figures = []
    with Project.open(copy, backups=0) as project:  # opening a file from before search builds its index
        words = sum(d.word_count for d in project.documents.all())
        workload = f"{project.info().documents} documents, {words / 1e6:.1f} million words"
        for query, label in (("fidelity", "a word"), ('"caseload supervisor"', "a phrase")):
            count = len(search(project, query).hits)
            first = statistics.median(timed(partial(search, project, query, limit=50)) for _ in range(5))
            every = statistics.median(timed(partial(search, project, query)) for _ in range(3))
            figures += [
                Figure(f"{label} ({query}): first 50 hits", first, "ms", "< 50", workload),
                Figure(f"{label} ({query}): all {count:,} hits", every, "ms", "< 300", workload),
            ]
        fuzzy = search(project, "supervison", fuzzy=True)
        fuzzy_ms = statistics.median(timed(partial(search, project, "supervison", fuzzy=True)) for _ in range(3))
        figures.append(Figure(f"fuzzy 'supervison': all {len(fuzzy.hits):,} hits", fuzzy_ms, "ms", "< 1000", workload))
        hits = search(project, "fidelity").hits[:2000]
        code = next(n.code.id for n in project.codes.tree() if n.code.is_codable)
        added: list[int] = []
        autocode_ms = timed(lambda: added.extend(c.id for c in autocode_hits(project, hits, code, Extent.SENTENCE)))
        undo_ms = timed(lambda: project.codings.remove_many(added))
        done = f"{len(hits):,} hits to their sentences ({len(added):,} codings)"
        figures += [
            Figure(f"autocode {done}", autocode_ms / 1000, "s", "< 2", workload),
            Figure("undo that autocode", undo_ms / 1000, "s", "< 2", workload),
        ]
    copy.unlink(missing_ok=True)
    return figures
