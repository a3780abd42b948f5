"""The Cases panel, driven through its widgets in the main window: cells typed in and pasted as blocks, each one
step that Edit ▸ Undo takes back; refusals that change nothing; computed columns kept up to date."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.model.cases.computed import sheet
from app.model.core.dto import AttributeType, NewDocument
from app.model.project import Project
from app.ui.cases.attribute_dialog import AttributeSpec
from app.ui.cases.cases_panel import CasesPanel
from app.ui.shell.main_window import MainWindow
from tests.unit.project_dump import assert_same, dump
from tests.unit.refi_projects import turns_of

TEXT = "INT: How was it?\nP1: Better now.\nP2: Much the same.\n"


def _study(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "Study.axial", coder="Tester")
    project.documents.add(NewDocument("Focus group", TEXT, turns=turns_of(TEXT)))
    project.edits.cases_from_speakers()
    project.edits.define_attribute("Pre", AttributeType.NUMBER)
    project.edits.define_attribute("Post", AttributeType.NUMBER)
    project.edits.define_attribute("Group", AttributeType.CHOICE, ["A", "B"])
    return project


@pytest.fixture
def panel(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> CasesPanel:
    window.adopt(_study(tmp_path))
    window.show()
    qtbot.waitExposed(window)
    window.docks["cases"].raise_()
    found = window.docks["cases"].widget()
    assert isinstance(found, CasesPanel)
    return found


def _cell(panel: CasesPanel, case: str, column: str) -> QModelIndex:
    proxy = panel.proxy
    names = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(proxy.columnCount())]
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == case)
    return proxy.index(row, names.index(column))


def _type_into(qtbot: QtBot, panel: CasesPanel, index: QModelIndex, text: str) -> None:
    """Double-click the cell, type, press Return: as a person edits a spreadsheet."""
    table = panel.table
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = table.viewport().findChild(QLineEdit)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits the editor's text in a queued call


def test_the_sheet_model_is_valid(qtmodeltester: ModelTester, panel: CasesPanel) -> None:
    qtmodeltester.check(panel.model)
    panel.project.edits.define_attribute("Change", AttributeType.NUMBER, formula="Post - Pre")
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.proxy)


def test_a_typed_cell_is_one_step_that_edit_undo_takes_back(
    qtbot: QtBot, window: MainWindow, panel: CasesPanel
) -> None:
    project = panel.project
    before = dump(project)
    _type_into(qtbot, panel, _cell(panel, "P1", "Pre"), "12")
    assert _cell(panel, "P1", "Pre").data() == "12"
    assert project.history.undo_label() == "Set a value"
    window.undo_action.trigger()
    assert_same(dump(project), before, "undo")
    assert _cell(panel, "P1", "Pre").data() == ""


def test_a_value_that_does_not_fit_is_explained_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, panel: CasesPanel
) -> None:
    told: list[str] = []
    window.tell = lambda title, text: told.append(text)
    steps = len(panel.project.history.operations())
    _type_into(qtbot, panel, _cell(panel, "P1", "Pre"), "twelve")
    assert told == ["'twelve' is not a valid number for 'Pre'."]
    assert len(panel.project.history.operations()) == steps


def test_a_choice_cell_edits_with_a_list(qtbot: QtBot, panel: CasesPanel) -> None:
    index = _cell(panel, "P2", "Group")
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == ["", "A", "B"]
    editor.setCurrentText("B")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert _cell(panel, "P2", "Group").data() == "B"


def test_a_pasted_block_is_one_step_and_computed_values_follow(
    qtbot: QtBot, window: MainWindow, panel: CasesPanel
) -> None:
    project = panel.project
    project.edits.define_attribute("Change", AttributeType.NUMBER, formula="Post - Pre")
    project.edits.define_attribute("Improved", AttributeType.BOOLEAN, formula="Change >= 5")
    before = dump(project)
    panel.table.setCurrentIndex(_cell(panel, "P1", "Pre"))
    QGuiApplication.clipboard().setText("10\t17\tA\r\n8\t9\tB\r\n")  # as Excel copies two rows of three cells
    qtbot.keySequence(panel.table, QKeySequence.StandardKey.Paste)
    shown = [
        [_cell(panel, case, c).data() for c in ("Pre", "Post", "Group", "Change", "Improved")] for case in ("P1", "P2")
    ]
    assert shown == [["10", "17", "A", "7", "yes"], ["8", "9", "B", "1", "no"]]
    # The computed columns are what direct computation gives, for every case.
    table = sheet(project)
    ids = {a.name: a.id for a in table.attributes}
    for case in table.cases:
        pre, post = table.value(case.id, ids["Pre"]), table.value(case.id, ids["Post"])
        change = table.value(case.id, ids["Change"])
        assert change == (None if pre is None or post is None else post - pre)
        assert table.value(case.id, ids["Improved"]) == (None if change is None else change >= 5)
    assert project.history.undo_label() == "Set 6 values"
    window.undo_action.trigger()
    assert_same(dump(project), before, "undo")
    assert _cell(panel, "P1", "Change").data() == ""


def test_a_block_with_a_value_that_does_not_fit_pastes_nothing(window: MainWindow, panel: CasesPanel) -> None:
    told: list[str] = []
    window.tell = lambda title, text: told.append(text)
    before = dump(panel.project)
    panel.table.setCurrentIndex(_cell(panel, "P1", "Pre"))
    panel.paste("10\t17\n8\tnine\n")
    assert told == ["P2, Post: 'nine' is not a valid number for 'Post'. Nothing was pasted."]
    assert_same(dump(panel.project), before)


def test_computed_cells_cannot_be_edited_or_pasted_into(window: MainWindow, panel: CasesPanel) -> None:
    panel.project.edits.define_attribute("Change", AttributeType.NUMBER, formula="Post - Pre")
    index = _cell(panel, "P1", "Change")
    assert not panel.proxy.flags(index) & Qt.ItemFlag.ItemIsEditable
    told: list[str] = []
    window.tell = lambda title, text: told.append(text)
    panel.table.setCurrentIndex(index)
    panel.paste("3\n")
    assert told == ["'Change' is computed from its formula: nothing can be pasted in it."]


def test_sorting_is_by_value_and_the_filter_matches_any_cell(panel: CasesPanel) -> None:
    project = panel.project
    cases = {c.name: c.id for c in project.cases.all()}
    pre = next(a.id for a in project.cases.attributes() if a.name == "Pre")
    project.edits.set_attribute_values([(cases["P1"], pre, 10), (cases["P2"], pre, 9)])
    column = _cell(panel, "P1", "Pre").column()
    panel.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())] == ["P2", "P1"]  # 9 before 10
    panel.filter.setText("p1")
    assert [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())] == ["P1"]


def test_cases_and_attributes_are_made_renamed_merged_and_deleted_from_the_panel(
    window: MainWindow, panel: CasesPanel
) -> None:
    project = panel.project
    answers = iter(["P3", "Participant 3"])
    window.ask_text = lambda title, label, default: next(answers)
    panel.new_case_action.trigger()
    current = panel.current_case()
    assert current is not None
    assert current.name == "P3"
    panel.rename_case_action.trigger()
    assert "Participant 3" in [c.name for c in project.cases.all()]
    panel.ask_attribute = lambda attribute: AttributeSpec("Change", AttributeType.NUMBER, (), "Post - Pre")
    panel.new_attribute_action.trigger()
    assert panel.model.is_computed(_cell(panel, "P1", "Change").column())
    # Renaming Pre rewrites the formula that reads it.
    panel.table.setCurrentIndex(_cell(panel, "P1", "Pre"))
    window.ask_text = lambda title, label, default: "Pre score"
    panel.rename_attribute_action.trigger()
    assert panel.model.sheet.formulas[_id(project, "Change")] == "Post - Pre score"
    # Deleting it is refused while the formula reads it.
    told: list[str] = []
    window.tell = lambda title, text: told.append(text)
    panel.table.setCurrentIndex(_cell(panel, "P1", "Pre score"))
    panel.delete_attribute_action.trigger()
    assert len(told) == 1
    assert "read by the formula of 'Change'" in told[0]
    # Merge P2 into P1: choose both, P1 current.
    panel.table.clearSelection()
    selection = panel.table.selectionModel()
    p1, p2 = _cell(panel, "P1", "Case"), _cell(panel, "P2", "Case")
    selection.select(p2, selection.SelectionFlag.Select)
    selection.setCurrentIndex(p1, selection.SelectionFlag.Select)
    panel.merge_action.trigger()
    assert sorted(c.name for c in project.cases.all()) == ["P1", "Participant 3"]
    panel.table.setCurrentIndex(_cell(panel, "Participant 3", "Case"))
    panel.delete_case_action.trigger()
    assert [c.name for c in project.cases.all()] == ["P1"]


def test_retyping_shows_the_conversion_check_refusal(window: MainWindow, panel: CasesPanel) -> None:
    project = panel.project
    cases = {c.name: c.id for c in project.cases.all()}
    group = _id(project, "Group")
    project.edits.set_attribute_value(cases["P1"], group, "A")
    told: list[str] = []
    window.tell = lambda title, text: told.append(text)
    panel.table.setCurrentIndex(_cell(panel, "P1", "Group"))
    panel.ask_attribute = lambda attribute: AttributeSpec("Group", AttributeType.NUMBER, (), "")
    panel.retype_action.trigger()
    assert told == ["'Group' stays choice: 1 of its values is not a number (P1: 'A')."]


def test_speakers_become_cases_by_an_editable_rule_and_link_from_the_details(
    window: MainWindow, panel: CasesPanel
) -> None:
    project = panel.project
    window.ask_text = lambda title, label, default: "INT|P2"  # P2 asks questions too in this study
    panel.speakers_action.trigger()  # nothing new: P1 and P2 were made cases when the study was set up
    assert sorted(c.name for c in project.cases.all()) == ["P1", "P2"]
    interviewer = next(s for s in project.documents.speakers() if s.label == "INT")
    panel.table.setCurrentIndex(_cell(panel, "P1", "Case"))
    assert _cell(panel, "P1", "Turns").data() == 1
    assert panel.details.speakers.count() == 1
    panel.choose = lambda title, label, items: next(i for i, text in enumerate(items) if text.startswith("INT"))
    panel.details.link.click()
    assert next(s for s in project.documents.speakers() if s.id == interviewer.id).case_id == _case(project, "P1")
    assert _cell(panel, "P1", "Turns").data() == 2
    assert panel.details.speakers.count() == 2
    panel.details.speakers.setCurrentRow(0)
    panel.details.unlink.click()
    assert panel.details.speakers.count() == 1
    assert project.history.undo_label() == "Unlink a speaker from its case"


def _id(project: Project, name: str) -> int:
    return next(a.id for a in project.cases.attributes() if a.name == name)


def _case(project: Project, name: str) -> int:
    return next(c.id for c in project.cases.all() if c.name == name)


def test_a_sheet_of_values_is_previewed_then_applied_as_one_step(
    window: MainWindow, panel: CasesPanel, tmp_path: Path
) -> None:
    values = tmp_path / "scores.csv"
    values.write_text("Participant,Pre,Post\nP1,10,17\nP9,4,5\n", encoding="utf-8")
    asked: list[str] = []

    def answer(title: str, text: str) -> bool:
        asked.append(text)
        return len(asked) > 1  # no the first time, yes the second

    window.ask = answer
    panel.choose_sheet = lambda: values
    before = dump(panel.project)
    panel.sheet_action.trigger()
    assert "Cases created: P9." in asked[0]
    assert_same(dump(panel.project), before, "a preview declined changes nothing")
    panel.sheet_action.trigger()
    assert [_cell(panel, case, "Post").data() for case in ("P1", "P9")] == ["17", "5"]
    assert panel.project.history.undo_label() == "Apply attribute sheet “scores.csv”"


def test_codings_are_counted_again_in_view_and_not_after_each_coding_out_of_view(
    qtbot: QtBot, window: MainWindow, panel: CasesPanel
) -> None:
    project = panel.project
    document = project.documents.all()[0]
    code = project.edits.create_code("Hope")
    window.docks["excerpts"].raise_()  # the Cases tab behind another
    QApplication.processEvents()
    assert panel.visibleRegion().isEmpty()
    start = TEXT.index("Better")
    project.edits.apply_coding(document.id, code.id, start, start + 6)
    assert _cell(panel, "P1", "Codings").data() == 0  # counted when next in view
    window.docks["cases"].raise_()
    QApplication.processEvents()
    assert _cell(panel, "P1", "Codings").data() == 1
    project.edits.apply_coding(document.id, code.id, start, start + 3)
    qtbot.waitUntil(lambda: _cell(panel, "P1", "Codings").data() == 2)


def test_delete_clears_the_chosen_values_as_one_step_and_a_name_cell_renames(
    qtbot: QtBot, window: MainWindow, panel: CasesPanel
) -> None:
    project = panel.project
    cases = {c.name: c.id for c in project.cases.all()}
    pre, post = _id(project, "Pre"), _id(project, "Post")
    project.edits.set_attribute_values([(cases["P1"], pre, 1), (cases["P1"], post, 2), (cases["P2"], pre, 3)])
    selection = panel.table.selectionModel()
    panel.table.setCurrentIndex(_cell(panel, "P1", "Pre"))
    selection.select(_cell(panel, "P1", "Post"), selection.SelectionFlag.Select)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert [_cell(panel, c, a).data() for c, a in (("P1", "Pre"), ("P1", "Post"), ("P2", "Pre"))] == ["", "", "3"]
    assert project.history.undo_label() == "Set 2 values"
    _type_into(qtbot, panel, _cell(panel, "P2", "Case"), "Participant 2")
    assert sorted(c.name for c in project.cases.all()) == ["P1", "Participant 2"]
    window.undo_action.trigger()
    assert sorted(c.name for c in project.cases.all()) == ["P1", "P2"]


def test_the_sheet_is_read_when_the_cases_tab_first_comes_into_view(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.adopt(_study(tmp_path))
    window.show()
    qtbot.waitExposed(window)
    window.docks["search"].raise_()  # the Cases tab behind another: opening a project counts nothing
    found = window.docks["cases"].widget()
    assert isinstance(found, CasesPanel)
    assert not found.model.loaded
    assert found.proxy.rowCount() == 0
    window.docks["cases"].raise_()
    qtbot.waitUntil(lambda: found.model.loaded)
    assert found.proxy.rowCount() == len(window.workspace.project.cases.all()) > 0
