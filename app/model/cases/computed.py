"""Computed attributes: an attribute whose values come from a formula over other attributes (`Change = Post - Pre`).

Only the formula is stored; values are worked out whenever they are read. That is the simpler design that is always
right: no stored copy can fall behind its inputs, whichever route changed them (a typed cell, a sheet, an import, an
undo), and undoing a formula change is undoing one column of one row. A study has tens of cases, so reading is cheap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.model.cases.attribute_values import label
from app.model.cases.case_service import read_form
from app.model.cases.formula import Node, Value, evaluate, names_in, parse, result_type
from app.model.core.changes import Topic
from app.model.core.dto import AttributeInfo, AttributeType, CaseInfo
from app.model.core.entities import Attribute, AttributeValue, Case
from app.model.core.errors import NotFoundError, ValidationError
from app.model.project import Project


@dataclass(frozen=True)
class Sheet:
    """The classification sheet: every case, every attribute (typed and computed) and every value."""

    cases: tuple[CaseInfo, ...]
    attributes: tuple[AttributeInfo, ...]
    formulas: Mapping[int, str]  # attribute id → formula, for the computed ones
    values: Mapping[tuple[int, int], Value]  # (case id, attribute id) → value; missing ones absent

    def value(self, case_id: int, attribute_id: int) -> Value:
        return self.values.get((case_id, attribute_id))


def formulas(s: Session) -> dict[int, str]:
    """Each computed attribute's formula by attribute id."""
    return {i: f for i, f in s.execute(select(Attribute.id, Attribute.formula).where(Attribute.formula != ""))}


def sheet(project: Project) -> Sheet:
    attributes = tuple(project.cases.attributes())
    with project.store.read() as s:
        stored = stored_values(s, attributes)
        computing = formulas(s)
    cases = tuple(project.cases.all())
    values = with_computed(attributes, computing, stored, [c.id for c in cases])
    return Sheet(cases, attributes, computing, values)


def stored_values(s: Session, attributes: tuple[AttributeInfo, ...]) -> dict[tuple[int, int], Value]:
    types = {a.id: a.type for a in attributes}
    rows = s.execute(
        select(AttributeValue.case_id, AttributeValue.attribute_id, AttributeValue.text, AttributeValue.number)
    )
    return {(r.case_id, r.attribute_id): read_form(types[r.attribute_id], r.text, r.number) for r in rows}


def computed_labels(s: Session) -> dict[tuple[int, int], str]:
    """Every computed attribute's values as analyses, filters and autocoding show them ("7", "yes"), by
    (case id, attribute id); the typed values are read where they are stored."""
    computing = formulas(s)
    if not computing:
        return {}
    rows = s.execute(select(Attribute.id, Attribute.name, Attribute.type, Attribute.choices, Attribute.position))
    attributes = tuple(AttributeInfo(r.id, r.name, AttributeType(r.type), (), r.position) for r in rows)
    cases = list(s.scalars(select(Case.id)))
    values = with_computed(attributes, computing, stored_values(s, attributes), cases)
    return {key: label(value) for key, value in values.items() if key[1] in computing}


def with_computed(
    attributes: tuple[AttributeInfo, ...],
    computing: Mapping[int, str],
    stored: Mapping[tuple[int, int], Value],
    cases: Sequence[int],
) -> dict[tuple[int, int], Value]:
    """The stored values with every computed attribute's values added, inputs before the formulas that read them."""
    by_name = {a.name: a for a in attributes}
    trees = {i: parse(f, by_name) for i, f in computing.items()}
    values = {key: value for key, value in stored.items() if key[1] not in computing}
    for attribute_id in _in_order(trees, by_name):
        tree = trees[attribute_id]
        reads = names_in(tree)
        for case_id in cases:
            inputs = {name: values.get((case_id, by_name[name].id)) for name in reads}
            result = evaluate(tree, inputs)
            if result is not None:
                values[(case_id, attribute_id)] = result
    return values


def _in_order(trees: Mapping[int, Node], by_name: Mapping[str, AttributeInfo]) -> list[int]:
    order: list[int] = []

    def visit(attribute_id: int) -> None:
        if attribute_id in order:
            return
        for name in names_in(trees[attribute_id]):
            if by_name[name].id in trees:
                visit(by_name[name].id)
        order.append(attribute_id)

    for attribute_id in sorted(trees):
        visit(attribute_id)
    return order


def check_formula(
    attribute: AttributeInfo, formula: str, attributes: tuple[AttributeInfo, ...], computing: Mapping[int, str]
) -> Node:
    """The formula's tree if the attribute may have it: every name known, no cycle, the right type of result."""
    by_name = {a.name: a for a in attributes}
    tree = parse(formula, by_name)
    if attribute.name in names_in(tree):
        raise ValidationError(f"The formula of {attribute.name!r} cannot use {attribute.name!r} itself.")
    trees = {i: parse(f, by_name) for i, f in computing.items() if i != attribute.id} | {attribute.id: tree}
    cycle = _cycle(attribute.id, trees, by_name)
    if cycle:
        names = {a.id: a.name for a in attributes}
        path = " → ".join(names[i] for i in cycle)
        raise ValidationError(f"The formula of {attribute.name!r} would go round in a circle: {path}.")
    check_types(attributes, trees)
    return tree


def check_types(attributes: tuple[AttributeInfo, ...], trees: Mapping[int, Node]) -> None:
    """Every formula gives what its attribute holds and combines what it reads sensibly, given these types."""
    types = {a.name: a.type for a in attributes}
    for attribute_id, tree in trees.items():
        kind = result_type(tree, types)
        target = next(a for a in attributes if a.id == attribute_id)
        if kind is not target.type:
            raise ValidationError(
                f"The formula of {target.name!r} gives {_said(kind)}, but {target.name!r} is {_said(target.type)}."
            )


def parsed(attributes: tuple[AttributeInfo, ...], computing: Mapping[int, str]) -> dict[int, Node]:
    """Every formula's tree, by attribute id."""
    names = [a.name for a in attributes]
    return {attribute_id: parse(formula, names) for attribute_id, formula in computing.items()}


def _said(kind: AttributeType) -> str:
    return {AttributeType.BOOLEAN: "yes/no"}.get(kind, f"a {kind.value}" if kind is not AttributeType.TEXT else "text")


def _cycle(start: int, trees: Mapping[int, Node], by_name: Mapping[str, AttributeInfo]) -> list[int]:
    """The attributes on a path from `start` back to itself through formulas, or [] when there is none."""

    def walk(attribute_id: int, path: list[int]) -> list[int]:
        for name in sorted(names_in(trees[attribute_id])):
            read = by_name[name].id
            if read == start:
                return [*path, read]
            if read in trees and read not in path:
                found = walk(read, [*path, read])
                if found:
                    return found
        return []

    return walk(start, [start])


def set_formula(project: Project, attribute_id: int, formula: str) -> None:
    """Make an attribute computed from `formula` (its typed values go; undo brings them back), or with an empty
    formula typed again (with no values)."""
    formula = formula.strip()
    attributes = tuple(project.cases.attributes())
    attribute = next((a for a in attributes if a.id == attribute_id), None)
    if attribute is None:
        raise NotFoundError("attribute", attribute_id)
    with project.store.write(f"set the formula of {attribute.name!r}") as tx:
        s = tx.session
        if formula:
            check_formula(attribute, formula, attributes, formulas(s))
        s.execute(update(Attribute).where(Attribute.id == attribute_id).values(formula=formula))
        s.execute(delete(AttributeValue).where(AttributeValue.attribute_id == attribute_id))
        tx.detail = f"attribute {attribute_id}: {formula or 'typed'}"
        tx.touch(Topic.ATTRIBUTES, Topic.CASES)
