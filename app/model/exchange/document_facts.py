"""What REFI-QDA has no field for on a source, written into its description so Axial reads it back.

Other tools show the description as it is, so it is written for people: "Kind: focus group" and
"Interview date: 2024-05-01", one per line. Anything else in a description is left alone.
"""

from __future__ import annotations

import re
from datetime import date

from app.model.core.dto import DocumentKind

_KIND = re.compile(r"^Kind: (.+)$", re.MULTILINE)
_DATE = re.compile(r"^Interview date: (\d{4}-\d{2}-\d{2})$", re.MULTILINE)
_KINDS = {kind.label: kind for kind in DocumentKind}


def describe(kind: DocumentKind, interview_date: date | None) -> str:
    lines = [f"Kind: {kind.label}"]
    if interview_date is not None:
        lines.append(f"Interview date: {interview_date.isoformat()}")
    return "\n".join(lines)


def read(description: str) -> tuple[DocumentKind | None, date | None]:
    """The kind and interview date a description names; None for what it does not name (or names unreadably)."""
    kind = _KIND.search(description)
    when = _DATE.search(description)
    try:
        interview_date = date.fromisoformat(when.group(1)) if when else None
    except ValueError:
        interview_date = None
    return (_KINDS.get(kind.group(1).strip()) if kind else None), interview_date
