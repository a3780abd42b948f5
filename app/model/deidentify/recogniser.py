"""A named-entity recogniser the user has installed: what de-identification asks of one (the entities it sees in
a text), and which kind of pseudonym each of its labels proposes. Axial never ships or downloads a model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Entity:
    start: int  # code points into the text, half-open
    end: int
    label: str  # the model's own label ("PERSON", "ORG", "GPE")


class Recogniser(Protocol):
    @property
    def name(self) -> str:
        """What the review list and the command line call it (the pipeline's package or folder)."""
        ...

    def entities(self, text: str) -> Sequence[Entity]: ...


# The labels of the common English and multilingual pipelines that name someone or somewhere, and the kind of
# pseudonym each proposes; any other label (dates, money, numbers) is the patterns' business.
_KINDS = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "agency",
    "GPE": "site",
    "LOC": "site",
    "FAC": "site",
}


def kind_of(label: str) -> str | None:
    """The kind of pseudonym an entity of this label gets, or None when the label names nobody."""
    return _KINDS.get(label.upper())
