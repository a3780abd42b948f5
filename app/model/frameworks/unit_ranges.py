"""Rating units that are a range of a number or date attribute ("Change 1–4", "Change ≥ 5"), and which cases each
unit stands for.

A range unit is stored like an attribute-value unit, its value being the range in interval notation ("[1, 5)",
"[5, ∞)", "[2024-01-01, 2024-06-30]"). No number or date an attribute takes is written that way, so a unit is a
range exactly when its value reads as one; a value unit still matches its value first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

from app.model.analysis.scope import Range, bin_range
from app.model.cases.attribute_values import NO_VALUE, number_label, parse_date
from app.model.cases.bins import Method, attribute_bins
from app.model.cases.case_service import parse_number
from app.model.core.dto import AttributeType, RatingUnitInfo
from app.model.core.errors import NotFoundError, ValidationError
from app.model.project import Project

_INTERVAL = re.compile(r"^([\[(])(.+), (.+)([\])])$")
_OPEN = "∞"


def interval(chosen: Range) -> str:
    """The range as a unit stores it."""
    low = "-" + _OPEN if chosen.lower is None else _shown(chosen.lower, chosen.dates)
    high = _OPEN if chosen.upper is None else _shown(chosen.upper, chosen.dates)
    opening = "[" if chosen.lower is not None and chosen.lower_included else "("
    closing = "]" if chosen.upper is not None and chosen.upper_included else ")"
    return f"{opening}{low}, {high}{closing}"


def unit_range(unit: RatingUnitInfo) -> Range | None:
    """The range a unit stands for, or None for a case or a single attribute value."""
    found = _INTERVAL.match(unit.attribute_value or "")
    if found is None:
        return None
    ends = (found[2], found[3])
    dates = any(end not in ("-" + _OPEN, _OPEN) and parse_number(end) is None for end in ends)
    bounds: list[float | None] = []
    for end in ends:
        bound = None if end in ("-" + _OPEN, _OPEN) else _bound(end, dates)
        if bound is None and end not in ("-" + _OPEN, _OPEN):
            return None
        bounds.append(bound)
    lower, upper = bounds
    # An open end's bracket says nothing; keep `Range`'s own defaults for it.
    lower_included, upper_included = lower is None or found[1] == "[", upper is not None and found[4] == "]"
    return Range(unit.label, lower, upper, lower_included, upper_included, dates)


def unit_holds(unit: RatingUnitInfo) -> Callable[[int, str], bool]:
    """Whether a case's shown value of an attribute puts the case in this (attribute) unit."""
    chosen = unit_range(unit)

    def holds(attribute_id: int, shown: str) -> bool:
        if attribute_id != unit.attribute_id or shown == NO_VALUE:
            return False
        return shown == unit.attribute_value or (chosen is not None and chosen.holds(shown))

    return holds


def row_groups(units: Sequence[RatingUnitInfo], attribute_names: dict[int, str]) -> dict[int, str]:
    """Each unit's kind of row, as a matrix offers to show them: "cases", "values of Site", "ranges of Change"."""
    found = {}
    for unit in units:
        if unit.attribute_id is None:
            found[unit.id] = "cases"
        else:
            name = attribute_names.get(unit.attribute_id, "an attribute")
            found[unit.id] = f"{'ranges' if unit_range(unit) else 'values'} of {name}"
    return found


def units_from_bins(
    project: Project, attribute_id: int, method: Method, count: int = 3, cuts: Sequence[str] = ()
) -> list[RatingUnitInfo]:
    """A unit per range of a number or date attribute (equal widths, quantiles or typed cut points), each labelled
    by the attribute and its range ("Change ≥ 5"); units that exist are reused."""
    attribute = next((a for a in project.cases.attributes() if a.id == attribute_id), None)
    if attribute is None:
        raise NotFoundError("attribute", attribute_id)
    dates = attribute.type is AttributeType.DATE
    points = [_cut(c, dates) for c in cuts]
    bins = attribute_bins(project, attribute_id, method, count, points)
    units = project.frameworks.rating_units()
    existing = {(u.attribute_id, u.attribute_value): u for u in units}
    labels = {u.label for u in units}
    made = []
    for each in bins.bins:
        stored = interval(bin_range(bins, each.label))
        unit = existing.get((attribute_id, stored))
        if unit is None:
            label = f"{attribute.name} {each.label}"
            label = label if label not in labels else f"{label} ({stored})"
            unit = project.frameworks.add_rating_unit(label, attribute_id=attribute_id, attribute_value=stored)
            labels.add(label)
        made.append(unit)
    return made


def _cut(text: str, dates: bool) -> float | date:
    if dates:
        day = parse_date(text.strip())
        if day is None:
            raise ValidationError(f"{text.strip()!r} is not a date (write 2024-06-01)")
        return day
    number = parse_number(text.strip())
    if number is None:
        raise ValidationError(f"{text.strip()!r} is not a number")
    return number


def _bound(text: str, dates: bool) -> float | None:
    """A stored bound as a number (days for a date); None when it is neither."""
    if dates:
        day = parse_date(text)
        return float(day.toordinal()) if day is not None else None
    return parse_number(text)


def _shown(bound: float, dates: bool) -> str:
    return date.fromordinal(int(bound)).isoformat() if dates else number_label(bound)
