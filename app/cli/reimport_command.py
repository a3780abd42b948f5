"""`axial reimport PROJECT DOCUMENT FILE [--dry-run]`: replace a document's text with a corrected file, its codings
following; prints how many codings stay intact, shift, were edited and relocated, and are left to review."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.model.analysis.lookup import document_named
from app.model.project import Project
from app.model.revisions.reimport import ReimportPlan, plan_reimport
from app.model.revisions.relocation import Fate

_CONTEXT = 60


def add_reimport_command(commands: Any) -> None:
    reimport = commands.add_parser(
        "reimport", help="replace a document with a corrected version of its transcript; codings follow"
    )
    reimport.add_argument("project", type=Path)
    reimport.add_argument("document", help="the document's name (or its id)")
    reimport.add_argument("file", type=Path, help="the corrected transcript (any format `axial import` reads)")
    reimport.add_argument("--dry-run", action="store_true", help="say where the codings would go; change nothing")
    reimport.set_defaults(run=_reimport)


def _reimport(args: argparse.Namespace) -> int:
    with Project.open(args.project, read_only=args.dry_run, backups=0) as project:
        found = document_named(project, args.document)
        plan = plan_reimport(project, found.id, args.file)
        print(_counts(plan))
        for relocation in plan.to_review:
            old = plan.old_text[relocation.old.start : relocation.old.end]
            new = plan.new_text[relocation.new.start : relocation.new.end]
            if relocation.lost:
                print(f"  to review: coding {relocation.coding_id}: “{_short(old)}” -> its words were deleted: removed")
            else:
                print(f"  to review: coding {relocation.coding_id}: “{_short(old)}” -> suggested “{_short(new)}”")
        if args.dry_run:
            print("Dry run: nothing changed.")
            return 0
        result = project.edits.replace_with_corrected(plan)
        print(
            f"{found.name} is now version {result.version}: {result.unchanged} codings where they were, {result.moved} "
            f"moved, {result.removed} removed (two codings of one code by one coder on the same words become one); "
            "those to review are at their suggested spots, or removed when their words were deleted."
        )
    return 0


def _counts(plan: ReimportPlan) -> str:
    said = ", ".join(f"{plan.count(fate)} {fate.value}" for fate in Fate)
    return f"{len(plan.edits)} edits; codings: {said}"


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _CONTEXT else flat[: _CONTEXT - 1] + "…"
