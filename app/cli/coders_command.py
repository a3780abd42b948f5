"""`axial coders` lists a project's coders; `axial coder` renames one, sets their initials or colour, or switches
their blind coding on (`--blind`) or off (`--compare`). Each change is one undoable step (`axial undo`)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.model.core.dto import CoderInfo
from app.model.core.errors import AxialError
from app.model.project import Project


def add_coders_commands(commands: Any) -> None:
    listing = commands.add_parser(
        "coders",
        help="list the project's coders: name, initials, colour, codings, and whether they code blind",
        description="One line per coder, fields separated by tabs: name, initials, colour, codings, 'blind' when "
        "they code blind. With --json, one JSON object per line with the keys guid, name, initials, colour, "
        "codings and blind.",
    )
    listing.add_argument("project", type=Path)
    listing.add_argument("--json", action="store_true", help="one JSON object per line instead of text")
    listing.set_defaults(run=_list)

    change = commands.add_parser(
        "coder",
        help="rename a coder, set their initials or colour, or switch their blind coding on or off",
        description="Changes one coder of the project; each change is one step that `axial undo` takes back. "
        "A name another coder has is refused.",
    )
    change.add_argument("project", type=Path)
    change.add_argument("name", help="the coder to change, by name")
    change.add_argument("--rename", metavar="NEW", help="their new name")
    change.add_argument("--initials", help="one to four letters shown beside their codings")
    change.add_argument("--colour", metavar="#RRGGBB", help="their colour")
    blind = change.add_mutually_exclusive_group()
    blind.add_argument("--blind", action="store_true", help="code blind: the other coders' codings hidden from them")
    blind.add_argument("--compare", action="store_true", help="stop coding blind: show the other coders' codings")
    change.set_defaults(run=_change)


def _list(args: argparse.Namespace) -> int:
    with Project.open(args.project, read_only=True) as project:
        for coder in project.coders():
            codings = project.team.codings_by(coder.id)
            if args.json:
                keys = {"guid": coder.guid, "name": coder.name, "initials": coder.initials, "colour": coder.colour}
                print(json.dumps({**keys, "codings": codings, "blind": coder.blind}, ensure_ascii=False))
            else:
                blind = "\tblind" if coder.blind else ""
                print(f"{coder.name}\t{coder.initials}\t{coder.colour}\t{codings}{blind}")
    return 0


def _change(args: argparse.Namespace) -> int:
    if not (args.rename or args.initials or args.colour or args.blind or args.compare):
        raise AxialError("coder: say what to change (--rename, --initials, --colour, --blind or --compare)")
    with Project.open(args.project, backups=0) as project:
        coder = _named(project, args.name)
        edits = project.edits
        with edits.together(f"Change coder “{coder.name}”"):
            if args.rename:
                coder = edits.rename_coder(coder.id, args.rename)
            if args.initials:
                coder = edits.set_coder_initials(coder.id, args.initials)
            if args.colour:
                coder = edits.set_coder_colour(coder.id, args.colour)
            if args.blind or args.compare:
                coder = edits.set_coder_blind(coder.id, args.blind)
        blind = ", coding blind" if coder.blind else ""
        print(f"{coder.name} ({coder.initials}, {coder.colour}{blind})")
    return 0


def _named(project: Project, name: str) -> CoderInfo:
    wanted = " ".join(name.split()).casefold()
    coders = project.coders()
    found = next((c for c in coders if c.name.casefold() == wanted), None)
    if found is None:
        listed = ", ".join(repr(c.name) for c in coders) or "none"
        raise AxialError(f"coder: no coder named {name!r} in this project (its coders: {listed})")
    return found
