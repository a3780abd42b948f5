"""The ratings matrix workbook, read back: ratings and outcomes are numbers, the outcome row says which attribute it
is, and no cell is a formula."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.cli.main import main
from app.model.core.dto import AttributeType
from app.model.frameworks import definitions
from app.model.frameworks.ratings_matrix import RatingsMatrix, units_from_attribute
from app.model.project import Project
from app.model.reports.ratings_xlsx import RATING_FORMAT, write_ratings

ATTACK = "=cmd|' /C calc'!A0"


@pytest.fixture
def study(tmp_path: Path) -> Path:
    path = tmp_path / "study.axial"
    with Project.create(path, coder="Tester") as project:
        cfir = definitions.install(project, "cfir-2022")
        nodes = {n.official_id: n.id for n in project.frameworks.nodes(cfir.id)}
        site = project.cases.define_attribute("Site", AttributeType.CHOICE, ["North", "South", "East"])
        fidelity = project.cases.define_attribute("Fidelity", AttributeType.NUMBER)
        for name, place, score in (("P1", "North", 4.5), ("P2", "South", 2.0), ("P3", "East", 3.0)):
            case = project.cases.create(name)
            project.cases.set_value(case.id, site.id, place)
            project.cases.set_value(case.id, fidelity.id, score)
        units = {u.label: u.id for u in units_from_attribute(project, site.id)}
        project.frameworks.set_rating(units["North"], nodes["III.K"], "+2", ATTACK)
        project.frameworks.set_rating(units["South"], nodes["III.K"], "-1", "Groups cancelled.")
        project.frameworks.set_rating(units["East"], nodes["III.K"], "X")
        project.frameworks.set_rating(units["East"], nodes["IV.A"], "0")
    return path


def _matrix(project: Project, outcome: str | None) -> RatingsMatrix:
    framework = project.frameworks.default_id()
    assert framework is not None
    attribute = next((a.id for a in project.cases.attributes() if a.name == outcome), None)
    return RatingsMatrix(project, framework, attribute)


def _rows(path: Path) -> dict[str, list[openpyxl.cell.Cell]]:
    sheet = openpyxl.load_workbook(path)["Ratings"]
    return {str(row[0].value): list(row) for row in sheet.iter_rows()}


def test_ratings_and_outcomes_are_numbers_and_the_outcome_row_is_named(study: Path, tmp_path: Path) -> None:
    with Project.open(study, read_only=True) as project:
        path = write_ratings(tmp_path / "matrix.xlsx", _matrix(project, "Fidelity"), "Fidelity")
    rows = _rows(path)
    assert [c.value for c in rows["Construct"][:4]] == ["Construct", "North", "East", "South"]  # by fidelity
    outcome = rows["Fidelity"]
    assert [c.value for c in outcome[1:4]] == [4.5, 3.0, 2.0]
    assert {c.data_type for c in outcome[1:4]} == {"n"}
    access = next(row for label, row in rows.items() if label.startswith("III.K "))
    assert [c.value for c in access[1:4]] == [2, "X", -1]
    assert [(c.data_type, c.number_format) for c in (access[1], access[3])] == [("n", RATING_FORMAT)] * 2
    leaders = next(row for label, row in rows.items() if label.startswith("IV.A "))
    assert (leaders[2].value, leaders[2].number_format) == (0, RATING_FORMAT)
    book = openpyxl.load_workbook(path)
    notes = {row[1].value: row for row in book["Rationales"].iter_rows(min_row=2)}
    assert (notes["North"][2].value, notes["North"][2].number_format) == (2, RATING_FORMAT)
    assert notes["North"][3].value == "'" + ATTACK
    assert [c.coordinate for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"] == []


def test_without_an_outcome_the_ratings_start_under_the_header(study: Path, tmp_path: Path) -> None:
    with Project.open(study, read_only=True) as project:
        path = write_ratings(tmp_path / "matrix.xlsx", _matrix(project, None))
    sheet = openpyxl.load_workbook(path)["Ratings"]
    assert str(sheet["A2"].value).startswith("I.A ")
    assert sheet.freeze_panes == "B2"


def test_the_command_line_names_the_outcome_row(study: Path, tmp_path: Path) -> None:
    out = tmp_path / "matrix.xlsx"
    assert main(["export", str(study), "--matrix", str(out), "--outcome", "Fidelity"]) == 0
    assert "Fidelity" in _rows(out)
