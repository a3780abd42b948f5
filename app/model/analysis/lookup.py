"""Finding things by what people type (on the command line): an attribute or code by name, a filter like
'Site=A,C'. Case does not matter (codes: the one rule of `code_names`); a refusal says what there is to choose
from."""

from __future__ import annotations

from app.model.analysis.matrices import attribute_values
from app.model.codes.code_names import name_key
from app.model.core.dto import AttributeInfo
from app.model.core.errors import ValidationError
from app.model.project import Project


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
    name, separator, wanted = text.partition("=")
    present = dict(attribute_values(project))
    attribute = next((a for a in present if a.name.casefold() == name.strip().casefold()), None)
    if not separator or attribute is None:
        known = ", ".join(a.name for a in present) or "none defined"
        raise ValidationError(f"{text!r}: write it as ATTRIBUTE=VALUE with a known attribute ({known})")
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
