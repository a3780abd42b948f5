"""Reading what real tools write into plain data: lenient about names, namespaces, GUIDs, colours and text files.

Elements are matched by local name, so namespace variants (`urn:QDA-XML:codebook:1:0`, an old schemaLocation) do
not matter. Anything that cannot become part of an Axial project (audio, images, PDF selections by coordinates)
is listed with the reason, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from app.model.documents.readers.encoding import decode
from app.model.exchange.guids import check_unique
from app.model.exchange.qdpx_package import Package
from app.model.exchange.vocabulary import colour, guid, local


@dataclass
class Code:
    guid: str | None
    name: str
    codable: bool
    colour: str | None
    description: str
    notes: list[str]
    children: list[Code] = field(default_factory=list)


@dataclass
class Variable:
    guid: str | None
    name: str
    kind: str  # Text, Boolean, Integer, Float, Date, DateTime
    description: str


@dataclass
class Case:
    guid: str | None
    name: str
    description: str
    values: list[tuple[str | None, str, str]]  # variable GUID, value kind, value as written
    sources: list[str]
    selections: list[str] = field(default_factory=list)  # the passages that belong to the case


@dataclass
class Coding:
    guid: str | None
    code: str | None
    user: str | None
    created: datetime | None
    notes: list[str]


@dataclass
class Selection:
    guid: str
    name: str
    start: int
    end: int
    codings: list[Coding]
    notes: list[str]
    description: str = ""


@dataclass
class Source:
    guid: str | None
    name: str
    text: str | None  # as the tool wrote it (byte-order mark and line endings kept); None when not readable
    selections: list[Selection]
    notes: list[str]
    created: datetime | None
    description: str = ""
    original: Original | None = None  # the text as it came, byte for byte: kept as the document's source file


@dataclass(frozen=True)
class Original:
    filename: str
    data: bytes


@dataclass
class Note:
    guid: str | None
    name: str
    text: str
    user: str | None
    created: datetime | None
    modified: datetime | None


@dataclass
class Link:
    guid: str | None
    name: str
    directed: bool
    origin: str | None
    target: str | None
    notes: list[str]


@dataclass
class Group:
    """A set: named members, sources or codes."""

    guid: str | None
    name: str
    description: str
    sources: list[str]
    codes: list[str]


@dataclass
class Exchange:
    name: str
    origin: str = ""  # the tool that wrote the file, as it says
    description: str = ""
    users: dict[str, str] = field(default_factory=dict)  # GUID -> name
    codes: list[Code] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    sets: list[Group] = field(default_factory=list)
    project_notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # what could not be brought in, and why


def read_project(root: Any, package: Package | None, name: str) -> Exchange:
    """A parsed `.qde` (with its package for source files, when there is one)."""
    if local(root.tag) != "Project":
        raise ValueError(f"{name}: the root element is {local(root.tag)!r}, not a REFI-QDA Project")
    found = Exchange(root.get("name") or name, root.get("origin") or "")
    for element in root:
        kind = local(element.tag)
        if kind == "Users":
            users = [(g, u.get("name") or "") for u in _all(element, "User") if (g := guid(u.get("guid")))]
            check_unique("user", users, name)
            found.users = dict(users)
        elif kind == "Description":
            found.description = str(element.text or "")
        elif kind == "CodeBook":
            found.codes = [_code(c) for codes in _all(element, "Codes") for c in _all(codes, "Code")]
        elif kind == "Variables":
            found.variables = [_variable(v) for v in _all(element, "Variable")]
        elif kind == "Cases":
            found.cases = [_case(c) for c in _all(element, "Case")]
        elif kind == "Sources":
            for source in element:
                _source(source, package, found)
        elif kind == "Notes":
            found.notes = [_note(n, package) for n in _all(element, "Note")]
        elif kind == "Links":
            found.links = [_link(link) for link in _all(element, "Link")]
        elif kind == "Sets":
            found.sets = [_group(s) for s in _all(element, "Set")]
        elif kind == "NoteRef":
            found.project_notes += _refs([element])
        elif kind == "Graphs":
            found.skipped.append("graphs (network views): Axial draws its own relations diagram")
    return found


def read_codebook(root: Any, name: str) -> Exchange:
    """A parsed `.qdc`: codes (and code sets) only."""
    if local(root.tag) != "CodeBook":
        raise ValueError(f"{name}: the root element is {local(root.tag)!r}, not a REFI-QDA CodeBook")
    found = Exchange(name)
    found.codes = [_code(c) for codes in _all(root, "Codes") for c in _all(codes, "Code")]
    found.sets = [_group(s) for s in _all(root, "Set")] + [
        _group(s) for sets in _all(root, "Sets") for s in _all(sets, "Set")
    ]
    return found


# --- elements ------------------------------------------------------------------------------------------------


def _all(parent: Any, name: str) -> Iterator[Any]:
    """The children named `name` in whichever namespace (or none), comments and processing instructions left out."""
    children: Iterator[Any] = parent.iterchildren(f"{{*}}{name}")
    return children


def _first_text(parent: Any, name: str) -> str:
    for child in _all(parent, name):
        return str(child.text or "")
    return ""


def _refs(elements: Any) -> list[str]:
    return [g for e in elements if (g := guid(e.get("targetGUID")))]


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def _code(element: Any) -> Code:
    codable = (element.get("isCodable") or "true").strip().lower() not in ("false", "0")
    return Code(
        guid(element.get("guid")),
        element.get("name") or "(unnamed code)",
        codable,
        colour(element.get("color")),
        _first_text(element, "Description"),
        _refs(_all(element, "NoteRef")),
        [_code(child) for child in _all(element, "Code")],
    )


def _variable(element: Any) -> Variable:
    return Variable(
        guid(element.get("guid")),
        element.get("name") or "(unnamed variable)",
        element.get("typeOfVariable") or "Text",
        _first_text(element, "Description"),
    )


def _case(element: Any) -> Case:
    values = []
    for value in _all(element, "VariableValue"):
        reference = next(iter(_refs(_all(value, "VariableRef"))), None)
        for part in value:
            kind = local(part.tag) if isinstance(part.tag, str) else ""
            if kind.endswith("Value"):
                values.append((reference, kind, (part.text or "").strip()))
    return Case(
        guid(element.get("guid")),
        element.get("name") or "(unnamed case)",
        _first_text(element, "Description"),
        values,
        _refs(_all(element, "SourceRef")),
        _refs(_all(element, "SelectionRef")),
    )


def _codings(parent: Any) -> list[Coding]:
    return [
        Coding(
            guid(coding.get("guid")),
            next(iter(_refs(_all(coding, "CodeRef"))), None),
            guid(coding.get("creatingUser")),
            _when(coding.get("creationDateTime")),
            _refs(_all(coding, "NoteRef")),
        )
        for coding in _all(parent, "Coding")
    ]


def _source(element: Any, package: Package | None, found: Exchange) -> None:
    kind, name = local(element.tag), element.get("name") or "(unnamed source)"
    if kind != "TextSource":
        what = {"PDFSource": "PDF", "PictureSource": "image", "AudioSource": "audio", "VideoSource": "video"}
        found.skipped.append(
            f"{name}: {what.get(kind, kind)} sources are not imported (Axial works with text; "
            "import the transcript or text of it instead)"
        )
        return
    text, problem, original = _source_text(element, package)
    if problem:
        found.skipped.append(f"{name}: {problem}")
    if original is None and text is not None:
        original = Original(f"{name}.txt", text.encode("utf-8"))
    selections = []
    for selection in _all(element, "PlainTextSelection"):
        try:
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        except (TypeError, ValueError):
            found.skipped.append(f"{name}: a selection without readable positions ({selection.get('guid')})")
            continue
        selections.append(
            Selection(
                selection.get("guid") or "",
                selection.get("name") or "",
                start,
                end,
                _codings(selection),
                _refs(_all(selection, "NoteRef")),
                _first_text(selection, "Description"),
            )
        )
    direct = _codings(element)
    if direct:
        found.skipped.append(f"{name}: {len(direct)} codings of the whole source (Axial codes passages of text)")
    found.sources.append(
        Source(
            guid(element.get("guid")),
            name,
            text,
            selections,
            _refs(_all(element, "NoteRef")),
            _when(element.get("creationDateTime")),
            _first_text(element, "Description"),
            original,
        )
    )


def _source_text(element: Any, package: Package | None) -> tuple[str | None, str, Original | None]:
    """The source's text and, when it cannot be had, why; with the text file it was read from, if any."""
    inline = list(_all(element, "PlainTextContent"))
    if inline:
        return str(inline[0].text or ""), "", None
    path = element.get("plainTextPath")
    if not path:
        return None, "no plain text (neither a text file nor inline content); its codings cannot be placed", None
    if package is None:
        return None, f"its text file {path} is not here (import the .qdpx, which carries it, not the .qde alone)", None
    data = package.read(path)
    if data is None:
        return None, f"its text file {path} is missing from the archive", None
    return _decoded(data), "", Original(PurePosixPath(path.removeprefix("internal://")).name, data)


def _decoded(data: bytes) -> str:
    """UTF-8 as the standard says, with or without a byte-order mark (kept: some tools count it); else detected."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text, _ = decode(data, "source")
        return text


def _note(element: Any, package: Package | None) -> Note:
    text, _, _ = _source_text(element, package)
    return Note(
        guid(element.get("guid")),
        element.get("name") or "Note",
        (text or _first_text(element, "Description")).strip(),
        guid(element.get("creatingUser")),
        _when(element.get("creationDateTime")),
        _when(element.get("modifiedDateTime")),
    )


def _link(element: Any) -> Link:
    return Link(
        guid(element.get("guid")),
        element.get("name") or "is related to",
        (element.get("direction") or "Associative") != "Associative",
        guid(element.get("originGUID")),
        guid(element.get("targetGUID")),
        _refs(_all(element, "NoteRef")),
    )


def _group(element: Any) -> Group:
    members_code = [g for m in _all(element, "MemberCode") if (g := guid(m.get("targetGUID") or m.get("guid")))]
    members_source = [g for m in _all(element, "MemberSource") if (g := guid(m.get("targetGUID") or m.get("guid")))]
    return Group(
        guid(element.get("guid")),
        element.get("name") or "(unnamed set)",
        _first_text(element, "Description"),
        members_source,
        members_code,
    )
