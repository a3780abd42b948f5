"""A scope in words ("Sets: Wave 2", "Change: ≥ 5"), for the title page of whatever report it narrowed."""

from __future__ import annotations

from app.model.analysis.scope import Scope
from app.model.cases.attribute_values import sorted_values
from app.model.project import Project


def scope_lines(project: Project, scope: Scope) -> list[str]:
    """What a scope keeps, in words ("Sets: Wave 2", "Change: ≥ 5"), for a report's title page."""
    attributes = {a.id: a.name for a in project.cases.attributes()}
    lines: list[str] = []
    if scope.document_ids is not None:
        names = {d.id: d.name for d in project.documents.all()}
        lines.append("Documents: " + "; ".join(sorted(names[d] for d in scope.document_ids)))
    if scope.set_ids is not None:
        sets = {g.id: g.name for g in project.groups.all()}
        lines.append("Sets: " + "; ".join(sorted(sets[g] for g in scope.set_ids)))
    if scope.case_ids is not None:
        names = {c.id: c.name for c in project.cases.all()}
        lines.append("Cases: " + ", ".join(sorted(names[c] for c in scope.case_ids)))
    for attribute_id, values in scope.attribute_values:
        lines.append(f"{attributes[attribute_id]}: " + " or ".join(sorted_values(values)))
    for attribute_id, wanted in scope.attribute_ranges:
        lines.append(f"{attributes[attribute_id]}: {wanted.label}")
    if scope.coder_ids is not None:
        coders = {c.id: c.name for c in project.coders()}
        lines.append("Coders: " + ", ".join(sorted(coders[c] for c in scope.coder_ids)))
    if scope.coded_from or scope.coded_to:
        since = f"from {scope.coded_from.isoformat()}" if scope.coded_from else ""
        until = f"to {scope.coded_to.isoformat()}" if scope.coded_to else ""
        lines.append("Coded " + " ".join(part for part in (since, until) if part))
    return lines
