"""`axial handout PROJECT --coder NAME [--blind] OUT.axial`: a copy of the project for a team member, opening as
their coder (blind: without the other coders' codings); their work comes back with `axial merge`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.model.core.text import plural
from app.model.project import EXTENSION, Project
from app.model.teams.handout import hand_out


def add_handout_command(commands: Any) -> None:
    handout = commands.add_parser(
        "handout",
        help="write a copy of a project for a team member to code in (merge it back with `axial merge`)",
        description="The copy keeps every GUID, so the member's work merges back; it opens as their coder (added "
        "if new) and keeps no history from before the hand-out. --blind leaves out the other coders' codings "
        "and marks the coder as coding blind.",
    )
    handout.add_argument("project", type=Path)
    handout.add_argument("out", type=Path, help=f"the copy to write (ends in {EXTENSION}; never overwritten)")
    handout.add_argument("--coder", required=True, help="the team member's name, as a coder of the project")
    handout.add_argument("--blind", action="store_true", help="leave out every other coder's codings")
    handout.set_defaults(run=_handout)


def _handout(args: argparse.Namespace) -> int:
    with Project.open(args.project, backups=0) as project:
        made = hand_out(project, args.out, args.coder, blind=args.blind)
    blind = f", blind ({plural(made.left_out, 'coding')} of other coders left out)" if made.blind else ""
    print(f"Wrote {made.path} for {made.coder}: {plural(made.codings, 'coding')}{blind}.")
    return 0
