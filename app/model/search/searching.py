"""Search every document: the full-text index finds the paragraphs that can match, then each hit is placed exactly.

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
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz, process
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.model.analysis.matrices import CaseAttribution, case_values
from app.model.analysis.scope import Scope, in_scope, scope_documents
from app.model.core.entities import Code, Coding, Document, Paragraph, Speaker, Turn
from app.model.core.search_language import Both, Either, Node, Term, Without, parse, terms
from app.model.project import Project
from app.model.storage.backend import full_text
from app.model.storage.unit_of_work import Store

DEFAULT_THRESHOLD = 80  # how alike (0-100) a word must be to a searched word to count as a near spelling
_CONTEXT = 70  # characters of context either side of a hit, cut back to whole words
_SHORTEST_FUZZY = 4  # shorter words have too many neighbours to be searched fuzzily


@dataclass(frozen=True)
class SearchFilter:
    """Where to search; None or empty means everywhere. Of the scope, search reads the documents, sets, cases and
    attribute conditions (not coders or dates, which belong to codings)."""

    scope: Scope = field(default_factory=Scope)
    speakers: frozenset[str] | None = None  # speaker labels as they appear in transcripts
    coded_with: tuple[int, ...] = ()  # only text already coded with these codes (or their sub-codes)


class Speakers:
    """Who speaks where, read per document from the project when first asked: a list shows a few dozen hits at a
    time, so a search of tens of thousands need not read every document's turns."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._turns: dict[int, tuple[list[int], list[int], list[str | None]]] = {}

    def at(self, document_id: int, position: int) -> str | None:
        if document_id not in self._turns:
            with self._store.read() as s:
                rows = s.connection().execute(_TURNS, {"document": document_id}).all()
            self._turns[document_id] = ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
        starts, ends, labels = self._turns[document_id]
        at = bisect_right(starts, position) - 1
        return labels[at] if at >= 0 and position < ends[at] else None


@dataclass(frozen=True, slots=True)
class Hit:
    """A place the query matched. Its words, context and speaker are found only when asked for: a search may find
    tens of thousands, and a list shows a few dozen at a time."""

    document_id: int
    start: int
    end: int
    paragraph: int  # 1-based
    score: float  # 100 for the word as typed, less for a near spelling
    body: str = field(repr=False, compare=False)  # the document's text (shared, not copied)
    bounds: tuple[int, int] = field(repr=False, compare=False)  # the paragraph's [start, end)
    speakers: Speakers = field(repr=False, compare=False)

    @property
    def speaker(self) -> str | None:
        return self.speakers.at(self.document_id, self.start)

    @property
    def text(self) -> str:
        return self.body[self.start : self.end]

    @property
    def before(self) -> str:
        """A few words before the hit within its paragraph; … where they are cut."""
        first = self.bounds[0]
        shown = self.body[max(first, self.start - _CONTEXT) : self.start]
        if self.start - _CONTEXT > first and " " in shown:
            shown = "…" + shown[shown.index(" ") + 1 :]
        return shown

    @property
    def after(self) -> str:
        last = self.bounds[1]
        shown = self.body[self.end : min(last, self.end + _CONTEXT)]
        if self.end + _CONTEXT < last and " " in shown:
            shown = shown[: shown.rindex(" ")] + "…"
        return shown


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
    coders = project.shown_coders(where.scope.coder_ids or None)
    if coders is not None and coders != where.scope.coder_ids:  # coding blind, "coded with" means by oneself
        where = replace(where, scope=replace(where.scope, coder_ids=coders))
    with project.store.read() as s:
        variants = _variants(s, tree, threshold) if fuzzy else {}
        patterns = {t: _pattern(t) for t in _all_terms(tree, variants)}
        scores = {v: _likeness(t, v) for t, found in variants.items() for v in found}
        candidates = _candidates(s, tree, variants, scope_documents(s, where.scope))
        scope = _Scope(s, project.store, where, candidates)
        hits: list[Hit] = []
        complete = True
        documents = sorted(candidates, key=scope.order.__getitem__)
        for index, document_id in enumerate(documents):
            body = scope.text(document_id)
            paragraphs = _paragraphs(s, document_id, candidates[document_id])
            if _is_word(tree, variants):
                assert isinstance(tree, Term)
                placed = _word_hits(tree, body, paragraphs, patterns, variants, scores)
            else:
                plain = _plain(body)
                placed = [
                    (hit_start, hit_end, score, at)
                    for at, (start, end, _) in enumerate(paragraphs)
                    for hit_start, hit_end, score in _judge(tree, plain, start, end, patterns, variants, scores)
                ]
            for hit_start, hit_end, score, at in placed:
                if scope.everywhere or scope.admits(document_id, hit_start, hit_end):
                    start, end, ordinal = paragraphs[at]
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
    s: Session, tree: Node, variants: dict[Term, list[Term]], documents: frozenset[int] | None
) -> dict[int, set[int]]:
    """Per document in `documents` (None: all), the ordinals of the paragraphs that may hold a hit (every
    paragraph, for unspaced scripts)."""
    found: dict[int, set[int]] = defaultdict(set)
    rows: Iterable[tuple[int, int]]
    if any(_unspaced(w) for t in terms(tree) for w in t.words):
        rows = s.execute(select(Paragraph.document_id, Paragraph.ordinal)).all()
    else:
        rows = full_text(s).matching(s, tree, variants)
    for document_id, ordinal in rows:
        if documents is None or document_id in documents:
            found[document_id].add(ordinal)
    return found


# Read once per document of a search, so built once: Core statements with a bound document id.
_PARAGRAPHS = (
    select(Paragraph.start, Paragraph.end, Paragraph.ordinal)
    .where(Paragraph.document_id == bindparam("document"))
    .order_by(Paragraph.ordinal)
)
_TEXT = select(Document.text).where(Document.id == bindparam("document"))
_TURNS = (
    select(Turn.start, Turn.end, Speaker.label)
    .outerjoin(Speaker, Turn.speaker_id == Speaker.id)
    .where(Turn.document_id == bindparam("document"))
    .order_by(Turn.start)
)


def _paragraphs(s: Session, document_id: int, ordinals: set[int]) -> list[tuple[int, int, int]]:
    """(start, end, ordinal) of the document's candidate paragraphs, in order."""
    rows = s.connection().execute(_PARAGRAPHS, {"document": document_id}).all()
    return [(start, end, ordinal) for start, end, ordinal in rows if ordinal in ordinals]


def _unspaced(word: str) -> bool:
    """Whether the word is in a script written without spaces, which the index cannot split into words."""
    return any(unicodedata.east_asian_width(c) in "WF" or "\u0e00" <= c <= "\u0eff" for c in word)


# --- fuzzy spellings -------------------------------------------------------------------------------------------


def _variants(s: Session, tree: Node, threshold: int) -> dict[Term, list[Term]]:
    """For each term, the spellings in the project's vocabulary close enough to count (never the term itself)."""
    vocabulary = full_text(s).vocabulary(s)
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
    plain: str,
    start: int,
    end: int,
    patterns: dict[Term, re.Pattern[str]],
    variants: dict[Term, list[Term]],
    scores: dict[Term, float],
) -> list[tuple[int, int, float]]:
    """The hits in one paragraph of `plain` (the text without accents), if it satisfies the whole query."""
    matches: dict[Term, list[tuple[int, int, float]]] = {}

    def found(term: Term) -> list[tuple[int, int, float]]:
        if term not in matches:
            spans = [(m.start(), m.end(), 100.0) for m in patterns[term].finditer(plain, start, end)]
            for variant in variants.get(term, []):
                spans += [(m.start(), m.end(), scores[variant]) for m in patterns[variant].finditer(plain, start, end)]
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
    return _one_each(h for t in terms(tree) for h in found(t))


def _is_word(tree: Node, variants: dict[Term, list[Term]]) -> bool:
    """Whether the query is one word (or prefix), with one-word variants: the case the fast path serves."""
    if not isinstance(tree, Term) or len(tree.words) != 1 or _unspaced(tree.words[0]):
        return False
    return all(len(v.words) == 1 for v in variants.get(tree, []))


def _word_hits(
    term: Term,
    body: str,
    paragraphs: list[tuple[int, int, int]],
    patterns: dict[Term, re.Pattern[str]],
    variants: dict[Term, list[Term]],
    scores: dict[Term, float],
) -> list[tuple[int, int, float, int]]:
    """One word's hits in a whole document, each with its paragraph's index.

    The word is found as written in lower case, Capitalised and UPPER CASE by a plain literal scan, many times
    faster than a case-blind pattern; a paragraph the index matched where that finds nothing (mIxEd case, or
    accents) is then read with the full pattern, so no hit is missed.
    """
    spans: list[tuple[int, int, float]] = []
    for written, score in [(term, 100.0), *((v, scores[v]) for v in variants.get(term, []))]:
        word = written.words[0]
        for form in {word, word.capitalize(), word.upper()}:
            for match in _literal(form, written.prefix).finditer(body):
                before = body[match.start() - 1] if match.start() else " "
                if not (before.isalnum() or before == "_"):
                    spans.append((match.start(), match.end(), score))
    starts = [p[0] for p in paragraphs]
    placed = []
    for start, end, score in _one_each(spans):
        at = bisect_right(starts, start) - 1
        if at >= 0 and end <= paragraphs[at][1]:
            placed.append((start, end, score, at))
    found = {at for *_, at in placed}
    missed = [at for at in range(len(paragraphs)) if at not in found]
    if missed:
        plain = _plain(body)
        for at in missed:
            start, end, _ = paragraphs[at]
            placed += [(s, e, score, at) for s, e, score in _judge(term, plain, start, end, patterns, variants, scores)]
        placed.sort()
    return placed


@lru_cache(maxsize=256)
def _literal(form: str, prefix: bool) -> re.Pattern[str]:
    return re.compile(re.escape(form) + (r"\w*" if prefix else r"(?!\w)"))


def _one_each(spans: Iterable[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Hits in text order; overlapping ones (a word and its variant) count once, the likelier kept."""
    kept: list[tuple[int, int, float]] = []
    for span in sorted(spans, key=lambda h: (h[0], -h[2], -h[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _bases() -> dict[str, str]:
    """Accented letters (Latin, Greek, Cyrillic) and the letter under the accent: é -> e, ö -> o, й -> и."""
    found = {}
    for code in range(0x00C0, 0x2000):
        decomposed = unicodedata.normalize("NFD", chr(code))
        if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
            found[chr(code)] = decomposed[0]
    return found


_BASE = _bases()
_ACCENTED = re.compile("[" + "".join(sorted(_BASE)) + "]")


def _plain(piece: str) -> str:
    """The text with accents taken off letters, one character for one, so positions stay as they are."""
    if piece.isascii():
        return piece
    return _ACCENTED.sub(lambda m: _BASE[m.group()], piece)


# --- filters and context ---------------------------------------------------------------------------------------


class _Scope:
    """What the hits need from the project: texts read document by document as the search reaches them (a first
    page reads only a few), speakers when a hit is shown, cases and codings once."""

    def __init__(self, s: Session, store: Store, where: SearchFilter, candidates: dict[int, set[int]]) -> None:
        self.where = where
        self.speakers = Speakers(store)
        self.everywhere = not where.scope.by_cases and where.speakers is None and not where.coded_with
        self._s = s
        ids = list(candidates)
        names = dict(s.execute(select(Document.id, Document.name)).all())
        self.order = {d: i for i, d in enumerate(sorted(names, key=lambda d: (names[d].casefold(), d)))}
        self._attribution = CaseAttribution(s) if where.scope.by_cases else None
        self._cases = where.scope
        self._values = case_values(s) if where.scope.attribute_values or where.scope.attribute_ranges else {}
        self._coded: dict[int, list[tuple[int, int]]] = defaultdict(list)
        if where.coded_with:
            codes = _subtrees(s, where.coded_with)
            coded = select(Coding.document_id, Coding.start, Coding.end).where(
                Coding.code_id.in_(codes), Coding.document_id.in_(ids)
            )
            if where.scope.coder_ids:
                coded = coded.where(Coding.coder_id.in_(where.scope.coder_ids))
            for document_id, start, end in s.execute(coded):
                self._coded[document_id].append((start, end))

    def text(self, document_id: int) -> str:
        return str(self._s.connection().execute(_TEXT, {"document": document_id}).scalar_one())

    def admits(self, document_id: int, start: int, end: int) -> bool:
        where = self.where
        if where.speakers is not None and self.speakers.at(document_id, start) not in where.speakers:
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
        return Hit(document_id, start, end, ordinal + 1, score, body, (p_start, p_end), self.speakers)


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
