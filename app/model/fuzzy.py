"""Fuzzy matching of code names: type-ahead ranking and near-duplicate warnings (rapidfuzz)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

_WORD = re.compile(r"[\w]+")


@dataclass(frozen=True)
class Candidate:
    code_id: int
    name: str
    path: str  # "Workload / Caseload size"


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    score: float


def normalised(name: str) -> str:
    """Case, punctuation, hyphens and simple plurals folded away: 'Staff turn-over' ~ 'staff turnovers'."""
    words = [
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in _WORD.findall(name.lower())
    ]
    return " ".join(words)


class CodeRanker:
    """Ranks codes for a typed query; built once per code list so each keystroke costs one rapidfuzz pass."""

    def __init__(self, candidates: Sequence[Candidate], recent: Sequence[int] = ()) -> None:
        self.candidates = list(candidates)
        self._names = [utils.default_process(c.name) for c in self.candidates]
        self._paths = [utils.default_process(c.path) for c in self.candidates]
        self._recent = {code_id: len(recent) - i for i, code_id in enumerate(recent)}

    def rank(self, query: str, limit: int = 20) -> list[Ranked]:
        """Best matches first; with no query, the recently used codes then the rest in tree order."""
        query = utils.default_process(query)
        if not query:
            order = sorted(range(len(self.candidates)), key=lambda i: -self._recent.get(self.candidates[i].code_id, 0))
            return [Ranked(self.candidates[i], 0.0) for i in order[:limit]]
        on_names = process.extract(query, self._names, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=50)
        on_paths = process.extract(query, self._paths, scorer=fuzz.partial_ratio, limit=limit * 3, score_cutoff=70)
        scores: dict[int, float] = {}
        for _, score, index in on_names:
            scores[index] = max(scores.get(index, 0.0), score)
        for _, score, index in on_paths:
            scores[index] = max(scores.get(index, 0.0), score * 0.9)
        for index, name in enumerate(self._names):
            if name.startswith(query):
                scores[index] = max(scores.get(index, 0.0), 100.0)  # a prefix is what the user is typing
        ranked = sorted(
            scores.items(),
            key=lambda item: (-(item[1] + 3 * min(self._recent.get(self.candidates[item[0]].code_id, 0), 5)), item[0]),
        )
        return [Ranked(self.candidates[i], score) for i, score in ranked[:limit]]


def near_duplicates(name: str, existing: Sequence[Candidate], threshold: float = 88.0) -> list[Ranked]:
    """Existing codes whose names are very close to `name` ('staff turnover' vs 'Staff turn-over')."""
    wanted = normalised(name)
    if not wanted:
        return []
    folded = [normalised(c.name) for c in existing]
    hits = process.extract(wanted, folded, scorer=fuzz.token_sort_ratio, limit=5, score_cutoff=threshold)
    compact = wanted.replace(" ", "")
    exact = [i for i, f in enumerate(folded) if f.replace(" ", "") == compact]
    scores = {i: s for _, s, i in hits} | {i: 100.0 for i in exact}
    return [Ranked(existing[i], s) for i, s in sorted(scores.items(), key=lambda item: -item[1])]
