"""Merging codes: every coding moves to the target, identical codings collapse, nothing written is lost.

Definitions, inclusion/exclusion criteria and examples are appended to the target's under the source's name;
code memos, CFIR mappings and relations move to the target; sub-codes of a source become sub-codes of the target.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy.orm import Session, aliased

from app.model.codes.code_names import require_distinct_names
from app.model.core.entities import Code, CodeMapping, Coding, Memo, Relation
from app.model.core.errors import NotFoundError, ValidationError

_TEXT_FIELDS = ("definition", "inclusion", "exclusion", "example")


def merge_codes(
    s: Session, source_ids: Sequence[int], target_id: int, *, make_codable: bool = False
) -> tuple[set[int], set[int]]:
    """Merge `source_ids` into `target_id`; return the codes and the documents whose codings changed.

    A category holds no codings: merging coded codes into one is refused unless `make_codable` turns it into a code.
    """
    sources = list(dict.fromkeys(source_ids))
    if not sources:
        raise ValidationError("Choose at least one code to merge.")
    if target_id in sources:
        raise ValidationError("A code cannot be merged into itself.")
    found = {row.id: row for row in s.execute(select(Code).where(Code.id.in_([*sources, target_id]))).scalars()}
    for code_id in [*sources, target_id]:
        if code_id not in found:
            raise NotFoundError("code", code_id)
    ancestors = _ancestors(s, target_id)
    if any(source in ancestors for source in sources):
        raise ValidationError("A category cannot be merged into one of its own sub-codes.")

    children = list(s.scalars(select(Code.id).where(Code.parent_id.in_(sources))))
    require_distinct_names(s, children, target_id)  # the sub-codes become the target's
    codes = {target_id, *sources, *children}
    documents = set(s.scalars(select(Coding.document_id).where(Coding.code_id.in_(codes)).distinct()))

    target = found[target_id]
    if not target.is_codable and s.scalar(select(Coding.id).where(Coding.code_id.in_(sources)).limit(1)) is not None:
        if not make_codable:
            raise ValidationError(
                f"“{target.name}” is a category, which cannot hold codings. Merge into one of its codes, "
                "or let the merge make it a code."
            )
        target.is_codable = True
    for source_id in sources:
        source = found[source_id]
        for field in _TEXT_FIELDS:
            addition = getattr(source, field).strip()
            if addition:
                existing = getattr(target, field).strip()
                merged = f"{existing}\n\n[{source.name}] {addition}" if existing else f"[{source.name}] {addition}"
                setattr(target, field, merged)
        _move_codings(s, source_id, target_id)
        s.execute(update(Memo).where(Memo.code_id == source_id).values(code_id=target_id))
        _move_mappings(s, source_id, target_id)
        s.execute(update(Relation).where(Relation.source_id == source_id).values(source_id=target_id))
        s.execute(update(Relation).where(Relation.target_id == source_id).values(target_id=target_id))
        next_position = s.scalar(select(func.count()).where(Code.parent_id == target_id)) or 0
        for offset, child_id in enumerate(
            s.scalars(select(Code.id).where(Code.parent_id == source_id).order_by(Code.position))
        ):
            s.execute(
                update(Code).where(Code.id == child_id).values(parent_id=target_id, position=next_position + offset)
            )
    s.flush()
    # A relation between two merged codes would now point from the target to itself.
    s.execute(delete(Relation).where(Relation.source_id == target_id, Relation.target_id == target_id))
    s.execute(delete(Code).where(Code.id.in_(sources)))
    return codes, documents


def _move_codings(s: Session, source_id: int, target_id: int) -> None:
    kept = aliased(Coding)
    duplicate = and_(
        kept.code_id == target_id,
        kept.document_id == Coding.document_id,
        kept.start == Coding.start,
        kept.end == Coding.end,
        kept.coder_id.is_(Coding.coder_id),
    )
    # A collapsing coding's memo survives on the coding it collapses into.
    pairs = s.execute(
        select(kept.id, kept.memo, Coding.memo)
        .join(kept, duplicate)
        .where(Coding.code_id == source_id, Coding.memo != "")
    ).all()
    for kept_id, kept_memo, lost_memo in pairs:
        memo = f"{kept_memo}\n\n{lost_memo}" if kept_memo else lost_memo
        s.execute(update(Coding).where(Coding.id == kept_id).values(memo=memo))
    s.execute(delete(Coding).where(Coding.code_id == source_id, select(kept.id).where(duplicate).exists()))
    s.execute(update(Coding).where(Coding.code_id == source_id).values(code_id=target_id))


def _move_mappings(s: Session, source_id: int, target_id: int) -> None:
    rows = s.execute(select(CodeMapping.node_id, CodeMapping.created_at).where(CodeMapping.code_id == source_id)).all()
    have = set(s.scalars(select(CodeMapping.node_id).where(CodeMapping.code_id == target_id)))
    new = [{"code_id": target_id, "node_id": node, "created_at": at} for node, at in rows if node not in have]
    if new:
        s.execute(insert(CodeMapping), new)


def _ancestors(s: Session, code_id: int) -> set[int]:
    seen: set[int] = set()
    parent = s.scalar(select(Code.parent_id).where(Code.id == code_id))
    while parent is not None and parent not in seen:
        seen.add(parent)
        parent = s.scalar(select(Code.parent_id).where(Code.id == parent))
    return seen
