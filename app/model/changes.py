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
    """Topics touched, and where known the documents and codes involved (a coding change names both)."""

    action: str
    topics: frozenset[Topic]
    document_ids: frozenset[int] = frozenset()
    code_ids: frozenset[int] = frozenset()


@dataclass
class ChangeCollector:
    topics: set[Topic] = field(default_factory=set)
    document_ids: set[int] = field(default_factory=set)
    code_ids: set[int] = field(default_factory=set)

    def touch(self, *topics: Topic, documents: Iterable[int] = (), codes: Iterable[int] = ()) -> None:
        self.topics.update(topics)
        self.document_ids.update(documents)
        self.code_ids.update(codes)

    def freeze(self, action: str) -> Changes:
        return Changes(action, frozenset(self.topics), frozenset(self.document_ids), frozenset(self.code_ids))
