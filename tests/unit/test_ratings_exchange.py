"""Ratings to and from a spreadsheet: a round trip gives the same ratings, a bad sheet changes nothing and says
why, numbers stay numbers, and no cell is ever a formula."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from app.cli.main import main
from app.model.core.errors import AxialError
from app.model.frameworks.ratings_exchange import export_ratings, rationale_path
from app.model.project import Project
from tests.conftest import table_dump

ATTACK = "=cmd|' /C calc'!A0"


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    """Three sites to rate on CFIR 2.0, with I.B hidden and a construct the study added; nothing rated yet."""
    path = tmp_path / "blank.axial"
    with Project.create(path, coder="Tester") as project:
        framework = project.edits.use_framework("cfir-2022")
        assert framework is not None
        for name in ("Site A", "Site B", "-Site C"):
            project.cases.create(name)
        project.edits.add_rating_units(None)
        nodes = {n.official_id: n for n in project.frameworks.nodes(framework.id)}
        project.edits.adapt_construct(nodes["I.B"].id, hidden=True)
        project.edits.add_construct(framework.id, nodes["II"].id, "Funding rules")
    return path


@pytest.fixture
def rated(blank: Path, tmp_path: Path) -> Path:
    """The same study, rated: numbers, X, missing and n/a, rationales that are odd or hostile, a flag."""
    path = Path(shutil.copy(blank, tmp_path / "rated.axial"))
    with Project.open(path) as project:
        units, nodes = _units(project), _nodes(project)
        rate = project.frameworks.set_rating
        rate(units["Site A"], nodes["I.A"], "+2", "Weekly huddles.\nEvery site lead came.")
        rate(units["Site A"], nodes["Funding rules"], "-1", ATTACK)
        rate(units["Site B"], nodes["I.A"], "0", "'quoted' on purpose", flag="check with team")
        rate(units["Site B"], nodes["II.A"], "X", "+ and - in equal measure")
        rate(units["-Site C"], nodes["I.A"], "-2")
        rate(units["-Site C"], nodes["II.A"], "missing", "@everyone said nothing")
        rate(units["-Site C"], nodes["IV.A"], "na")
    return path


def _units(project: Project) -> dict[str, int]:
    return {u.label: u.id for u in project.frameworks.rating_units()}


def _nodes(project: Project) -> dict[str, int]:
    framework = project.frameworks.default_id()
    assert framework is not None
    return {n.official_id or n.name: n.id for n in project.frameworks.nodes(framework)}


def _ratings(path: Path) -> list[tuple[object, ...]]:
    """The rating table as stored, but for when each rating was made."""
    conn = sqlite3.connect(path)
    try:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(rating)")]
    finally:
        conn.close()
    keep = [i for i, name in enumerate(columns) if name != "rated_at"]
    return [tuple(row[i] for i in keep) for row in table_dump(path)["rating"]]


@pytest.fixture
def opened(rated: Path) -> Iterator[Project]:
    with Project.open(rated, read_only=True) as project:
        yield project


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_into_a_fresh_copy_gives_the_same_ratings(
    rated: Path, blank: Path, tmp_path: Path, suffix: str
) -> None:
    with Project.open(rated, read_only=True) as project:
        export_ratings(project, tmp_path / f"ratings{suffix}")
    before = table_dump(blank)
    with Project.open(blank) as project:
        report = project.edits.import_ratings(tmp_path / f"ratings{suffix}")
        assert (report.changed, report.unchanged) == (7, 0)
        assert project.history.undo_label() == f"Import ratings “ratings{suffix}”"
    assert _ratings(blank) == _ratings(rated)
    after = table_dump(blank)
    assert {t for t in after if after[t] != before[t]} == {"rating"}
    with Project.open(blank) as project:  # importing the same file again changes nothing
        assert project.edits.import_ratings(tmp_path / f"ratings{suffix}").changed == 0
        project.history.undo()  # the first import, whole, in one step
    assert table_dump(blank) == before


def test_the_workbook_keeps_ratings_as_numbers_and_no_formula(opened: Project, tmp_path: Path) -> None:
    export_ratings(opened, tmp_path / "ratings.xlsx")
    book = openpyxl.load_workbook(tmp_path / "ratings.xlsx")
    sheet = book["Ratings"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Unit", "I.A", "I.C"]  # I.B is hidden in this study
    assert "Funding rules" in header
    rows = {row[0].value: {h: c for h, c in zip(header, row, strict=True)} for row in sheet.iter_rows(min_row=2)}
    assert sorted(rows) == ["'-Site C", "Site A", "Site B"]  # defused: "-Site C" could start a formula
    a_cell, c_cell = rows["Site A"]["I.A"], rows["'-Site C"]["I.A"]
    assert (a_cell.value, a_cell.data_type, a_cell.number_format) == (2, "n", "+0;-0;0")
    assert (c_cell.value, c_cell.number_format) == (-2, "+0;-0;0")
    assert rows["Site B"]["I.A"].value == 0
    assert [rows["Site B"]["II.A"].value, rows["'-Site C"]["II.A"].value, rows["'-Site C"]["IV.A"].value] == [
        "X",
        "missing",
        "na",
    ]
    assert rows["Site A"]["II.A"].value is None
    notes = [[c.value for c in row] for row in book["Rationale"].iter_rows()]
    assert notes[0] == ["Unit", "Construct", "Rationale", "Flag"]
    assert ["Site A", "Funding rules", "'" + ATTACK, None] in notes
    assert ["Site B", "I.A", "''quoted' on purpose", "check with team"] in notes
    formulas = [c.coordinate for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_the_csv_files_hold_no_formula(opened: Project, tmp_path: Path) -> None:
    written = export_ratings(opened, tmp_path / "ratings.csv")
    assert written == [
        tmp_path / "ratings.csv", rationale_path(tmp_path / "ratings.csv"), tmp_path / "ratings-summaries.csv",
    ]  # fmt: skip
    assert written[1].name == "ratings-rationale.csv"
    cells = []
    for path in written:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            cells += [cell for row in csv.reader(handle) for cell in row]
    assert {"+2", "-1", "0"} <= set(cells)
    ratings = ("+2", "+1", "-1", "-2")
    assert [cell for cell in cells if cell[:1] in ("=", "@", "+", "-") and cell not in ratings] == []
    assert "'" + ATTACK in cells


def _sheet(path: Path, rows: list[list[object]], notes: list[list[object]] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Ratings"
    for row in rows:
        sheet.append(row)
    if notes is not None:
        extra = book.create_sheet("Rationale")
        for row in notes:
            extra.append(row)
    book.save(path)
    return path


def test_every_way_of_writing_a_rating_is_read(blank: Path, tmp_path: Path) -> None:
    sheet = _sheet(
        tmp_path / "typed.xlsx",
        [
            ["Unit", "I.A", "I.C", "i.d", "ii.a critical incidents", "II.B", "IV.A"],
            ["Site A", 2, "1", " 0 ", -1, "-2", "x"],
            ["site b", 2.0, "+2", "+1", "n/a", "m", "X"],
        ],
    )
    with Project.open(blank) as project:
        assert project.edits.import_ratings(sheet).changed == 12
        units, nodes = _units(project), _nodes(project)
        got = {(r.unit_id, r.node_id): r.value for r in project.frameworks.ratings()}
    a, b = units["Site A"], units["Site B"]
    assert [got[(a, nodes[k])] for k in ("I.A", "I.C", "I.D", "II.A", "II.B", "IV.A")] == [
        "+2",
        "+1",
        "0",
        "-1",
        "-2",
        "X",
    ]
    assert [got[(b, nodes[k])] for k in ("I.A", "I.C", "I.D", "II.A", "II.B", "IV.A")] == [
        "+2",
        "+2",
        "+1",
        "na",
        "missing",
        "X",
    ]


def test_an_empty_cell_keeps_the_rating_and_a_rationale_row_replaces_the_rationale(rated: Path, tmp_path: Path) -> None:
    sheet = _sheet(
        tmp_path / "partial.xlsx",
        [["Unit", "I.A", "II.A"], ["Site A", None, "+1"], ["Site B", "", None]],
        [["Unit", "Construct", "Rationale"], ["Site B", "II.A", "Reconsidered."], ["Site A", "I.A", ""]],
    )
    with Project.open(rated) as project:
        units, nodes = _units(project), _nodes(project)
        old = {(r.unit_id, r.node_id): r for r in project.frameworks.ratings()}
        assert project.edits.import_ratings(sheet).changed == 3
        new = {(r.unit_id, r.node_id): r for r in project.frameworks.ratings()}
    a, b = units["Site A"], units["Site B"]
    assert (new[(a, nodes["I.A"])].value, new[(a, nodes["I.A"])].rationale) == ("+2", "")  # rationale cleared
    assert new[(a, nodes["II.A"])].value == "+1"  # newly rated
    assert (new[(b, nodes["II.A"])].value, new[(b, nodes["II.A"])].rationale) == ("X", "Reconsidered.")
    assert new[(b, nodes["I.A"])] == old[(b, nodes["I.A"])]  # not given: exactly as it was, flag included
    assert new[(a, nodes["Funding rules"])] == old[(a, nodes["Funding rules"])]


@pytest.mark.parametrize(
    ("rows", "notes", "said"),
    [
        (
            [["Unit", "I.A", "IX.Z", "I.B"], ["Site A", 1, 1, 1], ["Site Z", 1, None, None], ["Nowhere", 2, 2, 2]],
            None,
            ["no rating unit 'Site Z', 'Nowhere'", "no rated construct 'IX.Z', 'I.B'"],
        ),
        ([["Unit", "I.A"], ["Site A", 3]], None, ["row 2, I.A: 3 is not a rating"]),
        ([["Unit", "I.A"], ["Site A", "high"]], None, ["row 2, I.A: 'high' is not a rating"]),
        ([["Unit", "I.A"], ["Site A", 1.5]], None, ["1.5 is not a rating"]),
        ([["Unit", "I.A"], ["Site A", True]], None, ["True is not a rating"]),
        ([["Unit", "I.A", "I.A"], ["Site A", 1, 1]], None, ["the construct 'I.A' has two columns"]),
        ([["Unit", "I.A"], ["Site A", 1], ["site a", 2]], None, ["'Site A' has two rows (2 and 3)"]),
        ([["Unit", "I.A"], ["Site A", 1, 2]], None, ["row 2: a value in a column with no construct id"]),
        (
            [["Unit", "I.A"], ["Site A", 1]],
            [["Unit", "Construct", "Rationale"], ["Site B", "I.A", "Why"], ["Site C", "IX.Z", "Why"]],
            [
                "no rating unit 'Site C'",
                "no rated construct 'IX.Z'",
                "a rationale for a cell with no rating (Site B, I.A)",
            ],
        ),
        (
            [["Unit", "I.A"], ["Site A", 1]],
            [["Unit", "Why"]],
            ["the rationale table has no column 'Construct', 'Rationale'"],
        ),
        ([["Unit", "I.A"], ["Site A", ATTACK]], None, ["holds a formula"]),
        (
            [["Unit", "I.A"], ["Site A", 1]],
            [["Unit", "Construct", "Rationale"], ["Site A", "I.A", ATTACK]],
            ["Rationale!C2 holds a formula"],
        ),
    ],
)
def test_a_bad_sheet_is_refused_whole_with_every_problem_named(
    blank: Path, tmp_path: Path, rows: list[list[object]], notes: list[list[object]] | None, said: list[str]
) -> None:
    sheet = _sheet(tmp_path / "bad.xlsx", rows, notes)
    before = table_dump(blank, skip=())
    with Project.open(blank) as project, pytest.raises(AxialError) as refused:
        project.edits.import_ratings(sheet)
    for words in said:
        assert words in str(refused.value)
    assert "\n" not in str(refused.value)
    assert table_dump(blank, skip=()) == before  # not a rating, not a step in the history


def test_a_formula_is_never_taken_for_its_value(blank: Path, tmp_path: Path) -> None:
    # A cached result saved with the formula would be what a data-only reader sees; Axial refuses the cell instead.
    path = _sheet(tmp_path / "cached.xlsx", [["Unit", "I.A"], ["Site A", "=1+1"]])
    with Project.open(blank) as project, pytest.raises(AxialError, match=r"Ratings!B2 holds a formula"):
        project.edits.import_ratings(path)


def test_a_csv_without_its_rationale_file_keeps_the_rationales(rated: Path, tmp_path: Path) -> None:
    (tmp_path / "only.csv").write_text("Unit,I.A\nSite A,+1\n", encoding="utf-8")
    with Project.open(rated) as project:
        project.edits.import_ratings(tmp_path / "only.csv")
        a = next(r for r in project.frameworks.ratings() if r.unit_id == _units(project)["Site A"] and r.value == "+1")
    assert a.rationale == "Weekly huddles.\nEvery site lead came."


def test_the_command_line_exports_and_imports(
    rated: Path, blank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ratings", str(rated), "--export", str(tmp_path / "r.csv")]) == 0
    assert "r-rationale.csv" in capsys.readouterr().out
    assert main(["ratings", str(blank), "--import", str(tmp_path / "r.csv")]) == 0
    assert capsys.readouterr().out.strip() == "7 ratings set, 0 unchanged."
    assert _ratings(blank) == _ratings(rated)
    (tmp_path / "bad.csv").write_text("Unit,I.A,XI.Q\nSite Q,1,2\n", encoding="utf-8")
    assert main(["ratings", str(blank), "--import", str(tmp_path / "bad.csv")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no rating unit 'Site Q'; no rated construct 'XI.Q'" in err


def test_a_project_without_a_framework_has_no_ratings_to_exchange(tmp_path: Path) -> None:
    path = tmp_path / "plain.axial"
    with Project.create(path, coder="Tester") as project, pytest.raises(AxialError, match="no framework"):
        export_ratings(project, tmp_path / "r.xlsx")
    assert not (tmp_path / "r.xlsx").exists()


def test_two_constructs_with_one_name_are_refused_rather_than_confused(blank: Path, tmp_path: Path) -> None:
    with Project.open(blank) as project:
        framework = project.frameworks.default_id()
        assert framework is not None
        project.edits.add_construct(framework, _nodes(project)["III"], "funding rules")
        with pytest.raises(AxialError, match="two rated constructs are called 'Funding rules'"):
            export_ratings(project, tmp_path / "r.xlsx")
        (tmp_path / "r.csv").write_text("Unit,I.A\nSite A,1\n", encoding="utf-8")
        with pytest.raises(AxialError, match="rename one for the study"):
            project.edits.import_ratings(tmp_path / "r.csv")
    assert not (tmp_path / "r.xlsx").exists()


def test_a_csv_export_is_both_files_or_neither(opened: Project, tmp_path: Path) -> None:
    (tmp_path / "r-rationale.csv").mkdir()  # the rationales cannot be written
    with pytest.raises(AxialError, match=r"r-rationale\.csv"):
        export_ratings(opened, tmp_path / "r.csv")
    assert [p.name for p in tmp_path.iterdir() if ".csv" in p.name] == ["r-rationale.csv"]  # no partial left


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_summaries_travel_with_the_ratings_in_either_format(
    rated: Path, blank: Path, tmp_path: Path, suffix: str
) -> None:
    with Project.open(rated) as project:
        units, nodes = _units(project), _nodes(project)
        project.edits.set_cell_summary(units["Site A"], nodes["I.A"], "Huddles weekly.\n“Everyone came.”")
        project.edits.set_cell_summary(units["-Site C"], nodes["II.A"], "=not a formula")
        export_ratings(project, tmp_path / f"r{suffix}")
    if suffix == ".csv":
        with (tmp_path / "r-summaries.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows == [
            ["Unit", "Construct", "Summary"],
            ["'-Site C", "II.A", "'=not a formula"],  # defused: never a formula in the spreadsheet
            ["Site A", "I.A", "Huddles weekly.\n“Everyone came.”"],
        ]
    with Project.open(blank) as project:
        report = project.edits.import_ratings(tmp_path / f"r{suffix}")
        assert report.summaries == 2
        units, nodes = _units(project), _nodes(project)
        written = {cell: s.summary for cell, s in project.frameworks.summaries().items()}
    assert written == {
        (units["Site A"], nodes["I.A"]): "Huddles weekly.\n“Everyone came.”",
        (units["-Site C"], nodes["II.A"]): "=not a formula",
    }


def test_a_csv_summaries_file_naming_an_unknown_unit_refuses_the_import(blank: Path, tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text("Unit,I.A\nSite A,1\n", encoding="utf-8")
    (tmp_path / "r-summaries.csv").write_text("Unit,Construct,Summary\nSite Q,I.A,Said a lot\n", encoding="utf-8")
    before = table_dump(blank)
    with Project.open(blank) as project, pytest.raises(AxialError, match="no rating unit 'Site Q'"):
        project.edits.import_ratings(tmp_path / "r.csv")
    assert table_dump(blank) == before


def test_one_raters_file_is_kept_as_their_own_ratings_beside_the_teams(
    rated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ana.csv").write_text("Unit,I.A,II.A\nSite A,-1,\nSite B,+2,x\n", encoding="utf-8")
    (tmp_path / "ana-rationale.csv").write_text(
        "Unit,Construct,Rationale,Flag\nSite A,I.A,Only one huddle.,to discuss\n", encoding="utf-8"
    )
    team = _ratings(rated)
    assert main(["ratings", str(rated), "--export", str(tmp_path / "x.csv"), "--rater", "Tester"]) == 1
    assert "--rater goes with --import" in capsys.readouterr().err
    assert main(["ratings", str(rated), "--import", str(tmp_path / "ana.csv"), "--rater", "Nobody"]) == 1
    assert "no coder named 'Nobody' in this project (its coders: 'Tester')" in capsys.readouterr().err
    assert main(["ratings", str(rated), "--import", str(tmp_path / "ana.csv"), "--rater", "tester"]) == 0
    assert capsys.readouterr().out.strip() == "Tester: 3 ratings set, 0 unchanged."
    assert _ratings(rated) == team  # the team's ratings are as they were
    with Project.open(rated) as project:
        units, nodes = _units(project), _nodes(project)
        mine = {(r.unit_id, r.node_id): (r.value, r.rationale) for r in project.frameworks.rater_ratings()}
        assert mine == {
            (units["Site A"], nodes["I.A"]): ("-1", "Only one huddle."),
            (units["Site B"], nodes["I.A"]): ("+2", ""),
            (units["Site B"], nodes["II.A"]): ("X", ""),
        }
        assert project.edits.import_rater_ratings(tmp_path / "ana.csv", project.coders()[0].id).changed == 0
        assert project.history.undo_label() == "Import Tester's ratings “ana.csv”"
