"""CFIR 2009 to 2.0: confident one-to-one pairs move by themselves; everything else waits for a decision."""

from __future__ import annotations

import pytest

from app.model.core.errors import ValidationError
from app.model.frameworks import crosswalk, definitions
from app.model.frameworks.framework_map import FrameworkMap
from app.model.project import Project


def test_crosswalk_moves_confident_pairs_and_asks_about_the_rest(project: Project) -> None:
    old = definitions.install(project, "cfir-2009")
    old_nodes = {n.official_id: n.id for n in project.frameworks.nodes(old.id)}
    codes = {
        name: project.codes.create(name).id for name in ("Evidence", "Adaptability", "Climate", "Own idea", "Networks")
    }
    project.frameworks.map_code(codes["Evidence"], old_nodes["I.B"])  # one successor, high confidence
    project.frameworks.map_code(codes["Adaptability"], old_nodes["I.D"])
    project.frameworks.map_code(codes["Climate"], old_nodes["III.D"])  # umbrella dissolved in 2.0
    added = project.frameworks.add_node(old.id, old_nodes["III"], "Caseload pressure")
    project.frameworks.map_code(codes["Own idea"], added.id)
    project.frameworks.map_code(codes["Networks"], old_nodes["III.B"])
    new = definitions.install(project, "cfir-2022", make_default=False)
    new_nodes = {n.official_id: n.id for n in project.frameworks.nodes(new.id)}

    steps = {s.code_id: s for s in crosswalk.plan(project, old.id, new.id)}
    assert steps[codes["Evidence"]].automatic
    assert steps[codes["Evidence"]].options == (new_nodes["I.B"],)
    assert not steps[codes["Climate"]].automatic
    assert "dissolved" in steps[codes["Climate"]].reason
    assert not steps[codes["Own idea"]].automatic
    assert "added by the study" in steps[codes["Own idea"]].reason
    undecided = [s for s in steps.values() if not s.automatic]

    with pytest.raises(ValidationError, match="still need a decision"):
        crosswalk.apply(project, list(steps.values()), {}, new.id)
    assert project.info().default_framework == "CFIR (2009)"  # nothing changed
    decisions = {(s.code_id, s.old_node_id): [s.options[0] if s.options else new_nodes["III.A.3"]] for s in undecided}
    made = crosswalk.apply(project, list(steps.values()), decisions, new.id)
    assert made == len(steps)
    mapping = FrameworkMap(project, new.id)
    assert [m.node_id for m in mapping.mappings(codes["Evidence"])] == [new_nodes["I.B"]]
    assert [m.node_id for m in mapping.mappings(codes["Own idea"])] == [new_nodes["III.A.3"]]
    assert project.info().default_framework == "CFIR 2.0 (2022)"


def test_one_to_many_pairs_offer_every_successor(project: Project) -> None:
    old = definitions.install(project, "cfir-2009")
    new = definitions.install(project, "cfir-2022", make_default=False)
    code = project.codes.create("Something")
    many = next((p for p in crosswalk._pairs().values() if len(p["to_2022"]) > 1 and "from_2009" in p), None)
    assert many is not None, "the crosswalk has one-to-many pairs"
    old_node = next(n for n in project.frameworks.nodes(old.id) if n.official_id == many["from_2009"]["id"])
    project.frameworks.map_code(code.id, old_node.id)
    [step] = crosswalk.plan(project, old.id, new.id)
    assert not step.automatic
    assert len(step.options) == len(many["to_2022"])
    assert "choose" in step.reason
