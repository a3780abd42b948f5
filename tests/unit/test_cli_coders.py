"""`axial coders`, `axial coder` and `axial --coder NAME`: who a command records changes under, on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.model.project import Project
from tests.unit.coder_study import MAYA, SAM, two_coder_study


def test_coders_are_listed_and_changed_each_change_one_undoable_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    study = two_coder_study(tmp_path)
    path = str(study.path)
    assert main(["coders", path, "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(c["name"], c["initials"], c["codings"], c["blind"]) for c in listed] == [
        (MAYA, "MB", 1, False),
        (SAM, "SO", 3, False),
    ]
    assert main(["coder", path, "maya brooks", "--rename", "Maya Brooks-Hart", "--initials", "mbh", "--blind"]) == 0
    assert capsys.readouterr().out.strip() == f"Maya Brooks-Hart (MBH, {listed[0]['colour']}, coding blind)"
    assert main(["coder", path, "Sam Okafor", "--rename", "Maya Brooks-Hart"]) == 1
    assert "Another coder is already called “Maya Brooks-Hart”" in capsys.readouterr().err
    assert main(["coder", path, "Nobody", "--compare"]) == 1
    assert "no coder named 'Nobody'" in capsys.readouterr().err
    assert main(["undo", path]) == 0  # the three changes were one step
    with Project.open(study.path, read_only=True) as project:
        assert [(c.name, c.initials, c.blind) for c in project.coders()] == [(MAYA, "MB", False), (SAM, "SO", False)]


def test_a_command_records_changes_under_the_coder_named_else_the_projects_own(tmp_path: Path) -> None:
    study = two_coder_study(tmp_path)  # Sam coded last
    assert main(["attribute", str(study.path), "Site", "--type", "text"]) == 0
    with Project.open(study.path, read_only=True) as project:
        assert project.history.operations(limit=1)[0].coder == SAM  # the project's own: not the login name
    assert main(["--coder", MAYA, "attribute", str(study.path), "Years", "--type", "number"]) == 0
    with Project.open(study.path, read_only=True) as project:
        assert project.history.operations(limit=1)[0].coder == MAYA
        assert [c.name for c in project.coders()] == [MAYA, SAM]
