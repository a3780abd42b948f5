"""The edit of consensus: a disagreement settled as codings of the consensus coder (one operation, undoable)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from app.model.agreement.consensus import CONSENSUS, Resolution, consensus_spans
from app.model.codings.coder_service import CoderService
from app.model.core.dto import CodingInfo
from app.model.core.errors import ValidationError
from app.model.history.edit_base import EditBase


class AgreementEdits(EditBase):
    def resolve_disagreement(
        self,
        document_id: int,
        code_id: int,
        first_coding_ids: Sequence[int],
        second_coding_ids: Sequence[int],
        resolution: Resolution,
        consensus: str = CONSENSUS,
    ) -> int:
        """Record the consensus on a passage: the first coder's codings, the second's, both, or the union or
        intersection of their boundaries, as codings of the consensus coder (added if new). The coders' own codings
        stay. Returns how many codings were added (none when the consensus already holds them)."""
        codings = self.project.codings

        def do() -> int:
            first = codings.by_ids(first_coding_ids)
            second = codings.by_ids(second_coding_ids)
            if len(first) != len(set(first_coding_ids)) or len(second) != len(set(second_coding_ids)):
                raise ValidationError("A coding of this disagreement is gone; compare again.")
            if any((c.document_id, c.code_id) != (document_id, code_id) for c in [*first, *second]):
                raise ValidationError("Those codings are not of this code in this document.")
            spans = consensus_spans([(c.start, c.end) for c in first], [(c.start, c.end) for c in second], resolution)
            if not spans:
                raise ValidationError("The two coders share no text here: there is no intersection to keep.")
            coder_id = CoderService(self.project.store).ensure(consensus)
            now = datetime.now()
            memo = f"Consensus: {resolution.label}"
            return codings.add_imported(
                [
                    CodingInfo(0, str(uuid.uuid4()), document_id, code_id, start, end, coder_id, now, memo)
                    for start, end in spans
                ],
                action="record consensus",
            )

        return self.run(
            f"Consensus ({resolution.label})", "resolve_disagreement", do,
            document_id=document_id, code_id=code_id, first_coding_ids=list(first_coding_ids),
            second_coding_ids=list(second_coding_ids), resolution=resolution.value, consensus=consensus,
        )  # fmt: skip
