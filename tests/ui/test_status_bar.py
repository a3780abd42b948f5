"""The status bar's coding count moves by what a coding change says, and stays the project's true count."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.model.core.dto import NewCoding, NewDocument, ProjectInfo
from app.model.core.text import plural
from app.model.project import Project
from app.ui.shell.main_window import MainWindow

TEXT = "Staff hours went up every week. The caseload grew and nobody said so. We coped, mostly."


def test_the_count_follows_coding_edits_without_counting_the_project_again(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "study.axial"
    with Project.create(path, name="Study", coder="Ana") as project:
        first, second = (project.codes.create(name).id for name in ("Workload", "Coping"))
        document_id = project.documents.add(NewDocument(name="A", text=TEXT)).id
        project.codings.apply_many([NewCoding(document_id, first, 0, 5), NewCoding(document_id, second, 6, 11)])
    assert window.open_project(path)
    workspace, project = window.workspace, window.project
    assert workspace is not None
    assert project is not None
    info = project.info
    reads: list[ProjectInfo] = []

    def counted() -> ProjectInfo:
        reads.append(info())
        return reads[-1]

    monkeypatch.setattr(project, "info", counted)

    def shown() -> str:
        return window.status.text().split("·")[-1].strip()

    def truth() -> str:
        return f"1 document, 2 codes, {plural(info().codings, 'coding')}"

    workspace.viewer.select(TEXT.index("The"), TEXT.index(" and"))
    coding = workspace.coding.apply(first)
    assert coding is not None
    assert shown() == truth() == "1 document, 2 codes, 3 codings"
    history = workspace.project.history
    history.undo()
    assert shown() == truth() == "1 document, 2 codes, 2 codings"
    history.redo()
    assert shown() == truth() == "1 document, 2 codes, 3 codings"
    workspace.edits.set_code(coding.id, second)
    assert shown() == truth() == "1 document, 2 codes, 3 codings"
    workspace.edits.remove_coding(coding.id)
    assert shown() == truth() == "1 document, 2 codes, 2 codings"
    assert reads == []  # every change above said how many codings it added or took away

    # Autocoding does not name its codings: the summary is read again.
    project.codings.apply_many([NewCoding(document_id, first, 12, 20), NewCoding(document_id, first, 21, 26)])
    assert len(reads) == 1
    assert shown() == truth() == "1 document, 2 codes, 4 codings"
