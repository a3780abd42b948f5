"""One guess of a document's kind: what the import dialog proposes (the preview) is what `axial import` stores
when no --kind is given, file for file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.model.documents.importing import Importer
from app.model.project import Project

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = [
    DATA / "transcripts" / "otter_deidentified" / "BSR01 interview.txt",
    DATA / "fixtures" / "hitsave_wintermoor_group.md",
    DATA / "fixtures" / "hitsave_keitai_panel.srt",
    DATA / "fixtures" / "webvttpy_teams_voice.vtt",
    DATA / "fixtures" / "qualcoder_ID2.odt",
    DATA / "fixtures" / "qualcoder_transcript_ids.txt",
]


def test_the_command_line_stores_the_kind_the_import_dialog_proposes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "study.axial"
    with Project.create(path) as project:
        proposed = {preview.name: preview.kind.value for preview in Importer(project).preview(FILES)}
    assert main(["import", str(path), *map(str, FILES)]) == 0
    capsys.readouterr()
    assert main(["documents", str(path), "--json"]) == 0
    stored = {row["name"]: row["kind"] for row in map(json.loads, capsys.readouterr().out.splitlines())}
    assert stored == proposed
    assert set(proposed.values()) >= {"interview", "focus_group"}
