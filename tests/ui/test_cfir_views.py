"""CFIR in the desktop: mapping by drag and by suggestion, ratings with undo and export, the 2009 crosswalk."""

from __future__ import annotations

from pathlib import Path

import docx
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.model.core.dto import AttributeType
from app.model.demo import build_demo
from app.model.frameworks import crosswalk, definitions
from app.model.project import Project
from app.resources import resource
from app.ui.frameworks.framework_matrix_view import FrameworkMatrixWindow
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace


def _demo(window: MainWindow, tmp_path: Path) -> Workspace:
    window.adopt(build_demo(tmp_path / "Demo.axial", resource("demo")))
    assert window.workspace is not None
    return window.workspace


def test_mapping_by_drop_and_by_suggestion_with_counts_and_undo(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    workspace = _demo(window, tmp_path)
    project = workspace.project
    window.use_cfir2_action.trigger()
    assert project.info().default_framework == "CFIR 2.0 (2022)"
    dialog = workspace.show_mapping()
    assert dialog is not None
    qtbot.addWidget(dialog)
    nodes = {n.official_id: n.id for n in dialog.map.nodes.values()}
    codes = {n.code.name: n.code for n in project.codes.tree()}
    unmapped_before = dialog.unmapped.count()

    # Drop the Workload category onto Work Infrastructure: its sub-codes come along.
    dialog.constructs.codes_dropped.emit([codes["Workload"].id], nodes["III.A.3"])
    work = dialog.map.counts()[nodes["III.A.3"]]
    expected_codings = sum(n.own_count for n in project.codes.tree() if n.code.parent_id == codes["Workload"].id)
    assert (work.codes, work.codings) == (3, expected_codings)
    assert dialog.unmapped.count() == unmapped_before - 2
    dialog.select_construct(nodes["III.A.3"])
    mapped = [dialog.mapped.item(i).text() for i in range(dialog.mapped.count())]  # type: ignore[union-attr]
    assert "Workload / Caseload size   (through its category)" in mapped

    # Accept a suggestion for an unmapped code.
    row = next(
        i for i in range(dialog.unmapped.count()) if dialog.unmapped.item(i).text() == "Supervision / Group supervision"
    )  # type: ignore[union-attr]
    dialog.unmapped.setCurrentRow(row)
    first = dialog.suggestions[0]
    assert first.isVisible()
    code_id, node_id = first.property("mapping")
    first.click()
    assert (code_id, node_id) in project.frameworks.mappings()

    # Excerpts behind a construct, filtered by role.
    role = next(a.id for a in project.cases.attributes() if a.name == "Role")
    dialog.filter_attribute.setCurrentIndex(dialog.filter_attribute.findData(role))
    dialog.filter_value.setCurrentIndex(dialog.filter_value.findData("supervisor"))
    dialog.select_construct(nodes["III.A.3"])
    shown = dialog.show_excerpts()
    assert shown
    assert len(shown) < work.codings
    assert workspace.excerpts.list.count() == len(shown)

    window.undo_action.trigger()
    window.undo_action.trigger()
    assert project.frameworks.mappings() == []


def _matrix_of_demo(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> tuple[Project, FrameworkMatrixWindow]:
    workspace = _demo(window, tmp_path)
    definitions.install(workspace.project, "cfir-2022")
    matrix = workspace.show_matrix()
    assert matrix is not None
    qtbot.addWidget(matrix)
    return workspace.project, matrix


def test_ratings_by_site_with_undo_and_export(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    project, matrix = _matrix_of_demo(qtbot, window, tmp_path)
    site = next(a.id for a in project.cases.attributes() if a.name == "Site")
    matrix.unit_attribute.setCurrentIndex(matrix.unit_attribute.findData(site))
    matrix.make_units()
    model = matrix.model
    assert [u.label for u in model.units] == ["Riverside", "Hillcrest", "Northgate"]
    knowledge = next(c for c in model.columns if c.node is not None and c.node.official_id == "III.K")
    riverside, hillcrest = model.units[0].id, model.units[1].id
    index = model.index_of(riverside, knowledge.id)
    matrix.table.setCurrentIndex(index)
    qtbot.keyClick(matrix.table, "2")
    assert str(index.data()).startswith("+2")
    qtbot.keyClick(matrix.table, Qt.Key.Key_Return)  # the rationale, typed in place
    qtbot.keyClicks(matrix.table.focusWidget(), "Every case manager cites the two-day training")
    qtbot.keyClick(matrix.table.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "two-day" in str(model.data(index, Qt.ItemDataRole.EditRole)))
    matrix.table.setFocus()
    qtbot.keyClick(matrix.table, "x")
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: str(index.data()).startswith("+2"))
    window.undo_action.trigger()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not str(index.data()).startswith(("+", "X")))
    window.redo_action.trigger()
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: "two-day" in str(model.data(index, Qt.ItemDataRole.EditRole)))
    # The cell's excerpts cited as the rating's evidence; typing a new rating keeps them.
    second = model.index_of(hillcrest, knowledge.id)
    matrix.table.setCurrentIndex(second)
    qtbot.keyClick(matrix.table, "1")
    matrix.panel.show_excerpts()
    listed = matrix.panel.excerpts.chosen_coding_ids()
    matrix.panel.cite_excerpts()
    qtbot.keyClick(matrix.table, "2")
    rating = project.frameworks.rating(hillcrest, knowledge.id)
    assert rating is not None
    assert (rating.value, rating.evidence_coding_ids) == ("+2", tuple(sorted(listed)))
    window.undo_action.trigger()
    window.undo_action.trigger()
    window.undo_action.trigger()
    matrix.export(tmp_path / "ratings.xlsx")
    workbook = load_workbook(tmp_path / "ratings.xlsx")
    ratings = workbook["Ratings"]
    assert [c.value for c in ratings[1]][:4] == ["Construct", "Riverside", "Hillcrest", "Northgate"]
    assert ratings.max_row == 1 + 48 + 19  # no outcome chosen, so no outcome row
    assert [c.value for c in workbook["Rationales"][2]][2:4] == [2, "Every case manager cites the two-day training"]
    matrix.export(tmp_path / "ratings.docx")  # the same matrix in Word, with the rationale
    document = docx.Document(str(tmp_path / "ratings.docx"))
    assert [c.text for c in document.tables[0].rows[0].cells][:4] == [
        "Construct",
        "Riverside",
        "Hillcrest",
        "Northgate",
    ]
    assert "Riverside, +2: Every case manager cites the two-day training" in [p.text for p in document.paragraphs]
    # With an outcome chosen, the workbook's outcome row is named by its attribute, as the Word matrix is.
    matrix.outcome.setCurrentIndex(1)
    named = matrix.outcome.currentText()
    matrix.export(tmp_path / "by outcome.xlsx")
    labels = [row[0].value for row in load_workbook(tmp_path / "by outcome.xlsx")["Ratings"].iter_rows()]
    assert named in labels
    assert "Outcome" not in labels
    matrix.export(tmp_path / "summaries.docx", summaries=True)
    assert "Riverside" in [p.text for p in docx.Document(str(tmp_path / "summaries.docx")).paragraphs]


def test_crosswalk_dialog_needs_every_decision(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    project = Project.create(tmp_path / "old.axial")
    old = definitions.install(project, "cfir-2009")
    old_nodes = {n.official_id: n.id for n in project.frameworks.nodes(old.id)}
    evidence, climate = project.codes.create("Evidence"), project.codes.create("Climate")
    project.frameworks.map_code(evidence.id, old_nodes["I.B"])
    project.frameworks.map_code(climate.id, old_nodes["III.D"])
    window.adopt(project)
    assert window.workspace is not None
    dialog = window.workspace.show_crosswalk()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert len(dialog.pending) == 1
    assert not dialog.apply()
    assert "still need a decision" in dialog.status.text()
    planned = {n.official_id: n.id for n in crosswalk.target_nodes(project, dialog.new_id)}  # 2.0 may come with it
    dialog.choose(0, planned["III.D"])
    assert dialog.apply()
    new = project.frameworks.default_id()
    assert new is not None
    new_nodes = {n.official_id: n.id for n in project.frameworks.nodes(new)}
    assert (climate.id, new_nodes["III.D"]) in project.frameworks.mappings()
    assert (evidence.id, new_nodes["I.B"]) in project.frameworks.mappings()
    assert project.info().default_framework == "CFIR 2.0 (2022)"


def test_ratings_by_individual_case(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    project, matrix = _matrix_of_demo(qtbot, window, tmp_path)
    matrix.unit_attribute.setCurrentIndex(matrix.unit_attribute.count() - 1)
    assert matrix.unit_attribute.currentText() == "each case on its own"
    matrix.make_units()
    assert [u.label for u in matrix.model.units] == [c.name for c in project.cases.all()]
    matrix.table.setCurrentIndex(matrix.model.index(0, 2))
    qtbot.keyClick(matrix.table, "-")
    qtbot.keyClick(matrix.table, "1")
    assert str(matrix.model.index(0, 2).data()).startswith("-1")


def test_rating_units_are_offered_from_categorical_attributes_only(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    project, matrix = _matrix_of_demo(qtbot, window, tmp_path)
    offered = [matrix.unit_attribute.itemText(i) for i in range(matrix.unit_attribute.count())]
    numeric = [a.name for a in project.cases.attributes() if a.type in (AttributeType.NUMBER, AttributeType.DATE)]
    assert numeric
    assert not set(numeric) & set(offered)
    assert "Site" in offered
    assert offered[-1] == "each case on its own"
    outcomes = [matrix.outcome.itemText(i) for i in range(matrix.outcome.count())]
    numbers = [a.name for a in project.cases.attributes() if a.type is AttributeType.NUMBER]
    assert set(numbers) <= set(outcomes)  # numbers order the units (a date is no outcome)


def test_a_code_sharing_no_word_with_any_construct_gets_no_guess(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    workspace = _demo(window, tmp_path)
    assert workspace.project.info().default_framework == "CFIR 2.0 (2022)"  # the demo starts on CFIR 2.0
    paperwork = next(n.code.id for n in workspace.project.codes.tree() if n.code.name == "Paperwork")
    workspace.project.codes.set_details(paperwork, definition="")  # "Paperwork" alone shares no construct's word
    dialog = workspace.show_mapping()
    assert dialog is not None
    qtbot.addWidget(dialog)
    rows = {dialog.unmapped.item(i).text(): i for i in range(dialog.unmapped.count())}  # type: ignore[union-attr]
    dialog.unmapped.setCurrentRow(rows["Workload / Paperwork"])
    assert not any(button.isVisible() for button in dialog.suggestions)
    assert dialog.no_suggestion.isVisible()
    dialog.unmapped.setCurrentRow(rows["Staffing / Turnover"])
    assert dialog.suggestions[0].text().startswith("Map to III.A.3 Work Infrastructure  (")
    assert not dialog.no_suggestion.isVisible()


def test_suggestions_read_as_written_and_say_what_their_number_is(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    workspace = _demo(window, tmp_path)
    project = workspace.project
    code = project.codes.create("State policies and laws")
    window.use_cfir2_action.trigger()
    dialog = workspace.show_mapping()
    assert dialog is not None
    qtbot.addWidget(dialog)
    row = next(i for i in range(dialog.unmapped.count()) if dialog.unmapped.item(i).text() == code.name)  # type: ignore[union-attr]
    dialog.unmapped.setCurrentRow(row)
    first = dialog.suggestions[0]
    # "&" doubled, or Qt shows "Policies _Laws" with an underlined L as a keyboard shortcut.
    assert first.text().startswith("Map to II.E Policies && Laws  (shares ")
    assert first.text().endswith("% of the code’s words)")


def test_mapping_counts_stand_together_and_excerpts_show_in_front(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    workspace = _demo(window, tmp_path)
    window.use_cfir2_action.trigger()
    dialog = workspace.show_mapping()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.resize(1800, 800)
    dialog.show()
    qtbot.waitExposed(dialog)
    header = dialog.constructs.header()
    widths = [header.sectionSize(c) for c in range(1, 5)]  # codes, codings, documents, cases
    assert max(widths) <= 2 * min(widths)  # the last count does not take the spare width
    assert header.sectionSize(0) > sum(widths)

    codes = {n.code.name: n.code for n in workspace.project.codes.tree()}
    nodes = {n.official_id: n.id for n in dialog.map.nodes.values()}
    dialog.constructs.codes_dropped.emit([codes["Workload"].id], nodes["III.A.3"])
    dialog.select_construct(nodes["III.A.3"])
    shown = dialog.show_excerpts()
    assert dialog.excerpts_window.isVisible()
    assert dialog.excerpts_window.parent() is dialog
    assert dialog.excerpts_window.panel.list.count() == len(shown)
