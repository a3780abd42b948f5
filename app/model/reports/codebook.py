"""The codebook: every code with its definition, criteria, example, counts and framework mappings.

In Word it is a summary table followed by one section per code (headings follow the tree); as a table (XLSX or
CSV) it is one row per code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.model.analysis.matrices import Analysis, Measure
from app.model.analysis.scope import Scope
from app.model.core.dto import CodeNode
from app.model.core.text import plural
from app.model.frameworks.framework_map import FrameworkMap
from app.model.project import Project
from app.model.reports.atomic import ExportError, whole_or_nothing
from app.model.reports.paper import Paper
from app.model.reports.tables import write_table
from app.model.reports.word import REPORT_STYLES, Run, WordDocument


@dataclass(frozen=True)
class CodebookEntry:
    node: CodeNode
    codings: int  # including sub-codes
    documents: int
    cases: int
    constructs: tuple[str, ...]  # "III.D Culture", or "... (through Category)" where inherited


def codebook_entries(project: Project, scope: Scope | None = None) -> list[CodebookEntry]:
    """Every code with its counts: of all codings, or of those in `scope` (a set of documents, a range of cases)."""
    tree = project.codes.tree()
    counts = Analysis(project, scope).frequencies([n.code.id for n in tree])
    framework_id = project.frameworks.default_id()
    mapping = FrameworkMap(project, framework_id) if framework_id is not None else None
    names = {n.code.id: n.code.name for n in tree}
    entries = []
    for node in tree:
        constructs: list[str] = []
        if mapping is not None:
            for mapped in mapping.mappings(node.code.id):
                target = mapping.nodes[mapped.node_id]
                label = target.label
                if mapped.inherited_from is not None:
                    label += f" (through {names[mapped.inherited_from]})"
                constructs.append(label)
        entries.append(
            CodebookEntry(
                node=node,
                codings=counts.get(node.code.id, Measure.CODINGS.value),
                documents=counts.get(node.code.id, Measure.DOCUMENTS.value),
                cases=counts.get(node.code.id, Measure.CASES.value),
                constructs=tuple(constructs),
            )
        )
    return entries


CODEBOOK_COLUMNS = (
    "Code path",
    "Level",
    "Codable",
    "Definition",
    "Include when",
    "Exclude when",
    "Example",
    "Codings",
    "Documents",
    "Cases",
    "Framework constructs",
    "Colour",
)


def write_codebook_table(path: Path, entries: list[CodebookEntry]) -> Path:
    rows = [
        [
            " > ".join(e.node.path),
            e.node.depth + 1,
            "yes" if e.node.code.is_codable else "no (category)",
            e.node.code.definition,
            e.node.code.inclusion,
            e.node.code.exclusion,
            e.node.code.example,
            e.codings,
            e.documents,
            e.cases,
            "; ".join(e.constructs),
            e.node.code.colour,
        ]
        for e in entries
    ]
    return write_table(path, CODEBOOK_COLUMNS, rows, sheet="Codebook")


def write_codebook_docx(
    path: Path,
    entries: list[CodebookEntry],
    project_name: str,
    paper: Paper = Paper.A4,
    counted_within: Sequence[str] = (),
) -> Path:
    """`counted_within`: the scope the counts were made in, in words (`scope_lines`)."""
    if path.suffix.lower() != ".docx":
        raise ExportError(path, "the codebook is saved as a Word document (.docx)")
    with whole_or_nothing(path) as partial:
        word = WordDocument(REPORT_STYLES, ("Criterion Label",), paper)
        word.properties("Codebook", project_name)
        word.paragraph("Title", "Codebook")
        word.paragraph("Subtitle", project_name)
        word.paragraph("Report Details", f"Exported on {date.today():%d %B %Y}")
        word.paragraph(
            "Report Details",
            f"{plural(len(entries), 'code')}; counts include each code's sub-codes",
        )
        if counted_within:
            word.paragraph("Report Details", "Counted within: " + "; ".join(counted_within))
        word.contents("Contents", [(e.node.depth + 1, e.node.code.name) for e in entries], 2)
        word.page_numbers("Codebook")
        word.heading(1, "Summary", page_break_before=True)
        width = word.usable_width()
        word.table(
            ["Code", "Definition", "Coded", "Framework"],
            [
                [
                    "    " * e.node.depth + e.node.code.name,
                    e.node.code.definition,
                    str(e.codings),
                    "; ".join(e.constructs),
                ]
                for e in entries
            ],
            [width * 0.27, width * 0.41, width * 0.1, width * 0.22],
        )
        for index, entry in enumerate(entries):
            _code_section(word, entry, new_page=index == 0)
        word.save(partial)
    return path


def _code_section(word: WordDocument, entry: CodebookEntry, new_page: bool) -> None:
    code = entry.node.code
    word.heading(entry.node.depth + 1, code.name, page_break_before=new_page)
    if len(entry.node.path) > 1:
        word.paragraph("Section Counts", " › ".join(entry.node.path))
    kind = "" if code.is_codable else "Category. "
    word.paragraph(
        "Section Counts",
        f"{kind}{plural(entry.codings, 'coding')} in {plural(entry.documents, 'document')}, "
        f"{plural(entry.cases, 'case')}",
    )
    for label, text in (
        ("Definition", code.definition),
        ("Include when", code.inclusion),
        ("Exclude when", code.exclusion),
        ("Example", code.example),
        ("Framework", "; ".join(entry.constructs)),
    ):
        if text.strip():
            word.paragraph("Normal", [Run(f"{label}: ", "Criterion Label"), Run(text.strip())])
