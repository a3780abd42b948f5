"""`axial search`: every hit of a query across the project, in context, from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.model.analysis.lookup import code_named, sets_named, where_scope
from app.model.analysis.scope import Scope
from app.model.core.errors import ValidationError
from app.model.core.text import plural
from app.model.project import Project
from app.model.search.searching import DEFAULT_THRESHOLD, SearchFilter, search


def add_search_command(commands: Any) -> None:
    find = commands.add_parser(
        "search",
        help="find words and phrases in every document, with their context",
        description='Words, "phrases", prefix*, AND / OR / NOT and brackets; --fuzzy also finds near spellings.',
    )
    find.add_argument("project", type=Path)
    find.add_argument("query")
    find.add_argument("--fuzzy", action="store_true", help="also find near spellings and transcription slips")
    find.add_argument(
        "--threshold", type=int, default=DEFAULT_THRESHOLD, metavar="0-100", help="how alike a near spelling must be"
    )
    find.add_argument("--document", action="append", default=[], metavar="NAME", help="only in this document")
    find.add_argument("--speaker", action="append", default=[], metavar="LABEL", help="only what this speaker said")
    find.add_argument("--case", action="append", default=[], metavar="NAME", help="only what this case said")
    find.add_argument(
        "--where", action="append", default=[], metavar="ATTR=V[,V]|ATTR>=N",
        help="only cases with the value, or in the range (>=, >, <=, <, or LOW..HIGH after =)",
    )  # fmt: skip
    find.add_argument("--set", action="append", default=[], metavar="NAME", help="only documents in this set")
    find.add_argument("--coded", action="append", default=[], metavar="CODE", help="only text coded with the code")
    find.add_argument("--limit", type=int, help="show at most this many hits")
    find.set_defaults(run=_search)


def _search(args: argparse.Namespace) -> int:
    with Project.open(args.project, read_only=True) as project:
        documents = {d.name: d.id for d in project.documents.all()}
        unknown = [name for name in args.document if name not in documents]
        if unknown:
            raise ValidationError(f"no document {unknown[0]!r} in the project")
        cases = {c.name: c.id for c in project.cases.all()}
        strangers = [name for name in args.case if name not in cases]
        if strangers:
            raise ValidationError(f"no case {strangers[0]!r} in the project")
        scope = Scope(
            document_ids=frozenset(documents[n] for n in args.document) if args.document else None,
            set_ids=sets_named(project, args.set),
            case_ids=frozenset(cases[name] for name in args.case) if args.case else None,
        )
        where = SearchFilter(
            scope=where_scope(project, args.where, scope),
            speakers=frozenset(args.speaker) if args.speaker else None,
            coded_with=tuple(code_named(project, name) for name in args.coded),
        )
        result = search(project, args.query, where, fuzzy=args.fuzzy, threshold=args.threshold, limit=args.limit)
        names = {d.id: d.name for d in project.documents.all()}
    for hit in result.hits:
        speaker = f"{hit.speaker}, " if hit.speaker else ""
        likeness = f" ~{hit.score:.0f}" if hit.score < 100 else ""
        context = f"{hit.before}[{hit.text}]{hit.after}".replace("\n", " ")
        print(f"{names[hit.document_id]} ({speaker}¶ {hit.paragraph}){likeness}: {context}")
    for term, spellings in result.variants.items():
        print(f"near spellings of {term!r}: {', '.join(spellings)}")
    more = "" if result.complete else " (more not shown)"
    print(f"{plural(len(result.hits), 'hit')} in {plural(result.documents, 'document')}{more}")
    return 0
