"""The excerpts shown for a code are read again when a coding of that code (or a sub-code) changes, not for
codings of other codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model.core.dto import CodingInfo, NewDocument
from app.ui.shell.main_window import MainWindow


def test_excerpts_are_read_again_only_for_their_own_codes(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.new_project(tmp_path / "excerpts.axial")
    workspace = window.workspace
    assert workspace is not None
    edits, project = workspace.edits, workspace.project
    document = project.documents.add(NewDocument(name="A", text="heavy caseload and paperwork every single week"))
    workload = edits.create_code("Workload")
    caseload = edits.create_code("Caseload", workload.id)
    other = edits.create_code("Morale")
    edits.apply_coding(document.id, caseload.id, 6, 14)
    workspace.excerpts.show_code(workload.id)
    reads: list[list[int]] = []
    for_codes = project.codings.for_codes

    def spied(code_ids: list[int], coders: frozenset[int] | None = None) -> list[CodingInfo]:
        reads.append(code_ids)
        return for_codes(code_ids, coders)

    monkeypatch.setattr(project.codings, "for_codes", spied)

    edits.apply_coding(document.id, other.id, 0, 5)
    assert reads == []
    edits.apply_coding(document.id, caseload.id, 19, 28)
    assert len(reads) == 1
    assert workspace.excerpts.list.count() == 2
