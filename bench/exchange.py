"""REFI-QDA benchmarks on the large project: export it as .qdpx, and import that into a new project."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

from app.model.core.dto import ProjectInfo
from app.model.exchange.refi_import import import_as_new
from app.model.exchange.refi_loader import ImportReport
from app.model.exchange.refi_writer import write_qdpx
from app.model.project import Project

from .fresh import project_copy
from .measure import Figure, once


def run(large: Path, out: Path) -> list[Figure]:
    with project_copy(large) as copy:
        exported, imported = copy.with_suffix(".qdpx"), copy.parent / "exchange-in.axial"
        with Project.open(copy, backups=0) as project:
            info = project.info()
            workload = f"{info.documents} documents, {info.codes:,} codes, {info.codings:,} codings"
            export = once(
                "export the project as REFI-QDA (.qdpx)",
                workload,
                lambda: write_qdpx(project, exported),
                lambda _: _packaged(exported, info),
                unit="s",
            )
        reports: list[ImportReport] = []

        def import_new() -> None:
            project, report = import_as_new(exported, imported)
            project.close()
            reports.append(report)

        def holds_all(_: None) -> bool:
            report = reports[0]
            with Project.open(imported, backups=0, read_only=True) as project:
                got = project.info()
            return (report.documents, got.documents, got.codings) == (info.documents, info.documents, info.codings)

        brought = once("import that .qdpx as a new project", workload, import_new, holds_all, unit="s")
    report = reports[0]
    placed = f"{report.codings:,} codings placed, {len(report.unplaced)} not"
    return [export, replace(brought, name=f"{brought.name} ({placed})")]


def _packaged(path: Path, info: ProjectInfo) -> bool:
    """The package holds the project file and one source per document."""
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
    return "project.qde" in names and sum(n.startswith("sources/") for n in names) >= info.documents
