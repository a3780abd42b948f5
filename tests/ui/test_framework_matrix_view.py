"""The framework matrix window: a valid table model, rating 9 sites × 30 constructs from the keyboard with at most
three key presses a cell, the rationale typed in place, undo, the excerpts and summary beside the matrix, the
distinguishing aid's reason, filters, and opening it from the Framework menu."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.model.frameworks.distinguishing import Cut, CutKind
from app.model.frameworks.framework_matrix import Columns
from app.model.project import Project
from app.ui.frameworks.framework_matrix_model import FrameworkMatrixModel
from app.ui.frameworks.framework_matrix_view import FrameworkMatrixWindow
from app.ui.shell.main_window import MainWindow
from tests.unit.study2_project import Study2, build_study2


@pytest.fixture
def study(tmp_path: Path) -> Iterator[tuple[Project, Study2]]:
    project = Project.create(tmp_path / "study2.axial", coder="Tester")
    yield project, build_study2(project)
    project.close()


@pytest.fixture
def matrix(qtbot: QtBot, study: tuple[Project, Study2]) -> FrameworkMatrixWindow:
    project, built = study
    window = FrameworkMatrixWindow(project, built.framework_id)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_model_is_a_valid_table_model(qtmodeltester: object, study: tuple[Project, Study2]) -> None:
    project, built = study
    model = FrameworkMatrixModel(project, built.framework_id)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_comparison(built.change, Cut())
    model.set_kind(Columns.CODES)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_nine_sites_by_thirty_constructs_rated_in_at_most_three_keys_a_cell(
    qtbot: QtBot, matrix: FrameworkMatrixWindow, study: tuple[Project, Study2]
) -> None:
    project, _ = study
    table, model = matrix.table, matrix.model
    assert (model.rowCount(), model.columnCount()) == (9, 48 + 19)
    cycle = [("2", "+2"), ("1", "+1"), ("0", "0"), ("-1", "-1"), ("-2", "-2"), ("x", "X"), ("+1", "+1")]
    table.setCurrentIndex(model.index(0, 0))
    presses = 0
    expected = {}
    for row in range(9):
        # Along the row and back along the next: an arrow from each cell to the next, never a trip home.
        columns = range(30) if row % 2 == 0 else range(29, -1, -1)
        for step, column in enumerate(columns):
            assert (table.currentIndex().row(), table.currentIndex().column()) == (row, column)
            typed, value = cycle[(row * 30 + column) % len(cycle)]
            for key in typed:
                qtbot.keyClick(table, key)
                presses += 1
            unit, construct = model.cell(table.currentIndex())
            expected[(unit.id, construct.id)] = value
            if step < 29:
                qtbot.keyClick(table, Qt.Key.Key_Right if row % 2 == 0 else Qt.Key.Key_Left)
            elif row < 8:
                qtbot.keyClick(table, Qt.Key.Key_Down)
            presses += 1
    assert presses <= 3 * 9 * 30
    rated = {(r.unit_id, r.node_id): r.value for r in project.frameworks.ratings()}
    assert {key: rated.get(key) for key in expected} == expected
    # Each key that rates is one step in the history; undo takes the last back.
    last = table.currentIndex()
    before = model.rating(last)
    assert before is not None
    matrix.undo()
    assert model.rating(model.index(last.row(), last.column())) != before


def test_enter_writes_the_rationale_in_place_and_delete_clears(
    qtbot: QtBot, matrix: FrameworkMatrixWindow, study: tuple[Project, Study2]
) -> None:
    project, built = study
    model, table = matrix.model, matrix.table
    index = model.index_of(built.units["Riverside"], built.constructs["III.K"])
    table.setCurrentIndex(index)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    editor = table.focusWidget()
    assert editor is not table
    editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, "Trainers came weekly")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the editor commits once events are processed

    def written() -> None:
        rating = project.frameworks.rating(built.units["Riverside"], built.constructs["III.K"])
        assert rating is not None
        assert (rating.value, rating.rationale) == ("+2", "Trainers came weekly")

    qtbot.waitUntil(written)
    assert "Trainers came weekly" in matrix.panel.rating.toPlainText()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert project.frameworks.rating(built.units["Riverside"], built.constructs["III.K"]) is None
    matrix.undo()
    assert project.frameworks.rating(built.units["Riverside"], built.constructs["III.K"]) is not None
    # A rationale needs a rating: an unrated cell says so instead.
    table.setCurrentIndex(model.index_of(built.units["Riverside"], built.constructs["I.A"]))
    assert not model.setData(table.currentIndex(), "Why")
    assert "Rate the cell first" in matrix.status.text()


def test_a_cell_shows_its_excerpts_and_quotes_one_into_its_summary(
    qtbot: QtBot, matrix: FrameworkMatrixWindow, study: tuple[Project, Study2]
) -> None:
    project, built = study
    unit, knowledge = built.units["Eastgate"], built.constructs["III.K"]
    index = matrix.model.index_of(unit, knowledge)
    assert index.data() == "+1  (2)"  # the rating and the number of excerpts behind it
    matrix.table.setCurrentIndex(index)
    panel = matrix.panel
    qtbot.waitUntil(lambda: panel.excerpts.list.count() == 2)  # read once the arrows rest
    assert panel.excerpts.list.item(0).text() == "Eastgate interview — Nurse: “The training at Eastgate was hands-on”"  # type: ignore[union-attr]
    opened: list[tuple[int, int]] = []
    matrix.excerpt_opened.connect(lambda document, coding: opened.append((document, coding)))
    panel.excerpts.list.setCurrentRow(0)
    panel.excerpts.list.itemActivated.emit(panel.excerpts.list.item(0))
    assert len(opened) == 1
    panel.summary.setPlainText("Hands-on training.")
    panel.quote_excerpt()
    assert project.frameworks.summaries()[(unit, knowledge)].summary == (
        "Hands-on training.\n“The training at Eastgate was hands-on” (Nurse, Eastgate interview)"
    )
    assert index.data() == "+1  (2)  ✎"
    panel.cite_excerpts()
    rating = project.frameworks.rating(unit, knowledge)
    assert rating is not None
    assert len(rating.evidence_coding_ids) == 1
    # Moving away saves a summary being written.
    panel.summary.setPlainText("Hands-on training, twice.")
    panel.summary.document().setModified(True)
    matrix.table.setCurrentIndex(matrix.model.index_of(built.units["Riverside"], knowledge))
    assert project.frameworks.summaries()[(unit, knowledge)].summary == "Hands-on training, twice."


def test_rows_ordered_by_the_change_and_each_label_explained(
    qtbot: QtBot, matrix: FrameworkMatrixWindow, study: tuple[Project, Study2]
) -> None:
    _, built = study
    matrix.outcome.setCurrentIndex(matrix.outcome.findData(built.change))
    model = matrix.model
    headers = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert headers[0] == "Riverside  40  ▲"
    assert headers[-1] == "Pinecrest  0  ▼"
    matrix.table.setCurrentIndex(model.index_of(built.units["Lakeview"], built.constructs["III.K"]))
    aid = matrix.panel.aid.toPlainText()
    assert aid.startswith("Weakly distinguishing.")
    assert "except a tie: 0/0 (Lakeview and Westmoor)" in aid
    assert "not a verdict" in aid
    column = model.index_of(built.units["Lakeview"], built.constructs["III.K"]).column()
    assert str(model.headerData(column, Qt.Orientation.Horizontal)).endswith("· weak ·")
    qtbot.keyClick(matrix.table, "2")  # Lakeview's 0 becomes +2: the tie is gone, and the label follows at once
    assert str(model.headerData(column, Qt.Orientation.Horizontal)).endswith("· strong ·")
    assert matrix.panel.aid.toPlainText().startswith("Strongly distinguishing.")
    matrix.undo()
    matrix.cut.setCurrentIndex(matrix.cut.findText("top k"))
    matrix.amount.setValue(4)
    assert matrix.model.cut == Cut(CutKind.TOP, top=4, threshold=4.0)
    assert matrix.panel.aid.toPlainText().startswith("Strongly distinguishing.")


def test_rows_and_columns_filtered_and_empty_columns_hidden(matrix: FrameworkMatrixWindow) -> None:
    matrix.row_filter.setText("crest")
    assert matrix.model.rowCount() == 2  # Hillcrest, Pinecrest
    matrix.column_filter.setText("leaders")
    assert [c.label for c in matrix.model.columns][:1] == ["IV.A High-level Leaders"]
    matrix.column_filter.setText("")
    matrix.hide_empty.setChecked(True)
    assert {c.label for c in matrix.model.columns} == {
        "III.J Available Resources",
        "III.K Access to Knowledge & Information",
        "IV.A High-level Leaders",
    }


def test_the_framework_menu_opens_the_matrix(qtbot: QtBot, window: MainWindow, study: tuple[Project, Study2]) -> None:
    project, _ = study
    path = project.path
    project.close()
    window.open_project(path)
    window.ratings_action.trigger()
    opened = [w for w in window.findChildren(FrameworkMatrixWindow)]
    assert len(opened) == 1
    assert opened[0].model.rowCount() == 9
    opened[0].close()


def test_column_headers_wrap_between_words_and_fit_their_longest(
    matrix: FrameworkMatrixWindow, study: tuple[Project, Study2]
) -> None:
    _, built = study
    model, table = matrix.model, matrix.table
    column = model.index_of(built.units["Riverside"], built.constructs["III.A"]).column()
    header = str(model.headerData(column, Qt.Orientation.Horizontal))
    assert header.split("\n")[:3] == ["III.A", "Structural", "Characteristics"]
    metrics = table.horizontalHeader().fontMetrics()
    assert table.columnWidth(column) > metrics.horizontalAdvance("Characteristics")


def test_a_rater_types_their_own_ratings_beside_the_teams(
    qtbot: QtBot, matrix: FrameworkMatrixWindow, study: tuple[Project, Study2]
) -> None:
    project, built = study
    model, table = matrix.model, matrix.table
    riverside, knowledge = built.units["Riverside"], built.constructs["III.K"]
    index = model.index_of(riverside, knowledge)
    table.setCurrentIndex(index)
    matrix.as_rater.setChecked(True)
    assert index.data() == "· | +2  (2)"
    qtbot.keyClick(table, "-")
    qtbot.keyClick(table, "1")
    assert index.data() == "-1 | +2  (2)"
    assert [(r.value, r.coder_id) for r in project.frameworks.rater_ratings()] == [("-1", project.store.coder_id)]
    rating = project.frameworks.rating(riverside, knowledge)
    assert rating is not None
    assert rating.value == "+2"  # the team's stays
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.keyClicks(table.focusWidget(), "Only one trainer came")
    qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [r.rationale for r in project.frameworks.rater_ratings()] == ["Only one trainer came"])
    matrix.as_rater.setChecked(False)
    assert index.data() == "+2  (2)"
    assert "Raters: Tester -1" in str(index.data(Qt.ItemDataRole.ToolTipRole))


def test_a_hidden_column_stays_hidden_when_the_rows_are_reordered(
    matrix: FrameworkMatrixWindow, study: tuple[Project, Study2]
) -> None:
    _, built = study
    table, model = matrix.table, matrix.model
    column = model.index_of(built.units["Riverside"], built.constructs["IV.A"]).column()
    table.hide_column(column)
    matrix.outcome.setCurrentIndex(matrix.outcome.findData(built.change))  # the model is read again
    assert table.isColumnHidden(model.index_of(built.units["Riverside"], built.constructs["IV.A"]).column())
    table.show_columns()
    assert not table.isColumnHidden(column)


def test_a_hidden_row_stays_hidden_when_the_rows_are_reordered_and_rows_can_be_dragged(
    matrix: FrameworkMatrixWindow, study: tuple[Project, Study2]
) -> None:
    _, built = study
    table, model = matrix.table, matrix.model
    row = model.index_of(built.units["Riverside"], built.constructs["IV.A"]).row()
    table.hide_row(row)
    assert table.isRowHidden(row)
    matrix.outcome.setCurrentIndex(matrix.outcome.findData(built.change))  # the model is read again, reordered
    moved = model.index_of(built.units["Riverside"], built.constructs["IV.A"]).row()
    assert table.isRowHidden(moved)
    assert sum(table.isRowHidden(r) for r in range(model.rowCount())) == 1
    table.show_rows()
    assert not any(table.isRowHidden(r) for r in range(model.rowCount()))
    assert table.verticalHeader().sectionsMovable()


def test_f_flags_a_rating_the_cell_shows_it_and_undo_takes_it_back(
    qtbot: QtBot, matrix: FrameworkMatrixWindow, study: tuple[Project, Study2]
) -> None:
    project, built = study
    riverside, knowledge = built.units["Riverside"], built.constructs["III.K"]
    index = matrix.model.index_of(riverside, knowledge)
    matrix.table.setCurrentIndex(index)
    qtbot.keyClick(matrix.table, "f")
    assert project.frameworks.rating(riverside, knowledge).flag == "to discuss"  # type: ignore[union-attr]
    assert index.data() == "+2⚑  (2)"
    assert "⚑ Flagged: to discuss" in str(index.data(Qt.ItemDataRole.ToolTipRole))
    assert matrix.panel.flag.text() == "to discuss"
    # The panel's flag field writes any flag; the rating and its rationale stay.
    matrix.panel.flag.setText("low confidence")
    matrix.panel.save_flag()
    rating = project.frameworks.rating(riverside, knowledge)
    assert rating is not None
    assert (rating.flag, rating.value, rating.rationale) == (
        "low confidence",
        "+2",
        "What Riverside said about training.",
    )
    matrix.undo()
    assert project.frameworks.rating(riverside, knowledge).flag == "to discuss"  # type: ignore[union-attr]
    qtbot.keyClick(matrix.table, "f")  # f again takes the flag off
    assert index.data() == "+2  (2)"
    # An unrated cell has nothing to flag: it says so, and the field goes back to empty.
    matrix.table.setCurrentIndex(matrix.model.index_of(riverside, built.constructs["I.A"]))
    matrix.panel.flag.setText("to discuss")
    matrix.panel.save_flag()
    assert "Rate the cell first" in matrix.status.text()
    assert matrix.panel.flag.text() == ""


def test_rows_for_ranges_of_the_change(
    matrix: FrameworkMatrixWindow, study: tuple[Project, Study2], tmp_path: Path
) -> None:
    _, built = study
    matrix.unit_attribute.setCurrentIndex(matrix.unit_attribute.findText("ranges of Change"))
    assert matrix.cuts.isVisibleTo(matrix)
    matrix.cuts.setText("20, 35")
    matrix.make_units()
    # The rows just made are the ones shown, so the outcome's cut is taken among them, not across kinds of row.
    assert matrix.group.currentText() == "ranges of Change"
    assert [matrix.group.itemText(i) for i in range(matrix.group.count())] == [
        "all rows", "values of Site", "ranges of Change",
    ]  # fmt: skip
    rows = {u.label: u.id for u in matrix.model.units}
    assert list(rows) == ["Change 0–19", "Change 20–34", "Change ≥ 35"]
    knowledge = built.constructs["III.K"]
    assert matrix.model.index_of(rows["Change ≥ 35"], knowledge).data() == "(4)"
    matrix.outcome.setCurrentIndex(matrix.outcome.findData(built.change))
    assert [matrix.model.headerData(r, Qt.Orientation.Vertical) for r in range(3)] == [
        "Change ≥ 35  37.5  ▲", "Change 20–34  25  ▲", "Change 0–19  7.5  ▼",
    ]  # fmt: skip
    # What is shown is what is exported: the range rows alone, then the sites alone.
    matrix.export(tmp_path / "ranges.docx")
    matrix.group.setCurrentIndex(matrix.group.findText("values of Site"))
    matrix.export(tmp_path / "sites.docx")
    matrix.export(tmp_path / "sites summaries.docx", summaries=True)
    ranges, sites = (_units_in_header(tmp_path / f"{name}.docx") for name in ("ranges", "sites"))
    assert ranges == ["Change ≥ 35 (37.5)", "Change 20–34 (25)", "Change 0–19 (7.5)", "Advisory comparison"]
    assert sites[0] == "Riverside (40)"
    assert len(sites) == 9 + 1
    headings = [p.text for p in docx.Document(str(tmp_path / "sites summaries.docx")).paragraphs]
    assert "Riverside" in headings
    assert "Change ≥ 35" not in headings
    matrix.group.setCurrentIndex(0)
    assert matrix.model.rowCount() == 12


def _units_in_header(path: Path) -> list[str]:
    """The Word matrix's units: its header row after the construct column, each unit's first line."""
    return [cell.text.split("\n")[0].strip() for cell in docx.Document(str(path)).tables[0].rows[0].cells[1:]]
    # Without cut points: three ranges of about as many cases each.
    matrix.unit_attribute.setCurrentIndex(matrix.unit_attribute.findText("ranges of Fidelity baseline"))
    matrix.cuts.clear()
    matrix.make_units()
    assert [u.label.startswith("Fidelity baseline ") for u in matrix.model.units] == [True] * 3
    matrix.unit_attribute.setCurrentIndex(matrix.unit_attribute.findText("Site"))
    assert not matrix.cuts.isVisibleTo(matrix)


def test_a_document_set_narrows_the_counts_and_every_document_brings_them_back(
    qtbot: QtBot, study: tuple[Project, Study2]
) -> None:
    project, built = study
    riverside = next(d.id for d in project.documents.all() if d.name.startswith("Riverside"))
    project.edits.create_set("Riverside only", [riverside])
    window = FrameworkMatrixWindow(project, built.framework_id)
    qtbot.addWidget(window)
    window.show()
    matrix = window.model.matrix
    counts = {site: sum(matrix.count(unit, c.id) for c in matrix.columns) for site, unit in built.units.items()}
    assert counts["Riverside"] > 0
    assert counts["Eastgate"] > 0
    assert window.documents.isVisible()
    window.documents.setCurrentIndex(window.documents.findText("in Riverside only"))
    narrowed = window.model.matrix
    assert sum(narrowed.count(built.units["Riverside"], c.id) for c in narrowed.columns) == counts["Riverside"]
    assert sum(narrowed.count(built.units["Eastgate"], c.id) for c in narrowed.columns) == 0
    window.documents.setCurrentIndex(0)
    again = window.model.matrix
    assert sum(again.count(built.units["Eastgate"], c.id) for c in again.columns) == counts["Eastgate"]
