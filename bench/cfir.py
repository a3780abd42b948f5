"""CFIR benchmarks on the large project: suggestions for every code, construct counts, the ratings matrix."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.model import frameworks
from app.model.framework_map import FrameworkMap
from app.model.project import Project
from app.model.ratings import RatingsMatrix, units_from_attribute

from .measure import Figure, timed


def run(large: Path, out: Path) -> list[Figure]:
    workload = "300 docs x 9,000 words, 1,500 codes, 75,000 codings; CFIR 2.0 (67 constructs)"
    copy = out / "cfir-bench.axial"
    shutil.copy(large, copy)
    with Project.open(copy, backups=0) as project:
        cfir = frameworks.install(project, "cfir-2022")
        nodes = [n.id for n in project.frameworks.nodes(cfir.id) if n.level != "domain"]
        codes = [n.code.id for n in project.codes.tree()]
        mapping = FrameworkMap(project, cfir.id)
        suggest_ms = timed(lambda: mapping.suggest(codes))
        project.frameworks.map_many([(code, nodes[i % len(nodes)]) for i, code in enumerate(codes)])
        mapped = FrameworkMap(project, cfir.id)
        counts_ms = timed(mapped.counts)
        site = next(a.id for a in project.cases.attributes() if a.name == "Site")
        fidelity = next(a.id for a in project.cases.attributes() if a.name == "Fidelity")
        units = units_from_attribute(project, site)
        for i, unit in enumerate(units):
            for j, node in enumerate(nodes):
                project.frameworks.set_rating(unit.id, node, ("+2", "+1", "0", "-1", "-2")[(i + j) % 5])
        matrix_ms = timed(lambda: RatingsMatrix(project, cfir.id, fidelity))
    copy.unlink(missing_ok=True)
    return [
        Figure(f"construct suggestions for {len(codes):,} codes", suggest_ms, "ms", "< 1000", workload),
        Figure("framework tree counts (every code mapped)", counts_ms, "ms", "< 300", workload),
        Figure(
            f"ratings matrix, {len(units)} sites x {len(nodes)} constructs, by fidelity", matrix_ms, "ms", "", workload
        ),
    ]
