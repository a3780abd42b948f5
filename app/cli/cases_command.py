"""`axial cases` (the classification sheet: show it, set values, make speakers cases) and `axial attribute` (define
or retype an attribute, or give it a formula)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from app.model.cases.attribute_values import label, natural, number_label
from app.model.cases.computed import Sheet, sheet
from app.model.cases.formula import Value
from app.model.cases.speaker_cases import INTERVIEWERS
from app.model.core.dto import AttributeInfo, AttributeType, AttributeValueType, CaseInfo
from app.model.core.errors import ValidationError
from app.model.core.text import plural
from app.model.project import Project

_TYPES = {"text": AttributeType.TEXT, "number": AttributeType.NUMBER, "date": AttributeType.DATE}
_TYPES |= {"yesno": AttributeType.BOOLEAN, "choice": AttributeType.CHOICE}


def add_cases_commands(commands: Any) -> None:
    cases = commands.add_parser(
        "cases",
        help="the classification sheet: one row per case, one column per attribute",
        description="Without options, print the sheet. --set and --from-speakers change the project (undoable).",
    )
    cases.add_argument("project", type=Path)
    shape = cases.add_mutually_exclusive_group()
    shape.add_argument("--csv", action="store_true", help="print the sheet as CSV")
    shape.add_argument("--json", action="store_true", help="print the sheet as JSON")
    cases.add_argument(
        "--set", nargs=2, action="append", default=[], metavar=("CASE", "ATTRIBUTE=VALUE"),
        help="set a case's value (an empty VALUE clears it); repeat for more, all kept as one step",
    )  # fmt: skip
    cases.add_argument("--from-speakers", action="store_true", help="make every speaker a case (not interviewers)")
    cases.add_argument(
        "--interviewers", default=INTERVIEWERS, metavar="PATTERN",
        help="with --from-speakers: the labels to skip, as a regular expression (default: %(default)s)",
    )  # fmt: skip
    cases.set_defaults(run=_cases)

    attribute = commands.add_parser("attribute", help="define an attribute, change its type, or give it a formula")
    attribute.add_argument("project", type=Path)
    attribute.add_argument("name")
    attribute.add_argument("--type", required=True, choices=sorted(_TYPES))
    attribute.add_argument("--choices", default="", metavar="A,B,C", help="a choice attribute's choices, in order")
    attribute.add_argument(
        "--formula", metavar="EXPR",
        help="compute the values: numbers, attribute names, + - * /, brackets, = != < <= > >=, and / or / not",
    )  # fmt: skip
    attribute.set_defaults(run=_attribute)


def _cases(args: argparse.Namespace) -> int:
    if args.set or args.from_speakers:
        with Project.open(args.project) as project:
            if args.from_speakers:
                made = project.edits.cases_from_speakers(args.interviewers)
                skipped = f"; skipped {', '.join(made.skipped)}" if made.skipped else ""
                print(f"{plural(len(made.created), 'new case')}, {plural(made.mapped, 'speaker')} mapped{skipped}")
            if args.set:
                values = [_setting(project, case, assignment) for case, assignment in args.set]
                project.edits.set_attribute_values(values)
                print(f"Set {plural(len(values), 'value')}")
        return 0
    with Project.open(args.project, read_only=True) as project:
        shown = sheet(project)
    if args.json:
        print(json.dumps(_json(shown), ensure_ascii=False, indent=2))
    elif args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        for row in _rows(shown):
            writer.writerow(row)
    else:
        rows = _rows(shown)
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


def _setting(project: Project, case: str, assignment: str) -> tuple[int, int, AttributeValueType]:
    found = project.cases.find(case)
    if found is None:
        raise ValidationError(f"no case {case!r} in the project")
    # The longest attribute name followed by "=", so a name may itself hold "=".
    for attribute in sorted(project.cases.attributes(), key=lambda a: -len(a.name)):
        if assignment.startswith(f"{attribute.name}="):
            value = assignment[len(attribute.name) + 1 :]
            return found.id, attribute.id, value or None
    name = assignment.partition("=")[0] if "=" in assignment else assignment
    raise ValidationError(f"no attribute {name!r} in the project (write ATTRIBUTE=VALUE)")


def _rows(shown: Sheet) -> list[list[str]]:
    rows = [["Case", *(a.name for a in shown.attributes)]]
    for case in _in_order(shown):
        rows.append([case.name, *(_cell(shown.value(case.id, a.id)) for a in shown.attributes)])
    return rows


def _in_order(shown: Sheet) -> list[CaseInfo]:
    """Cases as the Cases panel lists them: by name, numbers as numbers, capitals or not (Ben Walker before BSR01)."""
    return sorted(shown.cases, key=lambda c: natural(c.name))


def _cell(value: Value) -> str:
    return "" if value is None else label(value)


def _json(shown: Sheet) -> dict[str, object]:
    return {
        "attributes": [_attribute_json(a, shown.formulas.get(a.id, "")) for a in shown.attributes],
        "cases": [
            {"name": c.name, "values": {a.name: _json_value(shown.value(c.id, a.id)) for a in shown.attributes}}
            for c in _in_order(shown)
        ],
    }


def _attribute_json(attribute: AttributeInfo, formula: str) -> dict[str, object]:
    kind = next(word for word, t in _TYPES.items() if t is attribute.type)
    shown: dict[str, object] = {"name": attribute.name, "type": kind}
    if attribute.choices:
        shown["choices"] = list(attribute.choices)
    if formula:
        shown["formula"] = formula
    return shown


def _json_value(value: Value) -> object:
    if isinstance(value, float) and not isinstance(value, bool):
        # The number as the sheet shows it: 3.1 - 2.9 is 0.2 here too, not 0.20000000000000018.
        return float(number_label(value))
    return value.isoformat() if isinstance(value, date) else value


def _attribute(args: argparse.Namespace) -> int:
    kind = _TYPES[args.type]
    choices = [c.strip() for c in args.choices.split(",") if c.strip()]
    with Project.open(args.project) as project:
        existing = next((a for a in project.cases.attributes() if a.name == " ".join(args.name.split())), None)
        if existing is None:
            made = project.edits.define_attribute(args.name, kind, choices, args.formula or "")
            print(f"Defined {made.name!r} ({args.type}{', computed' if args.formula else ''})")
            return 0
        with project.edits.together(f"Change attribute “{existing.name}”"):
            if args.formula is not None:  # the old formula goes first, so it does not hold the type back
                project.edits.set_formula(existing.id, "")
            if existing.type is not kind or (choices and tuple(choices) != existing.choices):
                project.edits.retype_attribute(existing.id, kind, choices)
            if args.formula:
                project.edits.set_formula(existing.id, args.formula)
        print(f"Changed {existing.name!r} ({args.type})")
    return 0
