"""Names shown on buttons, check boxes, menu items and tabs, where Qt reads "&" as the mark of a keyboard shortcut."""

from __future__ import annotations


def literal(text: str) -> str:
    """The text as written: "Policies & Laws" would show as "Policies _Laws" (an underlined L) unless doubled."""
    return text.replace("&", "&&")
