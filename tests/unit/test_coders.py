"""Who a project records as the coder: one row per person, however often the project is opened under that name."""

from __future__ import annotations

from pathlib import Path

from app.model.core.text import free_name
from app.model.project import Project


def test_opening_under_a_coder_adds_them_once_and_a_read_only_open_adds_no_one(project_file: Path) -> None:
    with Project.open(project_file, coder="Dana  Reyes ", backups=0) as project:
        assert project.info().coder == "Dana Reyes"
        project.use_coder("Sam")
        project.use_coder("Dana Reyes")
    with Project.open(project_file, coder="Dana Reyes", backups=0) as project:
        assert [c.name for c in project.coders()] == ["Dana Reyes", "Sam", "Tester"]
    with Project.open(project_file, coder="Visitor", read_only=True) as project:
        assert project.info().coder == "Visitor"
        assert [c.name for c in project.coders()] == ["Dana Reyes", "Sam", "Tester"]


def test_a_taken_document_name_gets_the_first_free_number() -> None:
    assert free_name("Interview", set()) == "Interview"
    assert free_name("Interview", {"Interview", "Interview (2)", "Interview (4)"}) == "Interview (3)"
