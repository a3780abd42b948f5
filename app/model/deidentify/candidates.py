"""The candidates a pseudonym table finds across a project's documents, each with its context for the review
list: which document, where, what was matched, and what would replace it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.model.deidentify.matcher import Matcher
from app.model.deidentify.pseudonyms import PseudonymTable, build_table

if TYPE_CHECKING:
    from app.model.project import Project

_CONTEXT = 40


@dataclass(frozen=True)
class Candidate:
    document_id: int
    document: str
    start: int  # code points into the document's text, half-open
    end: int
    text: str
    pseudonym: str
    original: str
    how: str  # "name", "part", "misspelling" or "pattern"
    before: str  # the context either side, on one line
    after: str


def table_for(project: Project, listed: Sequence[tuple[str, str]]) -> PseudonymTable:
    """The listed names, then the project's case names and the speaker labels that name someone."""
    labels = sorted({s.label for s in project.documents.speakers()})
    return build_table(listed, project.cases.names().values(), labels)


def find_candidates(project: Project, matcher: Matcher) -> list[Candidate]:
    """Every match in every document, in document then text order."""
    candidates = []
    for document in project.documents.all():
        text = project.documents.text(document.id)
        for f in matcher.find(text):
            candidates.append(
                Candidate(
                    document.id,
                    document.name,
                    f.start,
                    f.end,
                    f.text,
                    f.pseudonym,
                    f.original,
                    f.how,
                    _flat(text[max(0, f.start - _CONTEXT) : f.start]),
                    _flat(text[f.end : f.end + _CONTEXT]),
                )
            )
    return candidates


def _flat(text: str) -> str:
    return " ".join(text.split(" ")).replace("\n", " ⏎ ")
