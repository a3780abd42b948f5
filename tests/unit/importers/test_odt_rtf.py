"""OpenDocument structure (spaces, tabs, tables, notes, comments, tracked changes) and RTF refusals."""

from __future__ import annotations

import io
import zipfile

import pytest

from app.model.documents.readers import ReadOptions, read_bytes
from app.model.documents.readers.base import ReadError

CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    xmlns:dc="http://purl.org/dc/elements/1.1/">
 <office:body><office:text>
  <text:tracked-changes><text:changed-region text:id="c1"><text:deletion>
    <text:p>Deleted words never appear.</text:p></text:deletion></text:changed-region></text:tracked-changes>
  <text:h text:outline-level="1">Focus group 2</text:h>
  <text:p>Facilitator: Welcome<text:s text:c="3"/>all.<text:tab/>Tab<text:line-break/>next line<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Recorded in March.</text:p></text:note-body></text:note></text:p>
  <text:list><text:list-item><text:p>P2: <text:span>A point</text:span> in a list<office:annotation><dc:creator>Ana</dc:creator><text:p>Check this quote</text:p></office:annotation>.</text:p></text:list-item></text:list>
  <table:table><table:table-row><table:table-cell><text:p>Facilitator</text:p></table:table-cell><table:table-cell><text:p>Thanks.</text:p></table:table-cell></table:table-row></table:table>
  <text:p>P2: Bye.</text:p>
 </office:text></office:body>
</office:document-content>"""


def _odt(content: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
    return buffer.getvalue()


def test_odt_structure_and_optional_sections() -> None:
    plain = read_bytes(_odt(CONTENT), "fg.odt", ".odt", ReadOptions())
    assert plain.text == (
        "Focus group 2\n"
        "Facilitator: Welcome   all.\tTab\nnext line\n"
        "P2: A point in a list.\n"
        "Facilitator\tThanks.\n"
        "P2: Bye."
    )
    assert plain.warnings == (
        "1 comment not imported (they can be appended as a section)",
        "1 note not imported (they can be appended as a section)",
    )
    assert [t.speaker for t in plain.turns] == ["Facilitator", "P2", "P2"]
    full = read_bytes(_odt(CONTENT), "fg.odt", ".odt", ReadOptions(include_comments=True, include_notes=True))
    assert full.text.endswith("P2: Bye.\n\nComments\nAna: Check this quote\n\nNotes\nRecorded in March.")
    assert [t.speaker for t in full.turns] == ["Facilitator", "P2", "P2"]  # the appended sections hold no turns


def test_an_odt_that_is_not_a_text_document_is_refused() -> None:
    spreadsheet = CONTENT.replace("<office:text>", "<office:spreadsheet>").replace(
        "</office:text>", "</office:spreadsheet>"
    )
    with pytest.raises(ReadError, match="not a text document"):
        read_bytes(_odt(spreadsheet), "sheet.odt", ".odt", ReadOptions())
    with pytest.raises(ReadError, match="XML is damaged"):
        read_bytes(_odt("<office:document-content"), "bad.odt", ".odt", ReadOptions())


def test_xml_entity_expansion_is_not_performed() -> None:
    bomb = CONTENT.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ).replace("Bye.", "&b;")
    imported = read_bytes(_odt(bomb), "bomb.odt", ".odt", ReadOptions())
    assert "aaaaaaaaaa" not in imported.text


def test_rtf_refusals() -> None:
    with pytest.raises(ReadError, match="not an RTF file"):
        read_bytes(b"Hello", "x.rtf", ".rtf", ReadOptions())
    with pytest.raises(ReadError, match="contains no text"):
        read_bytes(b"{\\rtf1\\ansi {\\fonttbl{\\f0 Arial;}}}", "blank.rtf", ".rtf", ReadOptions())
