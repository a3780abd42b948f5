"""Which unit a tool counted its selection offsets in, and where each selection falls in Axial's text.

The standard counts Unicode code points over the plain-text file as shipped. In practice some tools count UTF-16
units (so every emoji before a selection adds one), some count a CRLF line break as one character and some as two,
and some count a byte-order mark they wrote. Each reading is tried on all of a source's selections; the one that
reproduces the selections' stored text, or failing that puts most of them on word boundaries, is chosen. Positions
are then converted to code points over Axial's normalised text (line breaks as `\\n`, no byte-order mark). A
selection that does not fall on a character boundary, or whose stored text does not match, is reported, never moved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.model.core.text import normalise

_BREAKS = re.compile("\r\n|\r|\u2028|\u2029|\x0b|\x0c|\x85")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each


@dataclass(frozen=True)
class Selection:
    key: str  # the selection's GUID, for the report
    start: int
    end: int
    stored_text: str  # what the tool says the selection holds (ATLAS.ti and Axial write it); may be empty


@dataclass(frozen=True)
class Placed:
    key: str
    start: int | None  # code points in Axial's text; None when the selection cannot be placed exactly
    end: int | None
    problem: str = ""


@dataclass(frozen=True)
class Placement:
    unit: str  # the reading chosen, in words, for the import report
    selections: list[Placed]


@dataclass(frozen=True)
class _Reading:
    unit: str
    positions: list[int | None]  # offset in this unit -> code point in Axial's text (None: not a boundary)


def place(raw: str, selections: Sequence[Selection]) -> Placement:
    """Decide the offset unit for one source's selections and place them in `normalise(raw)`."""
    text = normalise(raw)
    readings = _readings(raw)
    if not selections:
        return Placement(readings[0].unit, [])
    best = max(readings, key=lambda r: _score(r, text, selections))
    placed = [_place_one(best, readings, text, s) for s in selections]
    return Placement(best.unit, placed)


def _readings(raw: str) -> list[_Reading]:
    """Every plausible way of counting, the standard's first (it wins ties)."""
    bom = raw.startswith("\ufeff")
    body = raw[1:] if bom else raw
    as_stored = _code_points(body)  # CRLF counts as two, as in the file
    once: list[int | None] = list(range(len(normalise(body)) + 1))  # line breaks counted once: Axial's own
    readings = [_Reading("code points (as the standard says)", as_stored)]
    if "\r\n" in body:
        readings.append(_Reading("code points, counting each CRLF line break once", once))
    if _ASTRAL.search(body):
        readings.append(_Reading("UTF-16 units", _utf16(body, as_stored)))
        if "\r\n" in body:
            readings.append(_Reading("UTF-16 units, counting each CRLF line break once", _utf16(normalise(body), once)))
    if bom:
        readings += [_Reading(f"{r.unit}, counting the byte-order mark", [None, *r.positions]) for r in list(readings)]
    return readings


def _code_points(body: str) -> list[int | None]:
    """Positions in the text as stored -> positions in the normalised text; inside a CRLF is not a position."""
    positions: list[int | None] = []
    removed = 0
    last = 0
    for match in _BREAKS.finditer(body):
        positions.extend(range(last - removed, match.start() - removed))
        positions.append(match.start() - removed)
        if match.end() - match.start() == 2:  # CR LF: between the two is no position; one character afterwards
            positions.append(None)
            removed += 1
        last = match.end()
    positions.extend(range(last - removed, len(body) - removed + 1))
    return positions


def _utf16(text: str, code_points: list[int | None]) -> list[int | None]:
    """UTF-16 offsets -> the normalised position (via `code_points`); the middle of a surrogate pair is None."""
    positions: list[int | None] = []
    last = 0
    for astral in _ASTRAL.finditer(text):  # copied between them in slices: a character at a time took seconds
        positions += code_points[last : astral.start() + 1]
        positions.append(None)
        last = astral.start() + 1
    positions += code_points[last : len(text) + 1]
    return positions


def _at(reading: _Reading, offset: int) -> int | None:
    return reading.positions[offset] if 0 <= offset < len(reading.positions) else None


def _score(reading: _Reading, text: str, selections: Sequence[Selection]) -> tuple[int, int, int]:
    placed = [(_at(reading, s.start), _at(reading, s.end)) for s in selections]
    valid = sum(1 for a, b in placed if a is not None and b is not None and a < b)
    return valid, _matches(reading, text, selections), _on_word_edges(placed, text)


def _matches(reading: _Reading, text: str, selections: Sequence[Selection]) -> int:
    found = 0
    for selection in selections:
        start, end = _at(reading, selection.start), _at(reading, selection.end)
        if selection.stored_text and start is not None and end is not None and start < end:
            found += _same_text(text[start:end], selection.stored_text)
    return found


def _same_text(actual: str, stored: str) -> bool:
    """Stored text is often shortened or has its white space changed; compare what both kept."""
    a, b = " ".join(actual.split()), " ".join(stored.split())
    if b.endswith(("…", "...")):
        return a.startswith(b.rstrip(".…").rstrip())
    return a == b or (len(b) >= 20 and a.startswith(b))


def _on_word_edges(placed: list[tuple[int | None, int | None]], text: str) -> int:
    def edge(position: int | None) -> bool:
        if position is None:
            return False
        before = text[position - 1] if position > 0 else " "
        after = text[position] if position < len(text) else " "
        return not (before.isalnum() and after.isalnum())

    return sum(edge(a) + edge(b) for a, b in placed)


def _place_one(reading: _Reading, readings: list[_Reading], text: str, selection: Selection) -> Placed:
    if not 0 <= selection.start < selection.end < len(reading.positions):
        return Placed(selection.key, None, None, f"its offsets {selection.start}-{selection.end} lie outside the text")
    start, end = _at(reading, selection.start), _at(reading, selection.end)
    if start is None or end is None:
        return Placed(selection.key, None, None, "its offsets fall inside a character or a line break")
    if not start < end <= len(text):
        return Placed(selection.key, None, None, f"its offsets {selection.start}-{selection.end} lie outside the text")
    if selection.stored_text and not _same_text(text[start:end], selection.stored_text):
        # A stored name that is the selected text under another way of counting is evidence of a shift; one that
        # matches under none is just a label the user gave the selection.
        elsewhere = [r.unit for r in readings if r is not reading and _matches(r, text, [selection])]
        if elsewhere:
            return Placed(
                selection.key,
                None,
                None,
                f"its stored text {selection.stored_text!r} is found only when counting in {elsewhere[0]}",
            )
    return Placed(selection.key, start, end)
