"""Hostile packages (.docx, .odt, .xlsx, .qdpx): zip bombs, lying headers, deep nesting, entity expansion, path
traversal and undecodable names are refused in words, write nothing, and never cost more than 300 MB of memory."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl  # imported before memory is traced: tracing a first import is slow
import pytest

from app.model.cases.attribute_sheet import apply_sheet
from app.model.documents.readers import ReadOptions, read_bytes, read_file
from app.model.documents.readers.base import ReadError
from app.model.documents.readers.limits import MAX_CUES, MB
from app.model.exchange.refi_import import read_exchange
from app.model.project import Project
from tests.conftest import table_dump

PEAK = 300 * MB
BOMB = 500 * MB
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS = (
    b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Ana: hello</w:t></w:r></w:p></w:body></w:document>'


@contextmanager
def peak_memory() -> Iterator[None]:
    tracemalloc.start()
    try:
        yield
        assert tracemalloc.get_traced_memory()[1] < PEAK
    finally:
        tracemalloc.stop()


def _zeros(total: int) -> bytes:
    """Raw deflate of `total` zero bytes, without compressing them: after a full flush a deflate stream is
    byte-aligned and refers to nothing before it, so one compressed megabyte can simply be repeated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return piece * (total // MB) + zlib.compressobj(9, zlib.DEFLATED, -15).flush()


Entry = tuple[bytes, bytes, int, int, int, int]  # name, stored bytes, method, crc, declared size, flags


def _entry(name: str | bytes, data: bytes) -> Entry:
    raw = name.encode() if isinstance(name, str) else name
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return raw, compressor.compress(data) + compressor.flush(), 8, zlib.crc32(data), len(data), 0


def _zip(entries: list[Entry]) -> bytes:
    """A zip written field by field, so that headers can say what the test wants them to."""
    out = bytearray()
    central = bytearray()
    for name, stored, method, crc, size, flags in entries:
        offset = len(out)
        out += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, flags, method, 0, 0, crc, len(stored), size, len(name), 0)
        out += name + stored
        central += struct.pack(
            "<4s6H3I5H2I",
            b"PK\x01\x02",
            20,
            20,
            flags,
            method,
            0,
            0,
            crc,
            len(stored),
            size,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += name
    out += central + struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out)


def _docx(document: bytes | Entry) -> bytes:
    main = document if isinstance(document, tuple) else _entry("word/document.xml", document)
    return _zip([_entry("_rels/.rels", RELS), main])


def _bomb_entry(name: str, declared: int = BOMB) -> Entry:
    # The CRC is that of the declared size: computing one over 500 MB would cost seconds, and a bomb declaring its
    # full size is refused before a byte is inflated.
    return name.encode(), _zeros(BOMB), 8, zlib.crc32(bytes(min(declared, MB))), declared, 0


QDE = b'<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'


def _refuse_docx(data: bytes, tmp_path: Path) -> str:
    with pytest.raises(ReadError) as refused:
        read_bytes(data, "hostile.docx", ".docx", ReadOptions())
    return str(refused.value)


def test_a_zip_bomb_is_refused_from_its_headers_in_every_package_format(project: Project, tmp_path: Path) -> None:
    bomb = _bomb_entry("word/document.xml")
    assert len(bomb[1]) < 2 * MB
    before = table_dump(project.path)
    with peak_memory():
        assert "zip bomb" in _refuse_docx(_docx(bomb), tmp_path)
        odt = _zip([_entry("mimetype", b"application/vnd.oasis.opendocument.text"), (b"content.xml", *bomb[1:])])
        with pytest.raises(ReadError, match="zip bomb"):
            read_bytes(odt, "hostile.odt", ".odt", ReadOptions())
        sheet = tmp_path / "hostile.xlsx"
        sheet.write_bytes(_zip([_entry("[Content_Types].xml", b"<Types/>"), (b"xl/workbook.xml", *bomb[1:])]))
        with pytest.raises(ReadError, match="zip bomb"):
            apply_sheet(project, sheet)
        qdpx = tmp_path / "hostile.qdpx"
        qdpx.write_bytes(_zip([_entry("project.qde", QDE), (b"sources/a.txt", *bomb[1:])]))
        with pytest.raises(ReadError, match="zip bomb"):
            read_exchange(qdpx)
    assert table_dump(project.path) == before


def test_an_entry_whose_header_lies_about_its_size_is_never_inflated_past_it() -> None:
    with peak_memory():
        # The header says 10 kB; the stream holds 500 MB of zeros. Reading stops at what was declared.
        refusal = _refuse_docx(_docx(_bomb_entry("word/document.xml", declared=10_000)), Path())
    assert "hostile.docx: " in refusal


def test_a_declared_size_over_the_part_limit_is_refused_before_inflating() -> None:
    entry = (b"word/document.xml", _zeros(8 * MB), 8, 0, 4 * 1024 * MB - 1, 0)
    with peak_memory():
        assert "refused as unsafe" in _refuse_docx(_docx(entry), Path())


def test_deeply_nested_xml_is_refused() -> None:
    deep = f'<w:document xmlns:w="{W}"><w:body>'.encode() + b"<w:sdt>" * 100_000 + b"</w:sdt>" * 100_000
    with peak_memory():
        assert "nested too deeply" in _refuse_docx(_docx(deep + b"</w:body></w:document>"), Path())


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10) for n in range(1, 10))
    + b"]>"
)


def test_billion_laughs_is_never_expanded() -> None:
    document = LAUGHS + f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Ana: &lol9;</w:t></w:r></w:p>'.encode()
    outcome = ""
    with peak_memory():
        try:
            imported = read_bytes(_docx(document + b"</w:body></w:document>"), "laughs.docx", ".docx", ReadOptions())
            outcome = imported.text
        except ReadError as refused:  # libxml2 may refuse the entity graph outright
            outcome = str(refused)
    assert outcome == "Ana: " or outcome.startswith("laughs.docx: the document's XML is damaged")


@pytest.mark.parametrize("codec", ["utf-8", "utf-16"])
def test_billion_laughs_in_a_workbook_is_refused(project: Project, tmp_path: Path, codec: str) -> None:
    sheet = tmp_path / "laughs.xlsx"
    laughs = (LAUGHS + b"<workbook>&lol9;</workbook>").decode().encode(codec)
    sheet.write_bytes(_zip([_entry("xl/workbook.xml", laughs)]))
    before = table_dump(project.path)
    with peak_memory(), pytest.raises(ReadError, match=r"laughs\.xlsx: .*declares a document type"):
        apply_sheet(project, sheet)
    assert table_dump(project.path) == before


def test_path_traversal_names_lead_nowhere(tmp_path: Path) -> None:
    escape = RELS.replace(b"word/document.xml", b"../../../../etc/passwd")
    data = _zip([_entry("_rels/.rels", escape), _entry("../../evil.xml", DOCUMENT.encode())])
    with pytest.raises(ReadError, match="no part"):
        read_bytes(data, "escape.docx", ".docx", ReadOptions())
    data = _zip([_entry("_rels/.rels", RELS), _entry("word/document.xml", DOCUMENT.encode()), _entry("/abs", b"x")])
    assert read_bytes(data, "fine.docx", ".docx", ReadOptions()).text == "Ana: hello"
    assert not (tmp_path.parent / "evil.xml").exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda raw: raw.replace(b"word/document.xml", b"word/d\xffcument.xml"), "no part"),  # cp437, read as such
        (lambda raw: _utf8_flag(raw.replace(b"word/document.xml", b"word/d\xffcument.xml")), "not valid text"),
    ],
)
def test_names_that_are_not_text_are_refused_in_words(make: Callable[[bytes], bytes], message: str) -> None:
    with pytest.raises(ReadError, match=message):
        read_bytes(make(_docx(DOCUMENT.encode())), "names.docx", ".docx", ReadOptions())


def _utf8_flag(data: bytes) -> bytes:
    raw = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (found := raw.find(signature, start)) >= 0:
            (flags,) = struct.unpack_from("<H", raw, found + offset)
            struct.pack_into("<H", raw, found + offset, flags | 0x800)
            start = found + 4
    return bytes(raw)


def test_unsupported_compression_methods_are_refused_in_words() -> None:
    name, stored, _, crc, size, flags = _entry("word/document.xml", DOCUMENT.encode())
    for method in (9, 98, 99):  # deflate64, PPMd, AES
        with pytest.raises(ReadError, match="compression method Axial cannot unpack"):
            read_bytes(_docx((name, stored, method, crc, size, flags)), "method.docx", ".docx", ReadOptions())


def test_files_over_the_size_limit_are_refused_before_they_are_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 60 MB on paper, nothing on disk
        handle.truncate(60 * MB)
    with peak_memory(), pytest.raises(ReadError, match=r"big\.txt: the file is 60\.0 MB, over Axial's 50 MB import"):
        read_file(big)


def test_a_sheet_over_the_size_limit_is_refused_before_it_is_read(project: Project, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(2048 * MB)
    with peak_memory(), pytest.raises(ReadError, match=r"big\.csv: the file is 2,048\.0 MB"):
        apply_sheet(project, big)


def test_a_subtitle_file_with_too_many_cues_is_refused_before_parsing() -> None:
    cue = b"00:00:01.000 --> 00:00:02.000\nhi\n\n"
    with pytest.raises(ReadError, match=f"more than the {MAX_CUES:,} Axial reads"):
        read_bytes(b"WEBVTT\n\n" + cue * (MAX_CUES + 1), "long.vtt", ".vtt", ReadOptions())


def test_xlsx_written_by_zipfile_still_reads(project: Project, tmp_path: Path) -> None:
    """The checks refuse hostile packages, not ordinary ones: a plain workbook passes them."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Case", "Role"])
    sheet.append(["CM-01", "lead"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "plain.xlsx"
    path.write_bytes(buffer.getvalue())
    assert zipfile.is_zipfile(path)
    assert apply_sheet(project, path, create_cases=True).cases_created == ("CM-01",)
