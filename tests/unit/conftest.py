"""Fixtures the unit tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model.project import Project
from tests.unit.refi_projects import build_rich


@pytest.fixture
def rich(project: Project, tmp_path: Path) -> Project:
    """A project with everything REFI-QDA can carry (see `build_rich`)."""
    return build_rich(project, tmp_path)
