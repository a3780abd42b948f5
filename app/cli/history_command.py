"""`axial history`, `axial undo`, `axial redo`: the project's own history, the same the desktop's Edit menu uses."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.model.project import Project


def add_history_commands(commands: Any) -> None:
    history = commands.add_parser("history", help="list the latest changes to a project, newest first")
    history.add_argument("project", type=Path)
    history.add_argument("--limit", type=int, default=20, help="how many to list (default 20)")
    history.set_defaults(run=_history)
    for verb, what in (("undo", "undo the latest change still done"), ("redo", "redo the latest change undone")):
        command = commands.add_parser(verb, help=what)
        command.add_argument("project", type=Path)
        command.add_argument("--steps", type=int, default=1, help="how many steps (default 1)")
        command.set_defaults(run=_undo if verb == "undo" else _redo)


def _history(args: argparse.Namespace) -> int:
    with Project.open(args.project, read_only=True) as project:
        for step in project.history.operations(limit=args.limit):
            state = {"done": "", "undone": "  (undone)", "discarded": "  (undone, then replaced)"}[step.state]
            print(f"{step.at:%Y-%m-%d %H:%M}  {step.coder:<12}  {step.label}{state}")
    return 0


def _undo(args: argparse.Namespace) -> int:
    return _step(args, undo=True)


def _redo(args: argparse.Namespace) -> int:
    return _step(args, undo=False)


def _step(args: argparse.Namespace, *, undo: bool) -> int:
    with Project.open(args.project, backups=0) as project:
        history = project.history
        for _ in range(args.steps):
            label = history.undo_label() if undo else history.redo_label()
            if label is None:
                print(f"Nothing to {'undo' if undo else 'redo'}.")
                return 0
            history.undo() if undo else history.redo()
            print(f"{'Undid' if undo else 'Redid'}: {label}")
    return 0
