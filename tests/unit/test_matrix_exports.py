"""The Word matrix fills the landscape page without breaking a unit's name, shaded as on screen with its header
repeated; the site summary report gives each unit's constructs in framework order with rating, rationale, summary
and key quotes; `axial export --summaries` writes it."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from app.cli.main import main
from app.model.frameworks.framework_matrix import framework_matrix
from app.model.frameworks.rating_colours import FILL
from app.model.frameworks.ratings_matrix import RatingsMatrix
from app.model.project import Project
from app.model.reports.ratings_docx import write_ratings_docx
from app.model.reports.site_summaries_docx import write_site_summaries_docx
from app.model.reports.word import W
from tests.unit.study2_project import Study2, build_study2


@pytest.fixture
def study(project: Project) -> Study2:
    built = build_study2(project)
    knowledge = built.constructs["III.K"]
    riverside = built.units["Riverside"]
    evidence = framework_matrix(project, built.framework_id).excerpt_ids(riverside, knowledge)
    project.edits.rate(riverside, knowledge, "+2", "Trainers on site every week.", evidence=list(evidence))
    project.edits.set_cell_summary(riverside, knowledge, "Hands-on training.\nStaff could ask anything.")
    project.edits.rate(riverside, built.constructs["I.A"], "+1", "Chosen locally.")
    return built


def _grid(table: object) -> list[int]:
    return [int(c.get(f"{W}w")) for c in table._tbl.iterfind(f"{W}tblGrid/{W}gridCol")]  # type: ignore[attr-defined]


def test_the_word_matrix_fills_the_page_and_never_breaks_a_name(
    project: Project, study: Study2, tmp_path: Path
) -> None:
    matrix = RatingsMatrix(project, study.framework_id, study.change)
    path = write_ratings_docx(tmp_path / "matrix.docx", matrix, "Study 2", "Change")
    document = docx.Document(str(path))
    section = document.sections[0]
    usable = (section.page_width - section.left_margin - section.right_margin) / 635  # EMU to twips
    table = document.tables[0]
    assert sum(_grid(table)) == pytest.approx(usable, abs=len(_grid(table)))
    header = table.rows[0]._tr
    assert header.find(f"{W}trPr/{W}tblHeader") is not None  # repeated on every page
    # "Northumberland" cannot fit a ninth of the page at a legible size, so the names are turned, not broken.
    assert header.find(f"{W}tc/{W}tcPr/{W}textDirection").get(f"{W}val") == "btLr"
    row = next(r for r in table.rows if r.cells[0].text.startswith("III.K"))
    assert row.cells[1].text == "+2"
    assert row._tr.find(f"{W}trPr/{W}cantSplit") is not None  # a row never splits across pages
    assert row.cells[1]._tc.find(f"{W}tcPr/{W}shd").get(f"{W}fill") == FILL["+2"]
    assert row.cells[-1].text == "weakly distinguishing"
    reasons = [p.text for p in document.paragraphs if p.text.startswith("III.K Access to Knowledge & Information: ")]
    assert len(reasons) == 1
    assert "except a tie: 0/0 (Lakeview and Westmoor)" in reasons[0]


def test_short_names_keep_their_header_upright_and_wide_enough(project: Project, tmp_path: Path) -> None:
    from app.model.core.dto import AttributeType
    from app.model.frameworks import definitions
    from app.model.frameworks.ratings_matrix import units_from_attribute

    cfir = definitions.install(project, "cfir-2022")
    site = project.cases.define_attribute("Site", AttributeType.TEXT)
    for name in ("North", "South", "Westernmost"):
        project.cases.set_value(project.cases.create(name).id, site.id, name)
    units = units_from_attribute(project, site.id)
    node = next(n.id for n in project.frameworks.nodes(cfir.id) if n.official_id == "I.A")
    project.frameworks.set_rating(units[0].id, node, "-1")
    path = write_ratings_docx(tmp_path / "m.docx", RatingsMatrix(project, cfir.id), "S", None)
    table = docx.Document(str(path)).tables[0]
    assert table.rows[0]._tr.find(f"{W}tc/{W}tcPr/{W}textDirection") is None
    # "Westernmost" at 9 pt bold needs about 0.85 inch with the cell's margins.
    assert min(_grid(table)[1:]) >= 0.85 * 1440


def test_site_summaries_give_each_unit_its_constructs_in_order(project: Project, study: Study2, tmp_path: Path) -> None:
    path = write_site_summaries_docx(tmp_path / "s.docx", project, study.framework_id)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    start = paragraphs.index("Riverside")
    end = paragraphs.index("Southbank")
    riverside = paragraphs[start:end]
    assert riverside[:4] == ["Riverside", "I Innovation", "I.A Innovation Source", "Rating: +1"]
    knowledge = riverside[riverside.index("III.K Access to Knowledge & Information") :]
    assert knowledge[:8] == [
        "III.K Access to Knowledge & Information",
        "Rating: +2",
        "Rationale: Trainers on site every week.",
        "Summary: Hands-on training.",
        "Staff could ask anything.",
        "“The training at Riverside was hands-on”",
        "Nurse, Riverside interview",
        "“we could ask the trainers anything”",
    ]
    assert paragraphs[paragraphs.index("Lakeview") + 1 : paragraphs.index("Lakeview") + 3] == [
        "III Inner Setting",
        "III.K Access to Knowledge & Information",
    ]


def test_export_summaries_from_the_command_line(
    project: Project, study: Study2, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project.path
    project.close()
    out = tmp_path / "summaries.docx"
    assert main(["export", str(path), "--summaries", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    assert "Riverside" in [p.text for p in docx.Document(str(out)).paragraphs]


def test_summaries_go_to_and_from_the_ratings_workbook(project: Project, study: Study2, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from app.model.core.errors import ValidationError
    from app.model.frameworks.ratings_exchange import export_ratings

    path = tmp_path / "ratings.xlsx"
    export_ratings(project, path)
    workbook = load_workbook(path)
    assert [[c.value for c in row] for row in workbook["Summaries"].iter_rows()] == [
        ["Unit", "Construct", "Summary"],
        ["Riverside", "III.K", "Hands-on training.\nStaff could ask anything."],
    ]
    sheet = workbook["Summaries"]
    sheet["C2"] = "Trainers on site."
    sheet.append(["Pinecrest", "IV.A", "=leaders absent"])  # text that looks like a formula stays text
    sheet["C3"].data_type = "s"
    workbook.save(path)
    report = project.edits.import_ratings(path)
    assert report.summaries == 2
    assert "2 summaries written" in report.summary()
    written = project.frameworks.summaries()
    assert written[(study.units["Riverside"], study.constructs["III.K"])].summary == "Trainers on site."
    assert written[(study.units["Pinecrest"], study.constructs["IV.A"])].summary == "=leaders absent"
    sheet.append(["Nowhere", "IV.A", "x"])
    workbook.save(path)
    with pytest.raises(ValidationError, match="no rating unit 'Nowhere'"):
        project.edits.import_ratings(path)
    project.history.undo()
    assert (study.units["Pinecrest"], study.constructs["IV.A"]) not in project.frameworks.summaries()


def test_the_matrix_workbook_says_why_beside_each_label(project: Project, study: Study2, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from app.model.reports.ratings_xlsx import write_ratings

    path = write_ratings(tmp_path / "m.xlsx", RatingsMatrix(project, study.framework_id, study.change), "Change")
    sheet = load_workbook(path)["Ratings"]
    header = [c.value for c in sheet[1]]
    assert header[-2:] == ["Advisory comparison (an aid, not a verdict)", "Why"]
    row = next(r for r in sheet.iter_rows() if str(r[0].value).startswith("III.K"))
    assert row[-2].value == "weakly distinguishing"
    assert "except a tie: 0/0 (Lakeview and Westmoor)" in str(row[-1].value)


def test_export_the_matrix_with_a_chosen_cut_from_the_command_line(
    project: Project, study: Study2, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project.path
    project.close()
    out = tmp_path / "m.xlsx"
    assert main(["export", str(path), "--matrix", str(out), "--outcome", "Change", "--cut", "top:4"]) == 0
    from openpyxl import load_workbook

    row = next(r for r in load_workbook(out)["Ratings"].iter_rows() if str(r[0].value).startswith("III.K"))
    assert row[-2].value == "strongly distinguishing"
    assert "the 4 highest on Change" in str(row[-1].value)
    assert main(["export", str(path), "--matrix", str(out), "--cut", "top:four"]) != 0
    assert "'four' is not a number" in capsys.readouterr().err
