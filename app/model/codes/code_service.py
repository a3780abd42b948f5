"""The code tree: one tree of codes and categories, in sibling order, with coding counts."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from app.model.codes import code_reorganise
from app.model.codes.code_merge import merge_codes
from app.model.codes.code_names import clean_name, named, require_distinct_names, require_unique_name, sibling_named
from app.model.codes.name_matching import Candidate, near_duplicates
from app.model.core.changes import Topic
from app.model.core.dto import CodeInfo, CodeNode
from app.model.core.entities import Code, Coding, DismissedPair
from app.model.core.errors import ConflictError, NotFoundError, ValidationError
from app.model.storage.unit_of_work import AnyRow, Store
from app.model.storage.upsert import insert_or_ignore

# Distinct, readable on white and on dark backgrounds; new codes take the next one in turn.
PALETTE = (
    "#E6194B", "#3CB44B", "#4363D8", "#F58231", "#911EB4", "#42D4F4", "#F032E6", "#BFEF45",
    "#FABED4", "#469990", "#DCBEFF", "#9A6324", "#FFE119", "#800000", "#AAFFC3", "#808000",
    "#FFD8B1", "#000075", "#A9A9A9",
)  # fmt: skip
# What deleting, merging or restoring codes can change: the codes and everything hanging off them.
_SUBTREE_TOPICS = (Topic.CODES, Topic.CODINGS, Topic.MEMOS, Topic.RELATIONS, Topic.FRAMEWORKS)
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_CODE_COLUMNS = (
    Code.id,
    Code.guid,
    Code.parent_id,
    Code.position,
    Code.name,
    Code.colour,
    Code.is_codable,
    Code.definition,
    Code.inclusion,
    Code.exclusion,
    Code.example,
)


def similar_warning(name: str, similar: Sequence[Candidate]) -> str:
    """“Staff turn-over” is very close to “Staff turnover” (under Staffing), which already exists."""
    listed = ", ".join(f"“{c.name}”" + (f" (under {c.parent})" if c.parent else "") for c in similar[:3])
    return f"“{name}” is very close to {listed}, which already exist{'s' if len(similar) == 1 else ''}."


class SimilarNamesError(ConflictError):
    """A new code's name is very close to existing ones; creating it anyway takes `allow_similar=True`."""

    def __init__(self, name: str, similar: Sequence[Candidate]) -> None:
        super().__init__(similar_warning(name, similar))
        self.name = name
        self.similar = tuple(similar)


class CodeService:
    def __init__(self, store: Store) -> None:
        self._store = store

    # --- reading -------------------------------------------------------------------------------------------

    def get(self, code_id: int) -> CodeInfo:
        with self._store.read() as s:
            row = s.execute(select(*_CODE_COLUMNS).where(Code.id == code_id)).one_or_none()
        if row is None:
            raise NotFoundError("code", code_id)
        return _info(row)

    def all(self) -> dict[int, CodeInfo]:
        """Every code by id, without counting codings (the tree counts them all: a fifth of opening a project)."""
        with self._store.read() as s:
            return {row.id: _info(row) for row in s.execute(select(*_CODE_COLUMNS))}

    def tree(self, coders: frozenset[int] | None = None) -> list[CodeNode]:
        """Every code in display order (depth first, siblings by position) with own and total coding counts (of
        only these `coders`' codings when given)."""
        counted = select(Coding.code_id, func.count()).group_by(Coding.code_id)
        if coders is not None:
            counted = counted.where(Coding.coder_id.in_(coders))
        with self._store.read() as s:
            rows = s.execute(select(*_CODE_COLUMNS).order_by(Code.parent_id, Code.position, Code.id)).all()
            own = dict(s.execute(counted).all())
        children: dict[int | None, list[CodeInfo]] = {}
        for row in rows:
            code = _info(row)
            children.setdefault(code.parent_id, []).append(code)
        totals: dict[int, int] = {}

        def total(code_id: int) -> int:
            if code_id not in totals:
                totals[code_id] = own.get(code_id, 0) + sum(total(c.id) for c in children.get(code_id, []))
            return totals[code_id]

        nodes: list[CodeNode] = []
        stack: list[tuple[CodeInfo, int, tuple[str, ...]]] = [(c, 0, ()) for c in reversed(children.get(None, []))]
        while stack:
            code, depth, parent_path = stack.pop()
            kids = children.get(code.id, [])
            path = (*parent_path, code.name)
            nodes.append(CodeNode(code, depth, path, own.get(code.id, 0), total(code.id), tuple(k.id for k in kids)))
            stack.extend((k, depth + 1, path) for k in reversed(kids))
        return nodes

    def own_counts(self, code_ids: Iterable[int], coders: frozenset[int] | None = None) -> dict[int, int]:
        """How many codings each code has itself (0 included; only these `coders`' when given), without building
        the tree."""
        ids = list(code_ids)
        counted = select(Coding.code_id, func.count()).where(Coding.code_id.in_(ids)).group_by(Coding.code_id)
        if coders is not None:
            counted = counted.where(Coding.coder_id.in_(coders))
        with self._store.read() as s:
            found = dict(s.execute(counted).all())
        return {code_id: found.get(code_id, 0) for code_id in ids}

    def similar_names(self, name: str) -> list[Candidate]:
        """Codes and categories anywhere in the tree whose names are very close to `name`, closest first."""
        with self._store.read() as s:
            return _similar(s, clean_name(name))

    def child_named(self, parent_id: int | None, name: str) -> int | None:
        """The code under `parent_id` (None: the top level) that a new code named `name` would clash with."""
        with self._store.read() as s:
            return sibling_named(s, parent_id, name)

    def descendants(self, code_id: int) -> list[int]:
        """The code and every code below it."""
        with self._store.read() as s:
            return _subtree(s, code_id)

    # --- writing -------------------------------------------------------------------------------------------

    def create(
        self,
        name: str,
        parent_id: int | None = None,
        *,
        colour: str | None = None,
        is_codable: bool = True,
        definition: str = "",
        position: int | None = None,
        allow_similar: bool = False,
        guid: str | None = None,
    ) -> CodeInfo:
        """A new code; a name very close to an existing one raises `SimilarNamesError` unless `allow_similar`.

        `guid`: the one it has in the project file it comes from (a new one when None).
        """
        name = clean_name(name)
        with self._store.write(f"create code {name!r}") as tx:
            s = tx.session
            _require_parent(s, parent_id)
            require_unique_name(s, parent_id, name)
            if not allow_similar and (similar := _similar(s, name)):
                raise SimilarNamesError(name, similar)
            siblings = _sibling_ids(s, parent_id)
            index = len(siblings) if position is None else max(0, min(position, len(siblings)))
            if colour is None:
                colour = PALETTE[(s.scalar(select(func.count()).select_from(Code)) or 0) % len(PALETTE)]
            code_id = s.execute(
                insert(Code)
                .values(
                    guid=guid or str(uuid.uuid4()),
                    parent_id=parent_id,
                    position=index,
                    **named(name),
                    colour=_clean_colour(colour),
                    is_codable=is_codable,
                    definition=definition,
                    created_at=datetime.now(),
                    created_by=tx.coder_id,
                )
                .returning(Code.id)
            ).scalar_one()
            _renumber(s, [*siblings[:index], code_id, *siblings[index:]])
            tx.detail = f"code {code_id}"
            tx.touch(Topic.CODES, codes=[code_id])
        return self.get(code_id)

    def rename(self, code_id: int, name: str) -> None:
        name = clean_name(name)
        with self._store.write(f"rename code to {name!r}") as tx:
            parent_id = _parent_of(tx.session, code_id)
            require_unique_name(tx.session, parent_id, name, ignore=[code_id])
            tx.session.execute(update(Code).where(Code.id == code_id).values(**named(name)))
            tx.detail = f"code {code_id}"
            tx.touch(Topic.CODES, codes=[code_id])

    def recolour(self, code_id: int, colour: str) -> None:
        colour = _clean_colour(colour)
        with self._store.write("recolour code") as tx:
            _parent_of(tx.session, code_id)
            tx.session.execute(update(Code).where(Code.id == code_id).values(colour=colour))
            tx.detail = f"code {code_id} to {colour}"
            tx.touch(Topic.CODES, codes=[code_id])

    def set_details(
        self,
        code_id: int,
        *,
        definition: str | None = None,
        inclusion: str | None = None,
        exclusion: str | None = None,
        example: str | None = None,
        is_codable: bool | None = None,
    ) -> None:
        """Change any of the codebook fields; `None` leaves a field as it is."""
        given = {
            "definition": definition,
            "inclusion": inclusion,
            "exclusion": exclusion,
            "example": example,
            "is_codable": is_codable,
        }
        values = {key: value for key, value in given.items() if value is not None}
        with self._store.write("edit code definition") as tx:
            _parent_of(tx.session, code_id)
            if values:
                tx.session.execute(update(Code).where(Code.id == code_id).values(**values))
            tx.detail = f"code {code_id}: {', '.join(sorted(values))}"
            tx.touch(Topic.CODES, codes=[code_id])

    def move(self, code_id: int, parent_id: int | None, position: int | None = None) -> tuple[int | None, int]:
        """Reparent and/or reorder; returns the old (parent, position) so the move can be undone."""
        with self._store.write("move code") as tx:
            s = tx.session
            old = s.execute(select(Code.parent_id, Code.position, Code.name).where(Code.id == code_id)).one_or_none()
            if old is None:
                raise NotFoundError("code", code_id)
            _require_parent(s, parent_id)
            if parent_id is not None and parent_id in _subtree(s, code_id):
                raise ValidationError("A code cannot be moved inside itself or one of its own sub-codes.")
            if parent_id != old.parent_id:
                require_unique_name(s, parent_id, old.name, ignore=[code_id])
            old_siblings = [c for c in _sibling_ids(s, old.parent_id) if c != code_id]
            _renumber(s, old_siblings)
            new_siblings = old_siblings if parent_id == old.parent_id else _sibling_ids(s, parent_id)
            index = len(new_siblings) if position is None else max(0, min(position, len(new_siblings)))
            s.execute(update(Code).where(Code.id == code_id).values(parent_id=parent_id))
            _renumber(s, [*new_siblings[:index], code_id, *new_siblings[index:]])
            tx.detail = f"code {code_id} to parent {parent_id} at {index}"
            tx.touch(Topic.CODES, codes=[code_id])
        return old.parent_id, old.position

    def delete(self, code_id: int) -> None:
        """Delete a code, its sub-codes and all their codings."""
        with self._store.write("delete code") as tx:
            s = tx.session
            parent_id = _parent_of(s, code_id)
            ids = _subtree(s, code_id)
            counts = s.execute(
                select(Coding.document_id, func.count()).where(Coding.code_id.in_(ids)).group_by(Coding.document_id)
            ).all()
            s.execute(delete(Code).where(Code.id == code_id))
            _renumber(s, _sibling_ids(s, parent_id))
            codings = sum(count for _, count in counts)
            tx.detail = f"code {code_id} with {len(ids) - 1} sub-codes and {codings} codings"
            tx.touch(*_SUBTREE_TOPICS, documents={document for document, _ in counts}, codes=ids)

    def merge(self, source_ids: Sequence[int], target_id: int, *, make_codable: bool = False) -> None:
        """Merge codes into `target_id` (see `code_merge`)."""
        with self._store.write("merge codes") as tx:
            codes, documents = merge_codes(tx.session, list(source_ids), target_id, make_codable=make_codable)
            tx.detail = f"codes {sorted(source_ids)} into {target_id}"
            tx.touch(*_SUBTREE_TOPICS, documents=documents, codes=codes)

    def create_category(
        self,
        name: str,
        code_ids: Sequence[int],
        *,
        colour: str | None = None,
        codable: bool = False,
        allow_similar: bool = False,
    ) -> CodeInfo:
        """A category above the chosen codes in one step (a pure folder unless `codable`).

        Like `create`, a name very close to an existing code's raises `SimilarNamesError` unless `allow_similar`.
        """
        name = clean_name(name)
        with self._store.write(f"create category {name!r}") as tx:
            s = tx.session
            first = s.scalar(select(Code.parent_id).where(Code.id == code_ids[0])) if code_ids else None
            require_unique_name(s, first, name)
            if not allow_similar and (similar := _similar(s, name)):
                raise SimilarNamesError(name, similar)
            count = s.scalar(select(func.count()).select_from(Code)) or 0
            category_id, codes = code_reorganise.create_category(
                s, name, code_ids, _clean_colour(colour or PALETTE[count % len(PALETTE)]), tx.coder_id, codable=codable
            )
            tx.detail = f"category {category_id} above codes {list(code_ids)}"
            tx.touch(Topic.CODES, codes=codes)
        return self.get(category_id)

    def move_many(self, code_ids: Sequence[int], parent_id: int | None, position: int | None = None) -> None:
        """Move several codes at once (kept in the order given)."""
        with self._store.write("move codes") as tx:
            require_distinct_names(tx.session, code_ids, parent_id)
            codes = code_reorganise.move_many(tx.session, code_ids, parent_id, position)
            tx.detail = f"codes {list(code_ids)} to parent {parent_id}"
            tx.touch(Topic.CODES, codes=codes)

    def split(self, coding_ids: Sequence[int], target_id: int) -> None:
        """Move chosen codings of a code to another code (create it first to split into a new one)."""
        with self._store.write("split code") as tx:
            codes, documents = code_reorganise.split(tx.session, coding_ids, target_id)
            tx.detail = f"{len(coding_ids)} codings to code {target_id}"
            tx.touch(Topic.CODES, Topic.CODINGS, documents=documents, codes=codes)

    def dismiss_similarity(self, first_id: int, second_id: int) -> None:
        """Say two codes are not duplicates, so the similar-codes view stops proposing them together."""
        low, high = sorted((first_id, second_id))
        with self._store.write("mark codes as not similar") as tx:
            _parent_of(tx.session, low)
            _parent_of(tx.session, high)
            tx.session.execute(insert_or_ignore(tx.session, DismissedPair).values(first_id=low, second_id=high))
            tx.touch(Topic.CODES, codes=[low, high])

    def dismissed_pairs(self) -> set[tuple[int, int]]:
        with self._store.read() as s:
            return {
                (row.first_id, row.second_id)
                for row in s.execute(select(DismissedPair.first_id, DismissedPair.second_id))
            }


def _info(row: AnyRow) -> CodeInfo:
    return CodeInfo(**row._asdict())


def _clean_colour(colour: str) -> str:
    if not _COLOUR.match(colour):
        raise ValidationError(f"{colour!r} is not a colour (expected #RRGGBB).")
    return colour.upper()


def _parent_of(s: Session, code_id: int) -> int | None:
    row = s.execute(select(Code.parent_id).where(Code.id == code_id)).one_or_none()
    if row is None:
        raise NotFoundError("code", code_id)
    parent: int | None = row.parent_id
    return parent


def _require_parent(s: Session, parent_id: int | None) -> None:
    if parent_id is not None and s.scalar(select(Code.id).where(Code.id == parent_id)) is None:
        raise NotFoundError("code", parent_id)


def _similar(s: Session, name: str) -> list[Candidate]:
    rows = s.execute(select(Code.id, Code.parent_id, Code.name)).all()
    names = {row.id: row.name for row in rows}
    parents = {row.id: row.parent_id for row in rows}

    def path(code_id: int) -> str:
        parts: list[str] = []
        current: int | None = code_id
        while current is not None and len(parts) <= len(rows):  # the bound guards against a corrupt cycle
            parts.append(names[current])
            current = parents.get(current)
        return " / ".join(reversed(parts))

    existing = [Candidate(row.id, row.name, "") for row in rows]
    return [
        Candidate(r.candidate.code_id, r.candidate.name, path(r.candidate.code_id))
        for r in near_duplicates(name, existing)
    ]


def _sibling_ids(s: Session, parent_id: int | None) -> list[int]:
    return list(s.scalars(select(Code.id).where(Code.parent_id.is_(parent_id)).order_by(Code.position, Code.id)))


def _renumber(s: Session, ordered_ids: Sequence[int]) -> None:
    """Give siblings the positions 0..n-1 in the given order, writing only the ones that change."""
    current = dict(s.execute(select(Code.id, Code.position).where(Code.id.in_(ordered_ids))).all())
    changed = [{"b_id": code_id, "b_pos": i} for i, code_id in enumerate(ordered_ids) if current.get(code_id) != i]
    if changed:
        s.connection().execute(
            update(Code).where(Code.id == bindparam("b_id")).values(position=bindparam("b_pos")), changed
        )


def _subtree(s: Session, code_id: int) -> list[int]:
    tree = select(Code.id).where(Code.id == code_id).cte("tree", recursive=True)
    tree = tree.union_all(select(Code.id).join(tree, Code.parent_id == tree.c.id))
    return list(s.scalars(select(tree.c.id)))
