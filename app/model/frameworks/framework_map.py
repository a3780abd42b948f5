"""Codes on the framework: inherited mappings, counts per construct, unmapped codes, suggested constructs.

A code mapped to a construct brings its sub-codes along (shown as inherited). A construct counts the codes mapped to
it and to its subconstructs: their codings, the documents they are in and the cases who said them.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from app.model.analysis.matrices import Analysis, Coded, Scope
from app.model.core.dto import CodeNode, FrameworkNodeInfo
from app.model.project import Project
from app.resources import resource

SUGGESTIONS = 3
WORD_MATCH = 85  # how alike two words must be to count as the same word (plurals, -ing, typos)
_RARE = math.log(80)  # the weight of a code's word that no construct uses
_STOPWORDS = frozenset(
    "the and for with from that this have has had not are was were been their they them our its into onto about "
    "over under what when who how why all any some more most less very too can could would should will just than "
    "then also only own same such both each other out off one two new old get got use used using lack seen".split()
)
_WORD = re.compile(r"[a-z][a-z'-]+")


@dataclass(frozen=True)
class Mapped:
    node_id: int
    inherited_from: int | None  # the category whose mapping this code inherits; None when mapped itself


@dataclass(frozen=True)
class NodeCounts:
    codes: int
    codings: int
    documents: int
    cases: int


@dataclass(frozen=True)
class Suggestion:
    node_id: int
    score: float


class FrameworkMap:
    def __init__(self, project: Project, framework_id: int) -> None:
        self.project = project
        self.framework_id = framework_id
        self.nodes = {node.id: node for node in project.frameworks.nodes(framework_id)}
        self.tree = project.codes.tree()
        self._by_code = {node.code.id: node for node in self.tree}
        direct: dict[int, list[int]] = defaultdict(list)
        for code_id, node_id in project.frameworks.mappings():
            if node_id in self.nodes:
                direct[code_id].append(node_id)
        self.direct = dict(direct)

    # --- mappings ------------------------------------------------------------------------------------------

    def mappings(self, code_id: int) -> list[Mapped]:
        """The code's own mappings, then those it inherits from the categories above it."""
        found = [Mapped(node_id, None) for node_id in self.direct.get(code_id, [])]
        parent = self._by_code[code_id].code.parent_id if code_id in self._by_code else None
        while parent is not None:
            found += [
                Mapped(node_id, parent)
                for node_id in self.direct.get(parent, [])
                if all(m.node_id != node_id for m in found)
            ]
            parent = self._by_code[parent].code.parent_id
        return found

    def codes_at(self, node_id: int, *, with_subconstructs: bool = True) -> set[int]:
        """Every code mapped to the construct (and its subconstructs), with the sub-codes they bring along."""
        wanted = {node_id} | (self._node_descendants(node_id) if with_subconstructs else set())
        codes: set[int] = set()
        for code_id, nodes in self.direct.items():
            if wanted & set(nodes):
                codes |= self._code_subtree(code_id)
        return codes

    def unmapped(self) -> list[CodeNode]:
        """Codes that can be applied to text and reach no construct, directly or through a category."""
        return [node for node in self.tree if node.code.is_codable and not self.mappings(node.code.id)]

    # --- counts and excerpts -------------------------------------------------------------------------------

    def counts(self, scope: Scope | None = None) -> dict[int, NodeCounts]:
        analysis = Analysis(self.project, scope)
        by_code: dict[int, list[Coded]] = defaultdict(list)
        for coding in analysis.codings:
            by_code[coding.code_id].append(coding)
        # Each code's footprint once; a construct unites the footprints of its codes.
        footprint = {
            code_id: (len(codings), {c.document_id for c in codings}, {x for c in codings for x in c.case_ids})
            for code_id, codings in by_code.items()
        }
        empty: tuple[int, set[int], set[int]] = (0, set(), set())
        counts = {}
        for node_id in self.nodes:
            codes = self.codes_at(node_id)
            prints = [footprint.get(code_id, empty) for code_id in codes]
            counts[node_id] = NodeCounts(
                codes=len(codes),
                codings=sum(p[0] for p in prints),
                documents=len(set().union(*(p[1] for p in prints))),
                cases=len(set().union(*(p[2] for p in prints))),
            )
        return counts

    def excerpts(self, node_id: int, scope: Scope | None = None) -> list[Coded]:
        codes = self.codes_at(node_id)
        return [c for c in Analysis(self.project, scope).codings if c.code_id in codes]

    # --- suggestions ---------------------------------------------------------------------------------------

    def suggest(self, code_ids: Sequence[int], limit: int = SUGGESTIONS) -> dict[int, list[Suggestion]]:
        """The likeliest constructs for each code, by the words of its name and definition.

        Each meaningful word of the code is matched (fuzzily, so "trainers" finds "trainer") against the words of
        each construct's name, gist and everyday cue words; a match counts by how distinctive that word is among
        the constructs, so "fidelity" weighs more than "staff". Scores are 0-100.
        """
        candidates = [n for n in self.nodes.values() if n.level != "domain" and not n.hidden]
        cues = _cues(self.project.frameworks.key_of(self.framework_id))
        vocabularies = [
            _words(f"{_node_name(n)} {n.name} {n.gist} {n.definition} {' '.join(cues.get(n.official_id or '', []))}")
            for n in candidates
        ]
        weight = _distinctiveness(vocabularies)
        vocabulary = sorted(weight)
        queries = [self._by_code[c] for c in code_ids if c in self._by_code]
        query_words = [_words(f"{q.code.name} {q.code.definition}") for q in queries]
        unique = sorted({w for words in query_words for w in words})
        if not unique or not vocabulary:
            return {q.code.id: [] for q in queries}
        similar = process.cdist(unique, vocabulary, scorer=fuzz.ratio, score_cutoff=WORD_MATCH, workers=-1)
        matches = {word: [vocabulary[j] for j in similar[i].nonzero()[0]] for i, word in enumerate(unique)}
        found = {}
        for query, words in zip(queries, query_words, strict=True):
            possible = sum(max((weight[v] for v in matches[w]), default=_RARE) for w in words) or 1.0
            scores = []
            for vocabulary_words in vocabularies:
                hit = sum(max((weight[v] for v in matches[w] if v in vocabulary_words), default=0.0) for w in words)
                scores.append(100.0 * hit / possible)
            # A construct sharing no word with the code is no suggestion, however few the others are.
            ranked = sorted(
                (i for i in range(len(candidates)) if scores[i] > 0), key=lambda i: (-scores[i], candidates[i].id)
            )[:limit]
            found[query.code.id] = [Suggestion(candidates[i].id, round(scores[i], 1)) for i in ranked]
        return found

    # --- tree helpers --------------------------------------------------------------------------------------

    def _node_descendants(self, node_id: int) -> set[int]:
        found: set[int] = set()
        stack = [node_id]
        while stack:
            current = stack.pop()
            children = [n.id for n in self.nodes.values() if n.parent_id == current]
            found.update(children)
            stack.extend(children)
        return found

    def _code_subtree(self, code_id: int) -> set[int]:
        found, stack = set(), [code_id]
        while stack:
            current = stack.pop()
            found.add(current)
            node = self._by_code.get(current)
            stack.extend(node.child_ids if node else ())
        return found


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip("'-") for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _STOPWORDS)


def _distinctiveness(vocabularies: list[frozenset[str]]) -> dict[str, float]:
    """How rare each word is among the constructs (inverse document frequency)."""
    counts: dict[str, int] = defaultdict(int)
    for words in vocabularies:
        for word in words:
            counts[word] += 1
    return {word: math.log((1 + len(vocabularies)) / count) for word, count in counts.items()}


@cache
def _cues(framework_key: str) -> dict[str, list[str]]:
    """Everyday words for each construct (shipped for CFIR 2.0), which make suggestions understand researchers."""
    path = resource("frameworks", f"{framework_key}-cues.json")
    if not path.exists():
        return {}
    cues: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))["cues"]
    return cues


def _node_name(node: FrameworkNodeInfo) -> str:
    return node.study_name or node.name
