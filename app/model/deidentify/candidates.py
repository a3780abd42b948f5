"""The candidates the project's pseudonym table (and, when the user has one installed, a named-entity model)
finds across the documents, each with its context for the review list: which document, where, what was matched,
and what would replace it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.model.deidentify.matcher import Matcher
from app.model.deidentify.pseudonym_service import ImportResult
from app.model.deidentify.pseudonyms import key, propose, seed_rows
from app.model.deidentify.recogniser import Recogniser, kind_of

if TYPE_CHECKING:
    from app.model.project import Project

_CONTEXT = 40
MODEL = "model"  # the `how` of a candidate the named-entity model proposed


@dataclass(frozen=True)
class Candidate:
    document_id: int
    document: str
    start: int  # code points into the document's text, half-open
    end: int
    text: str
    pseudonym: str
    original: str
    how: str  # "name", "part", "misspelling", "pattern" or MODEL
    before: str  # the context either side, on one line
    after: str
    kind: str = ""  # a model's candidate: the kind its original joins the table as


def fill_table(project: Project, listed: Sequence[tuple[str, str, str]] = ()) -> ImportResult:
    """Add the listed names (original, pseudonym, kind), then the project's case names and the speaker labels that
    name someone, to the stored table as one step; what is there already keeps its pseudonym. A case or label
    that is a pseudonym already (the project was de-identified) is not an original: seeding it would give the
    copy "[Case 3]" where the key says "[Case 1]"."""
    labels = sorted({s.label for s in project.documents.speakers()})
    table = project.pseudonyms.all()
    known = {key(p.original) for p in table} | {key(p.pseudonym) for p in table if p.pseudonym}
    seeded = seed_rows(project.cases.names().values(), labels)
    rows = [*[r for r in listed if key(r[0]) not in known or r[1]], *[r for r in seeded if key(r[0]) not in known]]
    if not rows:
        return ImportResult(0, 0)
    return project.edits.import_pseudonyms(rows)


def find_candidates(project: Project, matcher: Matcher, recogniser: Recogniser | None = None) -> list[Candidate]:
    """Every match in every document, in document then text order; with a recogniser, also each entity it sees
    that the table does not (proposed with a pseudonym of its kind, the same for each spelling of one original)."""
    candidates = []
    taken = {e.pseudonym for e in matcher.table.entries}
    proposed: dict[str, str] = {}
    for document in project.documents.all():
        text = project.documents.text(document.id)
        found = [
            Candidate(
                document.id,
                document.name,
                f.start,
                f.end,
                f.text,
                f.pseudonym,
                f.original,
                f.how,
                *_around(text, f.start, f.end),
            )
            for f in matcher.find(text)
        ]
        if recogniser is not None:
            covered = [(c.start, c.end) for c in found]
            for entity in recogniser.entities(text):
                kind = kind_of(entity.label)
                words = text[entity.start : entity.end]
                original = " ".join(words.split())
                if kind is None or not original or any(s < entity.end and entity.start < e for s, e in covered):
                    continue
                stored = matcher.table.pseudonym_of(original)
                if stored == "":
                    continue  # marked not identifying
                if key(original) not in proposed:
                    proposed[key(original)] = stored or propose(kind, [*taken, *proposed.values()], original)
                found.append(
                    Candidate(
                        document.id, document.name, entity.start, entity.end, words, proposed[key(original)],
                        original, MODEL, *_around(text, entity.start, entity.end), kind=kind,
                    )
                )  # fmt: skip
        candidates += sorted(found, key=lambda c: c.start)
    return candidates


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    return _flat(text[max(0, start - _CONTEXT) : start]), _flat(text[end : end + _CONTEXT])


def _flat(text: str) -> str:
    return " ".join(text.split(" ")).replace("\n", " ⏎ ")
