"""The starting project the operation tests share, built once and copied for each test, and ways to find its parts.

It is the REFI-QDA `rich` project (codes in a tree, codings after astral characters, cases with every type of
variable, memos, a relation) with CFIR 2.0 as its framework, a code mapped, a rating with evidence per case and
boxes placed on the diagram: every table an operation can touch has rows in it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from app.model.core.dto import CodeInfo, CodingInfo, DocumentInfo, FrameworkNodeInfo
from app.model.frameworks import definitions
from app.model.frameworks.ratings_matrix import units_from_cases
from app.model.project import Project
from tests.unit.refi_projects import build_rich


def build_starting(folder: Path) -> Path:
    """Write the starting project into `folder` (closed, its log folded in) and return its path."""
    path = folder / "start.axial"
    with Project.create(path, coder="Tester") as project:
        build_rich(project, folder)
        framework = definitions.install(project, "cfir-2022")
        found = Finder(project)
        project.frameworks.map_code(found.code("Caseload").id, found.construct("I.A").id)
        unit = units_from_cases(project)[0]
        evidence = found.codings("Caseload")[0].id
        project.frameworks.set_rating(unit.id, found.construct("I.A").id, "+1", "Heavy.", evidence=[evidence])
        project.relations.set_positions({found.code("Caseload").id: (10.5, 20.25)})
        assert project.frameworks.default_id() == framework.id
    return path


def open_copy(start: Path, folder: Path, name: str = "study.axial") -> Project:
    """A copy of the starting project, open for work (without a backup thread writing beside it)."""
    copy = folder / name
    shutil.copyfile(start, copy)
    return Project.open(copy, backups=0)


class Finder:
    """The parts of a project by name, read fresh each time (ids are what the edits take)."""

    def __init__(self, project: Project) -> None:
        self.project = project

    def code(self, name: str) -> CodeInfo:
        return next(node.code for node in self.project.codes.tree() if node.code.name == name)

    def codes(self) -> list[CodeInfo]:
        return [node.code for node in self.project.codes.tree()]

    def document(self, name: str) -> DocumentInfo:
        return next(d for d in self.project.documents.all() if d.name.startswith(name))

    def codings(self, code_name: str) -> list[CodingInfo]:
        return self.project.codings.for_codes([self.code(code_name).id])

    def construct(self, official_id: str) -> FrameworkNodeInfo:
        framework_id = self.project.frameworks.default_id()
        assert framework_id is not None
        return next(n for n in self.project.frameworks.nodes(framework_id) if n.official_id == official_id)

    def span(self, document: str, phrase: str) -> tuple[int, int, int]:
        """(document id, start, end) of the phrase's first occurrence."""
        found = self.document(document)
        start = self.project.documents.text(found.id).index(phrase)
        return found.id, start, start + len(phrase)
