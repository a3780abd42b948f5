"""Excerpt tables (CSV, XLSX), the codebook (Word, XLSX) and the ratings matrix in Word, read back."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT

from app.model.frameworks.ratings_matrix import RatingsMatrix, units_from_attribute
from app.model.project import Project
from app.model.reports.codebook import CODEBOOK_COLUMNS, codebook_entries, write_codebook_docx, write_codebook_table
from app.model.reports.excerpts import collect
from app.model.reports.excerpts_table import excerpt_columns, write_excerpts_table
from app.model.reports.paper import Paper
from app.model.reports.ratings_docx import write_ratings_docx
from tests.unit.reports import demo_with_mappings


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    with demo_with_mappings(tmp_path_factory.mktemp("demo") / "Demo.axial") as project:
        yield project


def test_excerpts_csv_has_a_row_per_excerpt_with_every_column(demo: Project, tmp_path: Path) -> None:
    excerpts = collect(demo)
    path = write_excerpts_table(tmp_path / "excerpts.csv", excerpts)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == excerpt_columns(excerpts)
    assert list(rows[0])[:5] == ["Document", "Case", "Role", "Site", "Site fidelity at 12 months"]
    assert len(rows) == demo.info().codings
    turnover = [r for r in rows if r["Code"] == "Turnover"]
    assert {r["Framework constructs"] for r in turnover} == {"III.A.3 Work Infrastructure"}
    assert {r["Code path"] for r in turnover} == {"Staffing > Turnover"}
    group = next(r for r in rows if r["Text"] == "Weekly, ninety minutes")
    assert (group["Case"], group["Role"], group["Site"], group["Speaker"]) == (
        "SV-01",
        "supervisor",
        "Riverside",
        "SV-01",
    )
    assert group["Framework constructs"] == "III.K Access to Knowledge & Information"  # through its category
    texts = demo.documents.text(next(d.id for d in demo.documents.all() if d.name == group["Document"]))
    assert texts[int(group["Start"]) : int(group["End"])] == group["Text"]


def _rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    """A sheet's values, the file closed again (a read-only workbook keeps it open until closed)."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(book[sheet].iter_rows(values_only=True))
    finally:
        book.close()


def test_excerpts_xlsx_matches_the_csv(demo: Project, tmp_path: Path) -> None:
    excerpts = collect(demo)
    path = write_excerpts_table(tmp_path / "excerpts.xlsx", excerpts)
    rows = _rows(path, "Excerpts")
    assert list(rows[0]) == excerpt_columns(excerpts)
    assert len(rows) - 1 == demo.info().codings


def test_codebook_table_lists_every_code_with_its_criteria_and_counts(demo: Project, tmp_path: Path) -> None:
    path = write_codebook_table(tmp_path / "codebook.xlsx", codebook_entries(demo))
    rows = _rows(path, "Codebook")
    assert rows[0] == CODEBOOK_COLUMNS
    by_path = {row[0]: dict(zip(CODEBOOK_COLUMNS, row, strict=True)) for row in rows[1:]}
    assert len(by_path) == len(demo.codes.tree())
    caseload = by_path["Workload > Caseload size"]
    assert caseload["Exclude when"] == "Time spent on paperwork (code Paperwork)."
    assert (caseload["Codings"], caseload["Documents"], caseload["Level"]) == (5, 5, 2)
    assert by_path["Workload"]["Codable"] == "no (category)"
    assert by_path["Workload"]["Codings"] == 9  # its sub-codes' codings
    assert by_path["Supervision > Group supervision"]["Framework constructs"] == (
        "III.K Access to Knowledge & Information (through Supervision)"
    )


def test_codebook_document_has_a_summary_table_and_a_section_per_code(demo: Project, tmp_path: Path) -> None:
    path = write_codebook_docx(tmp_path / "codebook.docx", codebook_entries(demo), "Demo")
    document = docx.Document(str(path))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Code", "Definition", "Coded", "Framework"]
    assert len(table.rows) == len(demo.codes.tree()) + 1
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert headings[0] == ("Heading 1", "Summary")
    assert headings[1:] == [(f"Heading {n.depth + 1}", n.code.name) for n in demo.codes.tree()]
    texts = [p.text for p in document.paragraphs]
    assert "Exclude when: One-to-one supervision." in texts


def test_ratings_matrix_document_is_landscape_and_ordered_by_outcome(demo: Project, tmp_path: Path) -> None:
    framework = demo.frameworks.default_id()
    assert framework is not None
    attributes = {a.name: a.id for a in demo.cases.attributes()}
    units = {u.label: u.id for u in units_from_attribute(demo, attributes["Site"])}
    nodes = {n.official_id: n.id for n in demo.frameworks.nodes(framework)}
    demo.frameworks.set_rating(units["Northgate"], nodes["III.K"], "+2", rationale="Supervision weekly, protected.")
    demo.frameworks.set_rating(units["Riverside"], nodes["III.K"], "+1")
    demo.frameworks.set_rating(units["Hillcrest"], nodes["III.K"], "-1", rationale="Groups cancelled.")
    matrix = RatingsMatrix(demo, framework, attributes["Site fidelity at 12 months"])
    path = write_ratings_docx(tmp_path / "matrix.docx", matrix, "Demo", "Site fidelity at 12 months")
    document = docx.Document(str(path))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert document.sections[0].page_width > document.sections[0].page_height
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Construct", "Northgate (4.6)", "Riverside (3.9)", "Hillcrest (2.8)", "Advisory comparison"]
    row = next(r for r in table.rows if r.cells[0].text.startswith("III.K "))
    assert [c.text for c in row.cells] == [
        "III.K Access to Knowledge & Information",
        "+2",
        "+1",
        "-1",
        "weakly distinguishing",
    ]
    texts = [p.text for p in document.paragraphs]
    assert "Northgate, +2: Supervision weekly, protected." in texts
    assert "Hillcrest, -1: Groups cancelled." in texts


def test_word_files_are_a4_or_letter(demo: Project, tmp_path: Path) -> None:
    entries = codebook_entries(demo)
    a4 = docx.Document(str(write_codebook_docx(tmp_path / "a4.docx", entries, "Demo")))
    letter = docx.Document(str(write_codebook_docx(tmp_path / "letter.docx", entries, "Demo", Paper.LETTER)))
    assert (round(a4.sections[0].page_width.mm), round(a4.sections[0].page_height.mm)) == (210, 297)
    assert (letter.sections[0].page_width.inches, letter.sections[0].page_height.inches) == (8.5, 11)
