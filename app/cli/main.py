"""`axial`: the command line over the same services the desktop uses.

User errors print one line to stderr and exit with status 1 (2 for bad usage); never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app.cli.agreement_command import add_agreement_command
from app.cli.cases_command import add_cases_commands
from app.cli.coders_command import add_coders_commands
from app.cli.deidentify_command import add_deidentify_command
from app.cli.export_command import add_export_command
from app.cli.handout_command import add_handout_command
from app.cli.history_command import add_history_commands
from app.cli.merge_command import add_merge_command
from app.cli.qdpx_command import add_import_command
from app.cli.ratings_command import add_ratings_command
from app.cli.reimport_command import add_reimport_command
from app.cli.search_command import add_search_command
from app.cli.table_command import add_table_command
from app.cli.unexpected_errors import unexpected
from app.cli.version_command import VersionAction
from app.cli.versions_command import add_versions_command
from app.logs import start_logging
from app.model.core.dto import DocumentInfo, DocumentKind, SpeakerInfo
from app.model.core.errors import AxialError
from app.model.core.text import plural
from app.model.documents.document_service import case_labels
from app.model.documents.importing import FilePlan, FilePreview, Importer, Outcome, expand
from app.model.documents.readers import ReadOptions
from app.model.frameworks import definitions
from app.model.frameworks.framework_map import FrameworkMap
from app.model.project import EXTENSION, Project, acting_as
from app.model.storage import synced_folders
from app.os_errors import explain

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    target = getattr(args, "file", None) or getattr(args, "project", None)
    if isinstance(target, Path) and target.suffix == EXTENSION and (place := synced_folders.synced_place(target)):
        print(f"axial: warning: {synced_folders.warning(target, place)}", file=sys.stderr)
    try:
        with acting_as(args.acting_coder):
            return int(args.run(args))
    except AxialError as error:
        print(f"axial: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("axial: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader stopped early (`axial documents x.axial | head`): not a failure, and no traceback at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:  # the disk, a permission, a folder gone: said in words, the traceback in the log
        start_logging()
        log.warning("axial %s failed", _said(argv), exc_info=error)
        print(f"axial: {explain(error)}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug or a failure nobody foresaw: one line here, the traceback in the log
        start_logging()
        log.error("axial %s failed unexpectedly", _said(argv), exc_info=error)
        print(f"axial: {unexpected(error)}", file=sys.stderr)
        return 2


def _said(argv: Sequence[str] | None) -> str:
    return " ".join(sys.argv[1:] if argv is None else argv)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="axial", description="Axial projects from the command line.")
    parser.add_argument("--version", action=VersionAction)
    parser.add_argument(
        "--coder",
        dest="acting_coder",
        metavar="NAME",
        help="record changes under this coder (added if new; default: the project's own coder, who last changed "
        "it); a coder named here who codes blind sees only their own codings in tables, searches and exports",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    new = commands.add_parser("new", help="create an empty project file")
    new.add_argument("file", type=Path, help=f"the new project (ends in {EXTENSION})")
    new.add_argument("--name", help="the project's name (default: the file name)")
    new.add_argument("--coder", help="your coder name (default: your login name)")
    new.add_argument(
        "--framework",
        choices=["cfir-2022", "cfir-2009", "none"],
        default="cfir-2022",
        help="the framework codes are mapped onto (default: CFIR 2.0)",
    )
    new.set_defaults(run=_new)

    info = commands.add_parser("info", help="show what a project holds")
    info.add_argument("file", type=Path)
    info.set_defaults(run=_info)

    documents = commands.add_parser(
        "documents",
        help="list the documents: kind, words, speakers (turns, case) and cases",
        description="One line per document, fields separated by tabs: name, kind, words, speakers (each with its "
        "turns and case), cases (the document's own, then its speakers' marked '(speaker)'). With --json, one JSON "
        "object per line (JSON Lines) with the keys id, name, kind, words, speakers [{label, turns, case}], cases "
        "and speaker_cases.",
    )
    documents.add_argument("file", type=Path)
    documents.add_argument("--json", action="store_true", help="one JSON object per line instead of text")
    documents.set_defaults(run=_documents)

    check = commands.add_parser("check", help="check a project file's integrity")
    check.add_argument("file", type=Path)
    check.add_argument(
        "--rebuild-index", action="store_true", help="build the search index again when check finds it damaged"
    )
    check.set_defaults(run=_check)

    add = commands.add_parser("import", help="import transcripts (files or folders) into a project")
    add.add_argument("project", type=Path)
    add.add_argument("files", type=Path, nargs="*", help="transcripts, or folders to import every transcript from")
    add.add_argument("--dry-run", action="store_true", help="show what would be imported; write nothing")
    add.add_argument(
        "--kind",
        choices=[k.value for k in DocumentKind],
        help="the documents' kind (default: guessed from each file's name and speakers)",
    )
    add.add_argument("--case", help="attach every document to this case (created if missing)")
    add.add_argument("--case-per-file", action="store_true", help="attach each document to a case named after it")
    add.add_argument(
        "--speaker",
        action="append",
        default=[],
        metavar="LABEL=CASE",
        help="map a speaker label to a case (created if missing), e.g. --speaker 'P3=CM-07'; repeatable",
    )
    add.add_argument("--force", action="store_true", help="import files already in the project again")
    add.add_argument("--include-comments", action="store_true", help="append Word/ODT comments as a section")
    add.add_argument("--include-notes", action="store_true", help="append footnotes and endnotes as a section")
    add.add_argument("--include-headers", action="store_true", help="append headers and footers as a section")
    add.add_argument("--attributes", type=Path, help="a CSV/XLSX sheet of case attributes, first column = case")
    add.add_argument("--create-cases", action="store_true", help="with --attributes: create cases the sheet names")
    add.set_defaults(run=_import)

    cfir = commands.add_parser("cfir", help="the project's framework: evidence per construct, and unmapped codes")
    cfir.add_argument("file", type=Path)
    cfir.add_argument("--suggest", action="store_true", help="show the three likeliest constructs per unmapped code")
    cfir.set_defaults(run=_cfir)

    add_export_command(commands, _PrintProgress())
    add_search_command(commands)
    add_table_command(commands)
    add_reimport_command(commands)
    add_versions_command(commands)
    add_deidentify_command(commands)
    add_import_command(commands, _PrintProgress())
    add_history_commands(commands)
    add_handout_command(commands)
    add_merge_command(commands)
    add_agreement_command(commands)
    add_cases_commands(commands)
    add_coders_commands(commands)
    add_ratings_command(commands)
    return parser


def _new(args: argparse.Namespace) -> int:
    path: Path = args.file
    if path.suffix != EXTENSION:
        path = path.with_name(path.name + EXTENSION)
    with Project.create(path, name=args.name, coder=args.coder) as project:
        if args.framework != "none":
            project.edits.use_framework(args.framework)
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
        ("Coder", info.coder),
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


def _documents(args: argparse.Namespace) -> int:
    with Project.open(args.file, read_only=True) as project:
        documents = project.documents.all()
        speakers = project.documents.speakers()
        names = project.cases.names()
    by_document: dict[int, list[SpeakerInfo]] = {}
    for speaker in sorted(speakers, key=lambda s: (-s.turn_count, s.label.casefold())):
        by_document.setdefault(speaker.document_id, []).append(speaker)
    for document in documents:
        spoken = by_document.get(document.id, [])
        if args.json:
            print(json.dumps(_document_json(document, spoken, names), ensure_ascii=False))
        else:
            print(_document_line(document, spoken, names))
    return 0


def _document_json(document: DocumentInfo, speakers: list[SpeakerInfo], names: dict[int, str]) -> dict[str, object]:
    return {
        "id": document.id,
        "name": document.name,
        "kind": document.kind.value,
        "words": document.word_count,
        "speakers": [
            {"label": s.label, "turns": s.turn_count, "case": None if s.case_id is None else names.get(s.case_id)}
            for s in speakers
        ],
        "cases": sorted((names.get(c, "?") for c in document.case_ids), key=str.casefold),
        "speaker_cases": sorted((names.get(c, "?") for c in document.speaker_case_ids), key=str.casefold),
    }


def _document_line(document: DocumentInfo, speakers: list[SpeakerInfo], names: dict[int, str]) -> str:
    def speaker(s: SpeakerInfo) -> str:
        case = f", case {names.get(s.case_id, '?')}" if s.case_id is not None else ""
        return f"{s.label} ({plural(s.turn_count, 'turn')}{case})"

    return "\t".join(
        (
            document.name,
            document.kind.label,
            plural(document.word_count, "word"),
            "speakers: " + (", ".join(speaker(s) for s in speakers) or "none"),
            "cases: " + ("; ".join(case_labels(document, names)) or "none"),
        )
    )


def _check(args: argparse.Namespace) -> int:
    if args.rebuild_index:
        with Project.open(args.file, backups=0) as project:
            project.rebuild_search_index()
            print(f"{args.file.name}: search index rebuilt")
    with Project.open(args.file, read_only=True) as project:
        problems = project.check()
    if problems:
        if any("search index" in problem for problem in problems):
            print("The search index can be built again from the text: axial check --rebuild-index", file=sys.stderr)
        print(f"{args.file.name}: {len(problems)} problem(s) found:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"{args.file.name}: intact")
    return 0


def _cfir(args: argparse.Namespace) -> int:
    with Project.open(args.file, read_only=True) as project:
        framework_id = project.frameworks.default_id()
        if framework_id is None:
            print(f"{args.file.name}: the project maps onto no framework", file=sys.stderr)
            return 1
        mapping = FrameworkMap(project, framework_id)
        counts = mapping.counts()
        unmapped = mapping.unmapped()
        suggestions = mapping.suggest([node.code.id for node in unmapped]) if args.suggest else {}
    nodes = definitions.in_framework_order(list(mapping.nodes.values()))
    depth: dict[int | None, int] = {None: -1}
    label = {n.id: f"{n.official_id or '(added)'} {n.study_name or n.name}" for n in nodes}
    print(f"{'Construct':<60}{'codes':>7}{'codings':>9}{'docs':>6}{'cases':>7}")
    for node in nodes:
        depth[node.id] = depth[node.parent_id] + 1
        if node.hidden:
            continue
        c = counts[node.id]
        name = ("  " * depth[node.id] + label[node.id])[:58]
        print(f"{name:<60}{c.codes:>7}{c.codings:>9}{c.documents:>6}{c.cases:>7}")
    print(f"\nUnmapped codes: {len(unmapped)}")
    for code in unmapped:
        ideas = "; ".join(f"{label[s.node_id]} ({s.score:.0f})" for s in suggestions.get(code.code.id, []))
        print(f"  {' > '.join(code.path)}" + (f"  ->  {ideas}" if ideas else ""))
    return 0


def _import(args: argparse.Namespace) -> int:
    files = expand(args.files)
    if not files and args.attributes is None:
        print("axial: nothing to import (name files, folders or --attributes SHEET)", file=sys.stderr)
        return 2
    options = ReadOptions(
        include_comments=args.include_comments, include_notes=args.include_notes, include_headers=args.include_headers
    )
    with Project.open(args.project, read_only=args.dry_run) as project:
        importer = Importer(project, options)
        if args.dry_run:
            for preview in importer.preview(files, _PrintProgress()):
                _print_preview(preview)
            return 0
        plans = [_plan(path, args) for path in files]
        report = importer.run(plans, _PrintProgress())
        for result in report.results:
            print(f"{result.outcome.value:>9}  {result.path.name}: {result.message}")
        print(f"Done: {report.summary()}.")
        if args.attributes is not None:
            print(project.edits.apply_attribute_sheet(args.attributes, create_cases=args.create_cases).summary())
    return 1 if report.count(Outcome.FAILED) else 0


def _plan(path: Path, args: argparse.Namespace) -> FilePlan:
    names = ([args.case] if args.case else []) + ([path.stem] if args.case_per_file else [])
    speakers: dict[str, int | str] = {}
    for mapping in args.speaker:
        label, separator, case = mapping.partition("=")
        if not separator or not label.strip() or not case.strip():
            raise AxialError(f"--speaker {mapping!r}: write it as LABEL=CASE, e.g. 'P3=CM-07'")
        speakers[label.strip()] = case.strip()
    return FilePlan(
        path,
        kind=DocumentKind(args.kind) if args.kind else None,
        case_names=tuple(names),
        speaker_cases=speakers,
        force=args.force,
    )


def _print_preview(preview: FilePreview) -> None:
    if preview.error is not None:
        print(f"{preview.path.name}: cannot be imported: {preview.error}")
        return
    encoding = f", {preview.encoding}" if preview.encoding else ""
    print(f"{preview.path.name}: {preview.format}{encoding}, {plural(preview.words, 'word')}")
    if preview.speakers:
        print("  speakers: " + ", ".join(f"{label} ({plural(turns, 'turn')})" for label, turns in preview.speakers))
    if preview.duplicate_of:
        print(f"  already imported as {preview.duplicate_of!r}; it will be skipped unless --force")
    for warning in preview.warnings:
        print(f"  warning: {warning}")


class _PrintProgress:
    """Progress on stderr when it is a terminal; silent in pipes and tests."""

    cancelled = False

    def step(self, done: int, total: int, message: str) -> None:
        if sys.stderr.isatty() and total:
            print(f"\r[{done}/{total}] {message[:60]:<60}", end="" if done < total else "\n", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
