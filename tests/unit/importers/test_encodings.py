"""Text in any encoding comes out as the same Unicode, with line endings as \\n and no byte-order mark."""

from __future__ import annotations

import codecs

import pytest

from app.model.documents.readers import ReadOptions, read_bytes
from app.model.documents.readers.base import ReadError

SAMPLE = "Interviewer: Ça va? Naïve café — “quotes”\nP1: Zażółć gęślą jaźń\nInterviewer: OK"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8 (with BOM)"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le (with BOM)"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be (with BOM)"),
    ],
    ids=["utf8", "utf8-bom", "utf16le", "utf16be"],
)
def test_unicode_encodings(data: bytes, encoding: str) -> None:
    imported = read_bytes(data, "t.txt", ".txt", ReadOptions())
    assert imported.text == SAMPLE
    assert imported.encoding == encoding
    assert [t.speaker for t in imported.turns] == ["Interviewer", "P1", "Interviewer"]


def test_single_byte_code_pages() -> None:
    western = "Interviewer: The café’s naïve “approach” – it worked.\nP1: Déjà vu, señor. Très bien; garçon!\n" * 3
    assert read_bytes(western.encode("cp1252"), "w.txt", ".txt", ReadOptions()).text == western.strip("\n")
    russian = "Интервьюер: Как прошло обучение сотрудников в этом году?\nУчастник: Хорошо, спасибо. " * 3
    assert read_bytes(russian.encode("cp1251"), "r.txt", ".txt", ReadOptions()).text == russian.strip("\n")


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_line_endings_become_newlines(ending: str) -> None:
    data = ending.join(["Ana: one", "Bo: two", "Ana: three"]).encode()
    imported = read_bytes(data, "crlf.txt", ".txt", ReadOptions())
    assert imported.text == "Ana: one\nBo: two\nAna: three"


def test_binary_data_in_a_text_file_is_refused() -> None:
    with pytest.raises(ReadError, match="binary data"):
        read_bytes(b"Ana: hi\x00\x00\x01\x02", "bin.txt", ".txt", ReadOptions())
