"""`axial`: the command line over the same services the desktop uses.

User errors print one line to stderr and exit with status 1 (2 for bad usage); never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .model.errors import AxialError
from .model.project import EXTENSION, Project


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except AxialError as error:
        print(f"axial: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("axial: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="axial", description="Axial projects from the command line.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    new = commands.add_parser("new", help="create an empty project file")
    new.add_argument("file", type=Path, help=f"the new project (ends in {EXTENSION})")
    new.add_argument("--name", help="the project's name (default: the file name)")
    new.add_argument("--coder", help="your coder name (default: your login name)")
    new.set_defaults(run=_new)

    info = commands.add_parser("info", help="show what a project holds")
    info.add_argument("file", type=Path)
    info.set_defaults(run=_info)

    check = commands.add_parser("check", help="check a project file's integrity")
    check.add_argument("file", type=Path)
    check.set_defaults(run=_check)
    return parser


def _new(args: argparse.Namespace) -> int:
    path: Path = args.file
    if path.suffix != EXTENSION:
        path = path.with_name(path.name + EXTENSION)
    with Project.create(path, name=args.name, coder=args.coder) as project:
        print(f"Created {project.path}")
    return 0


def _info(args: argparse.Namespace) -> int:
    with Project.open(args.file, read_only=True) as project:
        info = project.info()
    rows = [
        ("Project", info.name),
        ("File", info.path),
        ("Created", info.created_at.strftime("%Y-%m-%d %H:%M")),
        ("Schema revision", str(info.schema_revision)),
        ("Framework", info.default_framework or "none"),
        ("Documents", str(info.documents)),
        ("Codes", str(info.codes)),
        ("Codings", str(info.codings)),
        ("Cases", str(info.cases)),
        ("Memos", str(info.memos)),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


def _check(args: argparse.Namespace) -> int:
    with Project.open(args.file, read_only=True) as project:
        problems = project.check()
    if problems:
        print(f"{args.file.name}: {len(problems)} problem(s) found:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"{args.file.name}: intact")
    return 0


if __name__ == "__main__":
    sys.exit(main())
