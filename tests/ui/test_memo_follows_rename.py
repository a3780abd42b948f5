"""The memo panel names a document as it is now: renamed (and the rename undone) while its memo is open, the
title follows, and typing not yet saved is kept."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.model.core.dto import NewDocument
from app.model.project import Project
from app.ui.shell.main_window import MainWindow


def test_a_document_memo_title_follows_a_rename(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    project = Project.create(tmp_path / "rename.axial")
    document = project.documents.add(NewDocument(name="DC01_transcript_deidentified", text="Some words."))
    window.adopt(project)
    workspace = window.workspace
    assert workspace is not None
    workspace.open_document(document.id)
    memo = workspace.memo
    assert memo.title.text() == "Memo on “DC01_transcript_deidentified”"
    project.edits.rename_document(document.id, "Site DC, interview 1")
    qtbot.waitUntil(lambda: memo.title.text() == "Memo on “Site DC, interview 1”")
    memo.editor.setPlainText("Typed, not saved yet")
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: memo.title.text() == "Memo on “DC01_transcript_deidentified”")
    assert memo.editor.toPlainText() == "Typed, not saved yet"
