"""Renaming and deleting an attribute without breaking the formulas that read it."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update

from app.model.cases.computed import formulas
from app.model.cases.formula import names_in, parse, renamed
from app.model.core.changes import Topic
from app.model.core.dto import AttributeInfo
from app.model.core.entities import Attribute, RatingUnit
from app.model.core.errors import ConflictError, NotFoundError, ValidationError
from app.model.project import Project


def rename_attribute(project: Project, attribute_id: int, name: str) -> AttributeInfo:
    """Give an attribute a new name; every formula that reads it is rewritten to read the new name."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("An attribute needs a name.")
    attributes = project.cases.attributes()
    attribute = _find(attributes, attribute_id)
    # Formulas match names ignoring case, so two names that differ only in case could not be told apart.
    if any(a.id != attribute_id and a.name.casefold() == name.casefold() for a in attributes):
        raise ConflictError(f"An attribute named {name!r} already exists.")
    names = [a.name for a in attributes]
    with project.store.write(f"rename attribute {attribute.name!r} to {name!r}") as tx:
        s = tx.session
        for reader_id, formula in formulas(s).items():
            rewritten = renamed(formula, names, attribute.name, name)
            if rewritten != formula:
                s.execute(update(Attribute).where(Attribute.id == reader_id).values(formula=rewritten))
        s.execute(update(Attribute).where(Attribute.id == attribute_id).values(name=name))
        tx.detail = f"attribute {attribute_id}"
        tx.touch(Topic.ATTRIBUTES, Topic.CASES)
    return _find(project.cases.attributes(), attribute_id)


def delete_attribute(project: Project, attribute_id: int) -> None:
    """Delete an attribute with its values; refused, saying why, while a formula reads it or the ratings matrix has
    columns for its values (deleting it would silently drop those formulas or ratings)."""
    attributes = project.cases.attributes()
    attribute = _find(attributes, attribute_id)
    names = [a.name for a in attributes]
    by_id = {a.id: a.name for a in attributes}
    with project.store.write(f"delete attribute {attribute.name!r}") as tx:
        s = tx.session
        readers = sorted(
            by_id[i] for i, formula in formulas(s).items() if attribute.name in names_in(parse(formula, names))
        )
        if readers:
            raise ValidationError(
                f"{attribute.name!r} is read by the formula of {', '.join(repr(r) for r in readers)}: "
                "change or delete that formula first."
            )
        units = s.scalar(select(func.count()).where(RatingUnit.attribute_id == attribute_id)) or 0
        if units:
            raise ValidationError(
                f"The ratings matrix has columns for the values of {attribute.name!r}: remove those first."
            )
        s.execute(delete(Attribute).where(Attribute.id == attribute_id))
        # The attributes after it move up, so a new one (added at the count) never shares a position.
        s.execute(
            update(Attribute).where(Attribute.position > attribute.position).values(position=Attribute.position - 1)
        )
        tx.detail = f"attribute {attribute_id}"
        tx.touch(Topic.ATTRIBUTES, Topic.CASES)


def _find(attributes: list[AttributeInfo], attribute_id: int) -> AttributeInfo:
    found = next((a for a in attributes if a.id == attribute_id), None)
    if found is None:
        raise NotFoundError("attribute", attribute_id)
    return found
