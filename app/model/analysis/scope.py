"""Which documents, cases and codings something covers: the one `Scope` that analyses, excerpts, their exports,
search and autocoding all read, so a filter means the same thing everywhere.

Documents are narrowed by choosing them or the sets they are in. Cases are narrowed by choosing them, by the
values an attribute takes, or by a range of a number or date attribute (`Change ≥ 5`, or one range of a codes ×
attribute table). A place in a document passes the case conditions when one of the cases it is attributed to does
(see `CaseAttribution`: the speaker's case, else the document's cases).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.cases.attribute_values import NO_VALUE, number_label, parse_date
from app.model.cases.bins import Bins
from app.model.cases.case_service import parse_number
from app.model.core.entities import GroupMember
from app.model.core.errors import ValidationError

_COMPARISON = re.compile(r"^\s*(>=|<=|≥|≤|>|<)\s*(.+?)\s*$")
_BETWEEN = re.compile(r"^\s*(.+?)\s*(?:\.\.|–|\bto\b)\s*(.+?)\s*$")
_WRITTEN = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "≥": "≥", "≤": "≤"}


@dataclass(frozen=True)
class Range:
    """Values of a number or date attribute between two bounds, either of which may be open; dates are compared
    as days (their ordinals)."""

    label: str  # as people read it: "≥ 5", "5–9", "< 2024-06-01"
    lower: float | None = None
    upper: float | None = None
    lower_included: bool = True
    upper_included: bool = False
    dates: bool = False

    def holds(self, shown: str) -> bool:
        """Whether a value, as analyses show it ("7", "2024-03-01", "(no value)"), is in the range."""
        if shown == NO_VALUE:
            return False
        if self.dates:
            day = parse_date(shown)
            number = float(day.toordinal()) if day is not None else None
        else:
            number = parse_number(shown)
        if number is None:
            return False
        if self.lower is not None and (number < self.lower or (number == self.lower and not self.lower_included)):
            return False
        return self.upper is None or number < self.upper or (number == self.upper and self.upper_included)


def bin_range(bins: Bins, label: str) -> Range:
    """The range of one of a table's bins, holding exactly the values `Bins.label_of` puts in it (the first bin
    also takes values below its lower bound)."""
    at = next((i for i, b in enumerate(bins.bins) if b.label == label), None)
    if at is None:
        raise ValidationError(f"no range {label!r} (ranges: {', '.join(b.label for b in bins.bins)})")
    chosen = bins.bins[at]
    return Range(label, None if at == 0 else chosen.lower, chosen.upper, dates=bins.dates)


def parse_range(text: str, dates: bool) -> Range:
    """A range as people type it: `>= 5`, `≥ 5`, `< 2024-06-01`, `5..9` or `5–9` (both ends included)."""
    compared = _COMPARISON.match(text)
    if compared:
        operator, bound = compared[1], _bound(compared[2], dates)
        label = f"{_WRITTEN[operator]} {_shown(bound, dates)}"
        if operator in (">=", "≥", ">"):
            return Range(label, lower=bound, lower_included=operator != ">", dates=dates)
        return Range(label, upper=bound, upper_included=operator != "<", dates=dates)
    between = _BETWEEN.match(text)
    if between:
        low, high = _bound(between[1], dates), _bound(between[2], dates)
        if low > high:
            low, high = high, low
        dash = " – " if dates else "–"
        label = f"{_shown(low, dates)}{dash}{_shown(high, dates)}"
        return Range(label, low, high, upper_included=True, dates=dates)
    example = "2024-06-01" if dates else "5"
    raise ValidationError(
        f"{text.strip()!r} is not a range: write >= {example}, < {example} or {example}..{'2024-12-31' if dates else 9}"
    )


def _bound(text: str, dates: bool) -> float:
    if dates:
        day = parse_date(text)
        if day is None:
            raise ValidationError(f"{text!r} is not a date (write 2024-06-01)")
        return float(day.toordinal())
    number = parse_number(text)
    if number is None:
        raise ValidationError(f"{text!r} is not a number")
    return number


def _shown(bound: float, dates: bool) -> str:
    return date.fromordinal(int(bound)).isoformat() if dates else number_label(bound)


@dataclass(frozen=True)
class Scope:
    """What counts; None (or empty) means no restriction. Every condition given must hold."""

    document_ids: frozenset[int] | None = None
    set_ids: frozenset[int] | None = None  # documents in any of these sets
    case_ids: frozenset[int] | None = None
    attribute_values: tuple[tuple[int, frozenset[str]], ...] = ()  # every attribute must take one of its values
    attribute_ranges: tuple[tuple[int, Range], ...] = ()  # every attribute's value must be in its range
    coder_ids: frozenset[int] | None = None
    coded_from: date | None = None  # codings made on or after this day
    coded_to: date | None = None  # codings made on or before this day

    @property
    def by_cases(self) -> bool:
        """Whether the scope asks anything of the cases a place is attributed to."""
        return self.case_ids is not None or bool(self.attribute_values) or bool(self.attribute_ranges)

    @property
    def by_documents(self) -> bool:
        return self.document_ids is not None or self.set_ids is not None


def scope_documents(s: Session, scope: Scope) -> frozenset[int] | None:
    """The documents the scope allows (chosen ones that are in a chosen set); None: every document."""
    allowed = scope.document_ids
    if scope.set_ids is not None:
        members = frozenset(
            d
            for d in s.scalars(
                select(GroupMember.document_id).where(
                    GroupMember.group_id.in_(scope.set_ids), GroupMember.document_id.is_not(None)
                )
            )
            if d is not None
        )
        allowed = members if allowed is None else allowed & members
    return allowed


def in_scope(cases: Iterable[int], scope: Scope, case_values: dict[tuple[int, int], str]) -> bool:
    """Whether a place attributed to these cases passes the scope's case conditions."""
    cases = list(cases)
    if scope.case_ids is not None and not any(c in scope.case_ids for c in cases):
        return False
    for attribute_id, allowed in scope.attribute_values:
        values = {case_values.get((c, attribute_id), NO_VALUE) for c in cases} or {NO_VALUE}
        if not values & allowed:
            return False
    for attribute_id, wanted in scope.attribute_ranges:
        if not any(wanted.holds(case_values.get((c, attribute_id), NO_VALUE)) for c in cases):
            return False
    return True
