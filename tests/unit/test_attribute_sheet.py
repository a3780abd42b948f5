"""Case attributes from CSV or XLSX: types inferred, unmatched rows and misfit cells reported, the rest written."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.model.attribute_sheet import apply_sheet, infer_type
from app.model.dto import AttributeType
from app.model.importers.base import ReadError
from app.model.project import Project


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
