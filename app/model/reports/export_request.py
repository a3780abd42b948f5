"""One export of coded excerpts as a request: what to include, how to group it, and how to say so on the title page.

The desktop dialog and the `axial export` command both build an `ExcerptRequest` and hand it to `export_excerpts`,
so the same choices give the same file whichever way it was made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.model.core.errors import ValidationError
from app.model.core.progress import Progress
from app.model.project import Project
from app.model.reports.excerpt_outline import Grouping, Order, OutlineOptions, outline
from app.model.reports.excerpts import Context, ExcerptFilter, collect
from app.model.reports.excerpts_docx import ReportOptions, write_excerpts_report
from app.model.reports.excerpts_table import write_excerpts_table
from app.model.reports.paper import Paper
from app.model.reports.scope_words import scope_lines

TABLE_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class ExcerptRequest:
    wanted: ExcerptFilter = field(default_factory=ExcerptFilter)
    layout: OutlineOptions = field(default_factory=OutlineOptions)
    context: Context = Context.NONE
    source_attributes: tuple[int, ...] = ()
    title: str = "Coded excerpts"
    paper: Paper = Paper.A4


def export_excerpts(project: Project, path: Path, request: ExcerptRequest, progress: Progress | None = None) -> Path:
    """Write the report (.docx) or the table (.csv, .xlsx) of the excerpts the request asks for."""
    table = path.suffix.lower() in TABLE_SUFFIXES
    context = Context.NONE if table else request.context
    if request.layout.grouping is Grouping.FRAMEWORK and project.frameworks.default_id() is None:
        raise ValidationError("The project maps onto no framework; group the excerpts by code tree instead.")
    excerpts = collect(project, request.wanted, context=context, progress=progress)
    if table:
        return write_excerpts_table(path, excerpts, progress)
    options = ReportOptions(
        title=request.title,
        project_name=project.info().name,
        source_attributes=request.source_attributes,
        details=describe(project, request),
        paper=request.paper,
    )
    return write_excerpts_report(path, excerpts, outline(excerpts, request.layout), options, progress)


def describe(project: Project, request: ExcerptRequest) -> tuple[str, ...]:
    """How the report was made, in words, for its title page."""
    attributes = {a.id: a.name for a in project.cases.attributes()}
    layout, scope = request.layout, request.wanted.scope
    lines = [
        "Grouped by "
        + ("framework domain, construct and code" if layout.grouping is Grouping.FRAMEWORK else "code tree")
    ]
    if layout.split_by is not None:
        lines[0] += f", then by {attributes[layout.split_by]}"
    framework_id = project.frameworks.default_id()
    if layout.grouping is Grouping.FRAMEWORK and framework_id is not None:
        chosen = next(f for f in project.frameworks.all() if f.id == framework_id)
        lines.append(f"Framework: {chosen.name}" + (f". {chosen.citation}" if chosen.citation else ""))
    if request.wanted.code_ids:
        names = {n.code.id: " > ".join(n.path) for n in project.codes.tree()}
        lines.append("Codes: " + "; ".join(names[c] for c in request.wanted.code_ids) + " (with their sub-codes)")
    if request.wanted.node_ids:
        framework = project.frameworks.default_id()
        nodes = {n.id: n for n in project.frameworks.nodes(framework)} if framework is not None else {}
        lines.append(
            "Constructs: "
            + "; ".join(
                " ".join(p for p in (nodes[n].official_id, nodes[n].name) if p) for n in request.wanted.node_ids
            )
        )
    lines += scope_lines(project, scope)
    if layout.order is Order.CASE:
        lines.append("Excerpts sorted by case")
    elif layout.order is Order.ATTRIBUTE and layout.order_attribute is not None:
        lines.append(f"Excerpts sorted by {attributes[layout.order_attribute]}")
    return tuple(lines)
