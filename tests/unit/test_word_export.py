"""The Word report of coded excerpts, opened back with python-docx: grouping, quotes, sources, styles, fields."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import docx
import pypdf
import pytest
from docx.document import Document as DocxDocument
from lxml import etree

from app.model.analysis.matrices import Scope
from app.model.core.dto import NewDocument, NewTurn
from app.model.core.errors import AxialError
from app.model.core.progress import CancelledError, NoProgress
from app.model.project import Project
from app.model.reports.atomic import ExportError
from app.model.reports.excerpt_outline import Grouping, Order, OutlineOptions, outline
from app.model.reports.excerpts import Context, ExcerptFilter, collect
from app.model.reports.excerpts_docx import ReportOptions, write_excerpts_report
from app.model.reports.word import W, xml_safe
from tests.unit.reports import demo_with_mappings

QUOTE, SOURCE = "Quote", "Excerpt Source"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    with demo_with_mappings(tmp_path_factory.mktemp("demo") / "Demo.axial") as project:
        yield project


def _report(project: Project, path: Path, *, wanted: ExcerptFilter | None = None, **options: object) -> DocxDocument:
    context = options.pop("context", Context.NONE)
    excerpts = collect(project, wanted, context=context)  # type: ignore[arg-type]
    sections = outline(excerpts, OutlineOptions(**options))  # type: ignore[arg-type]
    attributes = tuple(a.id for a in project.cases.attributes() if a.name in ("Role", "Site"))
    write_excerpts_report(path, excerpts, sections, ReportOptions(project_name="Demo", source_attributes=attributes))
    return docx.Document(str(path))


def _body(document: DocxDocument) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph after the table of contents."""
    paragraphs = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
    first = next(i for i, (style, _) in enumerate(paragraphs) if style == "Heading 1")
    return paragraphs[first:]


def _coded_texts(project: Project, code_ids: list[int] | None = None) -> Counter[str]:
    tree = project.codes.tree()
    ids = code_ids or [n.code.id for n in tree]
    texts: Counter[str] = Counter()
    for coding in project.codings.for_codes(ids):
        texts[project.documents.text(coding.document_id)[coding.start : coding.end]] += 1
    return texts


def _quoted(body: list[tuple[str, str]]) -> Counter[str]:
    """The quoted text of each Quote paragraph, without its speaker label."""
    return Counter(text.split(": ", 1)[1] if ": " in text else text for style, text in body if style == QUOTE)


def test_by_tree_headings_follow_the_tree_and_every_excerpt_is_quoted_once_with_its_source(
    demo: Project, tmp_path: Path
) -> None:
    body = _body(_report(demo, tmp_path / "tree.docx"))
    headings = [(style, text) for style, text in body if style.startswith("Heading")]
    tree = demo.codes.tree()
    assert headings == [(f"Heading {n.depth + 1}", n.code.name) for n in tree]  # every demo code has codings
    assert _quoted(body) == _coded_texts(demo)
    for index, (style, _) in enumerate(body):
        if style == QUOTE:  # each quote is followed by its source line
            assert body[index + 1][0] == SOURCE
    sources = [text for style, text in body if style == SOURCE]
    assert len(sources) == sum(_coded_texts(demo).values())
    assert (
        sources[0]
        == "— Hillcrest - case manager CM-04 · CM-04 (Role: case manager; Site: Hillcrest) · ¶ 6 · coded by Demo coder"
    )
    assert all("coded by Demo coder" in s for s in sources)


def test_headings_carry_the_definition_and_counts(demo: Project, tmp_path: Path) -> None:
    body = _body(_report(demo, tmp_path / "tree.docx"))
    at = body.index(("Heading 2", "Caseload size"))
    assert body[at + 1] == (
        "Section Description",
        "The number of people a case manager works with, and what staff say about it.",
    )
    assert body[at + 2] == ("Section Counts", "5 excerpts from 5 documents, 5 cases")


def test_by_cfir_domains_hold_constructs_hold_codes(demo: Project, tmp_path: Path) -> None:
    body = _body(_report(demo, tmp_path / "cfir.docx", grouping=Grouping.FRAMEWORK))
    headings = [(style, text) for style, text in body if style.startswith("Heading")]
    assert headings[:5] == [
        ("Heading 1", "III Inner Setting"),
        ("Heading 2", "III.A Structural Characteristics"),
        ("Heading 3", "III.A.3 Work Infrastructure"),
        ("Heading 4", "Workload › Caseload size"),
        ("Heading 4", "Staffing › Turnover"),
    ]
    knowledge = headings.index(("Heading 2", "III.K Access to Knowledge & Information"))
    assert headings[knowledge + 1 : knowledge + 3] == [  # a mapped category brings its codes along
        ("Heading 3", "Supervision › Group supervision"),
        ("Heading 3", "Supervision › Learning from colleagues"),
    ]
    assert headings[-2:] == [("Heading 1", "Codes not mapped to the framework"), ("Heading 2", "Workload › Paperwork")]
    assert _quoted(body) == _coded_texts(demo)  # each code is mapped once, so each excerpt appears once


def test_a_second_grouping_splits_each_code_by_attribute(demo: Project, tmp_path: Path) -> None:
    role = next(a.id for a in demo.cases.attributes() if a.name == "Role")
    body = _body(_report(demo, tmp_path / "split.docx", split_by=role))
    at = body.index(("Heading 2", "Turnover"))
    following = [entry for entry in body[at + 1 :] if entry[0].startswith("Heading")][:3]
    assert following == [("Heading 3", "Role: supervisor"), ("Heading 3", "Role: manager"), ("Heading 1", "Leadership")]
    manager = body.index(("Heading 3", "Role: manager"))
    sources = [text for style, text in body[manager : manager + 8] if style == SOURCE]
    assert sources
    assert all("Role: manager" in s for s in sources)


def test_filters_by_attribute_code_and_date(demo: Project, tmp_path: Path) -> None:
    role = next(a.id for a in demo.cases.attributes() if a.name == "Role")
    supervision = next(n.code.id for n in demo.codes.tree() if n.code.name == "Supervision")
    wanted = ExcerptFilter(scope=Scope(attribute_values=((role, frozenset({"supervisor"})),)), code_ids=(supervision,))
    body = _body(_report(demo, tmp_path / "filtered.docx", wanted=wanted))
    headings = [text for style, text in body if style.startswith("Heading")]
    assert headings == ["Supervision", "Group supervision", "Learning from colleagues"]
    sources = [text for style, text in body if style == SOURCE]
    assert sources
    assert all("Role: supervisor" in s for s in sources)

    tomorrow = date.today() + timedelta(days=1)
    empty = _report(demo, tmp_path / "empty.docx", wanted=ExcerptFilter(scope=Scope(coded_from=tomorrow)))
    texts = [p.text for p in empty.paragraphs]
    assert "No coded text matches the filters." in texts
    assert not any(p.style is not None and p.style.name == QUOTE for p in empty.paragraphs)


def test_sort_by_case_orders_quotes_within_a_code(demo: Project, tmp_path: Path) -> None:
    body = _body(_report(demo, tmp_path / "by-case.docx", order=Order.CASE))
    at = body.index(("Heading 2", "Caseload size"))
    end = body.index(("Heading 2", "Paperwork"))
    cases = [text.split(" · ")[1].split(" (")[0] for style, text in body[at:end] if style == SOURCE]
    assert cases == sorted(cases)
    assert len(cases) == 5


def test_styles_toc_field_and_page_numbers(demo: Project, tmp_path: Path) -> None:
    document = _report(demo, tmp_path / "styles.docx")
    names = {s.name for s in document.styles}
    assert {"Heading 1", "Heading 2", "Quote", "Excerpt Source", "Title", "Speaker Label"} <= names
    xml = etree.tostring(document.element.body, encoding="unicode")
    assert ' TOC \\o "1-2" \\h \\z \\u ' in xml
    assert xml.count('w:fldCharType="begin"') == xml.count('w:fldCharType="end"') == 1
    footer = etree.tostring(document.sections[0].footer._element, encoding="unicode")
    assert 'w:instr="PAGE"' in footer
    assert document.settings.element.find(f"{W}updateFields") is not None
    assert not any(p.runs and any(r.font.bold for r in p.runs) for p in document.paragraphs if p.style.name == QUOTE)


def test_speaker_labels_and_context(demo: Project, tmp_path: Path) -> None:
    body = _body(_report(demo, tmp_path / "context.docx", context=Context.SENTENCE))
    quote = next(text for style, text in body if style == QUOTE and "Weekly, ninety minutes" in text)
    assert quote == "SV-01: Weekly, ninety minutes"
    at = body.index((QUOTE, quote))
    assert body[at + 2] == ("Excerpt Context", "In context: Weekly, ninety minutes, and nobody brings paperwork.")


def test_emoji_cjk_right_to_left_and_control_characters_make_a_file_word_opens(
    project: Project, tmp_path: Path
) -> None:
    lines = ["P1: Caseload 😀 is heavy \x01\x1fnext line", "P2: 忙しいです", "P3: עבודה קשה מאוד"]
    text = "\n".join(lines) + "\n"
    starts = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]
    turns = tuple(NewTurn(f"P{i + 1}", start + 4, start + len(lines[i])) for i, start in enumerate(starts))
    document = project.documents.add(NewDocument("Tricky", text, turns=turns))
    code = project.codes.create("Workload")
    for turn in turns:
        project.codings.apply(document.id, code.id, turn.start, turn.end, memo="note \x02 here")
    path = tmp_path / "tricky.docx"
    opened = _report(project, path)
    quotes = [p for p in opened.paragraphs if p.style is not None and p.style.name == QUOTE]
    assert [p.text for p in quotes] == [
        "P1: Caseload 😀 is heavy next line",
        "P2: 忙しいです",
        "P3: עבודה קשה מאוד",
    ]
    assert quotes[2]._p.pPr.find(f"{W}bidi") is not None  # Hebrew reads right to left
    assert quotes[0]._p.pPr.find(f"{W}bidi") is None
    assert "Memo: note  here" in [p.text for p in opened.paragraphs]


def test_a_cancelled_export_leaves_no_file(demo: Project, tmp_path: Path) -> None:
    class Cancelled(NoProgress):
        cancelled = True  # as if the user pressed Cancel before the first step

    excerpts = collect(demo)
    path = tmp_path / "cancelled.docx"
    with pytest.raises(CancelledError):
        write_excerpts_report(path, excerpts, outline(excerpts, OutlineOptions()), ReportOptions(), Cancelled())
    assert list(tmp_path.iterdir()) == []


def test_a_file_open_elsewhere_gives_a_clear_message_and_keeps_the_old_file(
    demo: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "open in Word.docx"
    path.write_bytes(b"the version Word has open")

    def locked(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("app.model.reports.atomic.os.replace", locked)
    excerpts = collect(demo)
    with pytest.raises(ExportError, match=r"open in Word\.docx: cannot be written; is it open in another program"):
        write_excerpts_report(path, excerpts, outline(excerpts, OutlineOptions()), ReportOptions())
    assert path.read_bytes() == b"the version Word has open"
    assert [p.name for p in tmp_path.iterdir()] == ["open in Word.docx"]


def test_only_docx_is_written(demo: Project, tmp_path: Path) -> None:
    excerpts = collect(demo)
    with pytest.raises(AxialError, match=r"\.docx"):
        write_excerpts_report(tmp_path / "report.doc", excerpts, [], ReportOptions())


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("plain", "plain"),
        ("bell\x07 and null\x00", "bell and null"),
        ("vertical\x0btab and form\x0cfeed", "vertical\ntab and form\nfeed"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("not a character \uffff\ufffe", "not a character "),
        ("emoji 😀 and 中文 stay", "emoji 😀 and 中文 stay"),
    ],
)
def test_text_word_would_refuse_is_replaced(raw: str, safe: str) -> None:
    assert xml_safe(raw) == safe


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_report_to_pdf(demo: Project, tmp_path: Path) -> None:
    report = tmp_path / "report.docx"
    _report(demo, report, grouping=Grouping.FRAMEWORK, context=Context.SENTENCE)
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(report)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(pypdf.PdfReader(tmp_path / "report.pdf").pages) >= 4  # title, contents, quotes
