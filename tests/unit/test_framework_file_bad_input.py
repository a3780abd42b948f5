"""An adapted framework file that is missing, not JSON, or of the wrong shape is refused with Axial's own error,
naming the file, and the project is left as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.model.core.errors import AxialError
from app.model.frameworks import definitions
from app.model.project import Project
from tests.conftest import table_dump

GOOD_NODE = {"level": "domain", "name": "Inner setting"}
BAD = {
    "garbage.json": bytes(range(256)) * 10,
    "empty.json": b"",
    "a-list.json": b"[1, 2, 3]",
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "no-key.json": json.dumps({"format": definitions.ADAPTED_FORMAT, "name": "x", "nodes": [GOOD_NODE]}).encode(),
    "node-not-object.json": json.dumps({"format": definitions.ADAPTED_FORMAT, "key": "k", "nodes": [1]}).encode(),
    "children-not-list.json": json.dumps(
        {"format": definitions.ADAPTED_FORMAT, "key": "k", "name": "x", "nodes": [{**GOOD_NODE, "children": 3}]}
    ).encode(),
}


@pytest.mark.parametrize("name", [*sorted(BAD), "missing.json", "folder.json", "nul\0.json"])
def test_a_bad_framework_file_is_refused_and_changes_nothing(project: Project, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name in BAD:
        path.write_bytes(BAD[name])
    elif name == "folder.json":
        path.mkdir()
    before = table_dump(project.path)
    with pytest.raises(AxialError) as refused:
        definitions.read_adapted(project, path)
    assert str(refused.value).startswith(path.name)
    assert table_dump(project.path) == before
