"""`axial import-qdpx`: a REFI-QDA project or codebook from another tool, into a new project or an existing one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.model.core.errors import AxialError
from app.model.exchange.refi_import import import_as_new
from app.model.exchange.refi_loader import ImportReport
from app.model.project import EXTENSION, Project


def add_import_command(commands: Any, progress: Any) -> None:
    command = commands.add_parser(
        "import-qdpx",
        help="import a REFI-QDA project (.qdpx, .qde) or codebook (.qdc) from NVivo, ATLAS.ti, MAXQDA, QualCoder",
    )
    command.add_argument("file", type=Path, help="the .qdpx (or .zip), .qde or .qdc file")
    where = command.add_mutually_exclusive_group(required=True)
    where.add_argument("--new", type=Path, metavar="PROJECT", help=f"create this project ({EXTENSION}) from the file")
    where.add_argument("--into", type=Path, metavar="PROJECT", help="merge the file into this existing project")
    command.set_defaults(run=lambda args: _import(args, progress))


def _import(args: argparse.Namespace, progress: Any) -> int:
    if args.new is not None:
        target: Path = args.new if args.new.suffix == EXTENSION else args.new.with_name(args.new.name + EXTENSION)
        if target.exists():
            raise AxialError(f"{target.name}: already exists; choose a new name or use --into to merge")
        project, report = import_as_new(args.file, target, progress)
        project.close()
    else:
        with Project.open(args.into) as project:
            report = project.edits.merge_exchange(args.file, progress)
    print_report(report)
    return 0


def print_report(report: ImportReport) -> None:
    print(report.summary() + ".")
    for source, unit in report.units.items():
        print(f"  {source}: offsets counted in {unit}")
    for line in report.unplaced:
        print(f"  not placed: {line}")
    for line in report.skipped:
        print(f"  not imported: {line}")
    for line in report.changed:
        print(f"  changed: {line}")
