"""`axial export`: the same excerpts, codebook and matrix as the desktop, chosen with filters on the command line."""

from __future__ import annotations

import csv
from pathlib import Path

import docx
import pytest

from app.cli.main import main
from tests.unit.reports import demo_with_mappings


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "Demo.axial"
    demo_with_mappings(path).close()
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_where_filters_by_attribute_values_and_every_output_is_written(demo_file: Path, tmp_path: Path) -> None:
    report, table, codebook, matrix = (tmp_path / name for name in ("r.docx", "e.csv", "cb.xlsx", "m.docx"))
    status = main(
        [
            "export", str(demo_file), "--docx", str(report), "--csv", str(table), "--codebook", str(codebook),
            "--matrix", str(matrix), "--by", "cfir", "--where", "Role=case manager", "--where", "Site=Riverside,Northgate",
            "--outcome", "Site fidelity at 12 months",
        ]
    )  # fmt: skip
    assert status == 0
    rows = _rows(table)
    assert rows
    assert {r["Role"] for r in rows} == {"case manager"}
    assert {r["Site"] for r in rows} == {"Riverside", "Northgate"}
    document = docx.Document(str(report))
    quotes = [p for p in document.paragraphs if p.style is not None and p.style.name == "Quote"]
    assert len(quotes) == len(rows)
    details = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Report Details"]
    assert "Role: case manager" in details
    assert "Site: Northgate or Riverside" in details
    assert "Grouped by framework domain, construct and code" in details
    assert codebook.exists()
    assert docx.Document(str(matrix)).tables


def test_code_and_coder_filters_and_sort_by_attribute(demo_file: Path, tmp_path: Path) -> None:
    table = tmp_path / "e.csv"
    assert main(["export", str(demo_file), "--csv", str(table), "--code", "Workload", "--coder", "Demo coder"]) == 0
    rows = _rows(table)
    assert {r["Code path"].split(" > ")[0] for r in rows} == {"Workload"}
    assert len(rows) == 9
    report = tmp_path / "sorted.docx"
    assert (
        main(["export", str(demo_file), "--docx", str(report), "--code", "Workload > Caseload size", "--sort", "Site"])
        == 0
    )
    sources = [p.text for p in docx.Document(str(report)).paragraphs if p.style.name == "Excerpt Source"]
    sites = [s.split("Site: ")[1].split(")")[0] for s in sources]
    assert sites == sorted(sites, key=["Riverside", "Hillcrest", "Northgate"].index)  # the choices' own order
    assert len(sites) == 5


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--where", "Role=boss"], "Role has no value 'boss'; its values are: case manager, supervisor, manager"),
        (["--where", "Rank=1"], "write it as ATTRIBUTE=VALUE with a known attribute"),
        (["--code", "Nope"], "no code 'Nope' in the project"),
        (["--split-by", "Colour"], "no attribute 'Colour'"),
        (["--by", "cfir", "--construct", "IX.Z"], "no construct 'IX.Z'"),
    ],
)
def test_bad_filters_are_one_line_errors(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    target = tmp_path / "r.docx"
    assert main(["export", str(demo_file), "--docx", str(target), *arguments]) == 1
    error = capsys.readouterr().err
    assert message in error
    assert error.count("\n") == 1
    assert not target.exists()


def test_nothing_to_write_is_an_error(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(demo_file)]) == 1
    assert "name at least one of --docx" in capsys.readouterr().err
