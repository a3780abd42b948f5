"""The pseudonym table: each original (a person, an agency, a case, a speaker) and what replaces it.

A pseudonym left blank is proposed from the kind of entry ("[Person 3]", "[Case manager 2]", "[Agency B]",
"[Site 2]"): the first number (or letter, for organisations) no entry of the table uses yet. One original has one
pseudonym, whatever the case it is written in. An original kept with no pseudonym is marked not identifying: it
is never replaced, and seeding the table from the cases and speakers does not propose it again."""

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
    kind: str  # "person", "agency", "site", "case manager"…; "case" and "speaker" for the seeded ones

    @property
    def identifying(self) -> bool:
        """False for an original the user marked not identifying (kept in the table so it is not proposed again)."""
        return bool(self.pseudonym)


@dataclass(frozen=True)
class PseudonymTable:
    entries: tuple[Pseudonym, ...]

    def pseudonym_of(self, original: str) -> str | None:
        wanted = original.strip().casefold()
        return next((e.pseudonym for e in self.entries if e.original.casefold() == wanted), None)

    def key_csv(self) -> str:
        """The key file's text: original,pseudonym,kind per line (what a researcher keeps apart from the copy, and
        what a names file may hold, so a key read back gives the same table). Originals marked not identifying are
        left out: nothing replaced them."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["original", "pseudonym", "kind"])
        writer.writerows((e.original, e.pseudonym, e.kind) for e in self.entries if e.identifying)
        return out.getvalue()


def read_names(path: Path) -> list[tuple[str, str, str]]:
    """Rows of a names file: original[,pseudonym[,kind]]; a header row `original,…` is skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"{path.name} is not a UTF-8 text file of names (original,pseudonym).") from None
    return parse_names(text, path.name)


def parse_names(text: str, source: str = "The list") -> list[tuple[str, str, str]]:
    """Names as a file holds them or a user pastes them: one original[,pseudonym[,kind]] per line (the kind is
    "person" when not given)."""
    if "\0" in text:
        raise ValidationError(f"{source} is not a text file of names (original,pseudonym).")
    rows: list[tuple[str, str, str]] = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not cells or not cells[0]:
            continue
        if number == 1 and cells[0].casefold() == "original":
            continue
        if len(cells) > 3 and any(cells[3:]):
            raise ValidationError(f"{source}, line {number}: write original,pseudonym,kind (three columns at most).")
        cells += ["", ""]
        rows.append((cells[0], cells[1], cells[2].casefold() or "person"))
    if not rows:
        raise ValidationError(f"{source} lists no names (one original[,pseudonym] per line).")
    return rows


def build_table(
    listed: Sequence[tuple[str, str] | tuple[str, str, str]],
    case_names: Iterable[str] = (),
    speaker_labels: Iterable[str] = (),
) -> PseudonymTable:
    """Listed names first (their pseudonyms win), then case names and speaker labels not listed; labels that
    name nobody ("Speaker 2", "Interviewer", "P3") are left alone."""
    rows = [(row[0], row[1], row[2] if len(row) > 2 else "person") for row in listed]
    return PseudonymTable(merged((), [*rows, *seed_rows(case_names, speaker_labels)])[0])


def seed_rows(case_names: Iterable[str], speaker_labels: Iterable[str]) -> list[tuple[str, str, str]]:
    """The rows a project proposes for its table: every case name, and each speaker label that names someone."""
    rows = [(name, "", "case") for name in case_names]
    for label in speaker_labels:
        if not _GENERIC_LABEL.match(label.strip()) and not _abbreviation(label.strip()):
            rows.append((label, "", "speaker"))
    return rows


def merged(
    existing: Sequence[Pseudonym], rows: Iterable[tuple[str, str, str]]
) -> tuple[tuple[Pseudonym, ...], tuple[Pseudonym, ...]]:
    """The table after adding `rows` (original, pseudonym or "" to propose one, kind) to `existing`, and the
    entries whose pseudonym the rows changed. An original already there keeps its pseudonym (or stays marked not
    identifying) unless a row gives it another one, so the same original always gets the same pseudonym."""
    entries = list(existing)
    at = {key(e.original): i for i, e in enumerate(entries)}
    changed: list[Pseudonym] = []
    given = [(" ".join(o.split()), p.strip(), k.strip() or "person") for o, p, k in rows]
    taken = {e.pseudonym.casefold() for e in entries} | {p.casefold() for _, p, _ in given if p}
    for original, pseudonym, kind in given:
        if not original:
            continue
        if key(original) in at:
            i = at[key(original)]
            if pseudonym and pseudonym != entries[i].pseudonym:
                entries[i] = Pseudonym(entries[i].original, pseudonym, entries[i].kind)
                changed = [c for c in changed if key(c.original) != key(original)] + [entries[i]]
            continue
        if not pseudonym:
            pseudonym = propose(kind, taken, original)
            taken.add(pseudonym.casefold())
        at[key(original)] = len(entries)
        entries.append(Pseudonym(original, pseudonym, kind))
    return tuple(entries), tuple(changed)


def key(original: str) -> str:
    """What makes two originals one: letter case and spacing aside."""
    return " ".join(original.split()).casefold()


# Kinds named with a letter ("[Agency B]"): organisations; every other kind is numbered ("[Site 2]").
_LETTERED = frozenset({"agency", "organisation", "organization", "programme", "program", "service", "company"})


def propose(kind: str, taken: Iterable[str], original: str = "") -> str:
    """The first "[Kind n]" (or "[Kind X]" for an organisation) not among `taken` (compared ignoring case) and not
    holding `original` (a case named "Case 1" is not "[Case 1]")."""
    kind = " ".join(kind.split()) or "person"
    word = kind[0].upper() + kind[1:]
    used = {t.casefold() for t in taken}
    n = 0
    while True:
        n += 1
        mark = _letters(n) if kind.casefold() in _LETTERED else str(n)
        proposal = f"[{word} {mark}]"
        if proposal.casefold() not in used and not (original and holds(proposal, original)):
            return proposal


def holds(pseudonym: str, original: str) -> bool:
    """Whether the pseudonym has the original in it as words: it would put the original back wherever it went."""
    return re.search(rf"(?<!\w){re.escape(key(original))}(?!\w)", key(pseudonym)) is not None


def _letters(n: int) -> str:
    """1 → A, 26 → Z, 27 → AA."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("A") + r) + out
    return out


def _abbreviation(label: str) -> bool:
    """A role written short in capitals ("INT", "IV", "RES2"): too short to name anyone."""
    letters = [c for c in label if c.isalpha()]
    return label.isupper() and 0 < len(letters) <= 3 and all(c.isalnum() for c in label)
