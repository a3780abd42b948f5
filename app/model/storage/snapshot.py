"""Before-images of a set of codes and everything that hangs off them, so deletes and merges undo exactly.

`capture` copies the rows of the codes in scope and of their codings, memos, mappings, relations and rating
evidence. `restore` puts that state back with the same ids: codes are upserted (parents first), and the dependent
rows that now point at those codes are replaced by the captured ones. Codes the operation created inside the scope
are not in the image and are removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Table, delete, insert, or_, select
from sqlalchemy.orm import Session

from app.model.core.dto import Snapshot
from app.model.core.entities import Base
from app.model.storage.upsert import insert_or_update

_CODE = Base.metadata.tables["code"]
_CODING = Base.metadata.tables["coding"]
_MEMO = Base.metadata.tables["memo"]
_MAPPING = Base.metadata.tables["code_mapping"]
_RELATION = Base.metadata.tables["relation"]
_EVIDENCE = Base.metadata.tables["rating_evidence"]
_DISMISSED = Base.metadata.tables["dismissed_pair"]
_POSITION = Base.metadata.tables["diagram_position"]
_CHUNK = 20_000  # stays under SQLite's limit on bound parameters


def capture(session: Session, code_ids: Iterable[int], description: str) -> Snapshot:
    ids = frozenset(code_ids)
    scope = list(ids)
    coding_rows = _rows(session, _CODING, _CODING.c.code_id.in_(scope))
    in_scope_codings = select(_CODING.c.id).where(_CODING.c.code_id.in_(scope))
    rows = {
        "code": _rows(session, _CODE, _CODE.c.id.in_(scope)),
        "coding": coding_rows,
        "memo": _rows(session, _MEMO, _MEMO.c.code_id.in_(scope)),
        "code_mapping": _rows(session, _MAPPING, _MAPPING.c.code_id.in_(scope)),
        "relation": _rows(session, _RELATION, or_(_RELATION.c.source_id.in_(scope), _RELATION.c.target_id.in_(scope))),
        "rating_evidence": _rows(session, _EVIDENCE, _EVIDENCE.c.coding_id.in_(in_scope_codings)),
        "dismissed_pair": _rows(
            session, _DISMISSED, or_(_DISMISSED.c.first_id.in_(scope), _DISMISSED.c.second_id.in_(scope))
        ),
        "diagram_position": _rows(session, _POSITION, _POSITION.c.code_id.in_(scope)),
    }
    return Snapshot(description=description, rows=rows, code_ids=ids)


def restore(session: Session, snapshot: Snapshot) -> None:
    scope = list(snapshot.code_ids)
    captured = {row["id"] for row in snapshot.rows["code"]}
    # Dependent rows that point into the scope now, whatever the operation did to them, go first...
    session.execute(
        delete(_EVIDENCE).where(_EVIDENCE.c.coding_id.in_(select(_CODING.c.id).where(_CODING.c.code_id.in_(scope))))
    )
    session.execute(delete(_CODING).where(_CODING.c.code_id.in_(scope)))
    session.execute(delete(_MEMO).where(_MEMO.c.code_id.in_(scope)))
    session.execute(delete(_MAPPING).where(_MAPPING.c.code_id.in_(scope)))
    session.execute(delete(_RELATION).where(or_(_RELATION.c.source_id.in_(scope), _RELATION.c.target_id.in_(scope))))
    session.execute(delete(_DISMISSED).where(or_(_DISMISSED.c.first_id.in_(scope), _DISMISSED.c.second_id.in_(scope))))
    session.execute(delete(_POSITION).where(_POSITION.c.code_id.in_(scope)))
    # ...the captured codes come back with their ids, parents first, so nothing hangs under a new code...
    upsert = insert_or_update(session, _CODE, key=["id"], update=[c.name for c in _CODE.columns if c.name != "id"])
    for row in _parents_first(snapshot.rows["code"]):
        session.execute(upsert.values(row))
    # ...codes the operation created inside the scope go...
    created = [code_id for code_id in scope if code_id not in captured]
    if created:
        session.execute(delete(_CODE).where(_CODE.c.id.in_(created)))
    # ...and the dependents come back.
    # Codings that a merge collapsed may have been replaced by an identical span elsewhere; ids are the truth.
    coding_ids = [row["id"] for row in snapshot.rows["coding"]]
    for chunk in range(0, len(coding_ids), _CHUNK):
        session.execute(delete(_CODING).where(_CODING.c.id.in_(coding_ids[chunk : chunk + _CHUNK])))
    for table in (_CODING, _MEMO, _MAPPING, _RELATION, _EVIDENCE, _DISMISSED, _POSITION):
        _insert_all(session, table, snapshot.rows[table.name])


_DOCUMENT_TABLES = ("document", "document_source", "paragraph", "speaker", "turn", "document_case", "coding", "memo")


def capture_documents(session: Session, document_ids: Iterable[int], description: str) -> Snapshot:
    """Every row of the documents and what hangs off them (structure, cases, codings, memos, rating evidence)."""
    ids = list(document_ids)
    tables = Base.metadata.tables
    rows = {
        name: _rows(session, tables[name], tables[name].c["id" if name == "document" else "document_id"].in_(ids))
        for name in _DOCUMENT_TABLES
    }
    codings = select(_CODING.c.id).where(_CODING.c.document_id.in_(ids))
    rows["rating_evidence"] = _rows(session, _EVIDENCE, _EVIDENCE.c.coding_id.in_(codings))
    return Snapshot(description=description, rows=rows)


def restore_documents(session: Session, snapshot: Snapshot) -> None:
    """Insert captured documents back with their ids (they must be absent)."""
    tables = Base.metadata.tables
    for name in (*_DOCUMENT_TABLES, "rating_evidence"):
        _insert_all(session, tables[name], snapshot.rows[name])


def _rows(session: Session, table: Table, where: Any) -> tuple[Mapping[str, Any], ...]:
    return tuple(dict(row) for row in session.execute(select(table).where(where)).mappings())


def _insert_all(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    if rows:
        session.execute(insert(table), [dict(row) for row in rows])


def _parents_first(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    by_id = {row["id"]: row for row in rows}

    def depth(row: Mapping[str, Any]) -> int:
        level = 0
        while row["parent_id"] in by_id:
            row = by_id[row["parent_id"]]
            level += 1
        return level

    return sorted(rows, key=depth)
