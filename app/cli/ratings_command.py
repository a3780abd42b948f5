"""`axial ratings`: construct ratings and their rationales to and from a spreadsheet (XLSX, or CSV with its
rationales in FILE-rationale.csv beside it); the layout is described in `app/model/frameworks/ratings_exchange.py`."""

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
        description="One row per rating unit, one column per construct id (III.D), and the rationales: a "
        "'Rationale' sheet in .xlsx, FILE-rationale.csv beside a .csv. An import names every unknown unit or "
        "construct and changes nothing then; an empty cell keeps the rating there; it is one step to undo.",
    )
    ratings.add_argument("project", type=Path)
    way = ratings.add_mutually_exclusive_group(required=True)
    way.add_argument("--export", type=Path, metavar="FILE", help="write the ratings to FILE.xlsx or FILE.csv")
    way.add_argument("--import", dest="source", type=Path, metavar="FILE", help="read ratings from FILE.xlsx|.csv")
    ratings.set_defaults(run=_ratings)


def _ratings(args: argparse.Namespace) -> int:
    if args.export is not None:
        if args.export.suffix.lower() not in (".xlsx", ".csv"):
            raise AxialError(f"ratings: {args.export.name}: name a .xlsx or .csv file")
        with Project.open(args.project, read_only=True) as project:
            for path in export_ratings(project, args.export):
                print(f"Wrote {path}")
        return 0
    with Project.open(args.project) as project:
        print(project.edits.import_ratings(args.source).summary())
    return 0
