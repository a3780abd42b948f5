"""`axial versions`: a document's versions listed (as imported, then each change, by whom), any version's text
printed or written, and going back to one with `axial reimport`, the coding following."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.model.documents.importing import FilePlan
from app.model.project import Project

BSR = Path(__file__).parents[1] / "data" / "transcripts" / "otter_deidentified" / "BSR01 interview.txt"
PASSAGE = "Everything lands on a shared drive first."


def _study(folder: Path) -> Path:
    path = folder / "study.axial"
    with Project.create(path, coder="Ann") as project:
        project.edits.import_documents([FilePlan(BSR)])
        code = project.edits.create_code("Data")
        at = project.documents.text(1).index(PASSAGE)
        project.edits.apply_coding(1, code.id, at, at + len(PASSAGE))
        at = project.documents.text(1).index("shared drive")
        project.edits.correct_text(1, at, at + len("shared"), "common")
    return path


def test_versions_are_listed_and_an_earlier_text_is_gone_back_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _study(tmp_path)
    assert main(["versions", str(path), "BSR01 interview", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    [first] = listed["versions"]
    assert (first["version"], first["made_by"]) == (1, "Ann")
    assert first["description"].startswith("corrected text at ")
    assert main(["versions", str(path), "BSR01 interview", "--text", "1"]) == 0
    assert "common drive" in capsys.readouterr().out
    earlier = tmp_path / "earlier.txt"
    assert main(["versions", str(path), "BSR01 interview", "--text", "0", "--out", str(earlier)]) == 0
    assert "shared drive" in earlier.read_text("utf-8")
    assert main(["reimport", str(path), "BSR01 interview", str(earlier)]) == 0
    capsys.readouterr()
    assert main(["versions", str(path), "BSR01 interview", "--json"]) == 0
    versions = json.loads(capsys.readouterr().out)["versions"]
    assert versions[-1]["sha256"] == versions[0]["previous_sha256"]  # back to the text as imported
    with Project.open(path, read_only=True) as project:
        [coding] = project.codings.for_document(1)
        assert project.documents.text(1)[coding.start : coding.end] == PASSAGE


def test_a_version_that_does_not_exist_and_out_without_text_are_said_in_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _study(tmp_path)
    assert main(["versions", str(path), "BSR01 interview", "--text", "7"]) != 0
    assert "There is no version 7: this document has versions 0 (as imported) to 1." in capsys.readouterr().err
    assert main(["versions", str(path), "BSR01 interview", "--out", str(tmp_path / "x.txt")]) != 0
    assert "--out writes a version's text: give --text N too." in capsys.readouterr().err
    assert main(["versions", str(path), "Nobody"]) != 0
    assert "Nobody" in capsys.readouterr().err
