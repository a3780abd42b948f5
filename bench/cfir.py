"""CFIR benchmarks on the large project: suggestions for every code, construct counts, the ratings matrix."""

from __future__ import annotations

from pathlib import Path

from app.model.frameworks import definitions
from app.model.frameworks.framework_map import FrameworkMap
from app.model.frameworks.ratings_matrix import RatingsMatrix, units_from_attribute
from app.model.project import Project

from .fresh import describe, project_copy
from .measure import Figure, once


def run(large: Path, out: Path) -> list[Figure]:
    with project_copy(large) as copy, Project.open(copy, backups=0) as project:  # mapping and rating write
        workload = describe(project) + "; CFIR 2.0 (67 constructs)"
        cfir = definitions.install(project, "cfir-2022")
        nodes = [n.id for n in project.frameworks.nodes(cfir.id) if n.level != "domain"]
        codes = [n.code.id for n in project.codes.tree()]
        mapping = FrameworkMap(project, cfir.id)
        suggest = once(
            f"construct suggestions for {len(codes):,} codes",
            workload,
            lambda: mapping.suggest(codes),
            lambda found: len(found) == len(codes) and any(found.values()),
            "< 1000",
        )
        project.frameworks.map_many([(code, nodes[i % len(nodes)]) for i, code in enumerate(codes)])
        mapped = FrameworkMap(project, cfir.id)
        total = project.info().codings
        counts = once(
            "framework tree counts (every code mapped)",
            workload,
            mapped.counts,
            lambda found: sum(c.codings for i, c in found.items() if i in nodes) >= total,
            "< 300",
        )
        site = next(a.id for a in project.cases.attributes() if a.name == "Site")
        fidelity = next(a.id for a in project.cases.attributes() if a.name == "Fidelity")
        units = units_from_attribute(project, site)
        for i, unit in enumerate(units):
            for j, node in enumerate(nodes):
                project.frameworks.set_rating(unit.id, node, ("+2", "+1", "0", "-1", "-2")[(i + j) % 5])
        matrix = once(
            f"ratings matrix, {len(units)} sites x {len(nodes)} constructs, by fidelity",
            workload,
            lambda: RatingsMatrix(project, cfir.id, fidelity),
            lambda built: len(built.columns) == len(units) and all(r.ratings[0] is not None for r in built.rows),
        )
    return [suggest, counts, matrix]
