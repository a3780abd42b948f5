"""The edits of a document's text after coding has started: a correction, a speaker label renamed throughout, a
corrected file re-imported. Each moves every stored position through the one position map, as one operation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from app.model.core.dto import Span, TurnInfo
from app.model.core.errors import ConflictError, NotFoundError, ValidationError
from app.model.core.text import normalise
from app.model.history.edit_base import EditBase
from app.model.revisions.position_map import TextEdit
from app.model.revisions.revision_service import Revision, RevisionResult, RevisionService, TurnSplit

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

    def join_turns(self, turn_id: int) -> RevisionResult:
        """A turn and the next one become one turn of the first's speaker; the next one's label goes from the text."""
        document_id, turns = self._turns_around(turn_id)
        at = next(i for i, t in enumerate(turns) if t.id == turn_id)
        if at + 1 >= len(turns):
            raise ValidationError("This is the document's last turn: there is no next turn to join.")
        first, second = turns[at], turns[at + 1]
        revision = Revision(
            (TextEdit(first.end, second.start, " "),), f"turns at {first.start} and {second.start} joined",
            joins=((first.id, second.id),),
        )  # fmt: skip
        revisions = self._revisions
        return self.run(
            "Join turns", "join_turns", lambda: revisions.revise(document_id, revision), turn_id=turn_id
        )  # fmt: skip

    def split_turn(self, turn_id: int, at: int, speaker: str) -> RevisionResult:
        """Cut a turn at `at` (the rest said by `speaker`, a label of the document or a new one): the new turn's
        label goes into the text as the document writes labels, on its own line or before the words."""
        from app.model.documents.speaker_labels import label_spans

        speaker = speaker.strip()
        if not speaker or "\n" in speaker:
            raise ValidationError("A speaker label is one line of text.")
        document_id, turns = self._turns_around(turn_id)
        turn = next(t for t in turns if t.id == turn_id)
        text = self.project.documents.text(document_id)
        end = len(text[turn.start : at].rstrip()) + turn.start
        start = at + len(text[at : turn.end]) - len(text[at : turn.end].lstrip())
        if not turn.start < end <= start < turn.end:
            raise ValidationError("Split a turn between its words, with words on both sides.")
        labels = label_spans(text, [turn])
        own_line = bool(labels) and text[labels[0].start : labels[0].end].endswith("\n")
        blank = bool(labels) and text[max(0, labels[0].start - 2) : labels[0].start] == "\n\n"
        label = ("\n\n" if blank else "\n") + speaker + ("\n" if own_line else ": ")
        revision = Revision(
            (TextEdit(end, start, label),), f"turn at {turn.start} split at {at}",
            splits=(TurnSplit(turn_id, end, start, speaker),),
        )  # fmt: skip
        revisions = self._revisions
        return self.run(
            "Split turn", "split_turn", lambda: revisions.revise(document_id, revision),
            turn_id=turn_id, at=at, speaker=speaker,
        )  # fmt: skip

    def _turns_around(self, turn_id: int) -> tuple[int, list[TurnInfo]]:
        document_id = self._revisions.document_of_turn(turn_id)
        return document_id, self.project.documents.turns(document_id)

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
