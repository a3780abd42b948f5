"""An attribute sheet can be looked at before it is applied; applied, it is one step through the case service."""

from __future__ import annotations

from pathlib import Path

from app.model.cases.attribute_sheet import apply_sheet, preview_sheet
from app.model.core.dto import AttributeType
from app.model.project import Project
from tests.conftest import table_dump


def test_a_preview_says_what_applying_will_do_and_changes_nothing(project: Project, tmp_path: Path) -> None:
    project.cases.create("CM-01")
    sheet = tmp_path / "people.csv"
    sheet.write_text("Case,Role,Years\nCM-01,lead,4\nCM-02,staff,many\nCM-03,staff,2\n", encoding="utf-8")
    before = table_dump(project.path)
    preview = preview_sheet(project, sheet, create_cases=True)
    assert table_dump(project.path) == before
    assert preview.cases_created == ("CM-02", "CM-03")
    assert preview.attributes_created == (("Role", AttributeType.CHOICE), ("Years", AttributeType.TEXT))
    assert (preview.cases_updated, preview.values_set) == (3, 6)
    audit = len(project.audit(1000))
    assert apply_sheet(project, sheet, create_cases=True) == preview
    assert len(project.audit(1000)) == audit + 1  # the cases, attributes and values: one transaction
    assert {c.name for c in project.cases.all()} == {"CM-01", "CM-02", "CM-03"}


def test_without_creating_cases_a_preview_lists_the_rows_that_match_none(project: Project, tmp_path: Path) -> None:
    project.cases.create("CM-01")
    sheet = tmp_path / "people.csv"
    sheet.write_text("Case,Years\nCM-01,4\nCM-02,3\n", encoding="utf-8")
    preview = preview_sheet(project, sheet)
    assert (preview.cases_created, preview.unmatched_rows, preview.values_set) == ((), ((3, "CM-02"),), 1)
    assert apply_sheet(project, sheet) == preview
