"""Study 3 from the command line: a focus group and six interviews imported, every speaker made a case, a pre/post
sheet applied, `Change = Post - Pre` computed, and the codes counted by "Change < 5" and "Change ≥ 5"."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import pytest

from app.cli.main import main
from app.model.project import Project

DATA = Path(__file__).parents[1] / "data"
OTTER = DATA / "transcripts" / "otter_deidentified"
FOCUS_GROUP = DATA / "fixtures" / "hitsave_wintermoor_group.md"
INTERVIEWS = sorted(p for p in OTTER.iterdir() if p.suffix in (".txt", ".docx"))
INTERVIEWERS = "Jonas Rosland|Interviewer|INT|Speaker 1"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    status = main(list(argv))
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return captured.out


def test_study_three_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "prepost.axial")
    run(capsys, "new", path, "--framework", "none", "--coder", "Tester")
    assert len(INTERVIEWS) == 6
    run(capsys, "import", path, str(FOCUS_GROUP), *map(str, INTERVIEWS))
    run(capsys, "cases", path, "--from-speakers", "--interviewers", INTERVIEWERS)
    with Project.open(Path(path)) as project:
        cases = sorted(c.name for c in project.cases.all())
        assert {"Ben Walker", "Kyla Fury", "Ryan Anderson"} <= set(cases)
        assert "Jonas Rosland" not in cases
        # Two codes, each on every turn of one focus-group member, so the counts below are known.
        [group] = [d for d in project.documents.all() if d.name == FOCUS_GROUP.stem]
        turns = project.documents.turns(group.id)
        for code_name, label in (("Tools", "Ben Walker"), ("Writing", "Kyla Fury")):
            code = project.edits.create_code(code_name)
            for turn in (t for t in turns if t.speaker == label):
                project.edits.apply_coding(group.id, code.id, turn.start, turn.end)
        tools_codings = sum(1 for t in turns if t.speaker == "Ben Walker")
    sheet = tmp_path / "prepost.csv"
    rows = [["Case", "Pre", "Post"], ["Ben Walker", "10", "18"], ["Kyla Fury", "12", "14"], ["Ryan Anderson", "9", ""]]
    with sheet.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(rows)
    run(capsys, "import", path, "--attributes", str(sheet))
    run(capsys, "attribute", path, "Change", "--type", "number", "--formula", "Post - Pre")

    sheet_out = list(csv.DictReader(io.StringIO(run(capsys, "cases", path, "--csv"))))
    change = {row["Case"]: row["Change"] for row in sheet_out}
    assert (change["Ben Walker"], change["Kyla Fury"], change["Ryan Anderson"]) == ("8", "2", "")

    table = list(
        csv.reader(io.StringIO(run(capsys, "table", path, "--by", "Change", "--cut", "5", "--count", "cases", "--csv")))
    )
    header, *body = table
    assert header == ["Code", "2–4", "≥ 5", "(no value)"]  # the lower range named by the values it holds
    counts = {row[0]: row[1:] for row in body}
    assert counts["Tools"] == ["0", "1", "0"]  # Ben Walker: Change 8
    assert counts["Writing"] == ["1", "0", "0"]  # Kyla Fury: Change 2
    readable = run(capsys, "table", path, "--by", "Change", "--cut", "5")
    assert "codings of each code by Change" in readable

    codebook = tmp_path / "codebook.csv"
    run(capsys, "export", path, "--codebook", str(codebook), "--where", "Change>=5")
    rows_read = csv.DictReader(io.StringIO(codebook.read_text(encoding="utf-8-sig")))
    counted = {row["Code path"]: row["Codings"] for row in rows_read}
    assert counted["Writing"] == "0"  # Kyla Fury's Change is 2: left out
    assert int(counted["Tools"]) == tools_codings  # Ben Walker's Change is 8: every one of his
    report = tmp_path / "codebook.docx"
    run(capsys, "export", path, "--codebook", str(report), "--where", "Change>=5")
    assert "Counted within: Change: ≥ 5" in "\n".join(p.text for p in docx.Document(str(report)).paragraphs)
