"""The pseudonym table: each original (a person, an agency, a case, a speaker) and what replaces it.

A pseudonym left blank is generated from the kind of entry ("[Person 3]", "[Case 2]"); one original has one
pseudonym, whatever the case it is written in."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.model.core.errors import ValidationError

# Speaker labels that name nobody: a transcript's roles and the numbered labels transcription services give.
_GENERIC_LABEL = re.compile(
    r"(?i)^(?:speaker|interviewer|interviewee|participant|respondent|moderator|facilitator|unknown|"
    r"researcher|note ?taker)\s*\d*$|^[a-z]{1,3}\s*\d+$|^[a-z]$|^\W*\d+\W*$"
)


@dataclass(frozen=True)
class Pseudonym:
    original: str
    pseudonym: str
    kind: str  # "person" for a listed name, "case" or "speaker" for seeded ones


@dataclass(frozen=True)
class PseudonymTable:
    entries: tuple[Pseudonym, ...]

    def pseudonym_of(self, original: str) -> str | None:
        wanted = original.strip().casefold()
        return next((e.pseudonym for e in self.entries if e.original.casefold() == wanted), None)

    def key_csv(self) -> str:
        """The key file's text: original,pseudonym per line (what a researcher keeps apart from the copy)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["original", "pseudonym"])
        writer.writerows((e.original, e.pseudonym) for e in self.entries)
        return out.getvalue()


def read_names(path: Path) -> list[tuple[str, str]]:
    """Rows of a names file: original[,pseudonym]; a header row `original,pseudonym` is skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"{path.name} is not a UTF-8 text file of names (original,pseudonym).") from None
    return parse_names(text, path.name)


def parse_names(text: str, source: str = "The list") -> list[tuple[str, str]]:
    """Names as a file holds them or a user pastes them: one original[,pseudonym] per line."""
    if "\0" in text:
        raise ValidationError(f"{source} is not a text file of names (original,pseudonym).")
    rows: list[tuple[str, str]] = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not cells or not cells[0]:
            continue
        if number == 1 and cells[0].casefold() == "original":
            continue
        if len(cells) > 2 and any(cells[2:]):
            raise ValidationError(f"{source}, line {number}: write original,pseudonym (two columns at most).")
        rows.append((cells[0], cells[1] if len(cells) > 1 else ""))
    if not rows:
        raise ValidationError(f"{source} lists no names (one original[,pseudonym] per line).")
    return rows


def build_table(
    listed: Sequence[tuple[str, str]], case_names: Iterable[str] = (), speaker_labels: Iterable[str] = ()
) -> PseudonymTable:
    """Listed names first (their pseudonyms win), then case names and speaker labels not listed; labels that
    name nobody ("Speaker 2", "Interviewer", "P3") are left alone."""
    entries: list[Pseudonym] = []
    seen: dict[str, Pseudonym] = {}
    counters: dict[str, int] = {}
    given = {p.strip().casefold() for _, p in listed if p.strip()}

    def add(original: str, pseudonym: str, kind: str) -> None:
        original = " ".join(original.split())
        if not original or original.casefold() in seen:
            return
        if not pseudonym:
            pseudonym = _generated(kind, counters, given)
        entry = Pseudonym(original, pseudonym, kind)
        seen[original.casefold()] = entry
        entries.append(entry)

    for original, pseudonym in listed:
        add(original, pseudonym.strip(), "person")
    for name in case_names:
        add(name, "", "case")
    for label in speaker_labels:
        if not _GENERIC_LABEL.match(label.strip()) and not _abbreviation(label.strip()):
            add(label, "", "speaker")
    return PseudonymTable(tuple(entries))


def _abbreviation(label: str) -> bool:
    """A role written short in capitals ("INT", "IV", "RES2"): too short to name anyone."""
    letters = [c for c in label if c.isalpha()]
    return label.isupper() and 0 < len(letters) <= 3 and all(c.isalnum() for c in label)


def _generated(kind: str, counters: dict[str, int], taken: set[str]) -> str:
    word = {"person": "Person", "case": "Case", "speaker": "Speaker"}[kind]
    while True:
        counters[kind] = counters.get(kind, 0) + 1
        pseudonym = f"[{word} {counters[kind]}]"
        if pseudonym.casefold() not in taken:
            return pseudonym
