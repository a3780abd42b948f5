"""The names REFI-QDA uses, and how Axial's richer code definitions travel in a plain Description.

A code's inclusion and exclusion criteria and its example have no place of their own in the format, so they follow
the definition as labelled paragraphs, readable in any tool and read back into their fields by Axial.
"""

from __future__ import annotations

import re
from functools import cache

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
CHOICES = "Choices: "  # a choice attribute's values, in a text variable's description

_LABELS = (("inclusion", "Include when: "), ("exclusion", "Exclude when: "), ("example", "Example: "))
_SPLIT = re.compile(r"\n\n(?=(?:Include when|Exclude when|Example): )")
_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def code_description(definition: str, inclusion: str, exclusion: str, example: str) -> str:
    parts = [definition.strip()] if definition.strip() else []
    values = {"inclusion": inclusion, "exclusion": exclusion, "example": example}
    parts += [label + values[field].strip() for field, label in _LABELS if values[field].strip()]
    return "\n\n".join(parts)


def read_code_description(text: str) -> dict[str, str]:
    """The definition and criteria back from a Description (all of it is the definition if unlabelled)."""
    found = {"definition": "", "inclusion": "", "exclusion": "", "example": ""}
    for index, part in enumerate(_SPLIT.split(text.strip())):
        for field, label in _LABELS:
            if part.startswith(label):
                found[field] = part.removeprefix(label).strip()
                break
        else:
            if index == 0:
                found["definition"] = part.strip()
            else:
                found["definition"] += "\n\n" + part.strip()
    return found


@cache  # a file has a handful of tags, met hundreds of thousands of times
def local(tag: object) -> str:
    """An element's name without its namespace, whichever variant of the namespace a tool wrote."""
    name = str(tag)
    return name.rsplit("}", 1)[-1]


def guid(value: str | None) -> str | None:
    """A GUID as Axial keeps it: lower case, no braces (tools write upper case, lower case and braces)."""
    if not value:
        return None
    cleaned = value.strip().strip("{}").lower()
    return cleaned if _GUID.fullmatch(cleaned) else None


def colour(value: str | None) -> str | None:
    """#RRGGBB from #RGB, #RRGGBB, #AARRGGBB, RRGGBB or rgb(r, g, b); None when unreadable."""
    if not value:
        return None
    text = value.strip()
    match = re.fullmatch(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,[^)]*)?\)", text, re.IGNORECASE)
    if match:
        return "#" + "".join(f"{min(int(c), 255):02X}" for c in match.groups())
    hexes = text.lstrip("#")
    if re.fullmatch(r"[0-9A-Fa-f]{3}", hexes):
        return "#" + "".join(c * 2 for c in hexes).upper()
    if re.fullmatch(r"[0-9A-Fa-f]{8}", hexes):
        return "#" + hexes[2:].upper()
    if re.fullmatch(r"[0-9A-Fa-f]{6}", hexes):
        return "#" + hexes.upper()
    return None
