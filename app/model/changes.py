"""What a committed service call changed, so views refresh only what they show."""

from __future__ import annotations

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
    re-read just those; when it is empty a coding change may have touched any coding of its documents.
    """

    action: str
    topics: frozenset[Topic]
    document_ids: frozenset[int] = frozenset()
    code_ids: frozenset[int] = frozenset()
    coding_ids: frozenset[int] = frozenset()


@dataclass
class ChangeCollector:
    topics: set[Topic] = field(default_factory=set)
    document_ids: set[int] = field(default_factory=set)
    code_ids: set[int] = field(default_factory=set)
    coding_ids: set[int] = field(default_factory=set)
    all_codings_named: bool = True  # stays true while every coding change named its codings

    def touch(
        self,
        *topics: Topic,
        documents: Iterable[int] = (),
        codes: Iterable[int] = (),
        codings: Iterable[int] | None = None,
    ) -> None:
        self.topics.update(topics)
        self.document_ids.update(documents)
        self.code_ids.update(codes)
        if codings is None:
            self.all_codings_named = self.all_codings_named and Topic.CODINGS not in topics
        else:
            self.coding_ids.update(codings)

    def freeze(self, action: str) -> Changes:
        named = frozenset(self.coding_ids) if self.all_codings_named else frozenset()
        return Changes(action, frozenset(self.topics), frozenset(self.document_ids), frozenset(self.code_ids), named)
