"""Speaker turns in REFI-QDA, which has no place for them: carried the way NVivo shows speaker autocoding.

On export, a non-codable "Speakers" code holds one code per speaker label; each turn is a selection of its own,
coded with its speaker, and each case includes (SelectionRef) the turns of the speakers mapped to it. The turn's
timestamp is its selection's description. Other tools thus see who spoke where, and whose words a case holds.

The "Speakers" code, each turn's description and the project's description say "Axial speaker turns", and the
project's description names the speakers code's GUID. Reading a file Axial wrote, those markers turn back into
turns, speakers and speaker-to-case links exactly, not into codes; from any other tool (whose users may have
recoded them) a speakers code is an ordinary code, and stays one when Axial exports it again.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.core.dto import NewTurn, Span
from app.model.core.entities import Document, Speaker, Turn
from app.model.documents.readers.speaker_detection import detect_turns
from app.model.exchange.refi_reader import Code, Exchange, Selection, Source
from app.model.exchange.vocabulary import PROJECT_NS, guid
from app.model.reports.word import xml_safe

MARK = "Axial speaker turns"
_PROJECT = (
    "Exported by Axial. {mark}: each turn of talk is a selection coded with its speaker's code under the "
    "“Speakers” code ({root}), and each case includes the turns of the speakers mapped to it."
)
_ROOT = re.compile(re.escape(MARK) + r":.*?\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)", re.S)
SPEAKERS_DESCRIPTION = (
    f"{MARK}: one code per speaker; each of its codings is one turn of talk (speaker autocoding). "
    "Axial reads these back as speaker turns."
)
_TURN = "Axial speaker turn"
_CLOCK = re.compile(r"^Axial speaker turn(?: at (\d+):(\d\d):(\d\d)\.(\d\d\d))?$")
_NAMES = uuid.UUID("3b0f6a1e-8d52-4c3e-b8a1-5f2c9e7d4a60")  # names the GUIDs of speaker codes and turns


@dataclass(frozen=True)
class _Turn:
    selection: str  # GUID of its selection
    coding: str
    start: int
    end: int
    label: str | None
    timestamp_ms: int | None


@dataclass
class TurnsOut:
    """The project's turns as they are written: speaker codes, turn selections, and the turns of each case."""

    root_guid: str
    codes: dict[str, str]  # speaker label -> code GUID
    turns: dict[int, list[_Turn]]  # document id -> its turns, in order
    cases: dict[int, list[str]] = field(default_factory=dict)  # case id -> the selection GUIDs of its turns

    @classmethod
    def read(cls, s: Session, taken: set[str]) -> TurnsOut:
        """`taken`: the GUIDs the project's own codes use, which speaker codes must not repeat."""
        documents = dict(s.execute(select(Document.id, Document.guid)).all())
        rows = s.execute(
            select(Turn.document_id, Turn.start, Turn.end, Turn.timestamp_ms, Speaker.label, Speaker.case_id)
            .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
            .order_by(Turn.document_id, Turn.start, Turn.id)
        ).all()
        used = set(taken)
        root = _fresh("speakers", used)
        codes = {label: _fresh(f"speaker:{label}", used) for label in sorted({r.label for r in rows if r.label})}
        turns: dict[int, list[_Turn]] = defaultdict(list)
        cases: dict[int, list[str]] = defaultdict(list)
        for row in rows:
            index = len(turns[row.document_id])
            key = f"turn:{documents[row.document_id]}:{index}"
            turn = _Turn(
                str(uuid.uuid5(_NAMES, key)),
                str(uuid.uuid5(_NAMES, key + ":coding")),
                row.start,
                row.end,
                row.label,
                row.timestamp_ms,
            )
            turns[row.document_id].append(turn)
            if row.case_id is not None:
                cases[row.case_id].append(turn.selection)
        return cls(root, codes, dict(turns), dict(cases))

    def project_description(self) -> str:
        """Says that the file carries turns, and which code holds them (a user's code may have the same name, or
        even the same description, if it came from a file Axial wrote and another tool passed on)."""
        return _PROJECT.format(mark=MARK, root=self.root_guid)

    def write_codes(self, holder: Any) -> None:
        if not self.codes:
            return
        root = _element(holder, "Code", guid=self.root_guid, name="Speakers", isCodable="false")
        _element(root, "Description").text = SPEAKERS_DESCRIPTION
        for label, code_guid in self.codes.items():
            _element(root, "Code", guid=code_guid, name=label, isCodable="true")

    def write_selections(self, source: Any, document_id: int, text: str) -> None:
        for turn in self.turns.get(document_id, []):
            selection = _element(
                source,
                "PlainTextSelection",
                guid=turn.selection,
                name=_name(text[turn.start : turn.end]),
                startPosition=str(turn.start),
                endPosition=str(turn.end),
            )
            _element(selection, "Description").text = describe(turn.timestamp_ms)
            if turn.label is not None:
                coding = _element(selection, "Coding", guid=turn.coding)
                _element(coding, "CodeRef", targetGUID=self.codes[turn.label])


def describe(timestamp_ms: int | None) -> str:
    """A turn's selection description: the marker, and its time exactly (h:mm:ss.mmm)."""
    if timestamp_ms is None:
        return _TURN
    seconds, milliseconds = divmod(timestamp_ms, 1000)
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    return f"{_TURN} at {hours}:{minute:02d}:{second:02d}.{milliseconds:03d}"


def own_root(exchange: Exchange) -> str | None:
    """In a file Axial wrote with its turns in it, the GUID of the code that holds them; None in older Axial exports
    and other tools' files."""
    found = _ROOT.search(exchange.description)
    return found.group(1) if exchange.origin.startswith("Axial") and found else None


def speaker_codes(codes: list[Code], root: str) -> tuple[list[Code], dict[str, str]]:
    """The codes without Axial's speakers code `root`, and that code's speaker labels by their code GUID."""
    kept, labels = [], {}
    for code in codes:
        if code.guid == root:
            labels.update({child.guid: child.name for child in code.children if child.guid})
        else:
            kept.append(code)
    return kept, labels


def is_turn(selection: Selection) -> bool:
    return _CLOCK.match(selection.description.strip()) is not None


def turn_guids(exchange: Exchange) -> set[str]:
    """Every turn selection in the file, also of documents not imported (already in the project)."""
    return {key for source in exchange.sources for s in source.selections if is_turn(s) and (key := guid(s.guid))}


def detect(text: str, paragraphs: Sequence[Span]) -> tuple[NewTurn, ...]:
    """Another tool's document: its turns are found in the text, as an ordinary import finds them."""
    return tuple(detect_turns(text, tuple(paragraphs)))


def restore(
    text: str, source: Source, labels: dict[str, str], problems: list[str]
) -> tuple[tuple[NewTurn, ...], dict[str, str]]:
    """Axial's own document: its turns back from its turn selections (one outside the text is reported in
    `problems`), and the speaker label of each turn selection by its GUID; `labels` are the speaker codes' names by
    GUID."""
    turns: list[NewTurn] = []
    speaking: dict[str, str] = {}
    for selection in source.selections:
        match = _CLOCK.match(selection.description.strip())
        if match is None:
            continue
        if not 0 <= selection.start <= selection.end <= len(text):
            problems.append(
                f"{source.name}: turn {selection.guid}: its offsets {selection.start}-{selection.end} lie outside "
                "the text"
            )
            continue
        label = next((labels[c.code] for c in selection.codings if c.code in labels), None)
        hours, minutes, seconds, milliseconds = match.groups()
        clock = None
        if hours is not None:
            clock = ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(milliseconds)
        turns.append(NewTurn(label, selection.start, selection.end, clock))
        key = guid(selection.guid)
        if key and label is not None:
            speaking[key] = label
    return tuple(turns), speaking


def _fresh(seed: str, used: set[str]) -> str:
    """The GUID named by `seed`, or by `seed` numbered if a code already has it (stable from export to export)."""
    candidate, number = str(uuid.uuid5(_NAMES, seed)), 1
    while candidate in used:
        candidate, number = str(uuid.uuid5(_NAMES, f"{seed}:{number}")), number + 1
    used.add(candidate)
    return candidate


def _element(parent: Any, tag: str, **attributes: str) -> Any:
    element = etree.SubElement(parent, f"{{{PROJECT_NS}}}{tag}")
    for key, value in attributes.items():
        element.set(key, xml_safe(value))
    return element


def _name(text: str) -> str:
    """The turn's words, as selections are named (some tools check the name against the text)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= 80 else flat[:79] + "…"
