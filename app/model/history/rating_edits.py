"""The edits of the framework matrix's cells: a rating typed in (its rationale and evidence kept), a rationale
written in place, a rating taken off, a cell's summary, a rater's own rating beside the team's. Each is one
operation."""

from __future__ import annotations

from app.model.core.errors import ValidationError
from app.model.history.edit_base import EditBase


class RatingEdits(EditBase):
    def set_rating_value(self, unit_id: int, node_id: int, value: str) -> None:
        """Rate a cell, keeping the rationale, flag and evidence it had (the matrix's keyboard rating)."""
        frameworks = self.project.frameworks

        def do() -> None:
            current = frameworks.rating(unit_id, node_id)
            rationale, flag = (current.rationale, current.flag) if current else ("", "")
            evidence = current.evidence_coding_ids if current else ()
            frameworks.set_rating(unit_id, node_id, value, rationale, flag=flag, evidence=evidence)

        self.run(f"Rate {value}", "set_rating_value", do, unit_id=unit_id, node_id=node_id, value=value)

    def set_rationale(self, unit_id: int, node_id: int, rationale: str) -> None:
        """Write a rated cell's rationale, keeping its rating; a cell not rated yet is refused (rate it first)."""
        frameworks = self.project.frameworks

        def do() -> None:
            current = frameworks.rating(unit_id, node_id)
            if current is None:
                raise ValidationError("Rate the cell first: a rationale explains a rating.")
            frameworks.set_rating(
                unit_id, node_id, current.value, rationale.strip(), flag=current.flag,
                evidence=current.evidence_coding_ids,
            )  # fmt: skip

        self.run("Write rationale", "set_rationale", do, unit_id=unit_id, node_id=node_id)

    def clear_rating(self, unit_id: int, node_id: int) -> None:
        frameworks = self.project.frameworks
        self.run(
            "Clear rating", "clear_rating", lambda: frameworks.clear_rating(unit_id, node_id),
            unit_id=unit_id, node_id=node_id,
        )  # fmt: skip

    def set_cell_summary(self, unit_id: int, node_id: int, summary: str) -> None:
        frameworks = self.project.frameworks
        self.run(
            "Edit summary", "set_cell_summary", lambda: frameworks.set_summary(unit_id, node_id, summary),
            unit_id=unit_id, node_id=node_id,
        )  # fmt: skip

    def rate_as_rater(
        self, unit_id: int, node_id: int, value: str, rationale: str = "", coder_id: int | None = None
    ) -> None:
        """A rater's own rating, kept beside the team's (the current coder's unless another is named)."""
        frameworks = self.project.frameworks
        self.run(
            f"Rate {value} as a rater", "rate_as_rater",
            lambda: frameworks.set_rater_rating(unit_id, node_id, value, rationale, coder_id=coder_id),
            unit_id=unit_id, node_id=node_id, value=value, coder_id=coder_id,
        )  # fmt: skip
