"""`axial table`: codes against the values or ranges of a case attribute, as the desktop's analysis counts them."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Any

from app.model.analysis.lookup import attribute_named, code_named, sets_named, where_scope
from app.model.analysis.matrices import Analysis, Measure
from app.model.analysis.scope import Scope
from app.model.cases.attribute_values import parse_date
from app.model.cases.bins import Binnable, Bins, Method, attribute_bins
from app.model.cases.case_service import parse_number
from app.model.core.dto import AttributeType
from app.model.core.errors import ValidationError
from app.model.project import Project

_MEASURES = {"codings": Measure.CODINGS, "documents": Measure.DOCUMENTS, "cases": Measure.CASES}


def add_table_command(commands: Any) -> None:
    table = commands.add_parser(
        "table",
        help="codes by the values or ranges of a case attribute (counts of codings, documents or cases)",
        description="Codes against a case attribute, as the desktop's Analysis ▸ Codes × attribute counts them. "
        "For a number or date attribute, --cut, --equal or --quantiles count by ranges instead of single values.",
    )
    table.add_argument("project", type=Path)
    table.add_argument("--by", required=True, metavar="ATTRIBUTE", help="the case attribute of the columns")
    table.add_argument("--count", choices=tuple(_MEASURES), default="codings", help="what each cell counts")
    ranges = table.add_mutually_exclusive_group()
    ranges.add_argument(
        "--cut", action="append", default=[], metavar="VALUE", help="a cut point (repeatable): --cut 5 gives < 5, ≥ 5"
    )
    ranges.add_argument("--equal", type=int, metavar="N", help="N ranges of equal width")
    ranges.add_argument("--quantiles", type=int, metavar="N", help="N ranges holding as many cases each")
    table.add_argument("--code", action="append", default=[], metavar="CODE", help="only this code (a path or name)")
    table.add_argument(
        "--where", action="append", default=[], metavar="ATTR=V[,V]|ATTR>=N", help="only cases with the value or range"
    )
    table.add_argument("--set", action="append", default=[], metavar="NAME", help="only documents in this set")
    table.add_argument("--csv", action="store_true", help="print CSV instead of an aligned table")
    table.set_defaults(run=_table)


def _table(args: argparse.Namespace) -> int:
    with Project.open(args.project, read_only=True) as project:
        attribute = attribute_named(project, args.by)
        bins = _bins(project, attribute.id, attribute.type, args)
        scope = where_scope(project, args.where, Scope(set_ids=sets_named(project, args.set)))
        nodes = project.codes.tree()
        wanted = {code_named(project, name) for name in args.code}
        rows = [n for n in nodes if not wanted or n.code.id in wanted]
        matrix = Analysis(project, scope).by_attribute(
            [n.code.id for n in rows], attribute.id, _MEASURES[args.count], bins
        )
        header = ["Code", *matrix.columns]
        body = [[" > ".join(n.path), *(str(matrix.get(n.code.id, c)) for c in matrix.columns)] for n in rows]
    if args.csv:
        csv.writer(sys.stdout, lineterminator="\n").writerows([header, *body])
        return 0
    print(f"{args.count} of each code by {attribute.name}")
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    for row in [header, *body]:
        cells = [
            cell.rjust(width) if i else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells))
    return 0


def _bins(project: Project, attribute_id: int, kind: AttributeType, args: argparse.Namespace) -> Bins | None:
    if not (args.cut or args.equal or args.quantiles):
        return None
    if kind not in (AttributeType.NUMBER, AttributeType.DATE):
        raise ValidationError(
            f"--cut, --equal and --quantiles need a number or date attribute; {args.by!r} is {kind.value}"
        )
    if args.cut:
        cuts: list[Binnable | None] = [
            parse_number(cut) if kind is AttributeType.NUMBER else parse_date(cut) for cut in args.cut
        ]
        held = [cut for cut in cuts if cut is not None]
        if len(held) < len(cuts):
            raise ValidationError(f"a cut point is not a {kind.value}: {', '.join(args.cut)}")
        return attribute_bins(project, attribute_id, Method.CUTS, cuts=held)
    method = Method.EQUAL_WIDTH if args.equal else Method.QUANTILES
    count = args.equal or args.quantiles
    if count < 2:
        raise ValidationError("--equal and --quantiles need at least 2 ranges")
    return attribute_bins(project, attribute_id, method, count)
