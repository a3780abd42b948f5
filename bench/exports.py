"""Export benchmarks on the large project: the excerpts report by CFIR (whole project, half, 5,000), the XLSX table.

Each figure is the whole export as the user waits for it: reading the excerpts, grouping, writing and saving
(the whole report and half of it: the ratio of their times shows whether time grows linearly).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from app.model.analysis.matrices import Scope
from app.model.frameworks import definitions
from app.model.project import Project
from app.model.reports.excerpt_outline import Grouping, OutlineOptions
from app.model.reports.excerpts import ExcerptFilter
from app.model.reports.export_request import ExcerptRequest, export_excerpts

from .fresh import project_copy
from .measure import Figure, once


def run(large: Path, out: Path) -> list[Figure]:
    with project_copy(large) as copy, Project.open(copy, backups=0) as project:  # mapping to CFIR writes
        cfir = definitions.install(project, "cfir-2022")
        nodes = [n.id for n in project.frameworks.nodes(cfir.id) if n.level != "domain"]
        # Each code that holds codings mapped once, so every excerpt appears once in the report.
        codes = [n.code.id for n in project.codes.tree() if not n.child_ids]
        project.frameworks.map_many([(code, nodes[i % len(nodes)]) for i, code in enumerate(codes)])
        site = next(a.id for a in project.cases.attributes() if a.name == "Site")
        documents = sorted(d.id for d in project.documents.all())
        counts = {d.id: d.coding_count for d in project.documents.all()}
        total = project.info().codings
        by_cfir = OutlineOptions(grouping=Grouping.FRAMEWORK)
        folder = copy.parent

        def export(name: str, document_ids: list[int] | None) -> Callable[[], Path]:
            scope = Scope(document_ids=frozenset(document_ids) if document_ids is not None else None)
            request = ExcerptRequest(wanted=ExcerptFilter(scope=scope), layout=by_cfir, source_attributes=(site,))
            return partial(export_excerpts, project, folder / name, request)

        small = documents[: max(1, len(documents) * 5_000 // total)]
        half = documents[: len(documents) // 2]
        small_count, half_count = sum(counts[d] for d in small), sum(counts[d] for d in half)
        workload = f"{total:,} codings, every code mapped to CFIR 2.0, grouped by domain > construct > code"
        small_figure = once(  # also warms up
            f"Word report of {small_count:,} excerpts by CFIR",
            workload,
            export("small.docx", small),
            partial(_excerpts_in_report, small_count),
            "< 2",
            unit="s",
        )
        # Half and all of the excerpts: the ratio of their times shows whether time grows linearly.
        half_figure = once(
            f"  Word report of {half_count:,} excerpts by CFIR",
            workload,
            export("half.docx", half),
            partial(_excerpts_in_report, half_count),
            unit="s",
        )
        whole = once(
            f"Word report of all {total:,} excerpts by CFIR",
            workload,
            export("whole.docx", None),
            partial(_excerpts_in_report, total),
            "< 20",
            unit="s",
        )
        ratio = whole.value / half_figure.value
        size = (folder / "whole.docx").stat().st_size / 1e6
        xlsx = once(
            f"XLSX of all {total:,} excerpts",
            workload,
            export("whole.xlsx", None),
            partial(_rows_in_table, total),
            "< 15",
            unit="s",
        )
        return [
            whole,
            half_figure,
            Figure("  CPU time for all / for half the excerpts", ratio, "x", "< 2.2", workload),
            small_figure,
            Figure(f"  size of the {total:,}-excerpt report", size, "MB", "", workload),
            xlsx,
        ]


def _excerpts_in_report(expected: int, path: Path) -> bool:
    """The report holds one source line (the Excerpt Source style) per excerpt."""
    with zipfile.ZipFile(path) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
        body = package.read("word/document.xml").decode("utf-8")
    style = re.search(r'w:styleId="([^"]+)"[^>]*>\s*<w:name w:val="Excerpt Source"', styles)
    if style is None:
        raise AssertionError("the report has no Excerpt Source style")
    found = body.count(f'<w:pStyle w:val="{style.group(1)}"/>')
    if found != expected:
        raise AssertionError(f"{found:,} excerpts in {path.name}, not {expected:,}")
    return True


def _rows_in_table(expected: int, path: Path) -> bool:
    """One row per excerpt below the header row."""
    with zipfile.ZipFile(path) as package:
        sheet = package.read("xl/worksheets/sheet1.xml").decode("utf-8")
    found = sheet.count("<row ") - 1
    if found != expected:
        raise AssertionError(f"{found:,} rows in {path.name}, not {expected:,}")
    return True
