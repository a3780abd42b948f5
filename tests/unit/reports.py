"""The demo project with its codes mapped onto CFIR 2.0, as the report tests read it."""

from __future__ import annotations

from pathlib import Path

from app.model.demo import build_demo, map_to_cfir
from app.model.project import Project
from app.resources import resource


def demo_with_mappings(path: Path) -> Project:
    project = build_demo(path, resource("demo"))
    map_to_cfir(project)
    return project
