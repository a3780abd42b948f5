"""`axial export --qdpx/--qdc` and `axial import-qdpx`: the REFI-QDA exchange from the command line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.cli.main import main
from app.model.project import Project
from tests.unit.reports import demo_with_mappings


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "Demo.axial"
    demo_with_mappings(path).close()
    return path


def test_export_then_import_as_a_new_project(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported, codebook = tmp_path / "demo.qdpx", tmp_path / "demo.qdc"
    assert main(["export", str(demo_file), "--qdpx", str(exported), "--qdc", str(codebook)]) == 0
    out = capsys.readouterr().out
    assert "not carried by REFI-QDA: the CFIR framework with 6 code mappings and 0 ratings" in out
    assert "project.qde" in zipfile.ZipFile(exported).namelist()
    assert main(["import-qdpx", str(exported), "--new", str(tmp_path / "copy")]) == 0
    report = capsys.readouterr().out.splitlines()
    assert (
        report[0] == "Imported 8 documents, 13 codes, 26 codings, 9 cases, 3 variables, 0 memos, 0 relations, 0 sets."
    )
    assert "  Riverside - focus group FG-1: offsets counted in code points (as the standard says)" in report
    with Project.open(tmp_path / "copy.axial", read_only=True) as copy:
        assert copy.info().codings == 26


def test_a_codebook_merges_into_an_existing_project(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    codebook = tmp_path / "demo.qdc"
    assert main(["export", str(demo_file), "--qdc", str(codebook)]) == 0
    assert main(["new", str(tmp_path / "other")]) == 0
    capsys.readouterr()
    assert main(["import-qdpx", str(codebook), "--into", str(tmp_path / "other.axial")]) == 0
    assert capsys.readouterr().out.startswith("Imported 0 documents, 13 codes, 0 codings")
    assert main(["import-qdpx", str(codebook), "--into", str(tmp_path / "other.axial")]) == 0  # matched by GUID
    assert capsys.readouterr().out.startswith("Imported 0 documents, 0 codes")


def test_mistakes_are_one_line_errors(demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-qdpx", str(tmp_path / "missing.qdpx"), "--new", str(tmp_path / "x")]) == 1
    assert capsys.readouterr().err == "axial: missing.qdpx: cannot be read (No such file or directory)\n"
    assert main(["import-qdpx", str(demo_file), "--new", str(demo_file)]) == 1
    assert capsys.readouterr().err == "axial: Demo.axial: already exists; choose a new name or use --into to merge\n"
    hostile = tmp_path / "hostile.qdpx"
    with zipfile.ZipFile(hostile, "w") as archive:
        archive.writestr("project.qde", b"<Project name='x'/>")
        archive.writestr("../escape.txt", b"x")
    assert main(["import-qdpx", str(hostile), "--new", str(tmp_path / "y")]) == 1
    assert "refused as unsafe" in capsys.readouterr().err
    assert not (tmp_path / "y.axial").exists()


def test_a_failed_new_import_leaves_nothing_and_a_retry_succeeds(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    exported = tmp_path / "demo.qdpx"
    assert main(["export", str(demo_file), "--qdpx", str(exported)]) == 0
    folder = tmp_path / "out"
    folder.mkdir()
    with monkeypatch.context() as patched:

        def corrupt(raw: str, selections: object) -> None:
            raise ValueError("a selection is corrupt")

        patched.setattr("app.model.exchange.offsets.place", corrupt)  # fails once the project is made and half filled
        capsys.readouterr()
        assert main(["import-qdpx", str(exported), "--new", str(folder / "copy")]) == 2
    assert capsys.readouterr().err.startswith("axial: unexpected error (a selection is corrupt)")
    assert list(folder.iterdir()) == []
    assert main(["import-qdpx", str(exported), "--new", str(folder / "copy")]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["copy.axial"]


def test_a_file_with_one_guid_for_two_codes_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guid = "C0DE0000-AAAA-4BBB-8CCC-000000000001"
    codes = f'<Code guid="{guid}" name="A" isCodable="true"/><Code guid="{guid}" name="B" isCodable="true"/>'
    broken = tmp_path / "broken.qdpx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr(
            "project.qde",
            f'<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes>{codes}</Codes></CodeBook></Project>',
        )
    assert main(["import-qdpx", str(broken), "--new", str(tmp_path / "new")]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"axial: broken.qdpx: gives two codes the same GUID {guid.lower()} ('A' and 'B')")
    assert "Traceback" not in error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.qdpx"]
