"""The `axial` command: new, info, check; user errors are one line on stderr, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.model.core.dto import NewDocument
from app.model.demo import build_demo
from app.model.project import Project
from app.model.storage import migrations
from app.resources import resource


def test_new_then_info_shows_the_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "study"), "--name", "IMR study"]) == 0
    path = tmp_path / "study.axial"
    assert path.exists()
    with Project.open(path, backups=0) as project:
        doc = project.documents.add(NewDocument(name="A", text="one two three"))
        project.codings.apply(doc.id, project.codes.create("C").id, 0, 3)
    capsys.readouterr()
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "IMR study" in out
    assert "Framework        CFIR 2.0 (2022)" in out
    lines = dict(
        line.split(None, 1) for line in out.splitlines() if line.split()[0] in ("Documents", "Codes", "Codings")
    )
    assert lines == {"Documents": "1", "Codes": "1", "Codings": "1"}
    assert f"Schema revision  {migrations.HEAD}" in out


def test_the_coder_given_to_new_is_the_projects_coder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "study.axial"
    assert main(["new", str(path), "--coder", "Xiadani"]) == 0
    assert main(["info", str(path)]) == 0
    assert "Coder            Xiadani" in capsys.readouterr().out
    with Project.open(path, backups=0) as project:  # no coder named: the project's own, not the login name
        assert project.info().coder == "Xiadani"


def test_info_and_check_work_while_the_project_is_open_elsewhere(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(project.path)]) == 0
    assert "intact" in capsys.readouterr().out
    assert main(["info", str(project.path)]) == 0


def test_user_errors_are_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "notes.axial"
    text.write_text("not a project")
    assert main(["info", str(text)]) == 1
    err = capsys.readouterr().err
    assert err == "axial: notes.axial: is not an Axial project (it is not a SQLite database)\n"
    assert main(["check", str(tmp_path / "missing.axial")]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["new", str(text)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["frobnicate"])
    assert exited.value.code == 2


def test_console_script_is_installed_and_runs(tmp_path: Path) -> None:
    script = shutil.which("axial", path=str(Path(sys.executable).parent))
    assert script is not None
    result = subprocess.run([script, "new", str(tmp_path / "x.axial")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    broken = subprocess.run([script, "info", str(tmp_path / "nope.axial")], capture_output=True, text=True, timeout=60)
    assert broken.returncode == 1
    assert "Traceback" not in broken.stderr


def test_import_dry_run_prints_the_preview_and_writes_nothing(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    transcript = tmp_path / "int 1.txt"
    transcript.write_text("Interviewer: Hi.\nP1: Hello.\nInterviewer: Bye.\n")
    (tmp_path / "bad.docx").write_bytes(b"no")
    assert main(["import", str(project_file), str(transcript), str(tmp_path / "bad.docx"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "int 1.txt: txt, utf-8, 6 words\n  speakers: Interviewer (2 turns), P1 (1 turn)\n" in out
    assert "bad.docx: cannot be imported: the file is damaged or not a Word file" in out
    with Project.open(project_file, read_only=True) as project:
        assert project.info().documents == 0


def test_import_reports_each_file_and_fails_when_one_failed(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "P01.txt").write_text("Interviewer: Hi.\nP1: Hello.\n")
    (tmp_path / "P02.docx").write_bytes(b"no")
    sheet = tmp_path / "people.csv"
    sheet.write_text("Case,Role\nP01,case manager\nP02,supervisor\nP01b,manager\n")
    code = main(["import", str(project_file), str(tmp_path / "P01.txt"), str(tmp_path / "P02.docx"),
                 "--case-per-file", "--kind", "focus_group", "--attributes", str(sheet)])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 1
    assert " imported  P01.txt: imported as 'P01' (4 words, 2 turns)" in out
    assert "   failed  P02.docx: the file is damaged" in out
    assert "Done: 1 imported, 1 failed." in out
    assert "No case matched row 3 ('P02'), row 4 ('P01b')." in out
    with Project.open(project_file, read_only=True) as project:
        [document] = project.documents.all()
        assert document.kind.value == "focus_group"
        assert [c.name for c in project.cases.all()] == ["P01"]  # no case for the file that failed


def test_import_maps_speakers_to_cases_where_they_occur(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "fg1.txt").write_text("Facilitator: Hi.\nP3: Hello.\nFacilitator: Bye.\n")
    (tmp_path / "fg2.txt").write_text("Facilitator: Again.\nP4: Yes.\nFacilitator: Bye.\n")
    assert main(["import", str(project_file), str(tmp_path), "--speaker", "P3=CM-07", "--speaker", "P4 = SV-02"]) == 0
    with Project.open(project_file, read_only=True) as project:
        cases = {c.id: c.name for c in project.cases.all()}
        mapped = {
            (d.name, s.label): cases.get(s.case_id) if s.case_id else None
            for d in project.documents.all()
            for s in project.documents.speakers(d.id)
        }
    assert mapped == {
        ("fg1", "Facilitator"): None,
        ("fg1", "P3"): "CM-07",
        ("fg2", "Facilitator"): None,
        ("fg2", "P4"): "SV-02",
    }
    assert main(["import", str(project_file), str(tmp_path), "--speaker", "P3"]) == 1
    assert "write it as LABEL=CASE" in capsys.readouterr().err


def test_new_without_a_framework(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "plain.axial"), "--framework", "none"]) == 0
    assert main(["info", str(tmp_path / "plain.axial")]) == 0
    assert "Framework        none" in capsys.readouterr().out


def test_cfir_lists_evidence_per_construct_and_suggests_for_unmapped_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "Demo.axial"
    with build_demo(path, resource("demo")) as project:  # the demo starts on CFIR 2.0, like every new project
        cfir = project.frameworks.default_id()
        assert cfir is not None
        nodes = {n.official_id: n.id for n in project.frameworks.nodes(cfir)}
        ids = {n.code.name: n.code.id for n in project.codes.tree()}
        project.frameworks.map_code(ids["Supervision"], nodes["III.K"])  # a category: both its codes come along
        children = [n.code.id for n in project.codes.tree() if n.code.parent_id == ids["Supervision"]]
        coded = project.codings.for_codes(children)
        codable = sum(1 for n in project.codes.tree() if n.code.is_codable)
        project.codes.set_details(ids["Paperwork"], definition="")  # leaves "Paperwork" sharing no construct's word
    assert main(["cfir", str(path), "--suggest"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "III.K Access to Knowledge" in line)
    codes, codings, documents = row.split()[-4:-1]
    assert (codes, codings, documents) == ("3", str(len(coded)), str(len({c.document_id for c in coded})))
    assert out.index("III.J.3 ") < out.index("III.K ") < out.index("IV.A ")  # in framework order
    assert f"Unmapped codes: {codable - 2}" in out
    lines = {line.split("  ->  ")[0].strip(): line for line in out.splitlines() if " > " in line}
    assert lines["Staffing > Turnover"].split(";")[0].endswith("->  III.A.3 Work Infrastructure (60)")
    assert lines["Strengths practice > Starting from what people want"].count(";") == 2  # three, ranked
    assert "->" not in lines["Workload > Paperwork"]  # no construct shares a word with it: no guess


def test_cfir_without_a_framework_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "plain.axial"), "--framework", "none"]) == 0
    assert main(["cfir", str(tmp_path / "plain.axial")]) == 1
    assert capsys.readouterr().err.strip() == "plain.axial: the project maps onto no framework"


def test_documents_lists_kind_words_speakers_and_cases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build_demo(tmp_path / "Demo.axial", resource("demo")).close()
    capsys.readouterr()
    assert main(["documents", str(tmp_path / "Demo.axial")]) == 0
    lines = {line.split("\t")[0]: line.split("\t")[1:] for line in capsys.readouterr().out.splitlines()}
    assert len(lines) == 8
    assert lines["Riverside - case manager CM-01"] == [
        "interview",
        "262 words",
        "speakers: CM-01 (4 turns), Interviewer (4 turns)",
        "cases: CM-01",
    ]
    # The focus group has no case of its own: its cases are those its speakers are mapped to.
    assert lines["Riverside - focus group FG-1"] == [
        "focus group",
        "172 words",
        "speakers: Facilitator (5 turns), CM-07 (4 turns, case CM-07), CM-01 (3 turns, case CM-01), "
        "CM-08 (3 turns, case CM-08)",
        "cases: CM-01 (speaker); CM-07 (speaker); CM-08 (speaker)",
    ]


def test_documents_as_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build_demo(tmp_path / "Demo.axial", resource("demo")).close()
    capsys.readouterr()
    assert main(["documents", str(tmp_path / "Demo.axial"), "--json"]) == 0
    rows = {row["name"]: row for row in map(json.loads, capsys.readouterr().out.splitlines())}
    assert len(rows) == 8
    group = rows["Riverside - focus group FG-1"]
    assert group["kind"] == "focus_group"
    assert group["words"] == 172
    assert group["cases"] == []
    assert group["speaker_cases"] == ["CM-01", "CM-07", "CM-08"]
    assert group["speakers"][:2] == [
        {"label": "Facilitator", "turns": 5, "case": None},
        {"label": "CM-07", "turns": 4, "case": "CM-07"},
    ]
    interview = rows["Northgate - manager MG-03"]
    assert (interview["kind"], interview["cases"], interview["speaker_cases"]) == ("interview", ["MG-03"], [])
    assert {s["label"]: s["turns"] for s in interview["speakers"]} == {"Interviewer": 3, "MG-03": 3}


def test_import_guesses_each_documents_kind_unless_told(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = Path(__file__).resolve().parents[1] / "data"
    path = tmp_path / "study.axial"
    assert main(["new", str(path), "--coder", "Rosa"]) == 0
    interview = data / "transcripts" / "otter_deidentified" / "BSR01 interview.txt"
    group = data / "fixtures" / "hitsave_wintermoor_group.md"
    assert main(["import", str(path), str(interview), str(group)]) == 0
    notes = data / "fixtures" / "qualcoder_ID2.odt"
    assert main(["import", str(path), str(notes), "--kind", "field_notes"]) == 0
    capsys.readouterr()
    assert main(["documents", str(path), "--json"]) == 0
    kinds = {row["name"]: row["kind"] for row in map(json.loads, capsys.readouterr().out.splitlines())}
    assert kinds == {
        "BSR01 interview": "interview",
        "hitsave_wintermoor_group": "focus_group",
        "qualcoder_ID2": "field_notes",
    }
