"""Search every document: the FTS5 index finds the paragraphs that can match, then each hit is placed exactly.

The index narrows the work to candidate paragraphs; the query tree, evaluated per paragraph, is the judge, so
phrases, prefixes, fuzzy spellings and the boolean operators mean the same thing in the index and in the text.
Scripts written without spaces (Chinese, Japanese, Thai) are searched in the text directly, since the index keeps
whole runs of them as one word. Positions are code points, half-open, like every position in Axial.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from .analysis import CaseAttribution, Scope, case_values, in_scope
from .entities import Code, Coding, Document, Paragraph, Speaker, Turn
from .project import Project
from .search_index import KEY_SHIFT
from .search_query import Both, Either, Node, Term, Without, parse, terms, to_fts

DEFAULT_THRESHOLD = 80  # how alike (0-100) a word must be to a searched word to count as a near spelling
_CONTEXT = 70  # characters of context either side of a hit, cut back to whole words
_SHORTEST_FUZZY = 4  # shorter words have too many neighbours to be searched fuzzily


@dataclass(frozen=True)
class SearchFilter:
    """Where to search; None or empty means everywhere."""

    document_ids: frozenset[int] | None = None
    case_ids: frozenset[int] | None = None
    attribute_values: tuple[tuple[int, frozenset[str]], ...] = ()
    speakers: frozenset[str] | None = None  # speaker labels as they appear in transcripts
    coded_with: tuple[int, ...] = ()  # only text already coded with these codes (or their sub-codes)


@dataclass(frozen=True, slots=True)
class Hit:
    document_id: int
    start: int
    end: int
    text: str
    before: str
    after: str
    speaker: str | None
    paragraph: int  # 1-based
    score: float  # 100 for the word as typed, less for a near spelling


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit]
    variants: dict[str, list[str]] = field(default_factory=dict)  # fuzzy: each term with the spellings found
    complete: bool = True  # False when `limit` stopped the search early

    @property
    def documents(self) -> int:
        return len({h.document_id for h in self.hits})


def search(
    project: Project,
    query: str,
    where: SearchFilter | None = None,
    *,
    fuzzy: bool = False,
    threshold: int = DEFAULT_THRESHOLD,
    limit: int | None = None,
) -> SearchResult:
    """Every hit of the query, exact hits first, then near spellings by likeness; each group in document order.

    With `limit` (and no fuzzy matching) the search stops once that many hits are found, for a fast first page.
    """
    tree = parse(query)
    where = where or SearchFilter()
    with project.store.read() as s:
        variants = _variants(s, tree, threshold) if fuzzy else {}
        patterns = {t: _pattern(t) for t in _all_terms(tree, variants)}
        scores = {v: _likeness(t, v) for t, found in variants.items() for v in found}
        candidates = _candidates(s, tree, variants, where)
        scope = _Scope(s, where, candidates)
        hits: list[Hit] = []
        complete = True
        documents = sorted(candidates, key=scope.order.__getitem__)
        for index, document_id in enumerate(documents):
            body = scope.text(document_id)
            for start, end, ordinal in sorted(candidates[document_id]):
                found = _judge(tree, body, start, end, patterns, variants, scores)
                for hit_start, hit_end, score in found:
                    if scope.admits(document_id, hit_start, hit_end):
                        hits.append(scope.hit(document_id, body, hit_start, hit_end, start, end, ordinal, score))
            if limit is not None and not fuzzy and len(hits) >= limit:
                complete = len(hits) == limit and index == len(documents) - 1
                hits = hits[:limit]
                break
    if fuzzy:
        hits.sort(key=lambda h: (-h.score, scope.order[h.document_id], h.start))
        if limit is not None and len(hits) > limit:
            hits, complete = hits[:limit], False
    shown = {" ".join(t.words): sorted({" ".join(v.words) for v in found}) for t, found in variants.items() if found}
    return SearchResult(hits, shown, complete)


# --- candidates ------------------------------------------------------------------------------------------------


def _candidates(
    s: Session, tree: Node, variants: dict[Term, list[Term]], where: SearchFilter
) -> dict[int, list[tuple[int, int, int]]]:
    """Per document, the (start, end, ordinal) of each paragraph that may hold a hit."""
    rows: list[tuple[int, int, int, int]] = []  # document, start, end, ordinal
    if any(_unspaced(w) for t in terms(tree) for w in t.words):
        query = select(Paragraph.document_id, Paragraph.start, Paragraph.end, Paragraph.ordinal)
        if where.document_ids is not None:
            query = query.where(Paragraph.document_id.in_(where.document_ids))
        rows = [(d, start, end, o) for d, start, end, o in s.execute(query.order_by(Paragraph.document_id))]
    else:
        keys = s.execute(
            text("SELECT rowid FROM search_index WHERE search_index MATCH :q ORDER BY rowid"),
            {"q": to_fts(tree, variants)},
        ).scalars()
        wanted: dict[int, list[int]] = defaultdict(list)
        for key in keys:
            document_id = key >> KEY_SHIFT
            if where.document_ids is None or document_id in where.document_ids:
                wanted[document_id].append(key & ((1 << KEY_SHIFT) - 1))
        for document_id, ordinals in wanted.items():
            rows += [
                (document_id, start, end, ordinal)
                for ordinal, start, end in s.execute(
                    select(Paragraph.ordinal, Paragraph.start, Paragraph.end).where(
                        Paragraph.document_id == document_id, Paragraph.ordinal.in_(ordinals)
                    )
                )
            ]
    found: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for document_id, start, end, ordinal in rows:
        found[document_id].append((start, end, ordinal))
    return found


def _unspaced(word: str) -> bool:
    """Whether the word is in a script written without spaces, which the index cannot split into words."""
    return any(unicodedata.east_asian_width(c) in "WF" or "\u0e00" <= c <= "\u0eff" for c in word)


# --- fuzzy spellings -------------------------------------------------------------------------------------------


def _variants(s: Session, tree: Node, threshold: int) -> dict[Term, list[Term]]:
    """For each term, the spellings in the project's vocabulary close enough to count (never the term itself)."""
    vocabulary = list(s.execute(text("SELECT term FROM search_vocabulary")).scalars())
    known = set(vocabulary)
    found: dict[Term, list[Term]] = {}
    for term in terms(tree):
        if term.prefix:
            continue
        written = "".join(term.words)
        alternatives: list[Term] = []
        if len(written) >= _SHORTEST_FUZZY:
            for word, _, _ in process.extract(
                written, vocabulary, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
            ):
                if (word,) != term.words:
                    alternatives.append(Term((word,)))
            # "caseload" is also written "case load" and "case-load": two known words that make it up.
            for cut in range(2, len(written) - 1):
                if written[:cut] in known and written[cut:] in known and (written[:cut], written[cut:]) != term.words:
                    alternatives.append(Term((written[:cut], written[cut:]), joined=True))
        found[term] = alternatives
    return found


def _likeness(term: Term, variant: Term) -> float:
    return round(fuzz.ratio("".join(term.words), "".join(variant.words)), 1)


def _all_terms(tree: Node, variants: dict[Term, list[Term]]) -> set[Term]:
    every = set(_every_term(tree))
    return every | {v for found in variants.values() for v in found}


def _every_term(node: Node) -> Iterable[Term]:
    if isinstance(node, Term):
        yield node
    else:
        yield from _every_term(node.left)
        yield from _every_term(node.right)


# --- placing hits ----------------------------------------------------------------------------------------------


def _pattern(term: Term) -> re.Pattern[str]:
    parts = [re.escape(w) for w in term.words]
    body = (r"\W*" if term.joined else r"\W+").join(parts) + (r"\w*" if term.prefix else "")
    unspaced = any(_unspaced(w) for w in term.words)
    return re.compile(body if unspaced else rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _judge(
    tree: Node,
    body: str,
    start: int,
    end: int,
    patterns: dict[Term, re.Pattern[str]],
    variants: dict[Term, list[Term]],
    scores: dict[Term, float],
) -> list[tuple[int, int, float]]:
    """The hits in one paragraph, if the paragraph satisfies the whole query; else none."""
    plain = _plain(body[start:end])
    matches: dict[Term, list[tuple[int, int, float]]] = {}

    def found(term: Term) -> list[tuple[int, int, float]]:
        if term not in matches:
            spans = [(m.start() + start, m.end() + start, 100.0) for m in patterns[term].finditer(plain)]
            for variant in variants.get(term, []):
                spans += [
                    (m.start() + start, m.end() + start, scores[variant]) for m in patterns[variant].finditer(plain)
                ]
            matches[term] = spans
        return matches[term]

    def holds(node: Node) -> bool:
        if isinstance(node, Term):
            return bool(found(node))
        if isinstance(node, Both):
            return holds(node.left) and holds(node.right)
        if isinstance(node, Either):
            return holds(node.left) or holds(node.right)
        assert isinstance(node, Without)
        return holds(node.left) and not holds(node.right)

    if not holds(tree):
        return []
    spans = sorted((h for t in terms(tree) for h in found(t)), key=lambda h: (h[0], -h[2], -h[1]))
    kept: list[tuple[int, int, float]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:  # overlapping hits (a word and its variant) count once
            kept.append(span)
    return kept


_BASE: dict[int, str] = {}


def _plain(piece: str) -> str:
    """The text with accents taken off letters, one character for one, so positions stay as they are."""
    if piece.isascii():
        return piece
    for character in set(piece):
        if ord(character) not in _BASE:
            decomposed = unicodedata.normalize("NFD", character)
            plain = decomposed[0] if all(unicodedata.combining(c) for c in decomposed[1:]) else character
            _BASE[ord(character)] = plain
    return piece.translate(_BASE)


# --- filters and context ---------------------------------------------------------------------------------------


class _Scope:
    """What the hits need from the project, read once per search: texts, speakers, cases, codings."""

    def __init__(self, s: Session, where: SearchFilter, candidates: dict[int, list[tuple[int, int, int]]]) -> None:
        self.where = where
        ids = list(candidates)
        names = dict(s.execute(select(Document.id, Document.name)).all())
        self.order = {d: i for i, d in enumerate(sorted(names, key=lambda d: (names[d].casefold(), d)))}
        self._texts = dict(s.execute(select(Document.id, Document.text).where(Document.id.in_(ids))).all())
        self._turns: dict[int, tuple[list[int], list[int], list[str | None]]] = defaultdict(lambda: ([], [], []))
        for document_id, start, end, label in s.execute(
            select(Turn.document_id, Turn.start, Turn.end, Speaker.label)
            .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
            .where(Turn.document_id.in_(ids))
            .order_by(Turn.document_id, Turn.start)
        ):
            starts, ends, labels = self._turns[document_id]
            starts.append(start)
            ends.append(end)
            labels.append(label)
        by_cases = where.case_ids is not None or bool(where.attribute_values)
        self._attribution = CaseAttribution(s) if by_cases else None
        self._cases = Scope(case_ids=where.case_ids, attribute_values=where.attribute_values)
        self._values = case_values(s) if where.attribute_values else {}
        self._coded: dict[int, list[tuple[int, int]]] = defaultdict(list)
        if where.coded_with:
            codes = _subtrees(s, where.coded_with)
            for document_id, start, end in s.execute(
                select(Coding.document_id, Coding.start, Coding.end).where(
                    Coding.code_id.in_(codes), Coding.document_id.in_(ids)
                )
            ):
                self._coded[document_id].append((start, end))

    def text(self, document_id: int) -> str:
        return str(self._texts[document_id])

    def speaker_at(self, document_id: int, position: int) -> str | None:
        starts, ends, labels = self._turns.get(document_id, ([], [], []))
        at = bisect_right(starts, position) - 1
        return labels[at] if at >= 0 and position < ends[at] else None

    def admits(self, document_id: int, start: int, end: int) -> bool:
        where = self.where
        if where.speakers is not None and self.speaker_at(document_id, start) not in where.speakers:
            return False
        if self._attribution is not None:
            cases = self._attribution.cases_at(document_id, start)
            if not in_scope(cases, self._cases, self._values):
                return False
        coded = self._coded.get(document_id, ())
        return not where.coded_with or any(s < end and start < e for s, e in coded)

    def hit(
        self, document_id: int, body: str, start: int, end: int, p_start: int, p_end: int, ordinal: int, score: float
    ) -> Hit:
        before = body[max(p_start, start - _CONTEXT) : start]
        after = body[end : min(p_end, end + _CONTEXT)]
        if start - _CONTEXT > p_start and " " in before:
            before = "…" + before[before.index(" ") + 1 :]
        if end + _CONTEXT < p_end and " " in after:
            after = after[: after.rindex(" ")] + "…"
        return Hit(
            document_id,
            start,
            end,
            body[start:end],
            before,
            after,
            self.speaker_at(document_id, start),
            ordinal + 1,
            score,
        )


def _subtrees(s: Session, code_ids: Iterable[int]) -> set[int]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for code_id, parent_id in s.execute(select(Code.id, Code.parent_id)):
        children[parent_id].append(code_id)
    found: set[int] = set()
    stack = list(code_ids)
    while stack:
        current = stack.pop()
        found.add(current)
        stack.extend(children.get(current, []))
    return found
