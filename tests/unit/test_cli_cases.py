"""`axial cases` and `axial attribute` end to end on study 3's shape: speakers made cases, a pre/post sheet typed in,
`Change = Post - Pre` computed and `Change >= 5` as yes/no."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.model.core.dto import NewDocument
from app.model.project import Project
from tests.conftest import table_dump
from tests.unit.refi_projects import turns_of

TRANSCRIPTS = {
    "Focus group": "Facilitator: Welcome all.\nP1: Thanks.\nP2: Hello.\nP3: Hi.",
    "Interview P1": "Interviewer: How was it?\nP1: Better than before.",
    "Interview P4": "I: And now?\nP4: The same.",
}
SCORES = {"P1": (3, 10), "P2": (4, 6), "P3": (8, None), "P4": (2, 7)}


@pytest.fixture
def study(project_file: Path) -> Path:
    with Project.open(project_file) as project:
        for name, text in TRANSCRIPTS.items():
            project.documents.add(NewDocument(name, text, turns=turns_of(text)))
    return project_file


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    status = main(list(argv))
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return captured.out


def test_study_three_from_the_command_line(study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(study)
    said = run(capsys, "cases", path, "--from-speakers")
    assert said == "4 new cases, 5 speakers mapped; skipped Facilitator, I, Interviewer\n"
    run(capsys, "attribute", path, "Pre", "--type", "number")
    run(capsys, "attribute", path, "Post", "--type", "number")
    sets = [part for name, (pre, post) in SCORES.items() for part in ("--set", name, f"Pre={pre}")]
    sets += [
        part for name, (pre, post) in SCORES.items() if post is not None for part in ("--set", name, f"Post={post}")
    ]
    assert run(capsys, "cases", path, *sets) == "Set 7 values\n"
    run(capsys, "attribute", path, "Change", "--type", "number", "--formula", "Post - Pre")
    run(capsys, "attribute", path, "Improved", "--type", "yesno", "--formula", "Change >= 5")

    rows = list(csv.reader(io.StringIO(run(capsys, "cases", path, "--csv"))))
    assert rows == [
        ["Case", "Pre", "Post", "Change", "Improved"],
        ["P1", "3", "10", "7", "yes"],
        ["P2", "4", "6", "2", "no"],
        ["P3", "8", "", "", ""],
        ["P4", "2", "7", "5", "yes"],
    ]
    sheet = json.loads(run(capsys, "cases", path, "--json"))
    assert sheet["attributes"][2] == {"name": "Change", "type": "number", "formula": "Post - Pre"}
    assert sheet["cases"][2] == {"name": "P3", "values": {"Pre": 8, "Post": None, "Change": None, "Improved": None}}
    table = run(capsys, "cases", path)
    assert table.splitlines()[1].split() == ["P1", "3", "10", "7", "yes"]

    # A post score typed later is followed by the computed columns at once.
    run(capsys, "cases", path, "--set", "P3", "Post=20")
    assert list(csv.reader(io.StringIO(run(capsys, "cases", path, "--csv"))))[3] == ["P3", "8", "20", "12", "yes"]


def test_each_command_line_change_is_one_undoable_step(study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(study)
    run(capsys, "cases", path, "--from-speakers")
    run(capsys, "attribute", path, "Pre", "--type", "text")
    for argv in (
        ["cases", path, "--set", "P1", "Pre=3", "--set", "P2", "Pre=high"],
        ["cases", path, "--set", "P2", "Pre="],
        ["attribute", path, "Pre", "--type", "number"],
        ["attribute", path, "Change", "--type", "number", "--formula", "Pre * 2"],
        ["attribute", path, "Change", "--type", "yesno", "--formula", "Pre > 1"],
    ):
        before = table_dump(study)
        run(capsys, *argv)
        assert table_dump(study) != before
        run(capsys, "undo", path)
        assert table_dump(study) == before, argv
        run(capsys, "redo", path)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["cases", "{}", "--set", "P9", "Pre=3"], "no case 'P9'"),
        (["cases", "{}", "--set", "P1", "Weight=3"], "no attribute 'Weight'"),
        (["cases", "{}", "--set", "P1", "Pre=lots"], "'lots' is not a valid number for 'Pre'"),
        (["cases", "{}", "--set", "P1", "Change=3"], "computed from its formula"),
        (["attribute", "{}", "Odd", "--type", "number", "--formula", "__import__('os').system('x')"], "'__import__'"),
        (["attribute", "{}", "Pre", "--type", "number", "--formula", "Change + 1"], "circle: Pre → Change → Pre"),
        (["attribute", "{}", "Odd", "--type", "number", "--formula", "Pre >= 1"], "gives yes/no"),
        (["attribute", "{}", "Pre", "--type", "yesno"], "are not yes or no (P1: '3'; P2: '12')"),
        (["cases", "{}", "--from-speakers", "--interviewers", "("], "not a valid pattern"),
    ],
)
def test_refusals_are_one_line_and_change_nothing(
    study: Path, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    path = str(study)
    run(capsys, "cases", path, "--from-speakers")
    run(capsys, "attribute", path, "Pre", "--type", "number")
    run(capsys, "cases", path, "--set", "P1", "Pre=3", "--set", "P2", "Pre=12")
    run(capsys, "attribute", path, "Change", "--type", "number", "--formula", "Pre * 2")
    before = table_dump(study)
    assert main([a.replace("{}", path) for a in argv]) == 1
    err = capsys.readouterr().err
    assert says in err
    assert err.count("\n") == 1
    assert table_dump(study) == before
