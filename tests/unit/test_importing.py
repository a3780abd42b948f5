"""Batch import: preview writes nothing; each file is imported whole or not at all; bad files never stop the rest."""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter

from app.model.core.dto import DocumentKind
from app.model.documents.importing import FilePlan, Importer, Outcome, expand, guess_kind
from app.model.documents.readers import ReadOptions
from app.model.project import Project
from tests.conftest import table_dump

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"
GOOD = "Interviewer: How is the caseload?\nP1: Heavy, but supervision helps.\nInterviewer: Thanks.\n"


def _docx_bytes(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
        )
        package.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return buffer.getvalue()


def _encrypted(data: bytes) -> bytes:
    """Set the 'encrypted' flag on every entry, as a password-protected zip has it."""
    raw = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (found := raw.find(signature, start)) >= 0:
            (flags,) = struct.unpack_from("<H", raw, found + offset)
            struct.pack_into("<H", raw, found + offset, flags | 1)
            start = found + 4
    return bytes(raw)


def _bomb() -> bytes:
    return _docx_bytes(b"<w:document/>", {"word/media/zeros.bin": b"\0" * 120_000_000})


def _pdf(encrypt: bool) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if encrypt:
        writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


BAD = {
    "empty.txt": (b"", "the file is empty"),
    "binary.txt": (b"Ana: hi\x00\x01\x02\x03", "binary data"),
    "corrupt.docx": (b"PK\x03\x04 this is not really a zip", "damaged or not a Word file"),
    "legacy.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "legacy Word .doc"),
    "protected.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password-protected"),
    "encrypted.docx": (_encrypted(_docx_bytes(b"<w:document/>")), "encrypted"),
    "bomb.docx": (_bomb(), "zip bomb"),
    "scanned.pdf": (_pdf(encrypt=False), "no text layer"),
    "locked.pdf": (_pdf(encrypt=True), "password-protected"),
    "not.rtf": (b"plain words", "not an RTF file"),
    "broken.vtt": (b"WEBVTT\n\nthis is not a cue\n", "no cues"),
    "notes.xyz": (b"whatever", "cannot read .xyz files"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_is_refused_with_its_reason_and_leaves_nothing(
    project: Project, tmp_path: Path, name: str
) -> None:
    data, reason = BAD[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    before = table_dump(project.path)
    report = Importer(project).run([FilePlan(bad)])
    [result] = report.results
    assert result.outcome is Outcome.FAILED
    assert reason in result.message
    assert table_dump(project.path) == before


def test_a_bad_file_in_a_batch_does_not_stop_the_rest(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "transcripts"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD)
    (folder / "b.docx").write_bytes(b"garbage")
    shutil.copy(FIXTURES / "webvttpy_teams_voice.vtt", folder / "c.vtt")
    report = Importer(project).run([FilePlan(p) for p in expand([folder])])
    assert [r.outcome for r in report.results] == [Outcome.IMPORTED, Outcome.FAILED, Outcome.IMPORTED]
    assert report.summary() == "2 imported, 1 failed"
    assert sorted(d.name for d in project.documents.all()) == ["a", "c"]


def test_size_limit(project: Project, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 100)
    [result] = Importer(project, ReadOptions(max_bytes=1000)).run([FilePlan(big)]).results
    assert result.outcome is Outcome.FAILED
    assert result.message.endswith("MB import limit")


def test_preview_reports_everything_and_writes_nothing(project: Project, tmp_path: Path) -> None:
    (tmp_path / "int.txt").write_text(GOOD, encoding="utf-16")
    (tmp_path / "bad.docx").write_bytes(b"nope")
    before = table_dump(project.path)
    good, bad = Importer(project).preview([tmp_path / "int.txt", tmp_path / "bad.docx"])
    assert (good.format, good.encoding, good.words) == ("txt", "utf-16-le (with BOM)", 12)
    assert good.speakers == (("Interviewer", 2), ("P1", 1))
    assert bad.error is not None
    assert "damaged" in bad.error
    assert table_dump(project.path) == before


def test_the_same_file_twice_is_skipped_unless_forced(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "int.txt"
    path.write_text(GOOD)
    importer = Importer(project)
    importer.run([FilePlan(path)])
    [again] = importer.run([FilePlan(path)]).results
    assert (again.outcome, again.message) == (Outcome.SKIPPED, "already imported as 'int'")
    assert importer.preview([path])[0].duplicate_of == "int"
    [forced] = importer.run([FilePlan(path, force=True)]).results
    assert forced.outcome is Outcome.IMPORTED
    assert sorted(d.name for d in project.documents.all()) == ["int", "int (2)"]


def test_kind_cases_and_speakers_mapped_to_cases(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "focus.txt"
    path.write_text(GOOD)
    site = project.cases.create("Agency B")
    member = project.cases.create("CM-07")
    plan = FilePlan(path, name="Focus group 1", kind=DocumentKind.FOCUS_GROUP, case_ids=(site.id,),
                    case_names=("Wave 1",), speaker_cases={"P1": member.id})  # fmt: skip
    [result] = Importer(project).run([plan]).results
    assert result.document_id is not None
    document = project.documents.get(result.document_id)
    wave = project.cases.find("Wave 1")
    assert wave is not None
    assert (document.name, document.kind, document.case_ids) == (
        "Focus group 1",
        DocumentKind.FOCUS_GROUP,
        (site.id, wave.id),
    )
    speakers = {s.label: s.case_id for s in project.documents.speakers(document.id)}
    assert speakers == {"Interviewer": None, "P1": member.id}
    assert project.documents.source(document.id).content == path.read_bytes()  # type: ignore[union-attr]


def test_cancel_stops_between_files_and_keeps_what_was_done(project: Project, tmp_path: Path) -> None:
    paths = []
    for i in range(4):
        paths.append(tmp_path / f"{i}.txt")
        paths[-1].write_text(GOOD + f"P1: file {i}\n")

    class CancelAfterTwo:
        cancelled = False

        def step(self, done: int, total: int, message: str) -> None:
            self.cancelled = done >= 2  # the user presses Cancel while the third file begins

    report = Importer(project).run([FilePlan(p) for p in paths], CancelAfterTwo())
    assert [r.outcome for r in report.results] == [Outcome.IMPORTED] * 2 + [Outcome.CANCELLED] * 2
    assert len(project.documents.all()) == 2


def test_folders_expand_to_the_readable_files_inside(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.docx", "sub/b.TXT", "c.png", ".hidden.txt", "~$lock.docx", "old.doc"):
        (tmp_path / name).write_bytes(b"x")
    # A legacy .doc is listed, to be refused with the way out (or converted), never skipped without a word.
    assert [p.relative_to(tmp_path).as_posix() for p in expand([tmp_path])] == ["a.docx", "old.doc", "sub/b.TXT"]


@pytest.mark.parametrize(
    ("name", "speakers", "kind"),
    [
        ("DC01 interview", (("INT", 12), ("DC01", 11)), DocumentKind.INTERVIEW),
        ("DC02", (("INT", 12), ("DC02", 11), ("Unknown Speaker", 1)), DocumentKind.INTERVIEW),  # heard once
        ("Site B", (("Moderator", 20), ("P1", 6), ("P2", 4)), DocumentKind.FOCUS_GROUP),
        ("Focus group 2", (("Moderator", 20), ("P1", 6)), DocumentKind.FOCUS_GROUP),
        ("Site B observation", (), DocumentKind.FIELD_NOTES),
        ("Memo", (), DocumentKind.INTERVIEW),
    ],
)
def test_the_kind_is_guessed_from_the_name_and_the_speakers_who_recur(
    name: str, speakers: tuple[tuple[str, int], ...], kind: DocumentKind
) -> None:
    assert guess_kind(name, speakers) is kind


def test_a_plan_without_a_kind_takes_the_guessed_one(project: Project, tmp_path: Path) -> None:
    (tmp_path / "pair.txt").write_text(GOOD)
    (tmp_path / "three.txt").write_text(GOOD + "P2: Me too.\nP2: Agreed.\nP1: Yes.\n")
    plans = [FilePlan(tmp_path / "pair.txt"), FilePlan(tmp_path / "three.txt")]
    [pair, three] = Importer(project).run(plans).results
    assert pair.document_id is not None
    assert three.document_id is not None
    assert project.documents.get(pair.document_id).kind is DocumentKind.INTERVIEW
    assert project.documents.get(three.document_id).kind is DocumentKind.FOCUS_GROUP
