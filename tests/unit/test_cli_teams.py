"""`axial handout` and `axial merge` on real transcripts: a blind copy out, coded, previewed, merged, merged again
(nothing), undone; and the files a merge must refuse in one line (not a project, a newer schema, itself)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.cli.main import main
from app.model.project import Project
from app.model.storage import migrations
from tests.conftest import table_dump
from tests.unit.team_study import lead_project, span


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_hand_out_code_merge_and_undo_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = lead_project(tmp_path)
    copy = tmp_path / "ana.axial"
    status, out, _ = _run(capsys, "handout", str(team.path), str(copy), "--coder", "Ana", "--blind")
    assert status == 0
    assert "for Ana: 0 codings, blind (2 codings of other coders left out)" in out
    with Project.open(copy, backups=0) as ana:
        ana.edits.apply_coding(team.bsr, team.staffing, *span(ana, team.bsr, "A cleaned subset."))
        ana.edits.create_code("Trust")
    before = table_dump(team.path)

    status, out, _ = _run(capsys, "merge", str(team.path), str(copy), "--dry-run")
    assert status == 0
    assert "  BSR01 interview: matched" in out
    assert "  Trust: new" in out
    assert "Codings: 1 to add, 0 already here, 0 on refused documents" in out
    assert "Dry run: nothing was changed." in out
    assert table_dump(team.path) == before

    status, out, _ = _run(capsys, "merge", str(team.path), str(copy))
    assert status == 0
    assert out.splitlines()[-1] == "Merged 1 code, 1 coding. Undo it with `axial undo`."
    status, out, _ = _run(capsys, "merge", str(team.path), str(copy))
    assert "Nothing to merge" in out
    status, out, _ = _run(capsys, "undo", str(team.path))
    assert "Undid: Merge ana" in out
    assert table_dump(team.path) == before


def test_a_conflict_is_taken_only_when_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = lead_project(tmp_path)
    copy = tmp_path / "ana.axial"
    _run(capsys, "handout", str(team.path), str(copy), "--coder", "Ana")
    with Project.open(copy, backups=0) as ana:
        ana.edits.set_attribute_value(team.case, team.site, "South")
    status, out, _ = _run(capsys, "merge", str(team.path), str(copy), "--dry-run")
    key = out.split("[", 1)[1].split("]", 1)[0]
    assert "Attribute value, Site A lead · Region (changed in the copy): mine 'North', theirs 'South'" in out
    status, _, err = _run(capsys, "merge", str(team.path), str(copy), "--take-theirs", "value:nothing")
    assert status == 1
    assert "no such conflict" in err
    assert _run(capsys, "merge", str(team.path), str(copy), "--take-theirs", key)[0] == 0
    with Project.open(team.path, read_only=True) as lead:
        assert lead.cases.values()[(team.case, team.site)] == "South"


def test_take_theirs_copy_takes_what_only_the_copy_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = lead_project(tmp_path)
    copy = tmp_path / "ana.axial"
    _run(capsys, "handout", str(team.path), str(copy), "--coder", "Ana")
    with Project.open(team.path, backups=0) as lead:
        lead.edits.rename_code(team.barriers, "Obstacles")  # the lead's, since the hand-out
    with Project.open(copy, backups=0) as ana:
        ana.edits.rename_code(team.staffing, "Staff")
        ana.edits.rename_code(team.barriers, "Hurdles")
    status, out, _ = _run(capsys, "merge", str(team.path), str(copy), "--take-theirs", "copy")
    assert status == 0
    assert "Code name, Obstacles > Staffing (changed in the copy)" in out
    assert "Code name, Obstacles (changed in both)" in out
    with Project.open(team.path, read_only=True) as lead:
        assert (lead.codes.get(team.staffing).name, lead.codes.get(team.barriers).name) == ("Staff", "Obstacles")


def test_files_a_merge_refuses_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = lead_project(tmp_path)
    before = table_dump(team.path)
    text = tmp_path / "notes.axial"
    text.write_text("not a project at all\n" * 50, encoding="utf-8")
    newer = tmp_path / "newer.axial"
    Project.create(newer, coder="Ana").close()
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {migrations.HEAD + 1}")
    conn.close()
    for other, said in (
        (text, "notes.axial"),
        (newer, "newer version of Axial"),
        (tmp_path / "gone.axial", "gone.axial"),
        (team.path, "is this project itself"),
    ):
        status, out, err = _run(capsys, "merge", str(team.path), str(other))
        assert status == 1, (other, out, err)
        assert said in err
        assert err.count("\n") == 1
        assert "Traceback" not in out + err
    assert table_dump(team.path) == before
