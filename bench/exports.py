"""Export benchmarks on the large project: the excerpts report by CFIR (whole project, half, 5,000), the XLSX table.

Each figure is the whole export as the user waits for it: reading the excerpts, grouping, writing and saving
(the best of two runs for the half and whole reports, whose ratio shows whether time grows linearly).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from app.model import frameworks
from app.model.analysis import Scope
from app.model.excerpt_outline import Grouping, OutlineOptions
from app.model.excerpts import ExcerptFilter
from app.model.export_request import ExcerptRequest, export_excerpts
from app.model.project import Project

from .measure import Figure, timed


def run(large: Path, out: Path) -> list[Figure]:
    copy = out / "export-bench.axial"
    shutil.copy(large, copy)
    figures = []
    with Project.open(copy, backups=0) as project:
        cfir = frameworks.install(project, "cfir-2022")
        nodes = [n.id for n in project.frameworks.nodes(cfir.id) if n.level != "domain"]
        # Each code that holds codings mapped once, so every excerpt appears once in the report.
        codes = [n.code.id for n in project.codes.tree() if not n.child_ids]
        project.frameworks.map_many([(code, nodes[i % len(nodes)]) for i, code in enumerate(codes)])
        site = next(a.id for a in project.cases.attributes() if a.name == "Site")
        documents = sorted(d.id for d in project.documents.all())
        total = project.info().codings
        by_cfir = OutlineOptions(grouping=Grouping.FRAMEWORK)

        def request(document_ids: list[int] | None) -> ExcerptRequest:
            scope = Scope(document_ids=frozenset(document_ids) if document_ids is not None else None)
            return ExcerptRequest(wanted=ExcerptFilter(scope=scope), layout=by_cfir, source_attributes=(site,))

        small = documents[: max(1, len(documents) * 5_000 // total)]
        small_ms = timed(lambda: export_excerpts(project, out / "small.docx", request(small)))  # also warms up
        small_count = sum(d.coding_count for d in project.documents.all() if d.id in set(small))
        half = min(
            timed(lambda: export_excerpts(project, out / "half.docx", request(documents[: len(documents) // 2])))
            for _ in range(2)
        )
        whole = min(timed(lambda: export_excerpts(project, out / "whole.docx", request(None))) for _ in range(2))
        xlsx = timed(lambda: export_excerpts(project, out / "whole.xlsx", request(None)))
        workload = f"{total:,} codings, every code mapped to CFIR 2.0, grouped by domain > construct > code"
        size = (out / "whole.docx").stat().st_size / 1e6
        figures = [
            Figure(f"Word report of all {total:,} excerpts by CFIR", whole / 1000, "s", "< 20", workload),
            Figure("  time for all / time for half the excerpts", whole / half, "x", "< 2.2", "linear growth"),
            Figure(f"Word report of {small_count:,} excerpts by CFIR", small_ms / 1000, "s", "< 2", workload),
            Figure(f"  size of the {total:,}-excerpt report", size, "MB", "", workload),
            Figure(f"XLSX of all {total:,} excerpts", xlsx / 1000, "s", "< 15", workload),
        ]
    copy.unlink(missing_ok=True)
    for name in ("whole.docx", "half.docx", "small.docx", "whole.xlsx"):
        (out / name).unlink(missing_ok=True)
    return figures
