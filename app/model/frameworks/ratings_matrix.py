"""The CFIR ratings matrix: constructs by rating units (sites or cases), ordered by an outcome.

Each construct gets an advisory label comparing how it was rated in high- and low-outcome units, in the spirit of
Damschroder & Lowery (2013), with its reason (`distinguishing.py`). It is an aid to the team's judgement, never a
verdict: teams decide by consensus.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from app.model.analysis.matrices import Analysis
from app.model.cases.computed import sheet
from app.model.core.dto import FrameworkNodeInfo, RatingInfo, RatingUnitInfo
from app.model.frameworks.definitions import in_framework_order
from app.model.frameworks.distinguishing import (  # NUMERIC, Advisory and advise: where callers have always found them
    NUMERIC as NUMERIC,
)
from app.model.frameworks.distinguishing import (
    Advisory as Advisory,
)
from app.model.frameworks.distinguishing import (
    Cut,
    CutKind,
    Explanation,
    Side,
    explain,
    split_units,
)
from app.model.frameworks.distinguishing import (
    advise as advise,
)
from app.model.project import Project


def units_from_attribute(project: Project, attribute_id: int) -> list[RatingUnitInfo]:
    """A rating unit per value of the attribute (Site = A, B, ...), reusing the ones that exist."""
    existing = {(u.attribute_id, u.attribute_value): u for u in project.frameworks.rating_units()}
    labels = {u.label for u in project.frameworks.rating_units()}
    made = []
    for value in Analysis(project).attribute_columns(attribute_id)[:-1]:  # the last column is "(no value)"
        unit = existing.get((attribute_id, value))
        if unit is None:
            label = value if value not in labels else f"{value} ({attribute_id})"
            unit = project.frameworks.add_rating_unit(label, attribute_id=attribute_id, attribute_value=value)
        made.append(unit)
    return made


def units_from_cases(project: Project) -> list[RatingUnitInfo]:
    """A rating unit per case (for studies that rate each participant or team), reusing the ones that exist."""
    existing = {u.case_id: u for u in project.frameworks.rating_units() if u.case_id is not None}
    labels = {u.label for u in project.frameworks.rating_units()}
    made = []
    for case in project.cases.all():
        unit = existing.get(case.id)
        if unit is None:
            label = case.name if case.name not in labels else f"{case.name} (case)"
            unit = project.frameworks.add_rating_unit(label, case_id=case.id)
        made.append(unit)
    return made


@dataclass(frozen=True)
class Column:
    unit: RatingUnitInfo
    outcome: float | None
    high: bool | None  # on the high side of the cut (None: on neither)


@dataclass(frozen=True)
class Row:
    node: FrameworkNodeInfo
    ratings: tuple[RatingInfo | None, ...]  # one per column
    explanation: Explanation | None  # None without a cut to compare by

    @property
    def advisory(self) -> Advisory | None:
        return self.explanation.advisory if self.explanation else None


class RatingsMatrix:
    """Constructs by units; with an outcome (or a value cut), units ordered highest first and each construct given
    the distinguishing aid's label and its reason."""

    def __init__(
        self,
        project: Project,
        framework_id: int,
        outcome_attribute_id: int | None = None,
        cut: Cut | None = None,
        unit_ids: Collection[int] | None = None,
    ) -> None:
        """Every rating unit, or those in `unit_ids` (one kind of row: the cut is taken among them)."""
        self.project = project
        units = [u for u in project.frameworks.rating_units() if unit_ids is None or u.id in unit_ids]
        compared = outcome_attribute_id is not None or (cut is not None and cut.kind is CutKind.VALUE)
        chosen = cut or Cut()
        split = split_units(units, outcome_attribute_id, chosen, sheet(project)) if compared else None
        self.rule = split.rule if split else ""
        sides = split.sides if split else tuple(Side(u, None, None) for u in units)
        self.columns = tuple(Column(s.unit, s.outcome, s.high) for s in sides)
        by_key = {(r.unit_id, r.node_id): r for r in project.frameworks.ratings()}
        rows = []
        nodes = in_framework_order(project.frameworks.nodes(framework_id))
        for node in (n for n in nodes if n.level != "domain" and not n.hidden):
            ratings = tuple(by_key.get((c.unit.id, node.id)) for c in self.columns)
            explanation = None
            if split is not None:
                explanation = explain(
                    [(side, r.value if r else None) for side, r in zip(sides, ratings, strict=True)], split.rule
                )
            rows.append(Row(node, ratings, explanation))
        self.rows = tuple(rows)
