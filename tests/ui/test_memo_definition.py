"""Code details edited in the desktop keep what was entered elsewhere: a definition written in the memo panel
changes the definition only (the criteria and example entered in the definition dialog since the code was
selected are kept), and a code named in another form when splitting is found by the code-name rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.model.core.dto import MemoTarget, NewDocument
from app.model.project import Project
from app.ui.codes.code_definition_dialog import CodeDefinitionDialog
from app.ui.shell.main_window import MainWindow
from tests.ui.test_workbench import select_text

TYPED = {"inclusion": "Talk of caseloads", "exclusion": "Pay disputes", "example": "Forty cases each"}


def test_saving_a_definition_in_the_memo_panel_keeps_the_criteria_from_the_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Project.create(tmp_path / "memo.axial")
    code = project.codes.create("Workload")
    window.adopt(project)
    window.show()
    workspace = window.workspace
    assert workspace is not None
    workspace.codes.select(code.id)  # the memo panel now shows the code's definition
    assert workspace.memo.title.text() == "Definition of “Workload”"

    def fill_and_save(dialog: CodeDefinitionDialog) -> int:
        for field, text in TYPED.items():
            dialog.editors[field].setFocus()
            qtbot.keyClicks(dialog.editors[field], text)
        return 1

    monkeypatch.setattr(CodeDefinitionDialog, "exec", fill_and_save)
    workspace.edit_definition(code.id)
    assert project.codes.get(code.id).inclusion == TYPED["inclusion"]

    memo = workspace.memo
    memo.editor.setFocus()
    qtbot.keyClicks(memo.editor, "Too much work for the staff")
    qtbot.mouseClick(memo.save_button, Qt.MouseButton.LeftButton)

    saved = project.codes.get(code.id)
    assert saved.definition == "Too much work for the staff"
    assert (saved.inclusion, saved.exclusion, saved.example) == tuple(TYPED.values())
    window.undo_action.trigger()  # undoing the panel's edit takes back the definition alone
    undone = project.codes.get(code.id)
    assert undone.definition == ""
    assert (undone.inclusion, undone.exclusion, undone.example) == tuple(TYPED.values())


def test_splitting_into_a_code_typed_in_other_letters_moves_the_codings_to_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    project = Project.create(tmp_path / "split.axial")
    text = "the street was loud"
    document = project.documents.add(NewDocument(name="A", text=text))
    street = project.codes.create("Straße")
    noise = project.codes.create("Lärm")
    coding = project.codings.apply(document.id, noise.id, 0, 10)
    window.adopt(project)
    workspace = window.workspace
    assert workspace is not None
    window.ask_text = lambda title, label, default: "STRASSE"  # the same name, by the code-name rule
    workspace.split_excerpts([coding.id])
    assert [n.code.name for n in project.codes.tree()] == ["Straße", "Lärm"]
    assert project.codings.get(coding.id).code_id == street.id


def test_in_vivo_reuses_a_code_named_the_same_by_the_code_name_rule(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    project = Project.create(tmp_path / "vivo.axial")
    document = project.documents.add(NewDocument(name="A", text="I live on the STRASSE now."))
    street = project.codes.create("Straße")
    window.adopt(project)
    workspace = window.workspace
    assert workspace is not None
    workspace.open_document(document.id)
    select_text(workspace, "STRASSE")
    window.in_vivo_action.trigger()
    assert [n.code.name for n in project.codes.tree()] == ["Straße"]
    assert [c.code_id for c in project.codings.for_document(document.id)] == [street.id]


def test_the_panel_shows_what_changed_elsewhere_unless_typing_is_pending(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Project.create(tmp_path / "fresh.axial")
    code = project.codes.create("Workload")
    window.adopt(project)
    workspace = window.workspace
    assert workspace is not None
    workspace.codes.select(code.id)
    memo = workspace.memo

    def define(dialog: CodeDefinitionDialog) -> int:
        dialog.editors["definition"].setPlainText("From the dialog")
        return 1

    monkeypatch.setattr(CodeDefinitionDialog, "exec", define)
    workspace.edit_definition(code.id)
    assert memo.editor.toPlainText() == "From the dialog"  # not the copy taken when the code was selected
    window.undo_action.trigger()
    assert memo.editor.toPlainText() == ""

    memo.editor.setFocus()
    qtbot.keyClicks(memo.editor, "Typed here")
    project.codes.set_details(code.id, inclusion="Elsewhere")  # a change to the code while typing is pending
    assert memo.editor.toPlainText() == "Typed here"
    memo.save()
    assert project.codes.get(code.id).definition == "Typed here"

    window.ask = lambda title, text: True
    workspace.delete_code(code.id)
    assert not memo.editor.isEnabled()  # nothing left to write about


def test_a_document_memo_written_again_after_undoing_its_first_version(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    project = Project.create(tmp_path / "doc.axial")
    document = project.documents.add(NewDocument(name="A", text="Some words."))
    window.adopt(project)
    workspace = window.workspace
    assert workspace is not None
    workspace.open_document(document.id)
    memo = workspace.memo
    memo.editor.setPlainText("First thoughts")
    memo.save()
    window.undo_action.trigger()  # the memo is gone again
    assert memo.editor.toPlainText() == ""
    memo.editor.setPlainText("Second thoughts")
    memo.save()
    assert [m.body for m in project.memos.all(MemoTarget(document_id=document.id))] == ["Second thoughts"]


def test_the_memo_panel_empties_when_its_document_is_taken_away(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    # Seen in a real window: undoing an import left the panel offering "Memo on" a document no longer there.
    project = Project.create(tmp_path / "gone.axial")
    document = project.edits.run(
        "Add a document", "add_document", lambda: project.documents.add(NewDocument(name="A", text="Some words."))
    )
    window.adopt(project)
    workspace = window.workspace
    assert workspace is not None
    workspace.open_document(document.id)
    assert workspace.memo.title.text() == "Memo on “A”"
    window.undo_action.trigger()
    assert project.documents.all() == []
    assert not workspace.memo.editor.isEnabled()
    assert workspace.memo.title.text().startswith("Select a coding")
