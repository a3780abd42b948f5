"""`axial merge PROJECT OTHER.axial [--dry-run] [--take-theirs KEY|all]`: bring a coder's copy back into the
project as one step (`axial undo` takes it back), after saying what matches, what is new, what is refused and
what conflicts. Conflicts keep the project's value unless --take-theirs names them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.model.core.errors import ValidationError
from app.model.project import Project
from app.model.teams.merge_plan import Match, Matched, MergePlan
from app.model.teams.merging import preview_merge


def add_merge_command(commands: Any) -> None:
    merge = commands.add_parser(
        "merge",
        help="merge a coder's copy (from `axial handout`) back into a project, as one step to undo",
        description="Documents match by GUID and text (one whose text differs is reported and its codings left "
        "out), codes by GUID then by path of names, coders by GUID (two people of one name stay two). Codings, "
        "memos, cases, attribute values, mappings and ratings are merged; a copy merged twice changes nothing.",
    )
    merge.add_argument("project", type=Path)
    merge.add_argument("other", type=Path, help="the coder's copy")
    merge.add_argument("--dry-run", action="store_true", help="say what the merge would do; change nothing")
    merge.add_argument(
        "--take-theirs",
        action="append",
        default=[],
        metavar="KEY",
        help="settle this conflict (its key, as listed) the copy's way; `all` for every conflict, `copy` for those "
        "changed only in the copy since it was handed out; repeatable",
    )
    merge.set_defaults(run=_merge)


def _merge(args: argparse.Namespace) -> int:
    with Project.open(args.project, read_only=args.dry_run, backups=0) as project:
        plan = preview_merge(project, args.other)
        _print_plan(plan)
        if args.dry_run:
            print("Dry run: nothing was changed.")
            return 0
        keys = {c.key for c in plan.conflicts}
        unknown = sorted(set(args.take_theirs) - keys - {"all", "copy"})
        if unknown:
            raise ValidationError(f"--take-theirs {unknown[0]}: no such conflict; nothing was changed")
        theirs = keys if "all" in args.take_theirs else set(args.take_theirs) - {"copy"}
        if "copy" in args.take_theirs:
            theirs |= plan.copys_changes()
        if plan.changes_nothing(theirs):
            print("Nothing to merge: the project already holds everything in the copy.")
            return 0
        report = project.edits.merge_copy(args.other, theirs)
    print(report.summary() + ". Undo it with `axial undo`.")
    return 0


def _print_plan(plan: MergePlan) -> None:
    print(f"Merging {plan.copy_name}:")
    for title, matches in (("Documents", plan.documents), ("Codes", plan.codes), ("Coders", plan.coders)):
        print(f"{title}:")
        for m in matches:
            print(f"  {m.name}: {_said(m)}")
    print(
        f"Codings: {len(plan.codings):,} to add, {plan.codings_there:,} already here, "
        f"{plan.codings_refused:,} on refused documents"
    )
    print("Also to add: " + ", ".join(plan.others()))
    if plan.conflicts:
        print(
            "Conflicts (this project's value is kept unless --take-theirs KEY, or `copy` for those changed only "
            "in the copy):"
        )
        for c in plan.conflicts:
            changed = f" (changed in {c.changed_in})" if c.changed_in else ""
            print(f"  {c.what}, {c.where}{changed}: mine {c.mine!r}, theirs {c.theirs!r}  [{c.key}]")
    for note in plan.notes:
        print(f"Note: {note}")


def _said(m: Matched) -> str:
    said = m.match.value
    if m.match in (Match.NEW, Match.NAMED_APART) and m.name_here and m.name_here != m.name.rsplit(" > ", 1)[-1]:
        said += f" (as {m.name_here})"
    return f"{said}; {m.note}" if m.note else said
