"""`axial undo`, `axial redo` and `axial history` work on the history the desktop keeps in the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main
from app.model.project import Project


def test_undo_and_redo_from_the_command_line_what_the_desktop_did(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "study.axial"
    with Project.create(path, coder="Ann") as project:
        code = project.edits.create_code("Supervision")
        project.edits.rename_code(code.id, "Clinical supervision")
    capsys.readouterr()

    assert main(["history", str(path)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split("  ", 2)[2].strip() for line in listed] == [
        "Rename code to “Clinical supervision”",
        "Create code “Supervision”",
    ]

    assert main(["undo", str(path), "--steps", "2"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Undid: Rename code to “Clinical supervision”",
        "Undid: Create code “Supervision”",
    ]
    with Project.open(path, read_only=True) as project:
        assert project.codes.tree() == []
    assert main(["undo", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "Nothing to undo."

    assert main(["redo", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "Redid: Create code “Supervision”"
    with Project.open(path, read_only=True) as project:
        assert [n.code.name for n in project.codes.tree()] == ["Supervision"]
        assert project.history.redo_label() == "Rename code to “Clinical supervision”"
