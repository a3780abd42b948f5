"""`axial agreement`: the table, the JSON with every coefficient by name, and the Word and XLSX exports."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pytest

from app.cli.main import main
from app.model.agreement.method import figure, method_statement
from app.model.agreement.service import agreement
from app.model.agreement.units import Unit
from app.model.project import Project
from app.model.reports.agreement_columns import Kind, interval, shown
from tests.unit.agreement_study import study

NAMES = {
    "units",
    "percent_agreement",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "krippendorff_alpha_95_low",
    "krippendorff_alpha_95_high",
    "gwet_ac1",
    "brennan_prediger",
    "prevalence",
    "unitizing_alpha",
    "unitizing_alpha_binary",
    "unitizing_alpha_coding",
    "unitizing_alpha_k",
}


@pytest.fixture
def coded(tmp_path: Path) -> Path:
    path = tmp_path / "team.axial"
    with Project.create(path, coder="Tester") as project:
        study(project, 11, ("Ana", "Ben"), documents=4)
    return path


def test_json_carries_every_coefficient_by_name_per_code_document_and_overall(
    coded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["agreement", str(coded), "--coders", "ana, BEN", "--unit", "sentence", "--bootstrap", "50", "--json"])
        == 0
    )
    found = json.loads(capsys.readouterr().out)
    assert found["coders"] == ["Ana", "Ben"]
    assert found["unit"] == "sentence"
    assert set(found["overall"]) == NAMES
    assert {c["code"] for c in found["codes"]} == {"Paperwork", "Support", "Workload"}
    for code in found["codes"]:
        assert set(code["coefficients"]) == NAMES
        assert set(code["coded"]) == {"Ana", "Ben"}
        assert code["documents"]
        for cell in code["documents"]:
            assert set(cell["coefficients"]) == NAMES
            assert cell["document"].startswith("Interview ")
    with Project.open(coded, read_only=True) as project:
        ids = [c.id for c in project.coders() if c.name in ("Ana", "Ben")]
        report = agreement(project, ids, Unit.SENTENCE, replicates=50)
    assert found["overall"]["cohen_kappa"] == report.overall.cohen_kappa
    assert found["overall"]["unitizing_alpha"] == report.overall.u_alpha is not None
    assert found["overall"]["unitizing_alpha_coding"] == report.overall.u_alpha_coding is not None
    by_path = {c.path: c.coefficients for c in report.codes}
    for code in found["codes"]:
        assert code["coefficients"]["unitizing_alpha_k"] == by_path[code["code"]].u_alpha_k
    assert found["method"] == method_statement(report)


def test_one_code_in_one_document(coded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["agreement", str(coded), "--coders", "Ana,Ben", "--code", "support", "--document", "Interview 1", "--json"]
    assert main(argv) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["documents"] == ["Interview 1"]
    assert [c["code"] for c in found["codes"]] == ["Support"]
    assert found["overall"]["krippendorff_alpha_95_low"] is None  # one document: nothing to resample


def test_the_table_lists_the_overall_row_then_each_code(coded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agreement", str(coded), "--coders", "Ana,Ben"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:3] == ["Code", "Units (characters)", "Agreement"]
    assert [line.split("\t")[0] for line in lines[1:5]] == ["All codes", "Paperwork", "Support", "Workload"]
    assert lines[-1].startswith("The codings of Ana and Ben on 4 documents")


def test_an_unknown_coder_is_named_with_the_coders_there(coded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agreement", str(coded), "--coders", "Ana,Cy"]) == 1
    assert (
        capsys.readouterr().err.strip() == "axial: agreement: no coder named 'Cy' (the coders: 'Ana', 'Ben', 'Tester')"
    )


def test_word_and_xlsx_hold_the_table_with_numbers_and_the_method(coded: Path, tmp_path: Path) -> None:
    word, book = tmp_path / "agreement.docx", tmp_path / "agreement.xlsx"
    argv = [
        "agreement",
        str(coded),
        "--coders",
        "Ana,Ben",
        "--bootstrap",
        "100",
        "--docx",
        str(word),
        "--xlsx",
        str(book),
    ]
    assert main(argv) == 0
    with Project.open(coded, read_only=True) as project:
        ids = [c.id for c in project.coders() if c.name in ("Ana", "Ben")]
        report = agreement(project, ids, replicates=100)
    document = docx.Document(str(word))
    paragraphs = [p.text for p in document.paragraphs]
    assert method_statement(report) in paragraphs
    per_code, _unitizing, per_cell = document.tables
    assert [cell.text for cell in per_code.rows[1].cells][:3] == [
        "All codes",
        f"{report.overall.units:,}",
        shown(report.overall.percent_agreement, Kind.SHARE),
    ]
    assert len(per_cell.rows) == 1 + sum(len(c.documents) for c in report.codes)
    sheet = openpyxl.load_workbook(book)["Per code"]
    assert [c.value for c in sheet[1]][:4] == ["Code", "Units (characters)", "Agreement", "Prevalence"]
    assert sheet["B2"].value == report.overall.units
    assert sheet["C2"].value == pytest.approx(report.overall.percent_agreement)
    assert sheet["C2"].number_format == "0.0%"
    assert sheet["E2"].value == pytest.approx(report.overall.cohen_kappa)
    assert sheet["E2"].number_format == "0.00"
    assert openpyxl.load_workbook(book)["Method"]["A1"].value == method_statement(report)
    header = [c.value for c in sheet[1]]
    overall = {"uα": report.overall.u_alpha, "|uα": report.overall.u_alpha_binary, "cuα": report.overall.u_alpha_coding}
    for title, value in overall.items():
        assert sheet.cell(row=2, column=header.index(title) + 1).value == pytest.approx(value)
    first = report.codes[0].coefficients
    assert sheet.cell(row=3, column=header.index("(k)uα") + 1).value == pytest.approx(first.u_alpha_k)
    unitizing = document.tables[1]
    assert [c.text for c in unitizing.rows[0].cells] == ["Code", "uα", "|uα", "cuα", "(k)uα"]
    assert unitizing.rows[2].cells[1].text == shown(first.u_alpha, Kind.COEFFICIENT)


def test_an_export_into_a_folder_is_refused_in_a_line(
    coded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "taken.docx"
    folder.mkdir()
    assert main(["agreement", str(coded), "--coders", "Ana,Ben", "--bootstrap", "0", "--docx", str(folder)]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_shares_never_round_to_total_agreement_or_none() -> None:
    assert shown(0.99981, Kind.SHARE) == ">99.9%"
    assert shown(1.0, Kind.SHARE) == "100.0%"
    assert shown(0.0002, Kind.SHARE) == "<0.1%"
    assert shown(None, Kind.COEFFICIENT) == "—"


def test_a_coefficient_a_hair_below_zero_reads_as_zero() -> None:
    assert shown(-0.001, Kind.COEFFICIENT) == "0.00"
    assert interval(-0.004, 0.51) == "0.00 to 0.51"
    assert interval(None, 0.5) == "—"
    assert figure(-0.001) == "0.00"
    assert figure(-0.02) == "-0.02"
