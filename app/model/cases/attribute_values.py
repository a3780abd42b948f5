"""The order of an attribute's values wherever they are listed: numbers by size, dates in time, choices in their own
order, words naturally ("Site 2" before "Site 10"), and "no value" last.

Values arrive as the text shown to people (numbers like "-1", dates as stored or as typed), so a text attribute
whose values happen to be numbers or dates still sorts them as numbers or dates.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache

from app.model.cases.case_service import parse_number
from app.model.core.dto import AttributeInfo, AttributeType, AttributeValueType

NO_VALUE = "(no value)"

# Bands, so that values of different sorts never compare by meaningless numbers.
_CHOICE, _NUMBER, _DATE, _TEXT, _MISSING = range(5)
# Read by hand, not by strptime: it is slow to fail (most values are not dates) and follows the machine's locale.
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})\.? (\d{4})$")
_MONTH_NAMES = ("january february march april may june july august september october november december").split()
_MONTHS = {name: i for i, full in enumerate(_MONTH_NAMES, 1) for name in (full, full[:3])} | {"sept": 9}
_DIGITS = re.compile(r"(\d+)")

Chunk = tuple[int, float, str]  # a run of digits (0, its number, "") or of other text (1, 0, the text casefolded)
SortKey = tuple[int, float, tuple[Chunk, ...], str]


@lru_cache(maxsize=8192)  # reports sort thousands of excerpts by a handful of values
def sort_key(value: str | None, kind: AttributeType = AttributeType.TEXT, choices: tuple[str, ...] = ()) -> SortKey:
    """Where a value goes among the values of an attribute of this type (and, for a choice, these choices)."""
    if value is None or not value.strip() or value == NO_VALUE:
        return (_MISSING, 0.0, (), "")
    if value in choices:
        return (_CHOICE, float(choices.index(value)), (), value)
    if kind is AttributeType.BOOLEAN and value.strip().casefold() in ("no", "yes"):
        return (_NUMBER, float(value.strip().casefold() == "yes"), (), value)
    number = parse_number(value)
    if number is not None and math.isfinite(number):
        return (_NUMBER, number, (), value)
    day = parse_date(value)
    if day is not None:
        return (_DATE, float(day.toordinal()), (), value)
    return (_TEXT, 0.0, natural(value), value)


def sorted_values(values: Iterable[str], attribute: AttributeInfo | None = None) -> list[str]:
    """The values in the attribute's order (without one: as a text attribute's)."""
    kind = attribute.type if attribute is not None else AttributeType.TEXT
    choices = attribute.choices if attribute is not None else ()
    return sorted(values, key=lambda v: sort_key(v, kind, choices))


def parse_date(text: str) -> date | None:
    """A date written the ISO way (2024-03-05, with or without a time, or 2024/03/05) or spelled out in English
    (5 March 2024, Mar 5, 2024, March 2024). Day/month order in 05/03/2024 is ambiguous, so that is not a date."""
    text = " ".join(text.split())
    if _ISO.match(text):
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            return None
    found = _SLASHED.match(text)
    if found:
        return _day(int(found[1]), int(found[2]), int(found[3]))
    found = _DAY_MONTH_YEAR.match(text)
    if found:
        return _day(int(found[3]), _MONTHS.get(found[2].casefold(), 0), int(found[1]))
    found = _MONTH_DAY_YEAR.match(text)
    if found:
        return _day(int(found[3]), _MONTHS.get(found[1].casefold(), 0), int(found[2]))
    found = _MONTH_YEAR.match(text)
    if found:
        return _day(int(found[2]), _MONTHS.get(found[1].casefold(), 0), 1)
    return None


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def natural(text: str) -> tuple[Chunk, ...]:
    """Text compared word by word and number by number, ignoring case: "site 2" < "Site 10"."""
    return tuple(
        (0, float(part), "") if part.isdigit() else (1, 0.0, part.casefold()) for part in _DIGITS.split(text) if part
    )


def label(value: AttributeValueType) -> str:
    """A typed value as analyses show it: 3 not 3.0, yes/no, ISO dates."""
    if value is None:
        return NO_VALUE
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return number_label(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def number_label(number: float) -> str:
    """3 not 3.0, and every digit a distinct value needs (1234567 is not 1.23457e+06)."""
    return f"{number:.15g}"
