"""Case attributes from CSV or XLSX: types inferred, unmatched rows and misfit cells reported, the rest written."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.model.cases.attribute_sheet import apply_sheet, infer_type
from app.model.core.dto import AttributeType
from app.model.core.errors import ConflictError
from app.model.documents.readers.base import ReadError
from app.model.project import Project
from tests.conftest import table_dump


def _values_by_name(project: Project) -> dict[tuple[str, str], object]:
    cases = {c.id: c.name for c in project.cases.all()}
    attributes = {a.id: a.name for a in project.cases.attributes()}
    return {(cases[c], attributes[a]): v for (c, a), v in project.cases.values().items()}


def test_csv_types_are_inferred_and_unmatched_rows_reported(project: Project, tmp_path: Path) -> None:
    for name in ("CM-01", "CM-02", "SV-01"):
        project.cases.create(name)
    sheet = tmp_path / "people.csv"
    sheet.write_text(
        "Participant;Role;Fidelity;Trained;Interviewed;Notes\n"
        "CM-01;case manager;3.5;yes;2024-03-01;new to the team\n"
        "CM-02;case manager;4,1;no;2024-03-04;\n"
        "SV-01;supervisor;;yes;2024-02-28;ten years here\n"
        "XX-99;manager;2;no;2024-01-01;not in the project\n",
        encoding="utf-8-sig",
    )
    report = apply_sheet(project, sheet)
    types = {a.name: a.type for a in project.cases.attributes()}
    assert types == {
        "Role": AttributeType.CHOICE,
        "Fidelity": AttributeType.NUMBER,
        "Trained": AttributeType.BOOLEAN,
        "Interviewed": AttributeType.DATE,
        "Notes": AttributeType.TEXT,
    }
    assert next(a for a in project.cases.attributes() if a.name == "Role").choices == (
        "case manager",
        "manager",
        "supervisor",
    )
    values = _values_by_name(project)
    assert values[("CM-02", "Fidelity")] == 4.1  # a decimal comma
    assert values[("CM-01", "Trained")] is True
    assert values[("SV-01", "Interviewed")] == date(2024, 2, 28)
    assert ("SV-01", "Fidelity") not in values  # an empty cell sets nothing
    assert report.unmatched_rows == ((5, "XX-99"),)
    assert (report.cases_updated, report.values_set) == (3, 13)
    assert "No case matched row 5 ('XX-99')." in report.summary()


def test_xlsx_with_native_types_existing_attribute_types_and_misfits(project: Project, tmp_path: Path) -> None:
    project.cases.create("Site A")
    project.cases.create("Site B")
    fidelity = project.cases.define_attribute("Fidelity", AttributeType.NUMBER)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Site", "Fidelity", "Start"])
    sheet.append(["Site A", 4.5, datetime(2023, 9, 1)])
    sheet.append(["Site B", "high", datetime(2023, 10, 2)])
    sheet.append(["Site C", 3, datetime(2023, 11, 3)])
    workbook.save(tmp_path / "sites.xlsx")

    report = apply_sheet(project, tmp_path / "sites.xlsx", create_cases=True)
    values = _values_by_name(project)
    assert values[("Site A", "Fidelity")] == 4.5
    assert values[("Site C", "Fidelity")] == 3.0
    assert values[("Site B", "Start")] == date(2023, 10, 2)
    assert ("Site B", "Fidelity") not in values
    assert report.cases_created == ("Site C",)
    assert report.attributes_created == (("Start", AttributeType.DATE),)
    assert report.rejected_cells == ("row 3, Fidelity: 'high' is not a valid number for 'Fidelity'.",)
    assert next(a for a in project.cases.attributes() if a.id == fidelity.id).type is AttributeType.NUMBER


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1", "2.5", "", None], AttributeType.NUMBER),
        (["Yes", "no", "TRUE"], AttributeType.BOOLEAN),
        (["2024-01-01", date(2024, 2, 2)], AttributeType.DATE),
        (["A", "B", "A", "C"], AttributeType.CHOICE),
        (["alpha", "beta", "gamma"], AttributeType.TEXT),  # every value distinct: free text, not a choice
    ],
)
def test_type_inference(values: list[object], expected: AttributeType) -> None:
    assert infer_type(values)[0] is expected


def test_a_sheet_without_rows_or_of_another_kind_is_refused(project: Project, tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_text("Case,Role\n")
    with pytest.raises(ReadError, match="header row and at least one row"):
        apply_sheet(project, tmp_path / "empty.csv")
    (tmp_path / "sheet.ods").write_bytes(b"x")
    with pytest.raises(ReadError, match=r"\.csv or \.xlsx"):
        apply_sheet(project, tmp_path / "sheet.ods")
    (tmp_path / "broken.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(ReadError, match="damaged"):
        apply_sheet(project, tmp_path / "broken.xlsx")


def test_a_repeated_column_refuses_the_whole_sheet_and_changes_nothing(project: Project, tmp_path: Path) -> None:
    project.cases.create("CM-01")
    sheet = tmp_path / "twice.csv"
    sheet.write_text("Case,Role,Site,Role\nCM-01,lead,North,lead\nCM-09,staff,South,staff\n")
    before = table_dump(project.path)
    with pytest.raises(ReadError, match=r"twice\.csv: the column 'Role' appears twice \(columns 2 and 4\)"):
        apply_sheet(project, sheet, create_cases=True)
    assert table_dump(project.path) == before  # no case CM-09, no attribute Site


def test_a_sheet_failing_while_written_leaves_nothing(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text("Case,Role,Age\nCM-01,lead,40\nCM-02,staff,31\n")
    before = table_dump(project.path)

    def full(*args: object, **kwargs: object) -> int:
        raise ConflictError("An attribute named 'Age' already exists.")

    monkeypatch.setattr("app.model.cases.case_service.append_named", full)
    with pytest.raises(ReadError, match="already exists"):
        apply_sheet(project, sheet, create_cases=True)
    assert table_dump(project.path) == before  # the cases created before the failure were rolled back


def test_names_are_matched_as_the_project_stores_them(project: Project, tmp_path: Path) -> None:
    project.cases.create("Site A")
    project.cases.define_attribute("Start year", AttributeType.NUMBER)
    sheet = tmp_path / "spaces.csv"
    sheet.write_text("Case,Start  year\n Site  A ,2021\n")
    report = apply_sheet(project, sheet)
    assert report.attributes_created == ()
    assert _values_by_name(project) == {("Site A", "Start year"): 2021.0}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Case,Role\r\nCM-01,lead\rCM-02,staff\r\n", None),  # a bare CR ends a line, as old Mac files do
        (b'Case,Role\nCM-01,"lead\n', None),
        (b"\xff\xfe\x00\xd8", "is not valid utf-16"),
        (b"Case,Role\nCM-01," + b"x" * 200_000 + b"\n", "rows and cells"),
    ],
)
def test_awkward_csv_is_read_or_refused_in_words(
    project: Project, tmp_path: Path, data: bytes, message: str | None
) -> None:
    sheet = tmp_path / "awkward.csv"
    sheet.write_bytes(data)
    if message is None:
        apply_sheet(project, sheet, create_cases=True)
        assert {c.name for c in project.cases.all()} >= {"CM-01"}
    else:
        with pytest.raises(ReadError, match=message):
            apply_sheet(project, sheet, create_cases=True)


def test_workbooks_that_break_openpyxl_are_refused_in_words(project: Project, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Case", "Role"])
    sheet.append(["CM-01", "lead"])
    good = tmp_path / "good.xlsx"
    workbook.save(good)
    with zipfile.ZipFile(good) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    laughs = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><x>&b;</x>'
    variants = {
        "no-sheet.xlsx": {k: v for k, v in parts.items() if not k.startswith("xl/worksheets/")},
        "laughs.xlsx": {**parts, "xl/sharedStrings.xml": laughs},
        "broken-xml.xlsx": {**parts, "xl/worksheets/sheet1.xml": parts["xl/worksheets/sheet1.xml"][:-40]},
        "no-workbook.xlsx": {k: v for k, v in parts.items() if k != "xl/workbook.xml"},
    }
    before = table_dump(project.path)
    for name, entries in variants.items():
        path = tmp_path / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            for entry, data in entries.items():
                package.writestr(entry, data)
        with pytest.raises(ReadError) as refused:
            apply_sheet(project, path, create_cases=True)
        assert str(refused.value).startswith(f"{name}: ")
    assert table_dump(project.path) == before
