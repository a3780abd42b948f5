"""Which side changed what since a copy was handed out, read from each project's operation log: the copy's history
starts at the hand-out, and this project's operations done since then are its own. A merge conflict changed in the
copy alone can then be taken the copy's way by default; one changed here alone keeps this project's.

Each change is named as a merge conflict's key (`Conflict.key`): "code-name:GUID", "value:CASE:ATTRIBUTE"…"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.model.core.entities import Attribute, AuditEntry, Case, Operation, OperationChange, OperationStep
from app.model.project import Project
from app.model.teams.handout import HANDED_OUT

# A table's changed columns as the conflicts they make; codings and memos are compared as a whole.
_FACETS: dict[str, dict[str, str]] = {
    "code": {
        "name": "code-name", "parent_id": "code-parent", "colour": "code-colour", "definition": "code-details",
        "inclusion": "code-details", "exclusion": "code-details", "example": "code-details",
    },
    "document": {"name": "document-name"},
    "case": {"name": "case-name", "description": "case-description"},
    "attribute": {"name": "attribute-name"},
    "coding": {"code_id": "coding", "start": "coding", "end": "coding", "memo": "coding"},
    "memo": {"title": "memo", "body": "memo"},
}  # fmt: skip


@dataclass(frozen=True)
class Changed:
    copy: frozenset[str]  # the conflict keys the copy changed since its hand-out
    here: frozenset[str]  # those this project changed since then


def changed_since_handout(project: Project, copy: Project) -> Changed | None:
    """None when the copy does not say when it was handed out (a copy saved some other way)."""
    with copy.store.read() as s:
        handed = s.scalar(
            select(AuditEntry.at).where(AuditEntry.action.startswith(HANDED_OUT)).order_by(AuditEntry.id).limit(1)
        )
        if handed is None:
            return None
        theirs = _keys(s, None)
    with project.store.read() as s:
        return Changed(frozenset(theirs), frozenset(_keys(s, handed)))


def _keys(s: Session, since: datetime | None) -> set[str]:
    """The conflict keys the operations still done (since `since`, when given) changed."""
    done = select(Operation.id).where(Operation.state == "done")
    if since is not None:
        first = select(OperationStep.operation_id).group_by(OperationStep.operation_id)
        done = done.where(Operation.id.in_(first.having(func.min(OperationStep.at) >= since)))
    tables = ["attribute_value", *_FACETS]
    rows = s.execute(select(OperationChange.tbl, OperationChange.before, OperationChange.after).where(
        OperationChange.operation_id.in_(done), OperationChange.tbl.in_(tables),
        # A row made is no conflict (a value set where none was is): tens of thousands of codings go unread.
        or_(OperationChange.before.is_not(None), OperationChange.tbl == "attribute_value"),
    ))  # fmt: skip
    cases: dict[int, str] = {row.id: row.guid for row in s.execute(select(Case.id, Case.guid))}
    attributes: dict[int, str] = {row.id: row.guid for row in s.execute(select(Attribute.id, Attribute.guid))}
    keys: set[str] = set()
    for table, before_text, after_text in rows:
        for before, after in _pairs(before_text, after_text):
            if table == "attribute_value":
                row = before or after
                case, attribute = cases.get(int(row["case_id"])), attributes.get(int(row["attribute_id"]))
                if case is not None and attribute is not None:
                    keys.add(f"value:{case}:{attribute}")
                continue
            guid = _text((before or after).get("guid", ""))
            if table == "coding" and not after:
                keys.add(f"coding-deleted:{guid}")
            for column, kind in _FACETS[table].items():
                if before.get(column) != after.get(column):
                    keys.add(f"{kind}:{guid}")
    return keys


def _pairs(before: str | None, after: str | None) -> list[tuple[dict[str, str], dict[str, str]]]:
    """A change's rows before and after (one row, or a batch of them paired by id; {} where absent)."""
    old, new = _rows(before), _rows(after)
    if len(old) <= 1 and len(new) <= 1:
        return [(old[0] if old else {}, new[0] if new else {})]
    by_id = {row.get("id"): row for row in new}
    paired = [(row, by_id.pop(row.get("id"), {})) for row in old]
    return paired + [({}, row) for row in by_id.values()]


def _rows(text: str | None) -> list[dict[str, str]]:
    if text is None:
        return []
    found = json.loads(text)
    return [dict(row) for row in found] if isinstance(found, list) else [dict(found)]


def _text(literal: str) -> str:
    """A text column's SQL literal ('abc', quotes doubled inside) as the text."""
    return literal[1:-1].replace("''", "'") if literal.startswith("'") else literal
