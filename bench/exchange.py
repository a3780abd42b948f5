"""REFI-QDA benchmarks on the large project: export it as .qdpx, and import that into a new project."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.model.project import Project
from app.model.refi.exchange import import_as_new
from app.model.refi.writer import write_qdpx

from .measure import Figure, timed


def run(large: Path, out: Path) -> list[Figure]:
    copy, exported, imported = out / "exchange-bench.axial", out / "exchange-bench.qdpx", out / "exchange-in.axial"
    shutil.copy(large, copy)
    with Project.open(copy, backups=0) as project:
        info = project.info()
        export_ms = timed(lambda: write_qdpx(project, exported))
    workload = f"{info.documents} documents, {info.codes:,} codes, {info.codings:,} codings"
    imported.unlink(missing_ok=True)
    reports = []
    import_ms = timed(lambda: reports.append(import_as_new(exported, imported)))
    project, report = reports[0]
    project.close()
    placed = f"{report.codings:,} codings placed, {len(report.unplaced)} not"
    figures = [
        Figure("export the project as REFI-QDA (.qdpx)", export_ms / 1000, "s", "", workload),
        Figure(f"import that .qdpx as a new project ({placed})", import_ms / 1000, "s", "", workload),
    ]
    for leftover in (copy, exported, imported):
        leftover.unlink(missing_ok=True)
    return figures
