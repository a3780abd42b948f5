"""The colours a rating is shaded with, on screen and in Word: green for a facilitator, red for a barrier, darker
the stronger; grey for mixed, none for missing or not applicable. Light enough for black text on every one."""

from __future__ import annotations

FILL = {
    "+2": "8FD19E",
    "+1": "CDEBD3",
    "0": "F2F2F2",
    "-1": "F6CFCB",
    "-2": "E8948B",
    "X": "E3D7F0",
}


def fill(value: str | None) -> str | None:
    """The rating's shade as RRGGBB, or None for no shade."""
    return FILL.get(value) if value is not None else None
