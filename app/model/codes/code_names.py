"""One rule for finding a code by name: the key under which two names are the same name to a researcher.

The key is the name in Unicode compatibility form (NFKC: full-width letters, ligatures such as "ﬁ"), case folded
the Unicode way ("Ärger" and "ärger", "Straße" and "STRASSE"), with runs of white space as one space. It is stored
beside the name (`code.name_key`) and the schema keeps it unique among siblings; the services, the command line,
the REFI-QDA loader and the search panel all find codes by it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model.core.entities import Code
from app.model.core.errors import ConflictError, ValidationError


def name_key(name: str) -> str:
    if name.isascii():  # the common case, and the same result: NFKC leaves ASCII as it is, casefold is lower
        return " ".join(name.lower().split())
    # NFKC again after folding: casefold can leave a string that is no longer in NFKC form.
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join(folded.split())


def clean_name(name: str) -> str:
    """The name as stored: white space runs collapsed; an empty name is refused."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("A code needs a name.")
    return name


def named(name: str) -> dict[str, str]:
    """The column values that store `name`; the only way a code gets or changes its name."""
    return {"name": name, "name_key": name_key(name)}


def sibling_named(s: Session, parent_id: int | None, name: str, *, ignore: Iterable[int] = ()) -> int | None:
    """The code under `parent_id` (None: the top level) whose name is `name` by the rule above."""
    # `IS NULL` for the top level, `=` otherwise: `IS 5` is SQLite's alone.
    under = Code.parent_id.is_(None) if parent_id is None else Code.parent_id == parent_id
    query = select(Code.id).where(Code.name_key == name_key(name), under)
    ignored = list(ignore)
    if ignored:
        query = query.where(Code.id.not_in(ignored))
    found: int | None = s.scalar(query.limit(1))
    return found


def require_unique_name(s: Session, parent_id: int | None, name: str, *, ignore: Iterable[int] = ()) -> None:
    if sibling_named(s, parent_id, name, ignore=ignore) is not None:
        where = "at the top level" if parent_id is None else "under this category"
        raise ConflictError(f"A code named {name!r} already exists {where}.")


def require_distinct_names(s: Session, code_ids: Iterable[int], parent_id: int | None) -> None:
    """Refuse putting these codes together under `parent_id` when two of them, or one of them and a code already
    there, would be siblings of the same name."""
    ids = list(dict.fromkeys(code_ids))
    rows = s.execute(select(Code.id, Code.name, Code.name_key).where(Code.id.in_(ids))).all()
    seen: dict[str, str] = {}
    for row in rows:
        if row.name_key in seen:
            raise ConflictError(f"“{seen[row.name_key]}” and “{row.name}” cannot be siblings: they have the same name.")
        seen[row.name_key] = row.name
        require_unique_name(s, parent_id, row.name, ignore=ids)
