"""Clock times as transcribers write them: 1:02, 01:02:03, 00:01:02.500, 0:0:1,5."""

from __future__ import annotations

import re

CLOCK = r"\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?"
_PARTS = re.compile(r"^(\d{1,2}(?::\d{1,2}){1,2})(?:[.,](\d{1,3}))?$")


def to_ms(clock: str) -> int | None:
    """Milliseconds from a clock time (m:ss, h:mm:ss, with optional fraction); None if it is not one."""
    match = _PARTS.match(clock.strip())
    if match is None:
        return None
    numbers = [int(part) for part in match.group(1).split(":")]
    if any(n >= 60 for n in numbers[1:]):
        return None
    seconds = 0
    for number in numbers:
        seconds = seconds * 60 + number
    fraction = match.group(2) or ""
    return seconds * 1000 + (int(fraction.ljust(3, "0")) if fraction else 0)
