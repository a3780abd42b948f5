"""Ranges of a number or date attribute ("0–4", "5–9", "≥ 10"): equal widths, quantiles or cut points a person types.

A bin holds values from its lower bound (included) up to its upper bound (excluded); the first starts at the
smallest value and the last has no upper bound. When every value and cut is a whole number (dates always are, as
days), a bin is labelled by the whole numbers it holds: "5–9" rather than "5 to < 10".
"""

from __future__ import annotations

import math
import statistics
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from itertools import pairwise

from app.model.cases.attribute_values import NO_VALUE, number_label, parse_date
from app.model.cases.case_service import parse_number
from app.model.cases.computed import sheet
from app.model.core.dto import AttributeType
from app.model.core.errors import NotFoundError, ValidationError
from app.model.project import Project

Binnable = float | date


class Method(Enum):
    EQUAL_WIDTH = "equal width"
    QUANTILES = "quantiles"
    CUTS = "cut points"


@dataclass(frozen=True)
class Bin:
    label: str
    lower: float | None  # included; None: no lower bound
    upper: float | None  # excluded; None: no upper bound


@dataclass(frozen=True)
class Bins:
    bins: tuple[Bin, ...]
    dates: bool

    @property
    def labels(self) -> list[str]:
        """The columns of a table by these bins, with "(no value)" last."""
        return [b.label for b in self.bins] + [NO_VALUE]

    def label_of(self, value: Binnable | None) -> str:
        """The bin a value falls in (one below the first bin's lower bound goes in the first)."""
        if value is None:
            return NO_VALUE
        number = _number(value)
        uppers = [b.upper for b in self.bins[:-1] if b.upper is not None]
        return self.bins[bisect_right(uppers, number)].label

    def label_of_shown(self, shown: str) -> str:
        """The bin of a value as analyses show it ("7", "2024-03-01", "(no value)")."""
        return self.label_of(parse_date(shown) if self.dates else parse_number(shown))


def attribute_bins(
    project: Project, attribute_id: int, method: Method, count: int = 3, cuts: Sequence[Binnable] = ()
) -> Bins:
    """Bins over the values a number or date attribute (typed or computed) takes in this project."""
    shown = sheet(project)
    attribute = next((a for a in shown.attributes if a.id == attribute_id), None)
    if attribute is None:
        raise NotFoundError("attribute", attribute_id)
    if attribute.type not in (AttributeType.NUMBER, AttributeType.DATE):
        raise ValidationError(f"Only numbers and dates make ranges; {attribute.name!r} is {attribute.type.value}.")
    values = [shown.value(case.id, attribute_id) for case in shown.cases]
    held = [v for v in values if isinstance(v, float | date) and not isinstance(v, bool)]
    return make_bins(held, method, count, cuts)


def make_bins(values: Sequence[Binnable | None], method: Method, count: int = 3, cuts: Sequence[Binnable] = ()) -> Bins:
    """Bins for these values: `count` of equal width or equal share, or split at `cuts`."""
    present = [v for v in values if v is not None]
    dates = isinstance(present[0] if present else (cuts[0] if cuts else None), date)
    numbers = sorted(_number(v) for v in present)
    if method is Method.CUTS:
        points = sorted({_number(c) for c in cuts})
        if not points:
            raise ValidationError("Type at least one cut point.")
    else:
        if count < 2:
            raise ValidationError("Ask for at least two bins.")
        if not numbers:
            raise ValidationError("There are no values to make bins of.")
        points = _equal_width(numbers, count) if method is Method.EQUAL_WIDTH else _quantiles(numbers, count)
    # Whole numbers in, whole-number bins out: computed cuts are rounded up (typed ones are kept as typed).
    whole = dates or all(n.is_integer() for n in [*numbers, *(_number(c) for c in cuts)])
    if whole:
        points = sorted({float(math.ceil(p)) for p in points})
    if numbers and numbers[0] >= points[0]:  # nothing below the first cut: no bin for it
        bounds: list[float | None] = [*points, None]
    else:
        bounds = [numbers[0] if numbers else None, *points, None]
    bins = tuple(Bin(_label(low, high, whole, dates), low, high) for low, high in pairwise(bounds))
    return Bins(bins, dates)


def _equal_width(numbers: list[float], count: int) -> list[float]:
    low, high = numbers[0], numbers[-1]
    width = (high - low) / count
    return sorted({low + width * i for i in range(1, count)}) if width else [high]


def _quantiles(numbers: list[float], count: int) -> list[float]:
    if len(numbers) < 2 or numbers[0] == numbers[-1]:
        return [numbers[-1]]
    return sorted(set(statistics.quantiles(numbers, n=count, method="inclusive")))


def _number(value: Binnable) -> float:
    return float(value.toordinal()) if isinstance(value, date) else float(value)


def _shown(number: float, dates: bool) -> str:
    return date.fromordinal(int(number)).isoformat() if dates else number_label(number)


def _label(low: float | None, high: float | None, whole: bool, dates: bool) -> str:
    dash = " – " if dates else "–"
    if high is None:
        return f"≥ {_shown(low, dates)}" if low is not None else "all"
    if whole:
        last = high - 1
        if low is None:
            return f"≤ {_shown(last, dates)}"
        return _shown(low, dates) if low == last else f"{_shown(low, dates)}{dash}{_shown(last, dates)}"
    if low is None:
        return f"< {_shown(high, dates)}"
    return f"{_shown(low, dates)} to < {_shown(high, dates)}"
