"""Near-duplicate codes, clustered: the names (and optionally definitions) that say the same thing.

Every pair of names is scored as `name_matching.name_similarity` scores one pair (here for all pairs at once).
Pairs at or above the threshold join a cluster (single linkage); pairs the researcher dismissed never do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from app.model.codes.name_matching import SIMILAR_CODES, normalised, numbers

DEFINITION_DISCOUNT = 10


@dataclass(frozen=True)
class CodeText:
    code_id: int
    name: str
    definition: str = ""


@dataclass(frozen=True)
class Cluster:
    code_ids: tuple[int, ...]  # most similar first, then by id
    score: float  # the lowest similarity that holds the cluster together


def clusters(
    codes: Sequence[CodeText],
    threshold: float = SIMILAR_CODES,
    *,
    use_definitions: bool = False,
    dismissed: set[tuple[int, int]] | None = None,
) -> list[Cluster]:
    import numpy as np  # here, not at the top: numpy costs a tenth of a second of every start, for one dialog

    dismissed = dismissed or set()
    names = [normalised(c.name) for c in codes]
    compact = [name.replace(" ", "") for name in names]  # "turn over" and "turnover" are one word to a reader
    scores = np.maximum(
        process.cdist(names, names, scorer=fuzz.token_sort_ratio, dtype=np.uint8, workers=-1),
        process.cdist(compact, compact, scorer=fuzz.ratio, dtype=np.uint8, workers=-1),
    )
    counted = {found: i for i, found in enumerate(dict.fromkeys(numbers(name) for name in names))}
    kinds = np.array([counted[numbers(name)] for name in names])
    scores = np.where(kinds[:, None] == kinds[None, :], scores, 0).astype(np.uint8)  # "Wave 1" is not "Wave 2"
    if use_definitions:
        definitions = [normalised(c.definition) for c in codes]
        defined = np.array([bool(d) for d in definitions])
        if defined.sum() > 1:
            by_definition = process.cdist(
                definitions, definitions, scorer=fuzz.token_set_ratio, dtype=np.uint8, workers=-1
            )
            # A matching definition counts a little less than a matching name.
            discounted = np.clip(by_definition.astype(np.int16) - DEFINITION_DISCOUNT, 0, 100).astype(np.uint8)
            scores = np.where(np.outer(defined, defined), np.maximum(scores, discounted), scores)
    np.fill_diagonal(scores, 0)
    parent = list(range(len(codes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    weakest: dict[int, float] = {}
    rows, columns = np.nonzero(np.triu(scores >= threshold, k=1))
    for i, j in zip(rows.tolist(), columns.tolist(), strict=True):
        pair = tuple(sorted((codes[i].code_id, codes[j].code_id)))
        if pair in dismissed:
            continue
        a, b = root(i), root(j)
        link = float(scores[i, j])
        if a != b:
            parent[b] = a
            weakest[a] = min(weakest.pop(a, 100.0), weakest.pop(b, 100.0), link)
        else:
            weakest[a] = min(weakest.get(a, 100.0), link)
    members: dict[int, list[int]] = {}
    for i in range(len(codes)):
        members.setdefault(root(i), []).append(i)
    found = [
        Cluster(tuple(codes[i].code_id for i in sorted(group, key=lambda k: codes[k].code_id)), weakest.get(r, 100.0))
        for r, group in members.items()
        if len(group) > 1
    ]
    return sorted(found, key=lambda c: (-c.score, c.code_ids))
