"""The edits of a document's text after coding has started: a correction, a speaker label renamed throughout, a
corrected file re-imported. Each moves every stored position through the one position map, as one operation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from app.model.core.dto import Span
from app.model.core.errors import ConflictError, NotFoundError, ValidationError
from app.model.core.text import normalise
from app.model.history.edit_base import EditBase
from app.model.revisions.position_map import TextEdit
from app.model.revisions.revision_service import Revision, RevisionResult, RevisionService

if TYPE_CHECKING:
    from app.model.revisions.reimport import ReimportPlan


class RevisionEdits(EditBase):
    @property
    def _revisions(self) -> RevisionService:
        return RevisionService(self.project.store)

    def correct_text(
        self, document_id: int, start: int, end: int, replacement: str, *, remove_lost: bool = False
    ) -> RevisionResult:
        """Replace [start, end) of a document's text; codings follow. One lying wholly in the replaced text is
        refused (`ConflictError`) unless `remove_lost`, when replacing with nothing."""
        revision = Revision(
            (TextEdit(start, end, normalise(replacement)),), f"corrected text at {start}", remove_lost=remove_lost
        )
        revisions = self._revisions
        return self.run(
            "Correct text", "correct_text", lambda: revisions.revise(document_id, revision),
            document_id=document_id, start=start, end=end, replacement=replacement, remove_lost=remove_lost,
        )  # fmt: skip

    def rename_speaker_label(self, speaker_id: int, label: str) -> RevisionResult:
        """A speaker's label renamed throughout its document: in the text of every turn's label and the speaker."""
        from app.model.documents.speaker_labels import label_spans

        label = label.strip()
        speaker = next((s for s in self.project.documents.speakers() if s.id == speaker_id), None)
        if speaker is None:
            raise NotFoundError("speaker", speaker_id)
        if not label or "\n" in label:
            raise ValidationError("A speaker label is one line of text.")
        if any(s.label == label for s in self.project.documents.speakers(speaker.document_id) if s.id != speaker_id):
            raise ConflictError(f"This document already has a speaker labelled “{label}”.")
        text = self.project.documents.text(speaker.document_id)
        turns = [t for t in self.project.documents.turns(speaker.document_id) if t.speaker_id == speaker_id]
        edits = []
        for span in label_spans(text, turns):
            at = text.find(speaker.label, span.start, span.end)
            if at != -1:
                edits.append(TextEdit(at, at + len(speaker.label), label))
        revision = Revision(
            tuple(edits), f"speaker “{speaker.label}” renamed “{label}”", speaker_labels={speaker_id: label}
        )
        revisions = self._revisions
        return self.run(
            f"Rename speaker “{speaker.label}” to “{label}”", "rename_speaker_label",
            lambda: revisions.revise(speaker.document_id, revision), speaker_id=speaker_id, label=label,
        )  # fmt: skip

    def replace_with_corrected(
        self, plan: ReimportPlan, decisions: Mapping[int, Span | None] | None = None
    ) -> RevisionResult:
        """A document's text replaced by a corrected file's (`plan_reimport`); codings to review go where
        `decisions` says (None removes one), the others where the plan puts them."""
        revision = plan.revision(decisions)
        removed = sorted(c for c, span in revision.placements.items() if span is None)
        revisions = self._revisions
        return self.run(
            f"Replace with {plan.filename}", "replace_with_corrected",
            lambda: revisions.revise(plan.document_id, revision),
            document_id=plan.document_id, file=plan.filename, edits=len(plan.edits), removed_codings=removed,
        )  # fmt: skip
