"""The distinguishing aid, explained: which units count as high and low, and why each construct gets its label.

The team chooses the cut (the median of an outcome, its top k, a threshold, or an attribute value such as "High
fidelity = yes") and the outcome the units are ordered by, computed attributes included (12 months - baseline).
Each label comes with the units on each side, their ratings and the rule in words, so the team can see why and
disagree: it is an aid to their judgement, never a verdict (Damschroder & Lowery 2013 decided by consensus).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from statistics import mean

from app.model.cases.attribute_values import label
from app.model.cases.computed import Sheet
from app.model.cases.formula import Value
from app.model.core.dto import AttributeInfo, AttributeType, RatingUnitInfo
from app.model.frameworks.unit_ranges import unit_holds

NUMERIC = {"+2": 2, "+1": 1, "0": 0, "-1": -1, "-2": -2}
AID = "An aid to the team's judgement, not a verdict."


class Advisory(Enum):
    STRONG = "strongly distinguishing"
    WEAK = "weakly distinguishing"
    MIXED = "mixed or not distinguishing"
    LITTLE = "too little data"


class CutKind(Enum):
    MEDIAN = "median"
    TOP = "top"
    THRESHOLD = "threshold"
    VALUE = "value"


@dataclass(frozen=True)
class Cut:
    """How units are split into high and low. The median, top k and threshold cut the outcome; VALUE needs no
    outcome: a unit is high when its cases take `value` for `attribute_id`, low when none does."""

    kind: CutKind = CutKind.MEDIAN
    top: int = 0
    threshold: float = 0.0
    attribute_id: int | None = None
    value: str = ""


@dataclass(frozen=True)
class Side:
    unit: RatingUnitInfo
    outcome: float | None
    high: bool | None  # None: on neither side (no outcome, or its cases disagree on the cut's value)


@dataclass(frozen=True)
class Split:
    sides: tuple[Side, ...]  # highest outcome first (high before low for a value cut), then the units' own order
    rule: str  # the cut in words: "high: Change at or above the median (4)"


@dataclass(frozen=True)
class Explanation:
    advisory: Advisory
    high: tuple[tuple[str, str], ...]  # (unit, rating as entered) for each high unit with a rating
    low: tuple[tuple[str, str], ...]
    reason: str  # the comparison and the rule, in words


def split_units(units: Sequence[RatingUnitInfo], outcome_attribute_id: int | None, cut: Cut, values: Sheet) -> Split:
    attributes = {a.id: a for a in values.attributes}
    cases = _unit_cases(units, values)
    outcomes: dict[int, float | None] = {}
    if outcome_attribute_id is not None:
        attribute = attributes[outcome_attribute_id]
        for unit in units:
            numbers = [_number(values.value(c, attribute.id), attribute) for c in cases[unit.id]]
            known = [n for n in numbers if n is not None]
            outcomes[unit.id] = mean(known) if known else None
    high, rule = _high(units, outcomes, cut, cases, values, attributes, outcome_attribute_id)
    ordered = sorted(units, key=lambda u: (_by_outcome(outcomes.get(u.id)), high.get(u.id) is not True, u.position))
    return Split(tuple(Side(u, outcomes.get(u.id), high.get(u.id)) for u in ordered), rule)


def explain(ratings: Sequence[tuple[Side, str | None]], rule: str) -> Explanation:
    """The label for one construct with its reason; `ratings` pairs each unit's side with its rating (None: unrated)."""
    high = [(side.unit.label, value) for side, value in ratings if side.high and value is not None]
    low = [(side.unit.label, value) for side, value in ratings if side.high is False and value is not None]
    top = [(name, NUMERIC[v]) for name, v in high if v in NUMERIC]
    bottom = [(name, NUMERIC[v]) for name, v in low if v in NUMERIC]
    advisory = advise([v for _, v in high], [v for _, v in low])
    words = [f"High units ({rule}): {_listed(high)}. Low units: {_listed(low)}."]
    left = [f"{name} ({_shown(v)})" for name, v in high + low if v not in NUMERIC]
    if left:
        words.append(f"Left out, having no number: {', '.join(left)}.")
    if advisory is Advisory.LITTLE:
        words.append(
            f"{len(top)} high and {len(bottom)} low units have a number; the aid compares only when both sides do "
            "and at least three units do in all."
        )
    else:
        gap = mean(v for _, v in top) - mean(v for _, v in bottom)
        words.append(
            f"High units average {_signed(mean(v for _, v in top))}, low units {_signed(mean(v for _, v in bottom))}"
            f" ({_plain(gap)} apart)."
        )
        words.append(_order(top, bottom))
        words.append(_why(advisory, top, bottom, gap))
    words.append(AID)
    return Explanation(advisory, tuple(high), tuple(low), " ".join(words))


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


# --- the words -----------------------------------------------------------------------------------------------


def _order(top: list[tuple[str, int]], bottom: list[tuple[str, int]]) -> str:
    ties = [(hi, lo, v) for hi, v in top for lo, w in bottom if v == w]
    crossed = [(hi, v, lo, w) for hi, v in top for lo, w in bottom if v < w]
    if not ties and not crossed:
        return "Every high unit is rated above every low unit."
    tied = ", ".join(f"{_signed(v)}/{_signed(v)} ({hi} and {lo})" for hi, lo, v in ties[:3])
    tied += f" and {len(ties) - 3} more" if len(ties) > 3 else ""
    if not crossed:
        counted = "a tie" if len(ties) == 1 else f"{len(ties)} ties"
        return f"Every high unit is rated above every low unit except {counted}: {tied}."
    hi, v, lo, w = crossed[0]
    pairs = len(top) * len(bottom)
    said = (
        f"The ratings overlap: in {len(crossed)} of the {pairs} high-low pairs the high unit is rated below the low"
        f" one (such as {hi} {_signed(v)} under {lo} {_signed(w)})"
    )
    return said + (f", and {len(ties)} {'pair ties' if len(ties) == 1 else 'pairs tie'}." if ties else ".")


def _why(advisory: Advisory, top: list[tuple[str, int]], bottom: list[tuple[str, int]], gap: float) -> str:
    separated = min(v for _, v in top) > max(v for _, v in bottom)
    few = min(len(top), len(bottom)) < 2
    if advisory is Advisory.STRONG:
        return "Strongly distinguishing: fully apart, means at least 1.5 apart, two or more rated units on each side."
    if advisory is Advisory.WEAK:
        if not separated:
            return "Weakly distinguishing: the means are at least 1 apart, but strongly needs no tie or overlap at all."
        if few:
            return "Weakly distinguishing: fully apart, but strongly needs two or more rated units on each side."
        return "Weakly distinguishing: fully apart, but strongly needs the means at least 1.5 apart."
    return "Mixed or not distinguishing: the ratings overlap and the means are less than 1 apart."


def _listed(rated: list[tuple[str, str]]) -> str:
    return ", ".join(f"{name} {_shown(v)}" for name, v in rated) if rated else "none rated"


def _shown(value: str) -> str:
    return {"na": "n/a"}.get(value, value)


def _signed(number: float) -> str:
    return "0" if round(number, 2) == 0 else ("+" if number > 0 else "") + _plain(number)


def _plain(number: float) -> str:
    """Up to two decimals, none when whole: 2, 1.2, -1.25."""
    return f"{number:.2f}".rstrip("0").rstrip(".")


# --- the split -----------------------------------------------------------------------------------------------


def _high(
    units: Sequence[RatingUnitInfo],
    outcomes: Mapping[int, float | None],
    cut: Cut,
    cases: Mapping[int, set[int]],
    values: Sheet,
    attributes: Mapping[int, AttributeInfo],
    outcome_attribute_id: int | None,
) -> tuple[dict[int, bool | None], str]:
    if cut.kind is CutKind.VALUE:
        by = cut.attribute_id
        if by is None or by not in attributes:
            return {}, "no attribute chosen"
        name = attributes[by].name
        high: dict[int, bool | None] = {}
        for unit in units:
            said = {label(values.value(c, by)) for c in cases[unit.id]} - {label(None)}
            high[unit.id] = None if not said or len(said) > 1 else said == {cut.value}
        return high, f"{name} = {cut.value}"
    if outcome_attribute_id is None:
        return {}, "no outcome chosen"
    name = attributes[outcome_attribute_id].name
    known = sorted((v for v in outcomes.values() if v is not None), reverse=True)
    if not known:
        return {}, f"no unit has a value of {name}"
    if cut.kind is CutKind.TOP:
        k = max(1, min(cut.top, len(known)))  # units tied with the k-th go high too
        bar, rule = known[k - 1], f"the {k} highest on {name}"
    elif cut.kind is CutKind.THRESHOLD:
        bar, rule = cut.threshold, f"{name} at or above {cut.threshold:g}"
    else:
        # At or above the median: with nine units the five highest, as Damschroder & Lowery split theirs.
        bar = sorted(known)[len(known) // 2]
        rule = f"{name} at or above its median ({bar:g})"
    return {u.id: _at_or_above(outcomes.get(u.id), bar) for u in units}, rule


def _at_or_above(outcome: float | None, bar: float) -> bool | None:
    return None if outcome is None else outcome >= bar


def _unit_cases(units: Sequence[RatingUnitInfo], values: Sheet) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for unit in units:
        if unit.case_id is not None:
            found[unit.id] = {unit.case_id}
        else:
            assert unit.attribute_id is not None
            attribute_id, holds = unit.attribute_id, unit_holds(unit)
            found[unit.id] = {
                c.id for c in values.cases if holds(attribute_id, label(values.value(c.id, attribute_id)))
            }
    return found


def _by_outcome(outcome: float | None) -> tuple[bool, float]:
    """Highest outcome first (an outcome of 0 is a number like any other), units without one last."""
    return (outcome is None, -outcome if outcome is not None else 0.0)


def _number(value: Value, attribute: AttributeInfo) -> float | None:
    """An outcome as a number: numbers and yes/no as they are; a choice by its place (the first choice highest)."""
    if value is None:
        return None
    if isinstance(value, bool | int | float):
        return float(value)
    if attribute.type is AttributeType.CHOICE and value in attribute.choices:
        return float(len(attribute.choices) - attribute.choices.index(str(value)))
    return None
