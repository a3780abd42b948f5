"""Axial coding in the desktop: similar codes, categories, merge and split, analysis tables, the relations diagram."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.model.analysis.matrices import NO_VALUE, Analysis, Matrix
from app.model.core.dto import AttributeType, NewDocument
from app.model.demo import build_demo
from app.model.project import Project
from app.resources import resource
from app.ui.analysis.analysis_dialog import BY_ATTRIBUTE, COOCCURRENCE
from app.ui.analysis.matrix_model import MatrixModel
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace


def _open(window: MainWindow, project: Project) -> Workspace:
    window.adopt(project)
    assert window.workspace is not None
    return window.workspace


def _names(project: Project) -> list[tuple[int, str]]:
    return [(n.depth, n.code.name) for n in project.codes.tree()]


def test_similar_codes_merge_a_cluster_and_dismiss_a_pair(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    project = Project.create(tmp_path / "s.axial")
    document = project.documents.add(NewDocument(name="A", text="staff keep leaving and the paperwork grows"))
    ids = {
        name: project.codes.create(name, allow_similar=True).id  # near-duplicates on purpose
        for name in ("Staff turnover", "staff turn-over", "Paperwork burden", "Burden of paperwork", "Morale")
    }
    project.codings.apply(document.id, ids["Staff turnover"], 0, 18)
    project.codings.apply(document.id, ids["staff turn-over"], 0, 18)
    workspace = _open(window, project)
    dialog = workspace.show_similar_codes()
    qtbot.addWidget(dialog)
    assert sorted(sorted(c.code_ids) for c in dialog.clusters) == sorted(
        [
            sorted([ids["Paperwork burden"], ids["Burden of paperwork"]]),
            sorted([ids["Staff turnover"], ids["staff turn-over"]]),
        ]
    )
    staff = next(
        i
        for i in range(dialog.tree.topLevelItemCount())
        if "turn" in dialog.tree.topLevelItem(i).child(0).text(0).lower()
    )  # type: ignore[union-attr]
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(staff))
    dialog.merge_current()
    assert [name for _, name in _names(project)].count("staff turn-over") + [name for _, name in _names(project)].count(
        "Staff turnover"
    ) == 1
    assert project.info().codings == 1  # the identical codings collapsed
    window.undo_action.trigger()
    assert project.info().codes == 5
    assert project.info().codings == 2
    dialog.refresh()
    paper = next(
        dialog.tree.topLevelItem(i)
        for i in range(dialog.tree.topLevelItemCount())
        if "aperwork" in dialog.tree.topLevelItem(i).child(0).text(0)
    )  # type: ignore[union-attr]
    assert paper is not None
    dialog.tree.setCurrentItem(paper.child(1))
    dialog.dismiss_current()
    assert len(dialog.clusters) == 1
    assert project.codes.dismissed_pairs() == {tuple(sorted((ids["Paperwork burden"], ids["Burden of paperwork"])))}


def test_category_merge_and_split_from_the_tree_and_excerpts(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    project = Project.create(tmp_path / "c.axial")
    text = "caseload heavy, paperwork heavy, forms everywhere, supervision weekly"
    document = project.documents.add(NewDocument(name="A", text=text))
    ids = {name: project.codes.create(name).id for name in ("Caseload", "Paperwork", "Supervision")}
    for name, words in (
        ("Paperwork", "paperwork heavy"),
        ("Paperwork", "forms everywhere"),
        ("Caseload", "caseload heavy"),
    ):
        start = text.index(words)
        project.codings.apply(document.id, ids[name], start, start + len(words))
    workspace = _open(window, project)
    window.ask_text = lambda title, label, default: "Workload"
    workspace.create_category([ids["Caseload"], ids["Paperwork"]])
    assert _names(project) == [(0, "Workload"), (1, "Caseload"), (1, "Paperwork"), (0, "Supervision")]

    workspace.excerpts.show_code(ids["Paperwork"])
    forms = next(i for i in range(workspace.excerpts.list.count()) if "forms" in workspace.excerpts.list.item(i).text())  # type: ignore[union-attr]
    workspace.excerpts.list.item(forms).setSelected(True)  # type: ignore[union-attr]
    window.ask_text = lambda title, label, default: "Forms"
    workspace.split_excerpts(workspace.excerpts.selected_coding_ids())
    assert _names(project) == [(0, "Workload"), (1, "Caseload"), (1, "Paperwork"), (1, "Forms"), (0, "Supervision")]
    forms_id = next(n.code.id for n in project.codes.tree() if n.code.name == "Forms")
    assert [text[c.start : c.end] for c in project.codings.for_codes([forms_id])] == ["forms everywhere"]

    workspace.merge_codes([forms_id], ids["Paperwork"])
    assert [text[c.start : c.end] for c in project.codings.for_codes([ids["Paperwork"]])] == [
        "paperwork heavy",
        "forms everywhere",
    ]
    for _ in range(3):
        window.undo_action.trigger()
    assert _names(project) == [(0, "Caseload"), (0, "Paperwork"), (0, "Supervision")]


def test_analysis_tables_agree_with_the_model_and_export(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    workspace = _open(window, build_demo(tmp_path / "Demo.axial", resource("demo")))
    dialog = workspace.show_analysis()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.job is None and dialog.models[0].rowCount() > 0, timeout=10_000)
    project = workspace.project
    nodes = project.codes.tree()
    frequencies = dialog.models[0]
    assert frequencies.rowCount() == len(nodes)
    caseload = next(n for n in nodes if n.code.name == "Caseload size")
    row = frequencies.matrix.row_ids.index(caseload.code.id)
    assert frequencies.value(row, 0) == caseload.total_count

    with qtbot.waitSignal(dialog.computed, timeout=10_000):
        dialog.tabs.setCurrentIndex(COOCCURRENCE)
    matrix = dialog.models[COOCCURRENCE].matrix
    top = [n.code.id for n in nodes if n.code.parent_id is None]
    expected = Analysis(project).cooccurrence(top)
    assert matrix.cells == expected.cells
    staffing = next(n.code.id for n in nodes if n.code.name == "Staffing")
    leadership = next(n.code.id for n in nodes if n.code.name == "Leadership")
    title, codings = dialog.cell(COOCCURRENCE, matrix.row_ids.index(staffing), matrix.row_ids.index(leadership))
    assert title == "Staffing with Leadership"
    assert len(codings) == expected.pair(staffing, leadership)

    dialog.export(tmp_path / "cooccurrence.xlsx")
    sheet = load_workbook(tmp_path / "cooccurrence.xlsx").active
    assert sheet is not None
    assert sheet.max_row == len(top) + 1


def test_relations_diagram_keeps_box_positions_and_exports(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    project = Project.create(tmp_path / "r.axial")
    turnover, burnout, supervision = (project.codes.create(name).id for name in ("Turnover", "Burnout", "Supervision"))
    workspace = _open(window, project)
    dialog = workspace.show_relations()
    qtbot.addWidget(dialog)
    kinds = {t.name: t.id for t in project.relations.types()}
    for source, target, kind in ((burnout, turnover, "is cause of"), (supervision, burnout, "contradicts")):
        dialog.source.setCurrentIndex(dialog.source.findData(source))
        dialog.target.setCurrentIndex(dialog.target.findData(target))
        dialog.kind.setCurrentIndex(dialog.kind.findData(kinds[kind]))
        dialog.add_relation()
    assert dialog.table.rowCount() == 2
    assert sorted(dialog.diagram.boxes) == sorted([turnover, burnout, supervision])
    dialog.diagram.boxes[burnout].setPos(300.0, -120.0)
    dialog.diagram.save_positions()
    assert project.relations.positions()[burnout] == (300.0, -120.0)
    dialog.close()

    again = workspace.show_relations()
    qtbot.addWidget(again)
    position = again.diagram.boxes[burnout].pos()
    assert (position.x(), position.y()) == (300.0, -120.0)
    again.diagram.export(tmp_path / "relations.png")
    again.diagram.export(tmp_path / "relations.svg")
    assert (tmp_path / "relations.png").stat().st_size > 1000
    assert "<svg" in (tmp_path / "relations.svg").read_text()
    assert "is cause of" in (tmp_path / "relations.svg").read_text()

    window.undo_action.trigger()  # the box move
    window.undo_action.trigger()  # the second relation
    assert len(project.relations.all()) == 1

    again.add_type("is a barrier to", directed=True)
    assert again.kind.currentText() == "is a barrier to"
    assert "is a barrier to" in [t.name for t in project.relations.types()]


def test_the_excerpts_behind_a_cell_show_in_front_of_the_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    workspace = _open(window, build_demo(tmp_path / "Demo.axial", resource("demo")))
    dialog = workspace.show_analysis()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.job is None and dialog.models[0].rowCount() > 0, timeout=10_000)
    table = dialog.tables[0]
    table.doubleClicked.emit(dialog.models[0].index(0, 0))  # Workload, codings
    shown = dialog.excerpts_window
    assert shown.isVisible()
    assert shown.isWindow()
    assert shown.parent() is dialog  # a window of the dialog's own: never behind it
    assert shown.panel.list.count() == dialog.models[0].value(0, 0)
    assert "Workload" in shown.windowTitle()
    assert shown.panel.split_button.isHidden()
    item = shown.panel.list.item(0)
    assert item is not None
    document_id, _ = item.data(Qt.ItemDataRole.UserRole + 1)
    shown.panel.list.itemClicked.emit(item)
    assert workspace.viewer.document_id == document_id  # choosing one opens it, as in the Excerpts panel


def test_rows_are_one_line_high_and_a_lone_count_is_pale_with_a_legend(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    workspace = _open(window, build_demo(tmp_path / "Demo.axial", resource("demo")))
    dialog = workspace.show_analysis()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.job is None and dialog.models[0].rowCount() > 0, timeout=10_000)
    table = dialog.tables[0]
    assert table.rowHeight(0) <= table.fontMetrics().height() + 8

    with qtbot.waitSignal(dialog.computed, timeout=10_000):
        dialog.tabs.setCurrentIndex(BY_ATTRIBUTE)
    model = dialog.models[BY_ATTRIBUTE]
    assert dialog.legend.isVisible()
    ones = [(r, c) for r in range(model.rowCount()) for c in range(model.columnCount()) if model.value(r, c) == 1]
    assert ones
    shade = model.data(model.index(*ones[0]), Qt.ItemDataRole.BackgroundRole)
    assert shade.alpha() == 255
    assert shade.lightness() > 180  # pale, whatever the table's largest count
    assert dialog.legend.swatches[0].text() == "1"
    assert dialog.legend.swatches[-1].text() == str(model.top)

    lone = MatrixModel(dialog)
    lone.show(Matrix((1,), ("A",), {(1, "A"): 1}), ["Code"], ["A"], heat=True)
    assert lone.data(lone.index(0, 0), Qt.ItemDataRole.BackgroundRole).lightness() > 180


def test_relation_codes_are_found_by_their_own_name_and_directions_follow_the_type(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    project = Project.create(tmp_path / "r.axial")
    staffing = project.codes.create("Staffing")
    turnover = project.codes.create("Turnover", staffing.id)
    burnout = project.codes.create("Burnout")
    workspace = _open(window, project)
    dialog = workspace.show_relations()
    qtbot.addWidget(dialog)
    assert dialog.source.code_id() != dialog.target.code_id()  # never from a code to itself by default

    completer = dialog.target.completer()
    completer.setCompletionPrefix("TURN")
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Turnover — Staffing"
    dialog.target.setEditText("Turnover — Staffing")
    assert dialog.target.code_id() == turnover.id
    dialog.source.setEditText("Burn")
    dialog.add_relation()
    assert project.relations.all() == []
    assert "From" in dialog.status.text()
    dialog.source.choose(burnout.id)
    dialog.add_relation()
    assert [(r.source_id, r.target_id) for r in project.relations.all()] == [(burnout.id, turnover.id)]

    kinds = {t.name: t for t in project.relations.types()}
    dialog.kind.setCurrentIndex(dialog.kind.findData(kinds["contradicts"].id))
    assert not dialog.directed.isChecked()
    dialog.kind.setCurrentIndex(dialog.kind.findData(kinds["is cause of"].id))
    assert dialog.directed.isChecked()
    dialog.add_type("goes along with", directed=False)
    assert dialog.kind.currentText() == "goes along with (both ways)"
    assert not dialog.directed.isChecked()


def test_numeric_attribute_values_are_offered_and_tabled_by_size(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    project = Project.create(tmp_path / "n.axial")
    score = project.cases.define_attribute("Score", AttributeType.NUMBER)
    code = project.codes.create("Burnout")
    for value in ("-1", "1", "10", "12", "2", "9"):
        case = project.cases.create(f"P{value}")
        project.cases.set_value(case.id, score.id, float(value))
        document = project.documents.add(NewDocument(name=f"I{value}", text="It is heavy.", case_ids=(case.id,)))
        project.codings.apply(document.id, code.id, 0, 5)
    workspace = _open(window, project)
    dialog = workspace.show_analysis()
    qtbot.addWidget(dialog)
    dialog.filter_attribute.setCurrentIndex(dialog.filter_attribute.findData(score.id))
    offered = [dialog.filter_value.itemText(i) for i in range(1, dialog.filter_value.count())]
    assert offered == ["-1", "1", "2", "9", "10", "12", NO_VALUE]
    qtbot.waitUntil(lambda: dialog.job is None, timeout=10_000)
    with qtbot.waitSignal(dialog.computed, timeout=10_000):
        dialog.tabs.setCurrentIndex(BY_ATTRIBUTE)
    assert dialog.models[BY_ATTRIBUTE].column_titles == ["-1", "1", "2", "9", "10", "12", NO_VALUE]
