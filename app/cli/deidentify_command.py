"""`axial deidentify PROJECT --names FILE.csv [--patterns] --out COPY.axial [--key KEY.csv]`: write a
de-identified copy of a project (the project itself is not changed) and say what was replaced where. The key
(original -> pseudonym) is written only where --key says, never into the copy."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.model.core.errors import ValidationError
from app.model.core.text import plural
from app.model.deidentify.deidentified_copy import deidentify_copy
from app.model.deidentify.pseudonyms import read_names
from app.model.project import EXTENSION


def add_deidentify_command(commands: Any) -> None:
    deidentify = commands.add_parser(
        "deidentify",
        help="write a de-identified copy of a project: listed names (and their variants) replaced by pseudonyms",
        description="Names listed in --names (one original[,pseudonym] per line; a blank pseudonym is generated), "
        "the project's case names and its speaker labels that name someone are replaced everywhere in the copy: "
        "document texts (codings follow), speaker labels, document and case names, memos. Variants are found too: "
        "a first or last name alone, after a title (Dr., Ms.), possessives, small misspellings. The copy keeps no "
        "history and no earlier text.",
    )
    deidentify.add_argument("project", type=Path)
    deidentify.add_argument("--names", type=Path, required=True, help="a CSV file: original,pseudonym per line")
    deidentify.add_argument(
        "--patterns",
        action="store_true",
        help="also replace emails, URLs, phone numbers, dates, street addresses and record numbers",
    )
    deidentify.add_argument("--out", type=Path, required=True, help=f"the de-identified copy (ends in {EXTENSION})")
    deidentify.add_argument("--key", type=Path, help="write the key (original,pseudonym) to this CSV file")
    deidentify.set_defaults(run=_deidentify)


def _deidentify(args: argparse.Namespace) -> int:
    if args.out.suffix != EXTENSION:
        raise ValidationError(f"--out {args.out.name}: the copy's name must end in {EXTENSION}")
    if args.out.exists() or (args.key is not None and args.key.exists()):
        taken = args.out if args.out.exists() else args.key
        raise ValidationError(f"{taken} exists already; choose a new name (nothing is overwritten)")
    listed = read_names(args.names)
    report = deidentify_copy(args.project, args.out, listed, patterns=args.patterns)
    applied = report.applied
    print(f"Wrote {args.out}: {plural(applied.replacements, 'replacement')} in the documents' text.")
    for name, count in sorted(applied.per_document):
        print(f"  {name}: {count}")
    # By pseudonym, not original: a report pasted into a shared place must name nobody (the key says who).
    print("By pseudonym:")
    for original, count in applied.per_original:
        print(f"  {report.table.pseudonym_of(original) or original}: {count}")
    print(
        f"Also replaced: {plural(applied.speaker_labels, 'speaker label')}, "
        f"{plural(applied.documents_renamed, 'document name')}, {plural(applied.cases_renamed, 'case name')}, "
        f"{plural(applied.codes_renamed, 'code name')}, "
        f"{plural(applied.memos, 'memo')}, {plural(report.other_values, 'other value')}. "
        "The copy keeps no history and no earlier text."
    )
    if args.key is not None:
        args.key.write_text(report.table.key_csv(), encoding="utf-8")
        print(f"Key written to {args.key} (keep it apart from the copy).")
    return 0
