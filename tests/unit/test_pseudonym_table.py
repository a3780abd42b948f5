"""The project's stored pseudonym table: pseudonyms proposed by kind, one pseudonym per original whatever its
letter case, refusals that keep it sound; and that it never leaves the project: no export (Word, CSV, Excel,
codebook, REFI-QDA) and no de-identified copy holds a byte of it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.cli.main import main
from app.model.core.errors import ConflictError, ValidationError
from app.model.deidentify.candidates import fill_table
from app.model.deidentify.deidentified_copy import save_deidentified_copy
from app.model.deidentify.pseudonyms import propose
from app.model.documents.importing import FilePlan
from app.model.project import Project

OKAFOR = Path(__file__).resolve().parents[1] / "data/transcripts/otter_deidentified/Maria Okafor.txt"
# In the table only: no document, name or memo holds them, so any byte of them in an output came from the table.
HIDDEN = ("Zebedee Quortlebury", "Thistlewick Outreach Collective", "Gorsemoor Reach")


def test_pseudonyms_are_proposed_by_kind_and_one_original_has_one() -> None:
    assert propose("case manager", ["[Case manager 1]", "[case manager 2]"]) == "[Case manager 3]"
    assert propose("agency", ["[Agency A]"]) == "[Agency B]"
    assert propose("site", []) == "[Site 1]"
    assert propose("agency", [f"[Agency {chr(65 + i)}]" for i in range(26)]) == "[Agency AA]"
    assert propose("case", [], "Case 1") == "[Case 2]"  # "[Case 1]" would put its original back


def test_cases_named_like_a_pseudonym_are_seeded_without_refusal(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.axial", coder="Ann") as p:
        for name in ("Case 1", "Case 2", "Jane Smith"):
            p.edits.create_case(name)
        fill_table(p)
        assert {(r.original, r.pseudonym) for r in p.pseudonyms.all()} == {
            ("Case 1", "[Case 2]"),
            ("Case 2", "[Case 1]"),
            ("Jane Smith", "[Case 3]"),
        }


def test_the_table_refuses_what_would_make_it_inconsistent(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.axial", coder="Ann") as p:
        jane = p.edits.add_pseudonym("Jane Smith", kind="case manager")
        assert jane.pseudonym == "[Case manager 1]"
        with pytest.raises(ConflictError, match="in the table already"):
            p.edits.add_pseudonym("JANE  smith")
        with pytest.raises(ValidationError, match="holds its original"):
            p.edits.add_pseudonym("Tom", "[Tom's colleague]")
        with pytest.raises(ValidationError, match="blank"):
            p.edits.change_pseudonym(jane.id, pseudonym="  ")
        result = p.edits.import_pseudonyms([("jane smith", "", "person"), ("Jane Smith", "[Nurse 1]", "nurse")])
        assert (result.added, result.changed) == (0, 1)
        assert [(r.original, r.pseudonym, r.kind) for r in p.pseudonyms.all()] == [
            ("Jane Smith", "[Nurse 1]", "case manager")
        ]
        p.history.undo()
        assert p.pseudonyms.all()[0].pseudonym == "[Case manager 1]"


def _project(tmp_path: Path) -> Path:
    path = tmp_path / "study.axial"
    with Project.create(path, coder="Ann") as p:
        p.edits.import_documents([FilePlan(OKAFOR)])
        code = p.edits.create_code("Data plans")
        text = p.documents.text(1)
        at = text.index("data plan")
        p.edits.apply_coding(1, code.id, at, at + 9)
        p.edits.import_pseudonyms([(HIDDEN[0], "", "person"), (HIDDEN[1], "", "agency"), (HIDDEN[2], "", "site")])
    return path


def _holds_hidden(path: Path) -> list[str]:
    """The hidden originals found in a file's bytes, or in any member of it when it is a zip (docx, xlsx, qdpx)."""
    blobs = [path.read_bytes()]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            blobs += [archive.read(name) for name in archive.namelist()]
    words = {w for name in HIDDEN for w in name.split()}
    return sorted(w for w in words if any(w.lower().encode() in blob.lower() for blob in blobs))


def test_no_export_and_no_de_identified_copy_holds_the_table(tmp_path: Path) -> None:
    path = _project(tmp_path)
    assert _holds_hidden(path)  # the project does
    out = tmp_path / "out"
    out.mkdir()
    exports = {
        "--docx": out / "excerpts.docx",
        "--csv": out / "excerpts.csv",
        "--xlsx": out / "excerpts.xlsx",
        "--codebook": out / "codebook.xlsx",
        "--qdpx": out / "project.qdpx",
    }
    assert main(["export", str(path), *(a for option, file in exports.items() for a in (option, str(file)))]) == 0
    copy = out / "copy.axial"
    assert main(["deidentify", str(path), "--out", str(copy)]) == 0
    with Project.open(path, backups=0) as p:
        # The command line seeded the speakers into the table: the copy the desktop saves replaces them too.
        assert save_deidentified_copy(p, out / "desktop copy.axial").applied.speaker_labels == 2
    for file in [*exports.values(), copy, out / "desktop copy.axial"]:
        assert file.exists()
        assert _holds_hidden(file) == [], file.name
    with Project.open(copy, read_only=True) as p:
        assert p.pseudonyms.all() == []
