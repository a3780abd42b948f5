"""Fuzzy matching of code names, the one place for it (rapidfuzz): type-ahead ranking, the tree's filter, and how
alike two names are, for the warning on creating a near duplicate and for the similar-codes review (`similar_names`).

The ranking splits what a researcher typed into two kinds of matches. A *strong* match is one the typed text
really names, so Enter may apply it: the same name (case, punctuation, spacing and plurals folded), the beginning
of the name or of a run of its words ("staff turn" for "Senior staff turnover"), one word that begins a word of the
code's path ("workload" for "Workload / Caseload size"), or the same words with a typing slip in a long word
("supervison" for "Group supervision"). Anything else that merely resembles the text is *loose*: shown, never
applied by Enter alone, because a new code's name ("Staffing capacity") often shares a word with an existing one
("Repository capacity").

A slip is one edit (a wrong, missing, extra or swapped letter) in a word of at least eight letters, two in a word
of thirteen or more, and at most two in all. Shorter words must match exactly: one letter is all that tells
"funding" from "finding" or "policy" from "police". The rule is checked against generated code books of 50, 300
and 1,500 names in tests/unit/test_code_matching.py; a missed slip is harmless, since creating a code whose name is
close to an existing one asks first (`near_duplicates`).

Two names are as alike (0-100) as `name_similarity` says: both folded (`normalised`), the better of the ratio of
their words in sorted order (word order does not count) and the ratio with the spaces removed ("case load" and
"caseload" are one word to a reader); names whose numbers differ ("Wave 1", "Wave 2") are siblings, not alike.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import OSA

from app.model.codes.code_names import name_key

_WORD = re.compile(r"[^\W_]+")
# How alike names must be, for each use (0-100).
NEAR_DUPLICATE = 88.0  # creating a code this close to an existing one asks first
SIMILAR_CODES = 85  # where the similar-codes review starts (the researcher can move it)
FILTER_MATCH = 80.0  # the code tree's filter keeps a name containing something this close to what was typed
LOOSE_CUTOFF = 60.0  # the quick-code list shows a loose match from here (never applied by Enter)
LOOSE_LIMIT = 6
# Tiers of strong matches, best first.
_EXACT, _NAME, _PATH = 3, 2, 1


@dataclass(frozen=True)
class Candidate:
    code_id: int
    name: str
    path: str  # "Workload / Caseload size"

    @property
    def parent(self) -> str:
        """The categories above the code ("Workload"), empty for a code at the top level."""
        suffix = " / " + self.name
        return self.path[: -len(suffix)] if self.path.endswith(suffix) else ""


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    score: float


@dataclass(frozen=True)
class Ranking:
    """What a typed text matches: `strong` matches may be applied by Enter (the first one); `loose` never are."""

    strong: tuple[Ranked, ...]
    loose: tuple[Ranked, ...]
    exact: bool  # a code has exactly this name (folded), so creating it would add a duplicate

    @property
    def best(self) -> Candidate | None:
        return self.strong[0].candidate if self.strong else None


def _fold(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def words(name: str) -> list[str]:
    """The name's words, folded as `code_names.name_key` folds ("STRASSE" and "Straße" have the same)."""
    return _WORD.findall(name_key(name))


def normalised(name: str) -> str:
    """Case, punctuation, hyphens and simple plurals folded away: 'Staff turn-over' ~ 'staff turnovers'."""
    return " ".join(_fold(w) for w in words(name))


def slips_allowed(word: str) -> int:
    """How many typing slips still name this word (see the module's docstring)."""
    return 2 if len(word) >= 13 else 1 if len(word) >= 8 else 0


MAX_SLIPS = 2


class CodeRanker:
    """Ranks codes for a typed query; built once per code list so a keystroke costs a few lookups, not a scan."""

    def __init__(self, candidates: Sequence[Candidate], recent: Sequence[int] = ()) -> None:
        self.candidates = list(candidates)
        self._recent = {code_id: len(recent) - i for i, code_id in enumerate(recent)}
        self._names = [utils.default_process(c.name) for c in self.candidates]
        self._words = [tuple(words(c.name)) for c in self.candidates]
        self._sorted_compact = sorted(("".join(_fold(w) for w in ws), i) for i, ws in enumerate(self._words))
        self._by_compact: dict[str, list[int]] = {}
        for compact, index in self._sorted_compact:
            self._by_compact.setdefault(compact, []).append(index)
        self._by_word: dict[str, set[int]] = {}
        for index, ws in enumerate(self._words):
            for word in ws:
                self._by_word.setdefault(word, set()).add(index)
        self._vocabulary = list(self._by_word)
        self._folded_vocabulary = [_fold(w) for w in self._vocabulary]
        self._by_fold: dict[str, list[str]] = {}
        for word, fold in zip(self._vocabulary, self._folded_vocabulary, strict=True):
            self._by_fold.setdefault(fold, []).append(word)
        self._by_path_word: dict[str, set[int]] = {}
        for index, candidate in enumerate(self.candidates):
            for word in words(candidate.path):
                self._by_path_word.setdefault(word, set()).add(index)

    def rank(self, query: str, limit: int = 20) -> Ranking:
        """Strong matches best first, then loose ones; with no query, the recently used codes are the strong ones."""
        typed = words(query)
        if not typed:  # Enter applies the code used last; the others follow in tree order
            recent = sorted((i for i in range(len(self.candidates)) if self._recent_of(i)), key=self._recent_of)
            rest = [i for i in range(len(self.candidates)) if not self._recent_of(i)]
            listed = [Ranked(self.candidates[i], 0.0) for i in [*reversed(recent), *rest][:limit]]
            return Ranking(tuple(listed[: len(recent)]), tuple(listed[len(recent) :]), exact=False)
        strong = self._strong(typed)
        ordered = sorted(
            strong.items(),
            key=lambda item: (
                item[1][0],  # exact, then the name's words, then the path's
                item[1][1],  # fewer slips
                -self._recent_of(item[0]),
                item[1][2],  # the name begins with what was typed
                len(self._words[item[0]]),  # "Supervision" before "Supervision costs"
                item[0],
            ),
        )
        exact = any(key[0] == -_EXACT for _, key in ordered)
        chosen = [Ranked(self.candidates[i], float(-key[0] * 100 - key[1])) for i, key in ordered[:limit]]
        loose = self._loose(query, set(strong), max(0, min(LOOSE_LIMIT, limit - len(chosen))))
        return Ranking(tuple(chosen), loose, exact)

    def _recent_of(self, index: int) -> int:
        return self._recent.get(self.candidates[index].code_id, 0)

    def _strong(self, typed: list[str]) -> dict[int, tuple[int, int, int]]:
        """Index -> (-tier, slips, 0 when the match starts the name else 1); lower sorts first."""
        found: dict[int, tuple[int, int, int]] = {}

        def keep(index: int, key: tuple[int, int, int]) -> None:
            if index not in found or key < found[index]:
                found[index] = key

        folded = [_fold(w) for w in typed]
        for index in self._by_compact.get("".join(folded), ()):
            keep(index, (-_EXACT, 0, 0))
        # The last word as typed: "staff costs" does not begin "Staff costing", though "cost" does.
        begun = "".join(folded[:-1]) + typed[-1]
        at = bisect_left(self._sorted_compact, (begun, -1))
        while at < len(self._sorted_compact) and self._sorted_compact[at][0].startswith(begun):
            keep(self._sorted_compact[at][1], (-_NAME, 0, 0))  # "case load" begins "Caseload size"
            at += 1
        matches = [
            self._word_matches(word, fold, last=i == len(typed) - 1)
            for i, (word, fold) in enumerate(zip(typed, folded, strict=True))
        ]
        first = set().union(*(self._by_word[w] for w in matches[0]))
        for index in first:
            run = _run(self._words[index], matches)
            if run is not None:
                slips, start = run
                keep(index, (-_NAME, slips, 0 if start == 0 else 1))
        if len(typed) == 1:
            for word, indices in self._by_path_word.items():
                if word.startswith(typed[0]):
                    for index in indices:
                        keep(index, (-_PATH, 0, 1))
        return found

    def _word_matches(self, word: str, folded: str, *, last: bool) -> dict[str, int]:
        """Vocabulary words this typed word names, with the slips it took; the last word may be a prefix."""
        matched = {candidate: 0 for candidate in self._by_fold.get(folded, ())}
        if last:
            matched |= {candidate: 0 for candidate in self._vocabulary if candidate.startswith(word)}
        if len(word) >= 7:
            for _, slips, i in process.extract(
                folded, self._folded_vocabulary, scorer=OSA.distance, score_cutoff=MAX_SLIPS, limit=None
            ):
                if slips <= slips_allowed(self._vocabulary[i]):
                    matched.setdefault(self._vocabulary[i], int(slips))
        return matched

    def _loose(self, query: str, strong: set[int], limit: int) -> tuple[Ranked, ...]:
        if limit == 0:
            return ()
        hits = process.extract(
            utils.default_process(query),
            self._names,
            scorer=fuzz.token_set_ratio,
            limit=limit + len(strong),
            score_cutoff=LOOSE_CUTOFF,
        )
        return tuple(Ranked(self.candidates[i], score) for _, score, i in hits if i not in strong)[:limit]


def _run(name: Sequence[str], matches: Sequence[dict[str, int]]) -> tuple[int, int] | None:
    """The fewest slips with which the typed words name consecutive words of `name`, and where that run starts."""
    best: tuple[int, int] | None = None
    for start in range(len(name) - len(matches) + 1):
        slips = 0
        for offset, wanted in enumerate(matches):
            found = wanted.get(name[start + offset])
            if found is None:
                break
            slips += found
        else:
            if slips <= MAX_SLIPS and (best is None or slips < best[0]):
                best = (slips, start)
    return best


def name_similarity(first: str, second: str) -> float:
    """How alike two code names are (see the module's docstring); `similar_names` computes the same for many at once."""
    a, b = normalised(first), normalised(second)
    if numbers(a) != numbers(b):
        return 0.0
    return max(fuzz.token_sort_ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")))


def near_duplicates(name: str, existing: Sequence[Candidate], threshold: float = NEAR_DUPLICATE) -> list[Ranked]:
    """Existing codes whose names are very close to `name` ('staff turnover' vs 'Staff turn-over'), closest first
    (at most five)."""
    wanted = normalised(name)
    if not wanted:
        return []
    folded = [normalised(c.name) for c in existing]
    # `name_similarity`, in two passes over all names at rapidfuzz's speed rather than one pair at a time.
    scores: dict[int, float] = {}
    for query, choices, scorer in (
        (wanted, folded, fuzz.token_sort_ratio),
        (wanted.replace(" ", ""), [f.replace(" ", "") for f in folded], fuzz.ratio),
    ):
        for _, score, i in process.extract(query, choices, scorer=scorer, limit=None, score_cutoff=threshold):
            scores[i] = max(scores.get(i, 0.0), score)
    mine = numbers(wanted)
    kept = sorted(
        ((i, s) for i, s in scores.items() if numbers(folded[i]) == mine), key=lambda item: (-item[1], item[0])
    )
    return [Ranked(existing[i], s) for i, s in kept[:5]]


def numbers(folded: str) -> tuple[str, ...]:
    """The numbers in a folded name, without leading zeros ("wave 01" is "Wave 1")."""
    return tuple(w.lstrip("0") for w in folded.split() if w.isdigit())


def filter_query(typed: str) -> str:
    """What was typed into the tree's filter, folded once for `filter_matches`."""
    return utils.default_process(typed)


def filter_matches(query: str, name: str) -> bool:
    """Whether the tree's filter keeps a code: `query` (from `filter_query`) is in its name, or nearly is
    somewhere in it."""
    processed = utils.default_process(name)
    return query in processed or fuzz.partial_ratio(query, processed) >= FILTER_MATCH
