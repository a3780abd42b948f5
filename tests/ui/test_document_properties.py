"""The Documents panel's context menu and properties dialog: renaming, kind, interview date, cases, sets and which
case a speaker is, each one step that Edit ▸ Undo takes back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QListWidget, QMenu

from app.model.core.dto import DocumentKind, NewDocument
from app.model.project import Project
from app.ui.documents.document_properties import DocumentProperties
from app.ui.documents.documents_model import CASE
from app.ui.documents.documents_panel import DocumentsPanel
from app.ui.shell.main_window import MainWindow
from tests.unit.project_dump import assert_same, dump
from tests.unit.refi_projects import turns_of

TEXT = "Interviewer: How was it?\nP1: Better now.\n"


@pytest.fixture
def panel(window: MainWindow, tmp_path: Path) -> DocumentsPanel:
    project = Project.create(tmp_path / "Study.axial", coder="Tester")
    project.documents.add(NewDocument("DC01_transcript_deidentified", TEXT, turns=turns_of(TEXT)))
    project.cases.create("Site A")
    project.groups.create("Wave 1")
    window.adopt(project)
    assert window.workspace is not None
    found = window.workspace.documents
    found.select(project.documents.all()[0].id)
    return found


def _action(menu: QMenu, *path: str) -> QAction:
    for action in menu.actions():
        if action.text() == path[0]:
            if len(path) == 1:
                return action
            submenu = action.menu()
            assert isinstance(submenu, QMenu)
            return _action(submenu, *path[1:])
    raise AssertionError(f"no {path[0]!r} in {[a.text() for a in menu.actions()]}")


def _tick(listing: QListWidget, name: str) -> None:
    item = next(listing.item(r) for r in range(listing.count()) if listing.item(r).text() == name)
    item.setCheckState(Qt.CheckState.Checked)


def test_the_properties_dialog_saves_every_change_as_one_step(window: MainWindow, panel: DocumentsPanel) -> None:
    project = panel.model.project
    before = dump(project)
    site = next(c.id for c in project.cases.all() if c.name == "Site A")

    def fill(dialog: QDialog) -> bool:
        assert isinstance(dialog, DocumentProperties)
        dialog.name.setText("Interview 1")
        dialog.kind.setCurrentIndex(list(DocumentKind).index(DocumentKind.FOCUS_GROUP))
        dialog.dated.setChecked(True)
        dialog.date.setDate(QDate(2024, 3, 5))
        _tick(dialog.cases, "Site A")
        _tick(dialog.sets, "Wave 1")
        dialog.set_speaker_case("P1", site)
        return True

    panel.run_dialog = fill
    _action(panel.context_menu(), "Properties…").trigger()
    document = project.documents.all()[0]
    assert (document.name, document.kind, document.interview_date, document.case_ids) == (
        "Interview 1", DocumentKind.FOCUS_GROUP, date(2024, 3, 5), (site,),
    )  # fmt: skip
    assert project.groups.all()[0].document_ids == (document.id,)
    assert [s.case_id for s in project.documents.speakers() if s.label == "P1"] == [site]
    assert project.history.undo_label() == "Edit the properties of “DC01_transcript_deidentified”"
    window.undo_action.trigger()
    assert_same(dump(project), before, "undo")


def test_a_dialog_left_as_it_was_changes_nothing(panel: DocumentsPanel) -> None:
    project = panel.model.project
    steps = len(project.history.operations())
    panel.run_dialog = lambda dialog: True
    _action(panel.context_menu(), "Properties…").trigger()
    assert len(project.history.operations()) == steps


def test_the_context_menu_renames_sets_kinds_and_makes_a_speaker_a_case(
    window: MainWindow, panel: DocumentsPanel
) -> None:
    project = panel.model.project
    answers = iter(["Interview 1", "Focus groups"])
    panel.ask_text = lambda title, label, default: next(answers)
    _action(panel.context_menu(), "Rename…").trigger()
    _action(panel.context_menu(), "Add to Set", "New Set…").trigger()
    _action(panel.context_menu(), "Kind", "focus group").trigger()
    _action(panel.context_menu(), "Speaker Is Case", "P1  (no case)", "New Case “P1”").trigger()
    document = project.documents.all()[0]
    assert (document.name, document.kind) == ("Interview 1", DocumentKind.FOCUS_GROUP)
    assert {g.name: g.document_ids for g in project.groups.all()} == {"Focus groups": (document.id,), "Wave 1": ()}
    # The document lists its speaker's case, marked as a speaker's.
    assert panel.model.index(0, CASE).data() == "P1 (speaker)"
    assert project.history.undo_label() == "Make speaker P1 a case"
    window.undo_action.trigger()
    assert [c.name for c in project.cases.all()] == ["Site A"]
    assert panel.model.index(0, CASE).data() == ""
    # The set filter offers the new set, and the set can be left.
    assert [panel.sets.itemText(i) for i in range(panel.sets.count())] == [
        "All documents",
        "Focus groups (1)",
        "Wave 1 (0)",
    ]
    _action(panel.context_menu(), "Remove from Set", "Focus groups").trigger()
    assert {g.name: g.document_ids for g in project.groups.all()}["Focus groups"] == ()


def test_a_refused_rename_is_explained(panel: DocumentsPanel) -> None:
    project = panel.model.project
    project.documents.add(NewDocument("Other", "Text.\n"))
    told: list[str] = []
    panel.tell = lambda title, text: told.append(text)
    panel.ask_text = lambda title, label, default: "Other"
    panel.select(next(d.id for d in project.documents.all() if d.name != "Other"))
    _action(panel.context_menu(), "Rename…").trigger()
    assert told == ["A document named 'Other' is already in the project."]
