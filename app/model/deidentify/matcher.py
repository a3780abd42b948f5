"""Finding the table's originals in a text: each listed name as written (any letter case), its parts alone as
written (a first or last name, capitalised or in capitals), after a title ("Dr. Smith"), with a possessive left
in place ("Smith's" keeps "'s"), and small misspellings of a name ("Smyth"); the patterns when asked.

Matches never overlap and are all found in the original text, so a pseudonym is never matched again. An original
marked not identifying is found as written only to be kept: no part or misspelling of another name replaces it.
The user's text only ever enters an expression through `re.escape`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from app.model.deidentify.patterns import PATTERNS
from app.model.deidentify.pseudonyms import Pseudonym, PseudonymTable, key

_TITLE = r"(?i:Dr|Mr|Mrs|Ms|Mx|Prof|Professor|Doctor|Miss|Sr|Fr)\.?"
_GAP = r"[ \t\u00a0]+"
_WORD = re.compile(r"(?<![^\W_])[^\W\d_]+(?![^\W_])")
_TITLES = {"dr", "mr", "mrs", "ms", "mx", "prof", "professor", "doctor", "miss", "sr", "fr"}
# Words of an organisation's name that say what it is, not which: never matched alone ("Agency", "Centre").
_GENERIC_PARTS = frozenset(
    "agency centre center clinic hospital service services program programme project team unit county city "
    "university college school health house trust foundation department office group network association "
    "institute community church street road council board partners partnership care home society".split()
)
# A misspelling is one slip (a letter changed, dropped, added, or two swapped) from a name part of at least this
# many letters, with the same first letter.
_FUZZY_MIN = 5


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    pseudonym: str
    original: str  # the table's original, or the pattern's pseudonym
    how: str  # "name", "part", "misspelling" or "pattern"


class Matcher:
    def __init__(self, table: PseudonymTable, *, patterns: bool = False) -> None:
        self.table = table
        self.patterns = patterns
        self._lookup: dict[str, tuple[Pseudonym, str]] = {}
        alternatives: list[tuple[str, str]] = []  # (literal, expression)
        fuzzy: dict[str, Pseudonym] = {}
        # A row whose original is another row's pseudonym would replace a pseudonym again (a table seeded from a
        # project already de-identified): left out, so the copy agrees with the key.
        pseudonyms = {key(e.pseudonym) for e in table.entries if e.pseudonym}
        entries = [e for e in table.entries if key(e.original) not in pseudonyms]
        # An original of its own wins over the same word as part of another ("Riverside" listed alone, and in
        # "Riverside Agency"), so the table's row for it is the pseudonym it gets.
        for entry in entries:
            words = entry.original.split()
            self._lookup.setdefault(" ".join(words).casefold(), (entry, "name"))
            alternatives.append((entry.original, "(?i:" + _GAP.join(re.escape(w) for w in words) + ")"))
            if (
                entry.identifying
                and len(words) == 1
                and entry.kind != "case"
                and len(words[0]) >= _FUZZY_MIN
                and words[0].isalpha()
            ):
                fuzzy.setdefault(words[0].casefold(), entry)
        kept = {key(e.original) for e in table.entries if not e.identifying}
        for entry in (e for e in entries if e.identifying):
            for part in (p for p in _parts(entry, entry.original.split()) if key(p) not in kept):
                self._lookup.setdefault(part.casefold(), (entry, "part"))
                for written in {part, part.upper()}:
                    alternatives.append((written, "(?-i:" + re.escape(written) + ")"))
                if len(part) >= _FUZZY_MIN and part.isalpha():
                    fuzzy.setdefault(part.casefold(), entry)
        alternatives.sort(key=lambda a: -len(a[0]))
        self._names = (
            # Letters and digits make words, not "_": "Jane_Smith.docx" names Jane Smith.
            re.compile(
                rf"(?<![^\W_])(?:(?P<title>{_TITLE}){_GAP})?(?P<name>{'|'.join(e for _, e in alternatives)})(?![^\W_])"
            )
            if alternatives
            else None
        )
        self._fuzzy = fuzzy

    def find(self, text: str) -> list[Found]:
        """Every match in `text`, in order, none overlapping (at one place the longest wins, names before
        patterns); a name's misspelled parts next to each other become one match."""
        found: list[tuple[Found, int]] = []
        if self._names is not None:
            for m in self._names.finditer(text):
                entry, how = self._lookup[" ".join(m["name"].split()).casefold()]
                found.append((Found(m.start(), m.end(), m[0], entry.pseudonym, entry.original, how), 0))
        taken = _covered(f for f, _ in found)
        words = list(_WORD.finditer(text))
        # A word the text also writes in lower case is a word of the language ("Great" at a sentence's start).
        common = {m[0] for m in words if m[0].islower()}
        for m in words:
            word = m[0]
            if len(word) < _FUZZY_MIN - 1 or not word[0].isupper() or m.start() in taken or word.lower() in common:
                continue
            best = extractOne(word.casefold(), self._fuzzy.keys(), scorer=OSA.distance, score_cutoff=1)
            if best is not None and best[0][0] == word[0].casefold():
                entry = self._fuzzy[best[0]]
                found.append((Found(m.start(), m.end(), word, entry.pseudonym, entry.original, "misspelling"), 1))
        if self.patterns:
            for pseudonym, expression in PATTERNS:
                for m in expression.finditer(text):
                    group = next((g for g in ("x", "y") if g in expression.groupindex and m[g] is not None), 0)
                    start, end = m.span(group)
                    found.append((Found(start, end, text[start:end], pseudonym, pseudonym, "pattern"), 2))
        return [f for f in _joined(_without_overlaps(found), text) if f.pseudonym]

    def replace(self, text: str) -> str:
        """`text` with every match replaced, in one pass over the original."""
        pieces, at = [], 0
        for f in self.find(text):
            pieces += [text[at : f.start], f.pseudonym]
            at = f.end
        pieces.append(text[at:])
        return "".join(pieces)


def _parts(entry: Pseudonym, words: list[str]) -> list[str]:
    """A person's or speaker's first and last name alone (not initials, not titles); a case is matched whole
    unless it is named like a person (case "Ben Walker" is "Ben" in the text; "Household 12" is no household)."""
    names = [w for w in words if w.rstrip(".").casefold() not in _TITLES]
    if len(words) < 2 or (entry.kind == "case" and not _personal(names)):
        return []
    return [
        w
        for w in {names[0], names[-1]}
        if len(w) >= 2 and any(c.isalpha() for c in w) and not w.endswith(".") and w.casefold() not in _GENERIC_PARTS
    ]


def _personal(words: list[str]) -> bool:
    """Two to four capitalised words of letters, none saying what a place or organisation is: a person's name."""
    return 2 <= len(words) <= 4 and all(
        len(w) >= 2 and w[0].isupper() and w.replace("-", "").replace("'", "").isalpha()
        and w.casefold() not in _GENERIC_PARTS
        for w in words
    )  # fmt: skip


def _covered(found: Iterable[Found]) -> set[int]:
    return {p for f in found for p in range(f.start, f.end)}


def _without_overlaps(found: list[tuple[Found, int]]) -> list[Found]:
    kept: list[Found] = []
    for f, _ in sorted(found, key=lambda fp: (fp[0].start, fp[0].start - fp[0].end, fp[1])):
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept


def _joined(found: list[Found], text: str) -> list[Found]:
    """A misspelt "Jane Smyth" is one person, not "[Person 1] [Person 1]": neighbours alike become one match."""
    out: list[Found] = []
    for f in found:
        last = out[-1] if out else None
        if last is not None and last.pseudonym == f.pseudonym and f.how != "pattern":
            between = text[last.end : f.start]
            if between and not between.strip(" \t\u00a0") and "misspelling" in (last.how, f.how):
                out[-1] = Found(last.start, f.end, text[last.start : f.end], f.pseudonym, f.original, "misspelling")
                continue
        out.append(f)
    return out
