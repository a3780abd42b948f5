"""Building `.qdpx` files the way other tools write them (as the REFI notes in the team's reference folder describe), for the import tests."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

NS = "urn:QDA-XML:project:1.0"

# One code every tool-written test file can point its codings at.
CODE = "C0DE0000-AAAA-4BBB-8CCC-000000000001"
CODES = f'<Code guid="{CODE}" name="Coded" isCodable="true" color="#0af"/>'


@dataclass
class ToolSelection:
    start: int
    end: int
    code: str  # the code's GUID as the tool writes it
    name: str = ""


@dataclass
class ToolSource:
    guid: str
    name: str
    data: bytes  # the text file's bytes exactly as the tool writes them
    selections: list[ToolSelection] = field(default_factory=list)
    inline: str | None = None  # PlainTextContent instead of a file


SHARED = Path(__file__).resolve().parents[1] / "data" / "refi"  # the schemas and a real export; see its README


def refi_schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SHARED / name)))


def validate_qdpx(path: Path) -> etree._Element:
    """The project inside a .qdpx, checked against the REFI-QDA schema, with every text source it names present."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        names = archive.namelist()
    schema = refi_schema("Project.xsd")
    assert schema.validate(root), schema.error_log
    for source in root.iter("{urn:QDA-XML:project:1.0}TextSource"):
        assert "sources/" + source.get("plainTextPath").removeprefix("internal://") in names
    return root


def utf16_offset(text: str, index: int) -> int:
    """Where a code-point position lies when counted in UTF-16 units, as some NVivo versions count."""
    return len(text[:index].encode("utf-16-le")) // 2


def project_xml(codes: str, sources: list[ToolSource], *, namespace: str = NS, extra: str = "") -> str:
    parts = []
    for source in sources:
        selections = "".join(
            f'<PlainTextSelection guid="{_selection_guid(source, i)}" name="{_escape(s.name)}" '
            f'startPosition="{s.start}" endPosition="{s.end}"><Coding guid="{_selection_guid(source, i, 1)}">'
            f'<CodeRef targetGUID="{s.code}"/></Coding></PlainTextSelection>'
            for i, s in enumerate(source.selections)
        )
        if source.inline is not None:
            parts.append(
                f'<TextSource guid="{source.guid}" name="{_escape(source.name)}">'
                f"<PlainTextContent>{_escape(source.inline)}</PlainTextContent>{selections}</TextSource>"
            )
        else:
            parts.append(
                f'<TextSource guid="{source.guid}" name="{_escape(source.name)}" '
                f'plainTextPath="internal://{source.guid}.txt">{selections}</TextSource>'
            )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="{namespace}" name="From another tool">'
        f"<CodeBook><Codes>{codes}</Codes></CodeBook><Sources>{''.join(parts)}</Sources>{extra}</Project>"
    )


def qdpx(
    path: Path,
    xml: str,
    sources: list[ToolSource],
    *,
    folder: str = "sources",
    project_name: str = "project.qde",
    extra_entries: dict[str, bytes] | None = None,
) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(project_name, xml.encode("utf-8"))
        for source in sources:
            if source.inline is None:
                archive.writestr(f"{folder}/{source.guid.strip('{}')}.txt", source.data)
        for name, data in (extra_entries or {}).items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def _selection_guid(source: ToolSource, index: int, salt: int = 0) -> str:
    return f"{index + 1:08d}-0000-4000-8000-{salt:04d}{abs(hash(source.guid)) % 10**8:08d}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
