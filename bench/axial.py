"""Axial-coding benchmarks on the large project: similar codes, co-occurrence, code by attribute, merge and undo."""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial
from pathlib import Path

from app.model.analysis.matrices import Analysis, Matrix, Measure, Unit
from app.model.codes.similar_names import CodeText, clusters
from app.model.core.dto import NewCoding
from app.model.project import Project

from .fresh import describe, project_copy
from .measure import BenchError, Figure, once


def run(large: Path, out: Path) -> list[Figure]:
    with project_copy(large) as copy, Project.open(copy, backups=0) as project:  # merging writes: a fresh copy
        workload = describe(project)
        nodes = project.codes.tree()
        texts = [CodeText(n.code.id, n.code.name, n.code.definition) for n in nodes]
        known = {n.code.id for n in nodes}
        figures = [
            once(
                f"similar-codes clustering of {len(texts):,} codes",
                workload,
                lambda: clusters(texts, 85),
                lambda found: found and all(i in known for c in found for i in c.code_ids),
                "< 1000",
            )
        ]
        analyses: list[Analysis] = []
        total = project.info().codings
        figures.append(
            once(
                "  reading all codings in scope (shared by the views)",
                workload,
                lambda: analyses.append(Analysis(project)),
                lambda _: len(analyses[0].codings) == total,
            )
        )
        analysis = analyses[0]
        codable = [n.code.id for n in nodes if n.code.is_codable]
        rng = random.Random(1)
        fifty = rng.sample(codable, 50)
        all_codes = [n.code.id for n in nodes]
        site = next(a.id for a in project.cases.attributes() if a.name == "Site")
        views: list[tuple[str, str, Callable[[], Matrix], list[int]]] = [
            ("co-occurrence, 50 codes, overlapping text", "< 1000", lambda: analysis.cooccurrence(fifty), fifty),
            (
                "co-occurrence, all 1,500 codes, overlapping text",
                "< 10000",
                lambda: analysis.cooccurrence(all_codes),
                all_codes,
            ),
            (
                "co-occurrence, all codes, same speaker turn",
                "",
                lambda: analysis.cooccurrence(all_codes, Unit.TURN),
                all_codes,
            ),
            (
                "code x attribute (Site), all codes, codings",
                "< 1000",
                lambda: analysis.by_attribute(all_codes, site),
                all_codes,
            ),
            (
                "code x attribute (Site), all codes, cases",
                "",
                lambda: analysis.by_attribute(all_codes, site, Measure.CASES),
                all_codes,
            ),
        ]
        for name, target, view, rows in views:
            figures.append(once(name, workload, view, partial(_counted, rows), target))
        figures += _merge(project, rng)
    return figures


def _counted(rows: list[int], matrix: Matrix) -> bool:
    """A row for every code asked about, and some counts in it."""
    return len(matrix.row_ids) == len(rows) and bool(matrix.cells)


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

    def counts() -> tuple[int, int]:
        found = {n.code.id: n.own_count for n in project.codes.tree()}
        return found.get(first.id, 0), found.get(second.id, 0)

    before = counts()
    if before != (2_000, 2_000):
        raise BenchError(f"merge: the two codes were given {before} codings, not 2,000 each")
    workload = "2 codes x 2,000 codings, on the generated project; one undoable operation"
    merge = once(
        "merge two codes with 2,000 codings each",
        workload,
        lambda: project.edits.merge_codes([second.id], first.id),
        lambda _: counts() == (4_000, 0),
        "< 500",
    )
    undo = once(
        "  undo that merge",
        workload,
        project.history.undo,
        lambda _: counts() == before,
        "< 500",
    )
    return [merge, undo]
