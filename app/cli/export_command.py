"""`axial export`: coded excerpts (Word, CSV, XLSX), the codebook, the ratings matrix and the site summaries, from
the command line."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from app.model.analysis.lookup import attribute_named, code_named, sets_named, where_scope
from app.model.analysis.matrices import Scope
from app.model.core.dto import AttributeType
from app.model.core.errors import AxialError, ValidationError
from app.model.exchange.refi_writer import write_qdc, write_qdpx
from app.model.frameworks.distinguishing import Cut, CutKind
from app.model.frameworks.ratings_matrix import RatingsMatrix
from app.model.project import Project
from app.model.reports.codebook import codebook_entries, write_codebook_docx, write_codebook_table
from app.model.reports.excerpt_outline import Grouping, Order, OutlineOptions
from app.model.reports.excerpts import Context, ExcerptFilter
from app.model.reports.export_request import ExcerptRequest, export_excerpts
from app.model.reports.paper import Paper
from app.model.reports.ratings_docx import write_ratings_docx
from app.model.reports.ratings_xlsx import write_ratings
from app.model.reports.scope_words import scope_lines
from app.model.reports.site_summaries_docx import write_site_summaries_docx


def add_export_command(commands: Any, progress: Any) -> None:
    export = commands.add_parser(
        "export",
        help="export coded excerpts, the codebook or the ratings matrix",
        description="Write one or more exports of a project. Filters apply to the excerpts (--docx, --csv, --xlsx).",
    )
    export.add_argument("project", type=Path)
    out = export.add_argument_group("what to write (at least one)")
    out.add_argument("--docx", type=Path, metavar="FILE", help="the coded-excerpts report in Word")
    out.add_argument("--csv", type=Path, metavar="FILE", help="one row per excerpt, as CSV")
    out.add_argument("--xlsx", type=Path, metavar="FILE", help="one row per excerpt, as an Excel workbook")
    out.add_argument("--codebook", type=Path, metavar="FILE", help="the codebook (.docx, .xlsx or .csv)")
    out.add_argument("--matrix", type=Path, metavar="FILE", help="the CFIR ratings matrix (.docx or .xlsx)")
    out.add_argument(
        "--summaries", type=Path, metavar="FILE", help="per unit and construct: rating, rationale, summary (.docx)"
    )
    out.add_argument(
        "--qdpx", type=Path, metavar="FILE", help="the whole project for NVivo, ATLAS.ti, MAXQDA (REFI-QDA)"
    )
    out.add_argument("--qdc", type=Path, metavar="FILE", help="the codebook for other QDA tools (REFI-QDA)")
    report = export.add_argument_group("the report")
    report.add_argument("--by", choices=["tree", "cfir"], default="tree", help="group by code tree or by CFIR")
    report.add_argument("--split-by", metavar="ATTRIBUTE", help="split each code's excerpts by an attribute")
    report.add_argument("--sort", default="document", metavar="document|case|ATTRIBUTE", help="order of excerpts")
    report.add_argument("--context", choices=[c.value for c in Context], default="none", help="text shown around")
    report.add_argument("--show", metavar="A,B", help="attributes named in source lines (default: the categorical)")
    report.add_argument("--title", default="Coded excerpts")
    export.add_argument("--paper", choices=[p.value for p in Paper], default="a4", help="page size of Word files")
    report.add_argument("--no-unmapped", action="store_true", help="with --by cfir: leave out unmapped codes")
    scope = export.add_argument_group("which excerpts (repeat an option to allow several)")
    scope.add_argument(
        "--where", action="append", default=[], metavar="ATTR=V[,V]|ATTR>=N",
        help="e.g. 'Role=case manager', 'Change>=5', 'Visit=2024-01-01..2024-06-30'",
    )  # fmt: skip
    scope.add_argument("--set", action="append", default=[], metavar="NAME", help="documents in a set")
    scope.add_argument("--code", action="append", default=[], metavar="PATH", help="a code or category, e.g. 'A > B'")
    scope.add_argument("--construct", action="append", default=[], metavar="ID", help="a CFIR id, e.g. III.K")
    scope.add_argument("--document", action="append", default=[], metavar="NAME")
    scope.add_argument("--case", action="append", default=[], metavar="NAME")
    scope.add_argument("--coder", action="append", default=[], metavar="NAME")
    scope.add_argument("--from", dest="since", type=date.fromisoformat, metavar="YYYY-MM-DD", help="coded on/after")
    scope.add_argument("--to", dest="until", type=date.fromisoformat, metavar="YYYY-MM-DD", help="coded on/before")
    matrix = export.add_argument_group("the ratings matrix")
    matrix.add_argument("--outcome", metavar="ATTRIBUTE", help="order units by this attribute and compare them")
    matrix.add_argument(
        "--cut",
        default="median",
        metavar="median|top:K|at-least:N|ATTR=VALUE",
        help="which units are high: at or above the outcome's median (default), its K highest, at or above N, or "
        "those taking an attribute's value (such as 'High fidelity=yes', no --outcome needed)",
    )
    export.set_defaults(run=lambda args: _export(args, progress))


def _export(args: argparse.Namespace, progress: Any) -> int:
    targets = [args.docx, args.csv, args.xlsx, args.codebook, args.matrix, args.summaries, args.qdpx, args.qdc]
    if not any(targets):
        raise AxialError(
            "export: name at least one of --docx, --csv, --xlsx, --codebook, --matrix, --summaries, --qdpx, --qdc"
        )
    with Project.open(args.project, read_only=True) as project:
        if args.docx or args.csv or args.xlsx:
            request = _request(project, args)
            for path, suffix in ((args.docx, ".docx"), (args.csv, ".csv"), (args.xlsx, ".xlsx")):
                if path is not None:
                    path = path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
                    print(f"Wrote {export_excerpts(project, path, request, progress)}")
        if args.codebook:
            scope = _scope(project, args)
            entries = codebook_entries(project, scope)
            if args.codebook.suffix.lower() == ".docx":
                within = scope_lines(project, scope)
                written = write_codebook_docx(args.codebook, entries, project.info().name, Paper(args.paper), within)
            else:
                written = write_codebook_table(args.codebook, entries)
            print(f"Wrote {written}")
        if args.matrix:
            print(f"Wrote {_matrix(project, args.matrix, args.outcome, _cut(project, args.cut), Paper(args.paper))}")
        if args.summaries:
            framework = project.frameworks.default_id()
            if framework is None:
                raise ValidationError("the project maps onto no framework, so it has no site summaries")
            print(f"Wrote {write_site_summaries_docx(args.summaries, project, framework, Paper(args.paper))}")
        for exported in (
            write_qdpx(project, args.qdpx, progress) if args.qdpx else None,
            write_qdc(project, args.qdc) if args.qdc else None,
        ):
            if exported is not None:
                print(f"Wrote {exported.path}")
                for loss in exported.warnings:
                    print(f"  not carried by REFI-QDA: {loss}")
    return 0


def _scope(project: Project, args: argparse.Namespace) -> Scope:
    """The documents, sets, cases, coders, dates and attribute values or ranges the options keep."""
    scope = Scope(
        document_ids=_named(args.document, {d.name: d.id for d in project.documents.all()}, "document"),
        set_ids=sets_named(project, args.set),
        case_ids=_named(args.case, {c.name: c.id for c in project.cases.all()}, "case"),
        coder_ids=_named(args.coder, {c.name: c.id for c in project.coders()}, "coder"),
        coded_from=args.since,
        coded_to=args.until,
    )
    return where_scope(project, args.where, scope)


def _request(project: Project, args: argparse.Namespace) -> ExcerptRequest:
    def attribute(name: str) -> int:
        return attribute_named(project, name).id

    scope = _scope(project, args)
    framework = project.frameworks.default_id()
    nodes = {n.official_id: n.id for n in project.frameworks.nodes(framework)} if framework is not None else {}
    order, order_attribute = Order.DOCUMENT, None
    if args.sort in ("case", "document"):
        order = Order(args.sort)
    else:
        order, order_attribute = Order.ATTRIBUTE, attribute(args.sort)
    shown = [attribute(name) for name in args.show.split(",")] if args.show else _categorical(project)
    return ExcerptRequest(
        wanted=ExcerptFilter(
            scope=scope,
            code_ids=tuple(code_named(project, path) for path in args.code),
            node_ids=tuple(_one(nodes, official, "construct", official) for official in args.construct),
        ),
        layout=OutlineOptions(
            grouping=Grouping.FRAMEWORK if args.by == "cfir" else Grouping.TREE,
            split_by=attribute(args.split_by) if args.split_by else None,
            order=order,
            order_attribute=order_attribute,
            include_unmapped=not args.no_unmapped,
        ),
        context=Context(args.context),
        source_attributes=tuple(shown),
        title=args.title,
        paper=Paper(args.paper),
    )


def _categorical(project: Project) -> list[int]:
    return [a.id for a in project.cases.attributes() if a.type in (AttributeType.CHOICE, AttributeType.TEXT)]


def _named(names: list[str], known: dict[str, int], what: str) -> frozenset[int] | None:
    if not names:
        return None
    return frozenset(_one(known, name, what, name) for name in names)


def _one(known: dict[Any, int], key: Any, what: str, shown: str) -> int:
    if key not in known:
        raise ValidationError(f"no {what} {shown!r} in the project")
    return known[key]


def _cut(project: Project, said: str) -> Cut:
    kind, _, amount = said.partition(":")
    try:
        if said == "median":
            return Cut()
        if kind == "top" and amount:
            return Cut(CutKind.TOP, top=int(amount))
        if kind == "at-least" and amount:
            return Cut(CutKind.THRESHOLD, threshold=float(amount))
    except ValueError:
        raise ValidationError(f"--cut {said!r}: {amount!r} is not a number") from None
    name, equals, value = said.partition("=")
    if equals:
        return Cut(CutKind.VALUE, attribute_id=attribute_named(project, name.strip()).id, value=value.strip())
    raise ValidationError(f"--cut {said!r}: use median, top:K, at-least:N or ATTRIBUTE=VALUE")


def _matrix(project: Project, path: Path, outcome: str | None, cut: Cut, paper: Paper) -> Path:
    framework = project.frameworks.default_id()
    if framework is None:
        raise ValidationError("the project maps onto no framework, so it has no ratings matrix")
    chosen = attribute_named(project, outcome) if outcome else None
    matrix = RatingsMatrix(project, framework, chosen.id if chosen else None, cut)
    if path.suffix.lower() == ".docx":
        return write_ratings_docx(path, matrix, project.info().name, chosen.name if chosen else None, paper)
    return write_ratings(path, matrix, chosen.name if chosen else None)
