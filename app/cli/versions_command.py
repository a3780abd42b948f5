"""`axial versions PROJECT DOCUMENT [--json] [--text N [--out FILE]]`: a document's versions (each revision of its
text: when, by whom, what, the hash of the text it made), and the text as it was before any of them, so a change
can be audited and an earlier text taken back (`axial reimport` with that text)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.model.analysis.lookup import document_named
from app.model.core.errors import ValidationError
from app.model.project import Project
from app.model.revisions.revision_service import RevisionService
from app.model.revisions.versions import version_text


def add_versions_command(commands: Any) -> None:
    versions = commands.add_parser(
        "versions",
        help="a document's versions: each revision of its text, when, by whom and what; an earlier text",
        description="Lists a document's versions, oldest first: version 0 is the text as imported, and each later "
        "one a correction, a renamed speaker, split or joined turns, a corrected file or de-identification. "
        "--text N prints version N's text (0: as imported); to go back to it, save it with --out and give that "
        "file to `axial reimport`, which moves the codings through the same alignment and lists any to review.",
    )
    versions.add_argument("project", type=Path)
    versions.add_argument("document", help="the document's name (or its id)")
    versions.add_argument("--json", action="store_true", help="print the versions as JSON")
    versions.add_argument("--text", type=int, metavar="N", help="version N's text (0: the text as imported)")
    versions.add_argument("--out", type=Path, metavar="FILE", help="with --text: write the text to FILE (UTF-8)")
    versions.set_defaults(run=_versions)


def _versions(args: argparse.Namespace) -> int:
    if args.out is not None and args.text is None:
        raise ValidationError("--out writes a version's text: give --text N too.")
    with Project.open(args.project, read_only=True) as project:
        document = document_named(project, args.document)
        if args.text is not None:
            text = version_text(project, document.id, args.text)
            if args.out is None:
                print(text, end="")
            else:
                args.out.write_text(text, encoding="utf-8")
                print(f"Wrote version {args.text} of {document.name} to {args.out}.")
            return 0
        versions = RevisionService(project.store).versions(document.id)
        rows: list[dict[str, object]] = [
            {
                "version": v.number,
                "made_at": v.made_at.isoformat(timespec="seconds"),
                "made_by": project.coder_name(v.made_by),
                "description": v.description,
                "sha256": v.sha256,
                "previous_sha256": v.previous_sha256,
            }
            for v in versions
        ]
        if args.json:
            print(json.dumps({"document": document.name, "versions": rows}, ensure_ascii=False, indent=2))
            return 0
        if not versions:
            print(f"{document.name} is as it was imported: it has no later versions.")
            return 0
        print(f"{document.name}: version 0 as imported ({versions[0].previous_sha256[:12]}), then")
        for v in versions:
            when = v.made_at.isoformat(sep=" ", timespec="minutes")
            print(f"  {v.number:>3}  {when}  {project.coder_name(v.made_by)}  {v.description}  ({v.sha256[:12]})")
    return 0
