"""The frameworks Axial ships (CFIR 2.0 and CFIR 2009), adapted frameworks as JSON, and installing them.

A shipped framework is read from `resources/frameworks/`; its official ids and names are facts from the cited
papers and its gists are paraphrases. An adapted framework (renamed, extended or trimmed for a study) travels as a
JSON file so a team can share it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.model.core.dto import FrameworkInfo, FrameworkNodeInfo, NewFrameworkNode
from app.model.core.errors import ValidationError
from app.model.project import Project
from app.resources import resource

RESOURCES = resource("frameworks")
SHIPPED = {
    "cfir-2022": ("CFIR 2.0 (2022)", "cfir-2022.json"),
    "cfir-2009": ("CFIR (2009)", "cfir-2009.json"),
}
ADAPTED_FORMAT = "axial-framework/1"


def in_framework_order(nodes: Sequence[FrameworkNodeInfo]) -> list[FrameworkNodeInfo]:
    """Domains, constructs and subconstructs as the framework lists them: each node followed by its children."""
    children: dict[int | None, list[FrameworkNodeInfo]] = {}
    for node in sorted(nodes, key=lambda n: n.position):
        children.setdefault(node.parent_id, []).append(node)
    ordered: list[FrameworkNodeInfo] = []

    def walk(parent: int | None) -> None:
        for node in children.get(parent, []):
            ordered.append(node)
            walk(node.id)

    walk(None)
    return ordered


@dataclass(frozen=True)
class FrameworkDefinition:
    key: str
    name: str
    citation: str
    domains: tuple[NewFrameworkNode, ...]


def shipped(key: str) -> FrameworkDefinition:
    name, file = SHIPPED[key]
    data = json.loads((RESOURCES / file).read_text(encoding="utf-8"))
    domains = tuple(
        NewFrameworkNode(
            level="domain",
            official_id=domain["id"],
            name=domain["name"],
            gist=domain.get("domain_gist", ""),
            children=tuple(
                NewFrameworkNode(
                    level="construct",
                    official_id=construct["id"],
                    name=construct["name"],
                    gist=construct.get("gist", ""),
                    children=tuple(
                        NewFrameworkNode(
                            level="subconstruct", official_id=sub["id"], name=sub["name"], gist=sub.get("gist", "")
                        )
                        for sub in construct.get("subconstructs", [])
                    ),
                )
                for construct in _constructs(domain)
            ),
        )
        for domain in data["domains"]
    )
    return FrameworkDefinition(key, name, data["citation"], domains)


def _constructs(domain: dict[str, Any]) -> list[dict[str, Any]]:
    """A domain's constructs; CFIR 2.0's Individuals domain groups its lettered constructs into two subdomains,
    which Axial lists in order directly under the domain (the letters run on across them, A to M)."""
    found = list(domain.get("constructs", []))
    for subdomain in domain.get("subdomains", []):
        found += subdomain.get("constructs", [])
    return found


def install(project: Project, key: str, *, make_default: bool = True) -> FrameworkInfo:
    """Add a shipped framework to the project (once) and, by default, make it the project's framework."""
    existing = next((f for f in project.frameworks.all() if f.key == key), None)
    if existing is None:
        definition = shipped(key)
        existing = project.frameworks.add(definition.key, definition.name, definition.citation, definition.domains)
    if make_default:
        project.frameworks.set_default(existing.id)
    return existing


# --- adapted frameworks as JSON ----------------------------------------------------------------------------


def export_adapted(project: Project, framework_id: int) -> dict[str, Any]:
    framework = next(f for f in project.frameworks.all() if f.id == framework_id)
    nodes = project.frameworks.nodes(framework_id)
    children: dict[int | None, list[FrameworkNodeInfo]] = {}
    for node in sorted(nodes, key=lambda n: n.position):
        children.setdefault(node.parent_id, []).append(node)

    def entry(node: FrameworkNodeInfo) -> dict[str, Any]:
        return {
            "level": node.level,
            "official_id": node.official_id,
            "name": node.name,
            "study_name": node.study_name,
            "gist": node.gist,
            "definition": node.definition,
            "added_by_project": node.added_by_project,
            "hidden": node.hidden,
            "reverse_rated": node.reverse_rated,
            "children": [entry(child) for child in children.get(node.id, [])],
        }

    return {
        "format": ADAPTED_FORMAT,
        "key": framework.key,
        "name": framework.name,
        "citation": framework.citation,
        "nodes": [entry(node) for node in children.get(None, [])],
    }


def write_adapted(project: Project, framework_id: int, path: Path) -> None:
    path.write_text(json.dumps(export_adapted(project, framework_id), indent=2, ensure_ascii=False), encoding="utf-8")


def import_adapted(project: Project, data: dict[str, Any], *, key: str | None = None) -> FrameworkInfo:
    """Add an adapted framework read from JSON (under `key` when the project already has one by its key)."""
    if data.get("format") != ADAPTED_FORMAT or not isinstance(data.get("nodes"), list):
        raise ValidationError("This is not an Axial framework file (its format is not axial-framework/1).")

    def node(entry: dict[str, Any]) -> NewFrameworkNode:
        if entry.get("level") not in ("domain", "construct", "subconstruct") or not str(entry.get("name", "")).strip():
            raise ValidationError("The framework file has an entry without a level or a name.")
        return NewFrameworkNode(
            level=entry["level"],
            name=entry["name"],
            official_id=entry.get("official_id"),
            gist=entry.get("gist", ""),
            definition=entry.get("definition", ""),
            added_by_project=bool(entry.get("added_by_project", False)),
            children=tuple(node(child) for child in entry.get("children", [])),
            study_name=entry.get("study_name"),
            hidden=bool(entry.get("hidden", False)),
            reverse_rated=bool(entry.get("reverse_rated", False)),
        )

    domains = tuple(node(entry) for entry in data["nodes"])
    return project.frameworks.add(key or str(data["key"]), str(data["name"]), str(data.get("citation", "")), domains)


def read_adapted(project: Project, path: Path, *, key: str | None = None) -> FrameworkInfo:
    # Imported here, not at the top: the readers' package loads every transcript reader, a tenth of a second of
    # each start of the desktop, which needs this module for its About box and reports.
    from app.model.documents.readers import limits
    from app.model.documents.readers.boundary import read_capped, refusals

    with refusals(path.name):
        raw = read_capped(path, limits.TEXT_FILE)
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested beyond reason
        raise ValidationError(f"{path.name}: cannot be read as a framework file (it is not valid JSON).") from None
    if not isinstance(data, dict):
        raise ValidationError(f"{path.name}: is not an Axial framework file.")
    try:
        return import_adapted(project, data, key=key)
    except (KeyError, TypeError, AttributeError, RecursionError):  # an entry of the wrong shape
        raise ValidationError(f"{path.name}: is not an Axial framework file (an entry has the wrong shape).") from None
