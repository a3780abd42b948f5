"""`axial ratings`: construct ratings, their rationales and the cells' summaries to and from a spreadsheet (XLSX, or
CSV with FILE-rationale.csv and FILE-summaries.csv beside it); the layout is described in
`app/model/frameworks/ratings_exchange.py`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.model.core.errors import AxialError
from app.model.frameworks.ratings_exchange import export_ratings
from app.model.project import Project


def add_ratings_command(commands: Any) -> None:
    ratings = commands.add_parser(
        "ratings",
        help="export construct ratings to a spreadsheet, or import them from one",
        description="One row per rating unit, one column per construct id (III.D); then the rationales (Unit, "
        "Construct, Rationale, Flag) and the cells' summaries (Unit, Construct, Summary): the 'Rationale' and "
        "'Summaries' sheets of an .xlsx, or FILE-rationale.csv and FILE-summaries.csv beside a .csv (an import "
        "reads each one that is there). An import names every unknown unit or construct and changes nothing then; "
        "an empty cell keeps the rating there; it is one step to undo. With --rater, the file is one rater's own "
        "ratings, kept beside the team's (its flags and summaries are left out).",
    )
    ratings.add_argument("project", type=Path)
    way = ratings.add_mutually_exclusive_group(required=True)
    way.add_argument("--export", type=Path, metavar="FILE", help="write the ratings to FILE.xlsx or FILE.csv")
    way.add_argument("--import", dest="source", type=Path, metavar="FILE", help="read ratings from FILE.xlsx|.csv")
    ratings.add_argument(
        "--rater", metavar="NAME", help="with --import: the ratings are this coder's own, beside the team's"
    )
    ratings.set_defaults(run=_ratings)


def _ratings(args: argparse.Namespace) -> int:
    if args.export is not None:
        if args.rater is not None:
            raise AxialError("ratings: --rater goes with --import (an export holds the team's ratings)")
        if args.export.suffix.lower() not in (".xlsx", ".csv"):
            raise AxialError(f"ratings: {args.export.name}: name a .xlsx or .csv file")
        with Project.open(args.project, read_only=True) as project:
            for path in export_ratings(project, args.export):
                print(f"Wrote {path}")
        return 0
    with Project.open(args.project) as project:
        if args.rater is None:
            print(project.edits.import_ratings(args.source).summary())
            return 0
        coders = project.coders()
        rater = next((c for c in coders if c.name.casefold() == args.rater.strip().casefold()), None)
        if rater is None:
            known = ", ".join(repr(c.name) for c in coders)
            raise AxialError(f"ratings: no coder named {args.rater!r} in this project (its coders: {known})")
        print(f"{rater.name}: {project.edits.import_rater_ratings(args.source, rater.id).summary()}")
    return 0
