"""Whatever a reader or the library under it raises becomes a `ReadError` naming the file and saying why in words,
and a batch carries on past it."""

from __future__ import annotations

import csv
import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import ParseError

import pytest
from lxml import etree
from pypdf.errors import LimitReachedError, PdfReadError

from app.model.documents import readers
from app.model.documents.importing import FilePlan, Importer, Outcome
from app.model.documents.readers import ReadOptions, read_file
from app.model.documents.readers.base import ImportedText, ReadError
from app.model.project import Project


def _xml_error() -> Exception:
    try:
        etree.fromstring(b"<a>")
    except etree.XMLSyntaxError as error:
        return error
    raise AssertionError("lxml parsed a broken document")


FAILURES: dict[str, tuple[Exception, str]] = {
    "zlib": (zlib.error("Error -3 while decompressing data: invalid distance too far back"), "compressed contents"),
    "zip-version": (NotImplementedError("zip file version 9.9"), "format version Axial cannot read"),
    "entry-name": (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "not valid in the encoding"),
    "cut-short": (EOFError(), "cut short"),
    "bad-zip": (zipfile.BadZipFile("Bad CRC-32 for file 'word/document.xml'"), "compressed contents"),
    "lxml": (_xml_error(), "XML is damaged"),
    "expat": (ParseError("undefined entity: line 1, column 2"), "XML is damaged"),
    "csv": (csv.Error("new-line character seen in unquoted field"), "rows and cells"),
    "pdf-limit": (LimitReachedError("Limit reached"), "too large or complex"),
    "pdf": (PdfReadError("Invalid Elementary Object"), "PDF is damaged"),
    "memory": (MemoryError(), "memory available"),
    "recursion": (RecursionError("maximum recursion depth exceeded"), "nested too deeply"),
    "index": (IndexError("list index out of range"), "could not make sense of it"),
    "type": (TypeError("'NoneType' object is not subscriptable"), "could not make sense of it"),
    "key": (KeyError("rId7"), "could not make sense of it"),
    "value": (ValueError("I/O operation on closed file"), "could not make sense of it"),
}
LIBRARY_WORDS = (
    "Error -3",
    "zip file version",
    "utf-8",
    "CRC",
    "subscriptable",
    "rId7",
    "closed file",
    "Limit reached",
)


@pytest.mark.parametrize("kind", sorted(FAILURES))
def test_any_failure_of_a_reader_is_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    error, words = FAILURES[kind]

    def broken(data: bytes, name: str, options: ReadOptions) -> ImportedText:
        raise error

    monkeypatch.setitem(readers.READERS, ".txt", broken)
    path = tmp_path / f"{kind}.txt"
    path.write_text("Ana: hello")
    with pytest.raises(ReadError) as refused:
        read_file(path)
    message = str(refused.value)
    assert message.startswith(f"{kind}.txt: ")
    assert words in message
    assert not any(word in message for word in LIBRARY_WORDS)


def test_a_path_with_a_nul_byte_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="contains a NUL character"):
        read_file(tmp_path / "in\0terview.txt")


def test_a_batch_carries_on_past_a_reader_that_crashes(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(data: bytes, name: str, options: ReadOptions) -> ImportedText:
        raise KeyError("rId7")

    monkeypatch.setitem(readers.READERS, ".rtf", broken)
    (tmp_path / "a.txt").write_text("Ana: first")
    (tmp_path / "b.rtf").write_text("{\\rtf1 Ben: second}")
    (tmp_path / "c.txt").write_text("Cy: third")
    report = Importer(project).run([FilePlan(tmp_path / name) for name in ("a.txt", "b.rtf", "c.txt")])
    assert [r.outcome for r in report.results] == [Outcome.IMPORTED, Outcome.FAILED, Outcome.IMPORTED]
    assert "could not make sense of it" in report.results[1].message
