"""The CFIR ratings matrix: constructs by rating units (sites or cases), ordered by an outcome.

Each construct gets an advisory label comparing how it was rated in high- and low-outcome units, in the spirit of
Damschroder & Lowery (2013). It is an aid to the team's judgement, never a verdict: teams decide by consensus.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from statistics import mean

from app.model.analysis.matrices import Analysis
from app.model.cases.attribute_values import label
from app.model.core.dto import AttributeType, FrameworkNodeInfo, RatingInfo, RatingUnitInfo
from app.model.frameworks.definitions import in_framework_order
from app.model.project import Project

NUMERIC = {"+2": 2, "+1": 1, "0": 0, "-1": -1, "-2": -2}


class Advisory(Enum):
    STRONG = "strongly distinguishing"
    WEAK = "weakly distinguishing"
    MIXED = "mixed or not distinguishing"
    LITTLE = "too little data"


def advise(high: Sequence[str], low: Sequence[str]) -> Advisory:
    """Compare ratings of high- and low-outcome units. X (mixed), missing and n/a carry no number and are left out.

    Strongly: every high unit rated above every low unit, the means at least 1.5 apart, and two or more rated units
    on each side; weakly: the means at least 1 apart, or fully separated with fewer units; otherwise mixed. With no
    rated unit on a side, or fewer than three in all, there is too little data to compare.
    """
    top = [NUMERIC[v] for v in high if v in NUMERIC]
    bottom = [NUMERIC[v] for v in low if v in NUMERIC]
    if not top or not bottom or len(top) + len(bottom) < 3:
        return Advisory.LITTLE
    gap = mean(top) - mean(bottom)
    separated = min(top) > max(bottom)
    if separated and gap >= 1.5 and min(len(top), len(bottom)) >= 2:
        return Advisory.STRONG
    if gap >= 1 or separated:
        return Advisory.WEAK
    return Advisory.MIXED


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
    high: bool | None  # in the high-outcome half (None: no outcome)


@dataclass(frozen=True)
class Row:
    node: FrameworkNodeInfo
    ratings: tuple[RatingInfo | None, ...]  # one per column
    advisory: Advisory | None  # None without an outcome to compare by


class RatingsMatrix:
    def __init__(self, project: Project, framework_id: int, outcome_attribute_id: int | None = None) -> None:
        self.project = project
        units = project.frameworks.rating_units()
        outcomes = self._outcomes(units, outcome_attribute_id) if outcome_attribute_id else {}
        ordered = sorted(units, key=lambda u: _by_outcome(outcomes.get(u.id), u.position)) if outcomes else units
        known = sorted(v for v in outcomes.values() if v is not None)
        cut = known[len(known) // 2] if known else None  # units at or above the median are "high"
        self.columns = tuple(Column(u, outcomes.get(u.id), _is_high(outcomes.get(u.id), cut)) for u in ordered)
        by_key = {(r.unit_id, r.node_id): r for r in project.frameworks.ratings()}
        rows = []
        nodes = in_framework_order(project.frameworks.nodes(framework_id))
        for node in (n for n in nodes if n.level != "domain" and not n.hidden):
            ratings = tuple(by_key.get((c.unit.id, node.id)) for c in self.columns)
            advisory = None
            if outcome_attribute_id is not None:
                values = [(c.high, r.value) for c, r in zip(self.columns, ratings, strict=True) if r is not None]
                advisory = advise([v for high, v in values if high], [v for high, v in values if high is False])
            rows.append(Row(node, ratings, advisory))
        self.rows = tuple(rows)

    def _outcomes(self, units: Sequence[RatingUnitInfo], attribute_id: int) -> dict[int, float | None]:
        """Each unit's outcome: its case's value, or the mean over the cases with its attribute value."""
        values = self.project.cases.values()
        attribute = next(a for a in self.project.cases.attributes() if a.id == attribute_id)
        outcomes: dict[int, float | None] = {}
        for unit in units:
            if unit.case_id is not None:
                cases = [unit.case_id]
            else:
                cases = [
                    c for (c, a), v in values.items() if a == unit.attribute_id and label(v) == unit.attribute_value
                ]
            numbers = [_number(values.get((c, attribute_id)), attribute.type, attribute.choices) for c in cases]
            known = [n for n in numbers if n is not None]
            outcomes[unit.id] = mean(known) if known else None
        return outcomes


def _by_outcome(outcome: float | None, position: int) -> tuple[bool, float, int]:
    """Highest outcome first (an outcome of 0 is a number like any other), units without one last."""
    return (outcome is None, -outcome if outcome is not None else 0.0, position)


def _is_high(outcome: float | None, cut: float | None) -> bool | None:
    return None if outcome is None or cut is None else outcome >= cut


def _number(value: object, kind: AttributeType, choices: tuple[str, ...]) -> float | None:
    """An outcome as a number: numbers and yes/no as they are; a choice by its place (the first choice highest)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    if kind is AttributeType.CHOICE and value in choices:
        return float(len(choices) - choices.index(str(value)))
    return None
