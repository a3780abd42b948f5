"""Legacy Word .doc files: listed and refused with the way out, read as what they are when misnamed, and converted
through LibreOffice when asked (a stand-in `soffice` here; the real one in a slow test when installed)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from app.model.core.dto import DocumentKind
from app.model.documents.importing import DocConverter, FilePlan, Importer, Outcome, expand
from app.model.documents.readers import ReadError, ReadOptions, read_file
from app.model.documents.readers.legacy_doc import OLE_MAGIC, convert_to_docx, find_converter, is_legacy_doc
from app.model.project import Project
from tests.fake_soffice import fake_soffice

CORPUS = Path(__file__).resolve().parents[2] / "data" / "transcripts" / "otter_deidentified"
DOCX = CORPUS / "DC05 interview.docx"
LEGACY = OLE_MAGIC + b"\0" * 600


def _legacy(folder: Path, name: str = "DC05 interview.doc") -> Path:
    path = folder / name
    path.write_bytes(LEGACY)
    return path


def test_a_folder_lists_its_doc_files_and_the_preview_says_what_to_do(project: Project, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Interviewer: Hi.\nP1: Hello.\n")
    _legacy(tmp_path, "b.doc")
    files = expand([tmp_path])
    assert [p.name for p in files] == ["a.txt", "b.doc"]
    good, legacy = Importer(project).preview(files)
    assert good.importable
    assert not good.legacy_doc
    assert legacy.legacy_doc
    assert legacy.error == (
        "a legacy Word .doc file: open it in Word or LibreOffice and save it as .docx, then import that"
    )
    [result] = Importer(project).run([FilePlan(files[1])]).results
    assert result.outcome is Outcome.FAILED


def test_rtf_or_docx_saved_under_a_doc_name_is_read_as_what_it_is(tmp_path: Path) -> None:
    rtf = tmp_path / "rtf.doc"
    rtf.write_bytes(rb"{\rtf1\ansi Interviewer: Hi.\par P1: Hello.\par}")
    docx = tmp_path / "renamed.doc"
    shutil.copy(DOCX, docx)
    assert not is_legacy_doc(rtf)
    assert not is_legacy_doc(docx)
    assert read_file(rtf)[0].text == "Interviewer: Hi.\nP1: Hello."
    assert {t.speaker for t in read_file(docx)[0].turns} == {"INT", "DC05"}
    text = tmp_path / "text.doc"
    text.write_text("just words")
    with pytest.raises(ReadError, match="not a Word document"):
        read_file(text)


def test_detection_by_name_and_first_bytes(tmp_path: Path) -> None:
    assert is_legacy_doc(_legacy(tmp_path, "a.DOC"))
    assert not is_legacy_doc(_legacy(tmp_path, "a.docx"))  # an encrypted .docx has the same bytes
    assert not is_legacy_doc(tmp_path / "missing.doc")


def test_with_a_converter_a_doc_previews_and_imports_keeping_its_own_bytes(project: Project, tmp_path: Path) -> None:
    path = _legacy(tmp_path)
    importer = Importer(project, converter=DocConverter(fake_soffice(tmp_path, DOCX)))
    [preview] = importer.preview([path])
    assert preview.error is None
    assert (preview.format, {label for label, _ in preview.speakers}) == ("doc", {"INT", "DC05"})
    assert preview.kind is DocumentKind.INTERVIEW
    assert preview.warnings[0] == "converted from .doc by LibreOffice: check its text"
    [result] = importer.run([FilePlan(path)]).results
    assert result.outcome is Outcome.IMPORTED
    assert result.document_id is not None
    source = project.documents.source(result.document_id)
    assert source is not None
    assert (source.filename, source.format, source.content) == ("DC05 interview.doc", "doc", LEGACY)
    [again] = importer.run([FilePlan(path)]).results
    assert again.outcome is Outcome.SKIPPED  # the same .doc, recognised by its own bytes


def test_a_failed_conversion_says_why_and_what_to_do(project: Project, tmp_path: Path) -> None:
    path = _legacy(tmp_path)
    importer = Importer(project, converter=DocConverter(fake_soffice(tmp_path, DOCX, exit_code=1)))
    [preview] = importer.preview([path])
    assert preview.error == (
        "LibreOffice could not convert it (Error: source file could not be loaded); "
        "open it in Word or LibreOffice and save it as .docx, then import that"
    )


def test_a_conversion_that_hangs_is_stopped(tmp_path: Path) -> None:
    path = _legacy(tmp_path)
    with pytest.raises(ReadError, match=r"did not finish converting it within 0\.5 s"):
        convert_to_docx(path, tmp_path, fake_soffice(tmp_path, DOCX, hang=True), timeout=0.5)


def test_a_converter_that_cannot_start(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="LibreOffice could not be started"):
        convert_to_docx(_legacy(tmp_path), tmp_path, str(tmp_path / "no-such-soffice"))


@pytest.mark.slow
@pytest.mark.skipif(find_converter() is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_a_real_doc(tmp_path: Path) -> None:
    program = find_converter()
    assert program is not None
    document = Document(str(DOCX))
    buffer = io.BytesIO()
    document.save(buffer)
    source = tmp_path / "made.docx"
    source.write_bytes(buffer.getvalue())
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    legacy = tmp_path / "made.doc"
    assert is_legacy_doc(legacy)
    imported, data = DocConverter(program).read(legacy, ReadOptions())
    assert data == legacy.read_bytes()
    assert [t.speaker for t in imported.turns] == ["INT", "DC05"] * 3 + ["INT"]
    assert "[Describes data management plan]. Then the lawyers get involved" in imported.text


def test_cancel_stops_a_conversion_under_way(project: Project, tmp_path: Path) -> None:
    path = _legacy(tmp_path)
    importer = Importer(project, converter=DocConverter(fake_soffice(tmp_path, DOCX, hang=True)))

    class CancelWhileConverting:
        asked = 0

        def step(self, done: int, total: int, message: str) -> None:
            """Steps are not what this test watches."""

        @property
        def cancelled(self) -> bool:
            self.asked += 1
            return self.asked > 1  # not when the batch starts; then, while LibreOffice works

    progress = CancelWhileConverting()
    [result] = importer.run([FilePlan(path)], progress).results
    assert progress.asked >= 2  # asked by the conversion itself
    assert (result.outcome, result.message) == (Outcome.CANCELLED, "not imported: cancelled")
    assert project.documents.all() == []
