"""The words behind a matrix cell as a reader quotes them: the excerpt's text on one line, who said it, where."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass

from app.model.project import Project


@dataclass(frozen=True)
class Quote:
    coding_id: int
    document_id: int
    document: str
    speaker: str | None
    text: str  # white space run together: a quote reads as one line

    def cited(self) -> str:
        """As a summary quotes it: “words” (speaker, document)."""
        who = f"{self.speaker}, " if self.speaker else ""
        return f"“{self.text}” ({who}{self.document})"


def quotes(project: Project, coding_ids: Collection[int]) -> list[Quote]:
    """The codings as quotes, in document and text order; each document's text and turns read once."""
    codings = sorted(project.codings.by_ids(coding_ids), key=lambda c: (c.document_id, c.start, c.end))
    names = {d.id: d.name for d in project.documents.all()} if codings else {}
    found = []
    read: dict[int, tuple[str, list[int], list[str | None]]] = {}
    for coding in codings:
        if coding.document_id not in read:
            turns = project.documents.turns(coding.document_id)
            read[coding.document_id] = (
                project.documents.text(coding.document_id),
                [t.start for t in turns],
                [t.speaker for t in turns],
            )
        text, starts, speakers = read[coding.document_id]
        at = bisect_right(starts, coding.start) - 1
        words = " ".join(text[coding.start : coding.end].split())
        speaker = speakers[at] if at >= 0 else None
        found.append(Quote(coding.id, coding.document_id, names.get(coding.document_id, ""), speaker, words))
    return found
