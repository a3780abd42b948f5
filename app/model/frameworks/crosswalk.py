"""Moving a project's mappings from CFIR 2009 to CFIR 2.0 with the published crosswalk, guessing nothing.

Each code mapped to a 2009 construct becomes a step. A step is automatic only when the construct has exactly one
successor and the crosswalk is plainly confident about it; one-to-many pairs, lower confidence, dissolved
constructs and the study's own additions are put to the user, and the move is refused until each is decided.
The move can be planned and decided before CFIR 2.0 is in the project: it is added only when the move is made.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.model.core.dto import FrameworkNodeInfo, NewFrameworkNode
from app.model.core.errors import ValidationError
from app.model.frameworks import definitions
from app.model.project import Project
from app.resources import resource

CFIR2 = "cfir-2022"


@dataclass(frozen=True)
class Step:
    code_id: int
    old_node_id: int
    options: tuple[int, ...]  # the 2.0 constructs the crosswalk offers (empty: none, pick any)
    automatic: bool
    reason: str  # why it is automatic, or why it needs a decision
    note: str = ""


def _pairs() -> dict[str, dict[str, Any]]:
    data = json.loads(resource("frameworks", "cfir-crosswalk-2009-to-2022.json").read_text(encoding="utf-8"))
    pairs = {pair["from_2009"]["id"]: pair for pair in data["pairs"]}
    for dissolved in data.get("removed_or_dissolved_2009", []):
        pairs.setdefault(dissolved["id"], {"to_2022": [], "confidence": "none", "note": dissolved.get("note", "")})
    return pairs


def target_nodes(project: Project, new_framework_id: int | None) -> list[FrameworkNodeInfo]:
    """CFIR 2.0's nodes in the project or, when it is not there yet (None), as adding it would make them, with
    negative ids that can never be taken for stored ones."""
    if new_framework_id is not None:
        return project.frameworks.nodes(new_framework_id)
    nodes: list[FrameworkNodeInfo] = []

    def add(entries: Sequence[NewFrameworkNode], parent_id: int | None) -> None:
        for position, entry in enumerate(entries):
            node = FrameworkNodeInfo(
                id=-(len(nodes) + 1), framework_id=0, parent_id=parent_id, position=position, level=entry.level,
                official_id=entry.official_id, name=entry.name, study_name=None, gist=entry.gist,
                definition=entry.definition, added_by_project=False, hidden=False, reverse_rated=False,
            )  # fmt: skip
            nodes.append(node)
            add(entry.children, node.id)

    add(definitions.shipped(CFIR2).domains, None)
    return nodes


def plan(project: Project, old_framework_id: int, new_framework_id: int | None) -> list[Step]:
    """A step per code mapped to CFIR 2009, onto CFIR 2.0's nodes as `target_nodes` gives them."""
    old_nodes = {n.id: n for n in project.frameworks.nodes(old_framework_id)}
    new_by_official = {n.official_id: n.id for n in target_nodes(project, new_framework_id) if n.official_id}
    pairs = _pairs()
    steps = []
    for code_id, node_id in sorted(project.frameworks.mappings()):
        old = old_nodes.get(node_id)
        if old is None:
            continue
        steps.append(_step(code_id, old, pairs, new_by_official))
    return steps


def _step(code_id: int, old: FrameworkNodeInfo, pairs: dict[str, dict[str, Any]], new: dict[str, int]) -> Step:
    pair = pairs.get(old.official_id or "")
    if pair is None:
        reason = "added by the study" if old.added_by_project else "not in the crosswalk"
        return Step(code_id, old.id, (), False, f"{reason}: choose its place in CFIR 2.0")
    options = tuple(new[target["id"]] for target in pair["to_2022"] if target["id"] in new)
    confidence = str(pair.get("confidence", "")).strip()
    note = str(pair.get("note", ""))
    if not options:
        return Step(
            code_id, old.id, (), False, "no direct successor in CFIR 2.0 (dissolved): choose where it goes", note
        )
    if len(options) > 1:
        return Step(code_id, old.id, options, False, f"became {len(options)} constructs in CFIR 2.0: choose", note)
    if confidence not in ("high", "high (not page-verified)"):
        return Step(code_id, old.id, options, False, f"the crosswalk's confidence is {confidence}: confirm", note)
    return Step(code_id, old.id, options, True, "one successor, high confidence", note)


def apply(
    project: Project,
    steps: Sequence[Step],
    decisions: Mapping[tuple[int, int], Sequence[int]],
    new_framework_id: int | None,
) -> int:
    """Map codes onto CFIR 2.0: automatic steps as planned, the others as decided; make 2.0 the project's framework
    (adding it first when `new_framework_id` is None: the steps were then planned onto `target_nodes`). One
    transaction.

    `decisions` maps (code id, old construct id) to the chosen 2.0 constructs. Returns how many mappings were made.
    """
    undecided = [s for s in steps if not s.automatic and not decisions.get((s.code_id, s.old_node_id))]
    if undecided:
        raise ValidationError(f"{len(undecided)} mappings still need a decision; nothing was changed.")
    pairs = [
        (step.code_id, node_id)
        for step in steps
        for node_id in (step.options if step.automatic else decisions[(step.code_id, step.old_node_id)])
    ]
    with project.store.write("move mappings to CFIR 2.0"):
        if new_framework_id is None:
            new_framework_id = definitions.install(project, CFIR2, make_default=False).id
            stored = {n.official_id: n.id for n in project.frameworks.nodes(new_framework_id)}
            planned = {n.id: stored[n.official_id] for n in target_nodes(project, None) if n.official_id}
            pairs = [(code_id, planned[node_id]) for code_id, node_id in pairs]
        project.frameworks.map_many(pairs, action="move mappings to CFIR 2.0")
        project.frameworks.set_default(new_framework_id)
    return len(set(pairs))
