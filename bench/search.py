"""Search benchmarks on the large project (2.7 million words): word, phrase and fuzzy queries; autocoding hits."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from app.model.codings.autocode import autocode_hits
from app.model.documents.extents import Extent
from app.model.project import Project
from app.model.search.searching import SearchResult, search

from .fresh import project_copy
from .measure import Figure, Timings, once


def _found(words: tuple[str, ...], count: int, result: SearchResult) -> bool:
    """`count` hits, each on one of the words searched for (or a near spelling, for a fuzzy search)."""
    if len(result.hits) != count:
        raise AssertionError(f"{len(result.hits):,} hits, not {count:,}")
    return all(any(w in h.body[h.start : h.end].lower() for w in words) for h in result.hits)


def run(large: Path, out: Path) -> list[Figure]:
    figures = []
    with project_copy(large) as copy, Project.open(copy, backups=0) as project:  # autocoding writes
        words = sum(d.word_count for d in project.documents.all())
        workload = f"{project.info().documents} documents, {words / 1e6:.1f} million words"
        for query, label, stems in (
            ("fidelity", "a word", ("fidelity",)),
            ('"caseload supervisor"', "a phrase", ("caseload", "supervisor")),
        ):
            count = len(search(project, query).hits)
            if not count:
                raise AssertionError(f"{query} found nothing")
            first, every = Timings(f"search {query}, first 50"), Timings(f"search {query}")
            for _ in range(5):
                first.measure(partial(search, project, query, limit=50), partial(_found, stems, min(50, count)))
            for _ in range(3):
                every.measure(partial(search, project, query), partial(_found, stems, count))
            figures += [
                first.figure(f"{label} ({query}): first 50 hits", workload, "< 50"),
                every.figure(f"{label} ({query}): all {count:,} hits", workload, "< 300"),
            ]
        fuzzy_count = len(search(project, "supervison", fuzzy=True).hits)
        fuzzy = Timings("fuzzy search")
        for _ in range(3):
            fuzzy.measure(partial(search, project, "supervison", fuzzy=True), partial(_found, ("super",), fuzzy_count))
        figures.append(fuzzy.figure(f"fuzzy 'supervison': all {fuzzy_count:,} hits", workload, "< 1000"))
        hits = search(project, "fidelity").hits[:2000]
        code = next(n.code.id for n in project.codes.tree() if n.code.is_codable)
        before = project.info().codings

        def autocode() -> int:
            return project.edits.autocode("Autocode", lambda: autocode_hits(project, hits, code, Extent.SENTENCE))

        autocoded = once(
            f"autocode {len(hits):,} hits to their sentences",
            workload,
            autocode,
            lambda n: n > 0 and project.info().codings == before + n,
            "< 2",
            unit="s",
        )
        undo = once(
            "undo that autocode",
            workload,
            project.history.undo,
            lambda _: project.info().codings == before,
            "< 2",
            unit="s",
        )
        figures += [autocoded, undo]
    return figures
