"""What a committed service call changed, so views refresh only what they show."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Topic(Enum):
    PROJECT = "project"
    DOCUMENTS = "documents"
    CASES = "cases"
    ATTRIBUTES = "attributes"
    CODES = "codes"
    CODINGS = "codings"
    MEMOS = "memos"
    RELATIONS = "relations"
    FRAMEWORKS = "frameworks"
    RATINGS = "ratings"


@dataclass(frozen=True)
class Changes:
    """Topics touched, and where known the documents and codes involved (a coding change names both).

    `coding_ids` is filled only by changes that know every coding they added, removed or altered, so a view can
    re-read just those; when it is empty a coding change may have touched any coding of its documents. With it
    come how many codings each document and code gained or lost (those with no change left out), so counts
    shown can move by that much instead of being counted again.
    """

    action: str
    topics: frozenset[Topic]
    document_ids: frozenset[int] = frozenset()
    code_ids: frozenset[int] = frozenset()
    coding_ids: frozenset[int] = frozenset()
    document_deltas: tuple[tuple[int, int], ...] = ()  # (document id, codings gained or lost)
    code_deltas: tuple[tuple[int, int], ...] = ()  # (code id, own codings gained or lost)


@dataclass
class ChangeCollector:
    topics: set[Topic] = field(default_factory=set)
    document_ids: set[int] = field(default_factory=set)
    code_ids: set[int] = field(default_factory=set)
    coding_ids: set[int] = field(default_factory=set)
    all_codings_named: bool = True  # stays true while every coding change named its codings
    document_deltas: Counter[int] = field(default_factory=Counter)
    code_deltas: Counter[int] = field(default_factory=Counter)

    def touch(
        self,
        *topics: Topic,
        documents: Iterable[int] = (),
        codes: Iterable[int] = (),
        codings: Iterable[int] | None = None,
        counted: Iterable[tuple[int, int, int]] = (),
    ) -> None:
        """`codings`: every coding added, removed or altered, with `counted` saying (document id, code id, +1 or
        -1) for each coding a document and code gained or lost. Leaving `codings` out of a coding change says
        that any coding of its documents may have changed."""
        self.topics.update(topics)
        self.document_ids.update(documents)
        self.code_ids.update(codes)
        if codings is None:
            self.all_codings_named = self.all_codings_named and Topic.CODINGS not in topics
        else:
            self.coding_ids.update(codings)
        for document_id, code_id, by in counted:
            self.document_deltas[document_id] += by
            self.code_deltas[code_id] += by

    def merge(self, other: ChangeCollector) -> None:
        """Add what a nested write touched."""
        self.topics |= other.topics
        self.document_ids |= other.document_ids
        self.code_ids |= other.code_ids
        self.coding_ids |= other.coding_ids
        self.all_codings_named = self.all_codings_named and other.all_codings_named
        self.document_deltas.update(other.document_deltas)
        self.code_deltas.update(other.code_deltas)

    def freeze(self, action: str) -> Changes:
        if not self.all_codings_named:
            return Changes(action, frozenset(self.topics), frozenset(self.document_ids), frozenset(self.code_ids))
        return Changes(
            action,
            frozenset(self.topics),
            frozenset(self.document_ids),
            frozenset(self.code_ids),
            frozenset(self.coding_ids),
            tuple(sorted((k, v) for k, v in self.document_deltas.items() if v)),
            tuple(sorted((k, v) for k, v in self.code_deltas.items() if v)),
        )
