"""The code tree model: valid by pytest-qt's model tester, matching the service, editable, drag to move, undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from app.model.core.dto import NewDocument
from app.model.history.operations import History
from app.model.project import Project
from app.ui.codes.code_tree_model import NAME, OWN, TOTAL, CodeFilter, CodeTreeModel, encode_ids


@pytest.fixture
def owner(qapp: QApplication) -> QObject:
    """The Qt parent of the model under test."""
    return QObject()


def _model(project: Project, owner: QObject) -> tuple[CodeTreeModel, History, list[str]]:
    reports: list[str] = []
    model = CodeTreeModel(project, project.edits, reports.append, owner)
    project.subscribe(model.on_changes)
    return model, project.history, reports


def _tree(model: CodeTreeModel, parent: QModelIndex | None = None, depth: int = 0) -> list[tuple[int, str, int]]:
    parent = parent or QModelIndex()
    rows = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, NAME, parent)
        rows.append((depth, index.data(), model.index(row, TOTAL, parent).data()))
        rows += _tree(model, index, depth + 1)
    return rows


def test_model_is_valid_and_mirrors_the_service(qtmodeltester: ModelTester, project: Project, owner: QObject) -> None:
    workload = project.codes.create("Workload", is_codable=False)
    caseload = project.codes.create("Caseload", workload.id)
    project.codes.create("Paperwork", workload.id)
    project.codes.create("Supervision")
    doc = project.documents.add(NewDocument(name="A", text="heavy caseload every week"))
    project.codings.apply(doc.id, caseload.id, 6, 14)
    model, _, _ = _model(project, owner)
    qtmodeltester.check(model)
    assert _tree(model) == [(0, "Workload", 1), (1, "Caseload", 1), (1, "Paperwork", 0), (0, "Supervision", 0)]
    project.codes.create("Turnover")  # a change made elsewhere shows up
    assert _tree(model)[-1] == (0, "Turnover", 0)
    qtmodeltester.check(model)


def test_rename_in_place_and_undo(project: Project, owner: QObject) -> None:
    project.codes.create("Caseload")
    project.codes.create("Paperwork")
    model, stack, reports = _model(project, owner)
    assert model.setData(model.index(0, NAME), "Caseload size", Qt.ItemDataRole.EditRole)
    assert [n.code.name for n in project.codes.tree()] == ["Caseload size", "Paperwork"]
    assert not model.setData(model.index(0, NAME), "paperwork", Qt.ItemDataRole.EditRole)  # a clash
    assert reports == ["A code named 'paperwork' already exists at the top level."]
    stack.undo()
    assert model.index(0, NAME).data() == "Caseload"


def test_drag_and_drop_moves_codes_undoably_and_refuses_cycles(project: Project, owner: QObject) -> None:
    parent = project.codes.create("Staffing")
    child = project.codes.create("Turnover", parent.id)
    other = project.codes.create("Vacancies")
    model, stack, _ = _model(project, owner)
    target = model.index_of(parent.id)
    assert not model.canDropMimeData(encode_ids([parent.id]), Qt.DropAction.MoveAction, -1, 0, model.index_of(child.id))
    model.dropMimeData(encode_ids([other.id]), Qt.DropAction.MoveAction, 0, 0, target)
    assert _tree(model) == [(0, "Staffing", 0), (1, "Vacancies", 0), (1, "Turnover", 0)]
    stack.undo()
    assert _tree(model) == [(0, "Staffing", 0), (1, "Turnover", 0), (0, "Vacancies", 0)]
    stack.redo()
    assert _tree(model)[1] == (1, "Vacancies", 0)


def test_fuzzy_filter_keeps_the_categories_above_matches(
    qtmodeltester: ModelTester, project: Project, owner: QObject
) -> None:
    staffing = project.codes.create("Staffing")
    project.codes.create("Staff turnover", staffing.id)
    project.codes.create("Supervision")
    model, _, _ = _model(project, owner)
    proxy = CodeFilter(model)
    proxy.setSourceModel(model)
    proxy.set_query("turnovr")
    top = proxy.index(0, NAME)
    assert (proxy.rowCount(), top.data(), proxy.index(0, NAME, top).data()) == (1, "Staffing", "Staff turnover")
    qtmodeltester.check(proxy)


def test_a_new_coding_repaints_only_the_rows_whose_counts_changed(project: Project, owner: QObject) -> None:
    workload = project.codes.create("Workload", is_codable=False)
    caseload = project.codes.create("Caseload", workload.id)
    project.codes.create("Paperwork", workload.id)
    project.codes.create("Supervision")
    doc = project.documents.add(NewDocument(name="A", text="heavy caseload every week"))
    model, _, _ = _model(project, owner)
    resets: list[bool] = []
    changed: list[tuple[str, int, int]] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda first, last: changed.append((first.data(), first.column(), last.column())))
    project.codings.apply(doc.id, caseload.id, 6, 14)
    assert not resets  # expansion and selection survive
    assert sorted(changed) == [("Caseload", NAME, OWN), ("Workload", NAME, OWN)]
    assert _tree(model)[:2] == [(0, "Workload", 1), (1, "Caseload", 1)]
