"""Finding things by what people type (on the command line): an attribute, code or set by name, a filter like
'Site=A,C' or 'Change>=5'. Case does not matter (codes: the one rule of `code_names`); a refusal says what there
is to choose from."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from app.model.analysis.matrices import attribute_values
from app.model.analysis.scope import Range, Scope, parse_range
from app.model.codes.code_names import name_key
from app.model.core.dto import AttributeInfo, AttributeType, DocumentInfo
from app.model.core.errors import NotFoundError, ValidationError
from app.model.project import Project

_OPERATORS = ("=", "<", ">", "≥", "≤")
_BETWEEN = re.compile(r"\.\.|–")  # '5..9' after '=' is a range, not a value


def document_named(project: Project, name: str) -> DocumentInfo:
    """The document of this name, or else of this id."""
    documents = project.documents.all()
    found = next((d for d in documents if d.name == name), None) or next(
        (d for d in documents if str(d.id) == name), None
    )
    if found is None:
        raise NotFoundError("document", name)
    return found


def attribute_named(project: Project, name: str) -> AttributeInfo:
    attributes = project.cases.attributes()
    found = next((a for a in attributes if a.name.casefold() == name.strip().casefold()), None)
    if found is None:
        known = ", ".join(a.name for a in attributes) or "none defined"
        raise ValidationError(f"no attribute {name!r} (attributes: {known})")
    return found


def code_named(project: Project, text: str) -> int:
    """A code by its path ('Workload > Paperwork') or, where that is not one, by its name alone (names compared
    by `name_key`); a name several codes share must be given as a path."""
    tree = project.codes.tree()
    wanted = name_key(text)
    for node in tree:
        if name_key(" > ".join(node.path)) == wanted:
            return node.code.id
    named = [node for node in tree if name_key(node.code.name) == wanted]
    if len(named) > 1:
        paths = ", ".join(" > ".join(node.path) for node in named)
        raise ValidationError(f"{len(named)} codes are named {text.strip()!r}; give one by its path ({paths})")
    if not named:
        raise ValidationError(f"no code {text!r} in the project")
    return named[0].code.id


def attribute_condition(project: Project, text: str) -> tuple[int, frozenset[str]]:
    """Read 'Role=case manager' or 'Site=A,C' (either value) into an attribute id and the values allowed."""
    condition = _condition(project, text)
    if isinstance(condition[1], Range):
        raise ValidationError(f"{text!r}: write it as ATTRIBUTE=VALUE")
    return condition[0], condition[1]


def sets_named(project: Project, names: Iterable[str]) -> frozenset[int] | None:
    """The document sets with these names (case does not matter); None when no name is given."""
    wanted = list(names)
    if not wanted:
        return None
    sets = {g.name.casefold(): g.id for g in project.groups.all() if g.kind == "documents"}
    unknown = [name for name in wanted if name.strip().casefold() not in sets]
    if unknown:
        known = ", ".join(sorted(g.name for g in project.groups.all() if g.kind == "documents")) or "none made"
        raise ValidationError(f"no set of documents {unknown[0]!r} (sets: {known})")
    return frozenset(sets[name.strip().casefold()] for name in wanted)


def where_scope(project: Project, conditions: Iterable[str], scope: Scope | None = None) -> Scope:
    """The scope narrowed by conditions as typed: 'Site=A,C' (one of the values), 'Change>=5', 'Change<5',
    'Visit=2024-01-01..2024-06-30' (a range of a number or date attribute, ends included)."""
    values: list[tuple[int, frozenset[str]]] = []
    ranges: list[tuple[int, Range]] = []
    for text in conditions:
        attribute_id, wanted = _condition(project, text)
        if isinstance(wanted, Range):
            ranges.append((attribute_id, wanted))
        else:
            values.append((attribute_id, wanted))
    scope = scope or Scope()
    return replace(
        scope,
        attribute_values=scope.attribute_values + tuple(values),
        attribute_ranges=scope.attribute_ranges + tuple(ranges),
    )


def _condition(project: Project, text: str) -> tuple[int, frozenset[str] | Range]:
    present = dict(attribute_values(project))
    written = text.strip()
    # The longest attribute name the text starts with, then an operator, so names may hold spaces.
    for attribute in sorted(present, key=lambda a: -len(a.name)):
        rest = written[len(attribute.name) :].lstrip()
        if written[: len(attribute.name)].casefold() == attribute.name.casefold() and rest[:1] in _OPERATORS:
            break
    else:
        known = ", ".join(a.name for a in present) or "none defined"
        raise ValidationError(
            f"{text!r}: write it as ATTRIBUTE=VALUE with a known attribute ({known}), or as ATTRIBUTE>=5 for a range"
        )
    ordered = attribute.type in (AttributeType.NUMBER, AttributeType.DATE)
    dates = attribute.type is AttributeType.DATE
    if rest[0] != "=" or (ordered and _BETWEEN.search(rest)):
        if not ordered:
            raise ValidationError(f"{attribute.name} is {attribute.type.value}: only numbers and dates have ranges")
        return attribute.id, parse_range(rest.removeprefix("="), dates)
    wanted = rest[1:]
    by_fold = {v.casefold(): v for v in present[attribute]}
    whole = wanted.strip()
    values = [whole] if whole.casefold() in by_fold else [v.strip() for v in wanted.split(",") if v.strip()]
    unknown = [v for v in values if v.casefold() not in by_fold]
    if not values or unknown:
        raise ValidationError(
            f"{attribute.name} has no value {', '.join(unknown) or '(empty)'!r}; its values are: "
            + ", ".join(present[attribute])
        )
    return attribute.id, frozenset(by_fold[v.casefold()] for v in values)
