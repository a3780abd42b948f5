"""The desktop's set-up edits (the move to CFIR 2.0, study constructs, relation types, rating units, an adapted
framework, a REFI-QDA merge) are each one step in the project's history, and opening a dialog changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.model.frameworks import crosswalk, definitions
from app.model.project import Project
from app.ui.core import file_dialogs
from app.ui.frameworks.crosswalk_dialog import CrosswalkDialog
from app.ui.frameworks.framework_matrix_view import EACH_CASE
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace
from tests.unit.project_dump import ProjectDump, assert_same, dump
from tests.unit.refi_files import ToolSelection, ToolSource, project_xml, qdpx


def _open(window: MainWindow, tmp_path: Path) -> Workspace:
    project = Project.create(tmp_path / "Study.axial", coder="Tester")
    for name in ("CM-01", "CM-02"):
        project.cases.create(name)
    window.adopt(project)
    assert window.workspace is not None
    return window.workspace


def _one_step(project: Project, before: ProjectDump, label: str) -> None:
    """The last edit is one step named `label`; undoing it gives back `before`, redoing it what it made."""
    after = dump(project)
    assert after != before
    assert project.history.undo_label() == label
    assert project.history.undo() is not None
    assert_same(dump(project), before, "undo")
    assert project.history.redo() is not None
    assert_same(dump(project), after, "redo")


def test_the_framework_menu_edits_are_steps_and_its_crosswalk_item_changes_nothing(
    window: MainWindow, tmp_path: Path
) -> None:
    project = _open(window, tmp_path).project
    before = dump(project)
    window.use_cfir1_action.trigger()
    _one_step(project, before, "Use CFIR (2009)")
    before = dump(project)
    window.crosswalk_action.trigger()  # opens the dialog on the project's CFIR 2009, CFIR 2.0 not yet there
    assert_same(dump(project), before, "opening the crosswalk from the menu")
    window.no_framework_action.trigger()
    _one_step(project, before, "Use no framework")


def test_opening_the_crosswalk_changes_nothing_and_the_move_is_one_step(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    project = _open(window, tmp_path).project
    old = definitions.install(project, "cfir-2009")
    old_nodes = {n.official_id: n.id for n in project.frameworks.nodes(old.id)}
    climate = project.codes.create("Climate")
    project.frameworks.map_code(climate.id, old_nodes["III.D"])
    before = dump(project)

    dialog = CrosswalkDialog(project, old.id, None, window)
    qtbot.addWidget(dialog)
    assert_same(dump(project), before, "opening the dialog")
    assert "cfir-2022" not in {f.key for f in project.frameworks.all()}

    planned = {n.official_id: n.id for n in crosswalk.target_nodes(project, None)}
    dialog.choose(0, planned["III.D"])
    assert dialog.apply()
    new = project.frameworks.default_id()
    assert new is not None
    assert project.frameworks.key_of(new) == "cfir-2022"
    stored = {n.official_id: n.id for n in project.frameworks.nodes(new)}
    assert (climate.id, stored["III.D"]) in project.frameworks.mappings()
    _one_step(project, before, "Move mappings to CFIR 2.0")


def test_a_study_construct_from_the_mapping_dialog_is_one_step(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    workspace = _open(window, tmp_path)
    project = workspace.project
    cfir = definitions.install(project, "cfir-2022")
    domain = next(n for n in project.frameworks.nodes(cfir.id) if n.official_id == "II")
    window.ask_text = lambda title, label, default: "Funding rules"
    dialog = workspace.show_mapping()
    assert dialog is not None
    qtbot.addWidget(dialog)
    before = dump(project)
    dialog.add_under(domain.id, "construct")
    assert "Funding rules" in {n.name for n in project.frameworks.nodes(cfir.id)}
    _one_step(project, before, "Add study construct “Funding rules”")


def test_a_relation_type_from_the_relations_dialog_is_one_step(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    workspace = _open(window, tmp_path)
    dialog = workspace.show_relations()
    qtbot.addWidget(dialog)
    before = dump(workspace.project)
    dialog.add_type("hinders", directed=True)
    assert dialog.kind.currentText() == "hinders"
    _one_step(workspace.project, before, "Add relation type “hinders”")


def test_rating_units_from_the_framework_matrix_are_one_step(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    workspace = _open(window, tmp_path)
    definitions.install(workspace.project, "cfir-2022")
    dialog = workspace.show_matrix()
    assert dialog is not None
    qtbot.addWidget(dialog)
    before = dump(workspace.project)
    dialog.unit_attribute.setCurrentIndex(dialog.unit_attribute.findData(EACH_CASE))
    dialog.make_units()
    assert [u.label for u in dialog.model.units] == ["CM-01", "CM-02"]
    _one_step(workspace.project, before, "Rate each case")


def test_an_adapted_framework_from_the_menu_is_one_step(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _open(window, tmp_path).project
    cfir = definitions.install(project, "cfir-2022")
    path = tmp_path / "ours.json"
    definitions.write_adapted(project, cfir.id, path)
    chosen: Callable[..., str] = lambda *args, **kwargs: str(path)  # noqa: E731
    monkeypatch.setattr(file_dialogs, "open_name", chosen)
    before = dump(project)
    window.import_framework_action.trigger()
    default = project.frameworks.default_id()
    assert default is not None
    assert project.frameworks.key_of(default) == "adapted-ours"
    _one_step(project, before, "Import framework “ours.json”")


def test_a_merge_from_another_tool_is_one_step(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    project = _open(window, tmp_path).project
    code = "AAAAAAAA-0000-4000-8000-000000000001"
    source = ToolSource(
        "BBBBBBBB-0000-4000-8000-000000000001", "From NVivo", b"My caseload is heavy.", [ToolSelection(3, 11, code)]
    )
    path = qdpx(tmp_path / "other.qdpx", project_xml(f'<Code guid="{code}" name="Caseload"/>', [source]), [source])
    before = dump(project)
    window.exchange.import_file(path, None)
    qtbot.waitUntil(lambda: window.exchange.last_report is not None, timeout=10_000)
    assert [node.code.name for node in project.codes.tree()] == ["Caseload"]
    _one_step(project, before, "Merge “other.qdpx”")


def test_an_attribute_sheet_from_the_import_dialog_is_one_step(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    project = _open(window, tmp_path).project
    sheet = tmp_path / "cases.csv"
    sheet.write_text("Case,Region\nCM-01,North\nCM-02,South\n", encoding="utf-8")
    dialog = window.show_import()
    assert dialog is not None
    qtbot.addWidget(dialog)
    before = dump(project)
    dialog.load_sheet(sheet)
    assert_same(dump(project), before, "a preview changes nothing")
    dialog.apply_sheet_button.click()
    assert "2 values set on 2 cases" in dialog.summary.toPlainText()
    _one_step(project, before, "Apply attribute sheet “cases.csv”")
