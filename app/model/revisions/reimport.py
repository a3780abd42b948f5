"""Re-importing a corrected transcript: read it with the normal readers, align it with the document's text, and
say where every coding goes (`relocation`) before anything is written (the plan is what a dry run shows)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from app.model.core.dto import NewTurn, SourceFile, Span, TurnInfo
from app.model.core.errors import AxialError
from app.model.documents.readers import read_file
from app.model.documents.readers.base import ImportedText, ReadOptions
from app.model.revisions.alignment import align
from app.model.revisions.position_map import PositionMap, TextEdit, apply_edits
from app.model.revisions.relocation import Fate, Relocation, relocate
from app.model.revisions.revision_service import NewStructure, Revision

if TYPE_CHECKING:
    from app.model.project import Project


@dataclass(frozen=True)
class ReimportPlan:
    document_id: int
    filename: str
    old_text: str
    new_text: str
    edits: tuple[TextEdit, ...]
    structure: NewStructure
    relocations: tuple[Relocation, ...]

    def count(self, fate: Fate) -> int:
        return sum(1 for r in self.relocations if r.fate is fate)

    @property
    def to_review(self) -> tuple[Relocation, ...]:
        return tuple(r for r in self.relocations if r.fate is Fate.REVIEW)

    def revision(self, decisions: Mapping[int, Span | None] | None = None) -> Revision:
        """The revision to write: codings placed automatically where the plan says; each one to review where
        `decisions` says (None removes it), else at its suggested spot, or removed when its words were deleted
        (the spot would be other words)."""
        chosen = decisions or {}
        placements = {
            r.coding_id: chosen[r.coding_id] if r.fate is Fate.REVIEW and r.coding_id in chosen else r.default
            for r in self.relocations
        }
        return Revision(
            self.edits, f"replaced with {self.filename}", placements=placements, structure=self.structure,
            remove_lost=True,
        )  # fmt: skip


def plan_reimport(project: Project, document_id: int, path: Path, options: ReadOptions | None = None) -> ReimportPlan:
    imported, data = read_file(path, options or ReadOptions())
    return plan_from_text(project, document_id, imported, SourceFile(path.name, imported.format, data))


def plan_from_text(project: Project, document_id: int, imported: ImportedText, source: SourceFile) -> ReimportPlan:
    old = project.documents.text(document_id)
    imported = _in_form_of(old, imported)
    edits = tuple(align(old, imported.text))
    revised = apply_edits(old, edits)
    if revised.text != imported.text:  # the alignment must rebuild the corrected text exactly, or nothing is written
        raise AxialError(f"{source.filename}: the corrected text could not be aligned with the document's text.")
    codings = [(c.id, Span(c.start, c.end)) for c in project.codings.for_document(document_id)]
    renames = _renamed_speakers(project.documents.turns(document_id), imported.turns, revised.positions)
    structure = NewStructure(imported.paragraphs, imported.turns, source, renames)
    relocations = tuple(relocate(old, revised.text, revised.positions, codings))
    return ReimportPlan(document_id, source.filename, old, revised.text, edits, structure, relocations)


def _in_form_of(old: str, imported: ImportedText) -> ImportedText:
    """The corrected text in the Unicode form of the old one (a file saved on a Mac may come decomposed), its
    paragraphs and turns moved along."""
    forms: tuple[Literal["NFC", "NFD"], ...] = ("NFC", "NFD")
    form = next((f for f in forms if unicodedata.is_normalized(f, old)), None)
    if form is None or unicodedata.is_normalized(form, imported.text):
        return imported
    text = unicodedata.normalize(form, imported.text)
    positions = apply_edits(imported.text, align(imported.text, text)).positions
    paragraphs = tuple(_moved(positions, p) for p in imported.paragraphs)
    turns = tuple(
        replace(t, start=moved.start, end=moved.end)
        for t in imported.turns
        for moved in (_moved(positions, Span(t.start, t.end)),)
    )
    return replace(imported, text=text, paragraphs=paragraphs, turns=turns)


def _moved(positions: PositionMap, span: Span) -> Span:
    return positions.span(span.start, span.end) or Span(positions.start(span.start), positions.start(span.start))


def _renamed_speakers(
    old_turns: list[TurnInfo], new_turns: tuple[NewTurn, ...], positions: PositionMap
) -> tuple[tuple[str, str], ...]:
    """Old labels gone from the corrected file, each matched to the new label most of its turns fall in."""
    old_labels = {t.speaker for t in old_turns if t.speaker}
    new_labels = {t.speaker for t in new_turns if t.speaker}
    gone, arrived = old_labels - new_labels, new_labels - old_labels
    votes: dict[str, Counter[str]] = {label: Counter() for label in gone}
    for turn in old_turns:
        if turn.speaker in gone:
            middle = positions.start((turn.start + turn.end) // 2)
            landing = next((t.speaker for t in new_turns if t.start <= middle < t.end), None)
            if landing in arrived:
                votes[turn.speaker][landing] += 1
    renames, taken = [], set()
    for label in sorted(gone):
        if votes[label]:
            best = votes[label].most_common(1)[0][0]
            if best not in taken:
                renames.append((label, best))
                taken.add(best)
    return tuple(renames)
