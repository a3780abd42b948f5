"""Tables export to CSV and XLSX whole, safely, or not at all."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.model.reports.atomic import ExportError, whole_or_nothing
from app.model.reports.tables import write_table

ROWS = [["Caseload 😀", 3, 1.5], ['=HYPERLINK("x")', 0, None], ["שלום\x07", -2, 0.0]]


def test_csv_is_utf8_with_a_bom_and_round_trips(tmp_path: Path) -> None:
    path = write_table(tmp_path / "t.csv", ["Code", "Codings", "Share"], ROWS)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Code", "Codings", "Share"]
    assert rows[1] == ["Caseload 😀", "3", "1.5"]


def test_xlsx_has_the_rows_and_defuses_formulas_and_control_characters(tmp_path: Path) -> None:
    path = write_table(tmp_path / "t.xlsx", ["Code", "Codings", "Share"], ROWS, sheet="Frequencies")
    sheet = load_workbook(path).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Code", "Codings", "Share"]
    assert values[1] == ["Caseload 😀", 3, 1.5]
    assert values[2][0] == '\'=HYPERLINK("x")'
    assert values[3][0] == "שלום"
    assert not list(tmp_path.glob(".*partial"))


def test_bad_destinations_leave_nothing_behind(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"\.csv or \.xlsx"):
        write_table(tmp_path / "t.pdf", ["a"], [])
    with pytest.raises(ExportError, match="cannot be written"):
        write_table(tmp_path / "missing" / "t.csv", ["a"], [])
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_keeps_the_previous_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "codebook.csv"
    target.write_text("the previous export", encoding="utf-8")

    def export_that_fails_half_way() -> None:
        with whole_or_nothing(target) as partial:
            partial.write_text("half", encoding="utf-8")
            raise ValueError("half way")

    with pytest.raises(ValueError, match="half way"):
        export_that_fails_half_way()
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert list(tmp_path.iterdir()) == [target]
