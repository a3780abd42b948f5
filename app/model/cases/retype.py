"""Changing an attribute's type or its list of choices, only when every value it holds still fits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update

from app.model.cases.attribute_values import label, sorted_values
from app.model.cases.case_service import convert, store_values
from app.model.cases.computed import check_types, formulas, parsed, stored_values
from app.model.core.changes import Topic
from app.model.core.dto import AttributeInfo, AttributeType
from app.model.core.entities import Attribute, Case
from app.model.core.errors import NotFoundError, ValidationError
from app.model.project import Project

_SHOWN_AT_MOST = 10


@dataclass(frozen=True)
class Misfit:
    """A case's value that does not fit the attribute's new type or choices."""

    case: str
    value: str


def misfits(project: Project, attribute_id: int, type: AttributeType, choices: Sequence[str] = ()) -> list[Misfit]:
    """The values that would not convert (in case order); empty when the change may go ahead."""
    attribute = _attribute(project, attribute_id)
    wanted = AttributeInfo(attribute.id, attribute.name, type, tuple(c.strip() for c in choices), attribute.position)
    return [misfit for misfit, _ in _converted(project, attribute, wanted) if misfit is not None]


def retype(project: Project, attribute_id: int, type: AttributeType, choices: Sequence[str] = ()) -> AttributeInfo:
    """Give an attribute a new type (and for a choice its choices: by default the values it holds), converting every
    value; refused, with the values that do not fit, when any does not. Nothing changes then."""
    attribute = _attribute(project, attribute_id)
    if type is AttributeType.CHOICE and not choices:
        with project.store.read() as s:
            held = stored_values(s, tuple(project.cases.attributes()))
        choices = sorted_values({label(v) for (_, a), v in held.items() if a == attribute_id}, attribute)
        if not choices:
            raise ValidationError(f"The choice attribute {attribute.name!r} needs at least one choice.")
    wanted = AttributeInfo(attribute.id, attribute.name, type, tuple(c.strip() for c in choices), attribute.position)
    converted = _converted(project, attribute, wanted)
    bad = [misfit for misfit, _ in converted if misfit is not None]
    if bad:
        raise ValidationError(_refusal(attribute, wanted, bad))
    attributes = tuple(wanted if a.id == attribute_id else a for a in project.cases.attributes())
    with project.store.write(f"retype attribute {attribute.name!r}") as tx:
        s = tx.session
        check_types(attributes, parsed(attributes, formulas(s)))  # formulas reading it, or its own, still fit
        s.execute(
            update(Attribute)
            .where(Attribute.id == attribute_id)
            .values(type=type.value, choices="\n".join(wanted.choices))
        )
        store_values(s, [row for _, row in converted if row is not None])
        tx.detail = f"attribute {attribute_id} ({attribute.type.value} to {type.value})"
        tx.touch(Topic.ATTRIBUTES, Topic.CASES)
    return next(a for a in project.cases.attributes() if a.id == attribute_id)


def set_choices(project: Project, attribute_id: int, choices: Sequence[str]) -> AttributeInfo:
    """A choice attribute's new list of choices (in display order); refused when a value held is not among them."""
    attribute = _attribute(project, attribute_id)
    if attribute.type is not AttributeType.CHOICE:
        raise ValidationError(f"{attribute.name!r} is {attribute.type.value}, not a choice: it has no choices.")
    cleaned = list(dict.fromkeys(c.strip() for c in choices if c.strip()))
    if not cleaned:
        raise ValidationError(f"The choice attribute {attribute.name!r} needs at least one choice.")
    return retype(project, attribute_id, AttributeType.CHOICE, cleaned)


def _attribute(project: Project, attribute_id: int) -> AttributeInfo:
    found = next((a for a in project.cases.attributes() if a.id == attribute_id), None)
    if found is None:
        raise NotFoundError("attribute", attribute_id)
    return found


def _converted(
    project: Project, attribute: AttributeInfo, wanted: AttributeInfo
) -> list[tuple[Misfit | None, dict[str, object] | None]]:
    with project.store.read() as s:
        held = stored_values(s, tuple(project.cases.attributes()))
        names: dict[int, str] = {case_id: name for case_id, name in s.execute(select(Case.id, Case.name))}
    results: list[tuple[Misfit | None, dict[str, object] | None]] = []
    for (case_id, attribute_id), value in sorted(held.items(), key=lambda item: names[item[0][0]]):
        if attribute_id != attribute.id:
            continue
        shown = label(value)
        try:
            text, number = convert(wanted, shown)
        except ValidationError:
            results.append((Misfit(names[case_id], shown), None))
            continue
        row: dict[str, object] = {"case_id": case_id, "attribute_id": attribute_id, "text": text, "number": number}
        results.append((None, row))
    return results


def _refusal(attribute: AttributeInfo, wanted: AttributeInfo, bad: list[Misfit]) -> str:
    kinds = {AttributeType.CHOICE: f"one of {', '.join(wanted.choices)}", AttributeType.BOOLEAN: "yes or no"}
    kind = kinds.get(wanted.type, f"a {wanted.type.value}")
    shown = "; ".join(f"{m.case}: {m.value!r}" for m in bad[:_SHOWN_AT_MOST])
    more = f"; and {len(bad) - _SHOWN_AT_MOST} more" if len(bad) > _SHOWN_AT_MOST else ""
    return (
        f"{attribute.name!r} stays {attribute.type.value}: {len(bad)} of its values "
        f"{'is' if len(bad) == 1 else 'are'} not {kind} ({shown}{more})."
    )
