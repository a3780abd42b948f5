"""`axial agreement`: how far coders agree, per code (and document), with the method statement for a paper."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.model.agreement.bootstrap import REPLICATES
from app.model.agreement.coefficients import Coefficients
from app.model.agreement.method import method_statement
from app.model.agreement.service import AgreementReport, agreement
from app.model.agreement.units import Unit
from app.model.analysis.lookup import code_named
from app.model.core.errors import AxialError
from app.model.project import Project
from app.model.reports.agreement_columns import columns, interval, shown
from app.model.reports.agreement_docx import write_agreement_docx
from app.model.reports.agreement_xlsx import write_agreement_xlsx


def add_agreement_command(commands: Any) -> None:
    command = commands.add_parser(
        "agreement",
        help="agreement between coders per code: percent, κ, Krippendorff's α, Gwet's AC1, Brennan–Prediger, uα",
        description="Compares the coders' codings unit by unit (characters, sentences, paragraphs or speaker "
        "turns), per code and document, per code and over all codes: percent agreement, Cohen's κ (two coders; "
        "Fleiss' κ for more), Krippendorff's α with a 95%% bootstrap interval (documents resampled), Gwet's AC1, "
        "Brennan–Prediger and prevalence (the share of units anyone coded); and Krippendorff's unitizing α "
        "family over characters (unitizing_alpha: a code's own segments against the rest, or over all codes the "
        "segments and their codes; unitizing_alpha_binary: coded or not; unitizing_alpha_coding: the codes where "
        "segments overlap; unitizing_alpha_k: a code told from the others there). A coder who coded nothing in a "
        "document is missing there; documents fewer than two of the coders coded are left out. With --json, one "
        "object: coders, unit, documents, left_out, overall, codes [{code, coefficients, coded, documents "
        "[{document, coefficients, coded}]}] and method; every coefficient under its name (null: undefined).",
    )
    command.add_argument("project", type=Path)
    command.add_argument("--coders", required=True, metavar="A,B[,C]", help="the coders to compare, by name")
    command.add_argument("--unit", choices=[u.value for u in Unit], default=Unit.CHARACTER.value)
    command.add_argument(
        "--code", action="append", default=[], metavar="PATH", help="only this code, e.g. 'A > B'; repeatable"
    )
    command.add_argument("--document", action="append", default=[], metavar="NAME", help="only this document")
    command.add_argument(
        "--bootstrap",
        type=int,
        default=REPLICATES,
        metavar="N",
        help=f"resamples for α's interval (default {REPLICATES}; 0: no interval)",
    )
    command.add_argument("--json", action="store_true", help="print JSON instead of a table")
    command.add_argument("--docx", type=Path, metavar="FILE", help="also write the table and method to Word")
    command.add_argument("--xlsx", type=Path, metavar="FILE", help="also write the table and method to a workbook")
    command.set_defaults(run=_agreement)


def _agreement(args: argparse.Namespace) -> int:
    if args.bootstrap < 0:
        raise AxialError("agreement: --bootstrap takes 0 or more resamples")
    with Project.open(args.project, read_only=True) as project:
        report = agreement(
            project,
            _coders(project, args.coders),
            Unit(args.unit),
            code_ids=[code_named(project, c) for c in args.code] or None,
            document_ids=_documents(project, args.document),
            replicates=args.bootstrap,
        )
        name = project.info().name
    print(json.dumps(_json(report), ensure_ascii=False, indent=1) if args.json else _text(report))
    if args.docx is not None:
        print(f"Wrote {write_agreement_docx(args.docx, report, name)}")
    if args.xlsx is not None:
        print(f"Wrote {write_agreement_xlsx(args.xlsx, report)}")
    return 0


def _coders(project: Project, names: str) -> list[int]:
    known = {c.name.casefold(): c.id for c in project.coders()}
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    missing = [n for n in wanted if n.casefold() not in known]
    if missing:
        listed = ", ".join(repr(c.name) for c in project.coders())
        raise AxialError(f"agreement: no coder named {', '.join(map(repr, missing))} (the coders: {listed})")
    return [known[n.casefold()] for n in wanted]


def _documents(project: Project, names: list[str]) -> list[int] | None:
    if not names:
        return None
    known = {d.name.casefold(): d.id for d in project.documents.all()}
    missing = [n for n in names if n.strip().casefold() not in known]
    if missing:
        raise AxialError(f"agreement: no document named {', '.join(map(repr, missing))}")
    return [known[n.strip().casefold()] for n in names]


def _coded(report: AgreementReport, coded: tuple[int, ...]) -> dict[str, int]:
    return {coder.name: count for coder, count in zip(report.coders, coded, strict=True)}


def _json(report: AgreementReport) -> dict[str, Any]:
    return {
        "coders": [c.name for c in report.coders],
        "unit": report.unit.value,
        "documents": list(report.documents),
        "left_out": list(report.left_out),
        "bootstrap": {"replicates": report.replicates, "seed": report.seed, "resampled": "documents"},
        "overall": report.overall.named(),
        "codes": [
            {
                "code": code.path,
                "coefficients": code.coefficients.named(),
                "coded": _coded(report, code.coded),
                "documents": [
                    {
                        "document": cell.document,
                        "coefficients": cell.coefficients.named(),
                        "coded": _coded(report, cell.coded),
                    }
                    for cell in code.documents
                ],
            }
            for code in report.codes
        ],
        "method": method_statement(report),
    }


def _text(report: AgreementReport) -> str:
    shown_columns = [c for c in columns(report) if not c.title.startswith("α 95%")]
    place = 1 + next(i for i, c in enumerate(shown_columns) if c.title == "Krippendorff's α")
    titles = [c.title for c in shown_columns]
    header = ["Code", *titles[:place], "α 95% interval", *titles[place:]]

    def row(name: str, figures: Coefficients) -> list[str]:
        values = [shown(c.value(figures), c.kind) for c in shown_columns]
        return [name, *values[:place], interval(figures.alpha_low, figures.alpha_high), *values[place:]]

    rows = [header, row("All codes", report.overall), *(row(c.path, c.coefficients) for c in report.codes)]
    lines = ["\t".join(r) for r in rows]
    if report.left_out:
        lines.append(f"Left out (coded by fewer than two of the coders): {', '.join(report.left_out)}")
    lines += ["", method_statement(report)]
    return "\n".join(lines)
