"""CFIR 2.0 and 2009 ship complete; adapting a framework round-trips through JSON."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from app.model.core.errors import ValidationError
from app.model.frameworks import definitions
from app.model.project import Project


def _levels(project: Project, framework_id: int) -> Counter[str]:
    return Counter(node.level for node in project.frameworks.nodes(framework_id))


def test_cfir_2022_has_5_domains_48_constructs_19_subconstructs(project: Project) -> None:
    cfir = definitions.install(project, "cfir-2022")
    assert _levels(project, cfir.id) == {"domain": 5, "construct": 48, "subconstruct": 19}
    ids = {node.official_id: node for node in project.frameworks.nodes(cfir.id)}
    assert ids["III.D.4"].name == "Learning-Centeredness"
    assert ids["IV.M"].parent_id == ids["IV"].id  # the Individuals subdomains list straight under the domain
    assert project.info().default_framework == "CFIR 2.0 (2022)"
    assert "Damschroder" in cfir.citation
    assert definitions.install(project, "cfir-2022").id == cfir.id  # installed once


def test_cfir_2009_has_39_named_constructs_and_subconstructs(project: Project) -> None:
    old = definitions.install(project, "cfir-2009", make_default=False)
    levels = _levels(project, old.id)
    assert levels["construct"] + levels["subconstruct"] == 39
    assert levels["domain"] == 5
    assert project.info().default_framework is None


def test_adapted_framework_round_trips_through_json(
    project: Project, make_project: Callable[..., Project], tmp_path: Path
) -> None:
    cfir = definitions.install(project, "cfir-2022")
    nodes = {node.official_id: node for node in project.frameworks.nodes(cfir.id)}
    project.frameworks.rename_for_study(nodes["III.K"].id, "Training and coaching")
    project.frameworks.set_hidden(nodes["II.A"].id, True)
    project.frameworks.set_reverse_rated(nodes["I.F"].id, True)
    added = project.frameworks.add_node(
        cfir.id, nodes["III"].id, "Caseload Size", "How many people each worker carries"
    )
    project.frameworks.add_node(cfir.id, added.id, "Caseload cap", "A written limit on caseloads")
    assert added.level == "construct"
    path = tmp_path / "adapted.json"
    definitions.write_adapted(project, cfir.id, path)

    other = make_project(name="other")
    copy = definitions.read_adapted(other, path)
    assert definitions.export_adapted(other, copy.id) == definitions.export_adapted(project, cfir.id)
    shown = {node.official_id or node.name: node for node in other.frameworks.nodes(copy.id)}
    assert shown["III.K"].study_name == "Training and coaching"
    assert shown["II.A"].hidden
    assert shown["Caseload cap"].level == "subconstruct"
    assert shown["Caseload cap"].added_by_project

    with pytest.raises(ValidationError, match="not an Axial framework file"):
        definitions.import_adapted(project, {"format": "something else"})
    with pytest.raises(ValidationError, match="Official constructs cannot be removed"):
        project.frameworks.remove_added_node(nodes["I.A"].id)
    project.frameworks.remove_added_node(added.id)
    assert "Caseload Size" not in [n.name for n in project.frameworks.nodes(cfir.id)]
