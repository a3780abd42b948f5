"""The edits of the framework matrix's cells: a rating typed in (its rationale and evidence kept), a rationale
written in place, a flag, a rating taken off, a cell's summary, a rater's own rating beside the team's; and rows
that are ranges of a number or date attribute. Each is one operation."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.model.core.dto import RatingUnitInfo
from app.model.core.errors import ValidationError
from app.model.history.edit_base import EditBase

if TYPE_CHECKING:
    from app.model.frameworks.ratings_exchange import RatingsImport


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

    def set_flag(self, unit_id: int, node_id: int, flag: str) -> None:
        """Flag a rated cell ("to discuss", "low confidence"), or take its flag off with an empty one; its rating,
        rationale and evidence stay."""
        frameworks = self.project.frameworks
        text = " ".join(flag.split())

        def do() -> None:
            current = frameworks.rating(unit_id, node_id)
            if current is None:
                raise ValidationError("Rate the cell first: a flag marks a rating.")
            frameworks.set_rating(
                unit_id, node_id, current.value, current.rationale, flag=text, evidence=current.evidence_coding_ids
            )

        label = "Flag rating" if text else "Unflag rating"
        self.run(label, "set_flag", do, unit_id=unit_id, node_id=node_id, flag=text)

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

    def add_range_units(
        self, attribute_id: int, method: str, count: int = 3, cuts: Sequence[str] = ()
    ) -> list[RatingUnitInfo]:
        """Rows for the ranges of a number or date attribute ("Change 1–4", "Change ≥ 5"): `method` is "equal
        width" or "quantiles" (`count` ranges) or "cut points" (`cuts` as typed); the ones that exist are reused."""
        from app.model.cases.bins import Method
        from app.model.frameworks.unit_ranges import units_from_bins

        try:
            chosen = Method(method)
        except ValueError:
            raise ValidationError(
                f"{method!r} is not a way to make ranges; use {', '.join(m.value for m in Method)}."
            ) from None
        return self.run(
            "Rate ranges of an attribute", "add_range_units",
            lambda: units_from_bins(self.project, attribute_id, chosen, count, list(cuts)),
            attribute_id=attribute_id, method=method, count=count, cuts=list(cuts),
        )  # fmt: skip

    def import_rater_ratings(self, path: Path, coder_id: int) -> RatingsImport:
        """One rater's ratings file (the team's layout) as that rater's own ratings, beside the team's, in one step;
        a file naming unknown units or constructs changes nothing."""
        from app.model.frameworks.ratings_exchange import import_rater_ratings

        return self.run(
            f"Import {self.project.coder_name(coder_id)}'s ratings “{path.name}”", "import_rater_ratings",
            lambda: import_rater_ratings(self.project, path, coder_id), path=str(path), coder_id=coder_id,
        )  # fmt: skip
