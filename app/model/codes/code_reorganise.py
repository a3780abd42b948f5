"""Reorganising the code tree during axial coding: a category above chosen codes, many codes moved at once,
some codings of a code split off to another. Each returns the codes it touched, for the change notice."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.model.codes.code_names import named, require_distinct_names
from app.model.core.entities import Code, Coding
from app.model.core.errors import NotFoundError, ValidationError


def _require_codes(s: Session, ids: Sequence[int]) -> dict[int, Code]:
    found = {code.id: code for code in s.scalars(select(Code).where(Code.id.in_(ids)))}
    for code_id in ids:
        if code_id not in found:
            raise NotFoundError("code", code_id)
    return found


def _subtree_ids(s: Session, root: int) -> set[int]:
    tree = select(Code.id).where(Code.id == root).cte("tree", recursive=True)
    tree = tree.union_all(select(Code.id).join(tree, Code.parent_id == tree.c.id))
    return set(s.scalars(select(tree.c.id)))


def _scope(s: Session, ids: Sequence[int], parents: set[int | None]) -> set[int]:
    """The codes a move can renumber: the moved ones and every sibling under the parents involved."""
    scope = set(ids)
    for parent in parents:
        scope |= set(s.scalars(select(Code.id).where(Code.parent_id.is_(parent))))
    return scope


def _check_move(s: Session, ids: list[int], parent_id: int | None) -> dict[int, Code]:
    found = _require_codes(s, ids)
    if parent_id is not None:
        _require_codes(s, [parent_id])
        if any(parent_id in _subtree_ids(s, code_id) for code_id in ids):
            raise ValidationError("A code cannot be moved inside itself or one of its own sub-codes.")
    return found


def _renumber(s: Session, order: Sequence[int], parent_id: int | None) -> None:
    for index, code_id in enumerate(order):
        s.execute(update(Code).where(Code.id == code_id).values(parent_id=parent_id, position=index))


def _place(
    s: Session, ids: list[int], old_parents: set[int | None], parent_id: int | None, position: int | None
) -> None:
    siblings = [
        c
        for c in s.scalars(select(Code.id).where(Code.parent_id.is_(parent_id)).order_by(Code.position))
        if c not in ids
    ]
    at = len(siblings) if position is None else max(0, min(position, len(siblings)))
    _renumber(s, [*siblings[:at], *ids, *siblings[at:]], parent_id)
    for old in old_parents - {parent_id}:
        _renumber(s, list(s.scalars(select(Code.id).where(Code.parent_id.is_(old)).order_by(Code.position))), old)


def move_many(s: Session, code_ids: Sequence[int], parent_id: int | None, position: int | None) -> set[int]:
    """Move codes (in the order given) under `parent_id` at `position` (the end when None)."""
    ids = list(dict.fromkeys(code_ids))
    found = _check_move(s, ids, parent_id)
    old_parents = {found[i].parent_id for i in ids}
    scope = _scope(s, ids, old_parents | {parent_id})
    _place(s, ids, old_parents, parent_id, position)
    return scope


def create_category(
    s: Session, name: str, code_ids: Sequence[int], colour: str, coder_id: int | None, *, codable: bool
) -> tuple[int, set[int]]:
    """A new category where the first chosen code stood, holding the chosen codes in their order."""
    ids = list(dict.fromkeys(code_ids))
    if not ids:
        raise ValidationError("Choose the codes to put under the new category.")
    found = _require_codes(s, ids)
    # Where the first chosen code stood, unless that is inside another chosen code, which moves under the new
    # category: then where that one stood (else the category would end up inside itself).
    moving = set().union(*(_subtree_ids(s, code_id) for code_id in ids))
    first = found[ids[0]]
    while first.parent_id is not None and first.parent_id in moving:
        first = s.get_one(Code, first.parent_id)
    parent_id = first.parent_id
    old_parents = {found[i].parent_id for i in ids}
    scope = _scope(s, ids, old_parents | {parent_id})
    rows = s.execute(select(Code.id, Code.position).where(Code.parent_id.is_(parent_id)).order_by(Code.position))
    staying = [(code_id, position) for code_id, position in rows if code_id not in ids]
    at = sum(1 for _, position in staying if position < first.position)  # where the first chosen code stood
    category_id = s.execute(
        insert(Code)
        .values(
            guid=str(uuid.uuid4()),
            parent_id=parent_id,
            position=at,
            **named(name),
            colour=colour,
            is_codable=codable,
            created_at=datetime.now(),
            created_by=coder_id,
        )
        .returning(Code.id)
    ).scalar_one()
    require_distinct_names(s, ids, category_id)
    _place(s, ids, old_parents, category_id, None)
    order = [code_id for code_id, _ in staying]
    _renumber(s, [*order[:at], category_id, *order[at:]], parent_id)
    return category_id, scope | {category_id}


def split(s: Session, coding_ids: Sequence[int], target_id: int) -> tuple[set[int], set[int]]:
    """Move the chosen codings (all of one code) to `target_id`; identical ones already there collapse.

    Returns the two codes and the documents the codings are in.
    """
    ids = list(dict.fromkeys(coding_ids))
    sources = set(s.scalars(select(Coding.code_id).where(Coding.id.in_(ids))))
    if len(sources) != 1 or len(list(s.scalars(select(Coding.id).where(Coding.id.in_(ids))))) != len(ids):
        raise ValidationError("Choose codings of one code to split off.")
    (source_id,) = sources
    if source_id == target_id:
        raise ValidationError("The codings already have that code.")
    target = _require_codes(s, [target_id])[target_id]
    if not target.is_codable:
        raise ValidationError("This is a category for grouping codes; choose a code to move the codings to.")
    documents = set(s.scalars(select(Coding.document_id).where(Coding.id.in_(ids)).distinct()))
    existing = {
        (row.document_id, row.start, row.end, row.coder_id)
        for row in s.execute(
            select(Coding.document_id, Coding.start, Coding.end, Coding.coder_id).where(Coding.code_id == target_id)
        )
    }
    for coding in s.scalars(select(Coding).where(Coding.id.in_(ids))):
        if (coding.document_id, coding.start, coding.end, coding.coder_id) in existing:
            s.delete(coding)
        else:
            coding.code_id = target_id
    s.flush()
    return {source_id, target_id}, documents
