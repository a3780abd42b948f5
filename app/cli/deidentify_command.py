"""`axial deidentify PROJECT [--names FILE.csv] [--patterns] [--ner MODEL] --out COPY.axial [--key KEY.csv]`:
write a de-identified copy of a project with its pseudonym table and say what was replaced where. The names file
adds to that table (the project's only change); the key (original -> pseudonym) is written only where --key says,
never into the copy."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.model.core.errors import ValidationError
from app.model.core.text import plural
from app.model.deidentify.deidentified_copy import deidentify_copy
from app.model.deidentify.pseudonyms import read_names
from app.model.deidentify.spacy_recogniser import load_spacy
from app.model.project import EXTENSION


def add_deidentify_command(commands: Any) -> None:
    deidentify = commands.add_parser(
        "deidentify",
        help="write a de-identified copy of a project: the names of its pseudonym table replaced everywhere",
        description="The project's pseudonym table (Tools ▸ Pseudonyms… in the desktop) says what replaces each "
        "original. --names adds its rows to that table first (an original already there keeps its pseudonym "
        "unless the file gives another), and so do the case names and the speaker labels that name someone: the "
        "same original gets the same pseudonym in every copy, and the table is the only change made to the "
        "project (when it is open in another window or read-only, the names join the copy's table alone). Then "
        "every original is replaced in the copy: document texts (codings follow), speaker labels, document, case "
        "and code names, memos, case descriptions, attribute values. Variants are found too: a "
        "first or last name alone, after a title (Dr., Ms.), possessives, small misspellings. The copy keeps no "
        "history, no earlier text and no pseudonym table.",
    )
    deidentify.add_argument("project", type=Path)
    deidentify.add_argument(
        "--names",
        type=Path,
        help="a CSV file, original[,pseudonym[,kind]] per line, added to the project's pseudonym table (a blank "
        "pseudonym is proposed from the kind: [Person 3], [Agency B], [Site 2])",
    )
    deidentify.add_argument(
        "--patterns",
        action="store_true",
        help="also replace emails, URLs, phone numbers, dates, street addresses and record numbers",
    )
    deidentify.add_argument(
        "--ner",
        metavar="MODEL",
        help="also add what an installed spaCy pipeline (a package name such as en_core_web_sm, or a folder) "
        "finds to the table, without review (needs spaCy: pip install 'axial[ner]'; nothing is downloaded)",
    )
    deidentify.add_argument("--out", type=Path, required=True, help=f"the de-identified copy (ends in {EXTENSION})")
    deidentify.add_argument("--key", type=Path, help="write the key (original,pseudonym,kind) to this CSV file")
    deidentify.set_defaults(run=_deidentify)


def _deidentify(args: argparse.Namespace) -> int:
    if args.out.suffix != EXTENSION:
        raise ValidationError(f"--out {args.out.name}: the copy's name must end in {EXTENSION}")
    if args.out.exists() or (args.key is not None and args.key.exists()):
        taken = args.out if args.out.exists() else args.key
        raise ValidationError(f"{taken} exists already; choose a new name (nothing is overwritten)")
    listed = read_names(args.names) if args.names is not None else []
    recogniser = load_spacy(args.ner) if args.ner is not None else None
    report = deidentify_copy(args.project, args.out, listed, patterns=args.patterns, recogniser=recogniser)
    applied = report.applied
    added = report.added
    whose = args.project.name if report.table_kept else f"the copy (not {args.project.name}: it is not writable)"
    print(
        f"Pseudonym table of {whose}: {plural(len(report.table.entries), 'name')} "
        f"({added.added} added, {added.changed} given another pseudonym)."
    )
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
        f"{plural(applied.memos, 'memo')}, {plural(applied.other_values, 'other value')}. "
        "The copy keeps no history, no earlier text and no pseudonym table."
    )
    if args.key is not None:
        args.key.write_text(report.table.key_csv(), encoding="utf-8")
        print(f"Key written to {args.key} (keep it apart from the copy).")
    return 0
