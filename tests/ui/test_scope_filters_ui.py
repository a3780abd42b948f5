"""A set of documents and a typed range (Change ≥ 5) narrow the Excerpts panel and window, the Search panel and what
it codes, and the excerpts export, driven through the widgets."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.model.analysis.matrices import Analysis
from app.model.project import Project
from app.ui.analysis.analysis_dialog import AnalysisDialog
from app.ui.analysis.excerpts_panel import ExcerptsPanel
from app.ui.analysis.excerpts_window import ExcerptsWindow
from app.ui.core.scope_bar import ScopeBar
from app.ui.reports.export_excerpts_dialog import ExportExcerptsDialog
from app.ui.search.search_panel import IN_SCOPE
from app.ui.shell.main_window import MainWindow
from tests.unit.small_study import INTERVIEW, fill_small_study


def _study(path: Path) -> tuple[Project, int]:
    """Change = Post - Pre is 7 for P1, 2 for P2, none for P3, 8 for P4 (the one in the set 'Wave 2')."""
    project = Project.create(path, coder="Tester")
    return project, fill_small_study(project)


def _type_range(qtbot: QtBot, bar: ScopeBar, attribute: str, typed: str) -> None:
    bar.range.attribute.setCurrentIndex(bar.range.attribute.findText(attribute))
    bar.range.text.clear()
    if typed.isascii():
        qtbot.keyClicks(bar.range.text, typed)
    else:  # QTest types Latin-1 only
        bar.range.text.setText(typed)
    qtbot.keyClick(bar.range.text, Qt.Key.Key_Return)


def _listed(panel: ExcerptsPanel) -> list[str]:
    return [item.text() for i in range(panel.list.count()) if (item := panel.list.item(i)) is not None]


def test_the_excerpts_panel_narrows_to_a_range_and_a_set(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    project, code = _study(tmp_path / "study.axial")
    window.adopt(project)
    window.show()
    assert window.workspace is not None
    panel = window.workspace.excerpts
    assert panel.scope_bar is not None
    panel.show_code(code)
    assert len(_listed(panel)) == 4
    _type_range(qtbot, panel.scope_bar, "Change", "≥ 5")
    assert _listed(panel) == [
        "Focus group — P1: “Supervision helps.”",
        "Interview P4 — P4: “Supervision keeps me going.”",
    ]
    assert panel.heading.text() == "Supervision: 2 excerpts in 2 documents (Change ≥ 5)"
    bar = panel.scope_bar
    bar.sets.setCurrentIndex(bar.sets.findText("in Wave 2"))
    assert _listed(panel) == ["Interview P4 — P4: “Supervision keeps me going.”"]
    assert panel.heading.text() == "Supervision: 1 excerpt in 1 document (in Wave 2, Change ≥ 5)"
    # P4's post score typed lower: out of the range, so out of the list.
    p4, post = project.cases.find("P4"), next(a for a in project.cases.attributes() if a.name == "Post")
    assert p4 is not None
    project.edits.set_attribute_values([(p4.id, post.id, 3)])
    qtbot.waitUntil(lambda: _listed(panel) == [])
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: len(_listed(panel)) == 1)
    _type_range(qtbot, bar, "Change", "≥ lots")
    assert panel.heading.text() == "'lots' is not a number"
    assert _listed(panel) == []


def test_the_excerpts_window_narrows_a_cells_excerpts(qtbot: QtBot, tmp_path: Path) -> None:
    project, code = _study(tmp_path / "study.axial")
    try:
        window = ExcerptsWindow(project, None)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.show_codings("Supervision, all", Analysis(project).codings_of([code]))
        assert len(_listed(window.panel)) == 4
        assert window.panel.scope_bar is not None
        _type_range(qtbot, window.panel.scope_bar, "Change", "< 5")
        assert _listed(window.panel) == ["Focus group — P2: “Supervision is rare.”"]
        assert window.panel.heading.text() == "Supervision, all: 1 excerpt (Change < 5)"
    finally:
        project.close()


def test_search_and_coding_every_turn_in_scope(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    project, _ = _study(tmp_path / "study.axial")
    window.adopt(project)
    window.show()
    window.search_action.trigger()
    assert window.workspace is not None
    panel = window.workspace.search
    bar = panel.scope_bar
    _type_range(qtbot, bar, "Change", ">= 5")
    panel.query.setText("supervision")
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        panel.run()
    assert [h.speaker for h in panel.result.hits] == ["P1", "P4"]
    bar.sets.setCurrentIndex(bar.sets.findText("in Wave 2"))
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        panel.run()
    assert [h.speaker for h in panel.result.hits] == ["P4"]

    panel.code.setEditText("Improvers")
    panel.turns_of.setCurrentIndex(panel.turns_of.findText(IN_SCOPE))
    assert panel.code_turns() == 1
    improvers = next(n.code.id for n in project.codes.tree() if n.code.name == "Improvers")
    coded = project.codings.for_codes([improvers])
    assert [INTERVIEW[c.start : c.end] for c in coded] == ["Supervision keeps me going."]
    window.undo_action.trigger()
    assert all(n.code.name != "Improvers" for n in project.codes.tree())

    bar.sets.setCurrentIndex(0)
    bar.range.text.clear()
    qtbot.keyClick(bar.range.text, Qt.Key.Key_Return)
    panel.turns_of.setCurrentIndex(panel.turns_of.findText(IN_SCOPE))
    assert panel.code_turns() == 0  # no case chosen: nobody's turns, rather than everyone's
    assert panel.status.text() == "Choose the cases above first (a case, a value or a range)."
    _type_range(qtbot, bar, "Change", "≥ x")
    panel.run()
    assert panel.status.text() == "'x' is not a number"


def test_the_export_dialog_writes_a_report_narrowed_to_a_set_and_a_range(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    project, _ = _study(tmp_path / "study.axial")
    window.adopt(project)
    window.export_excerpts_action.trigger()
    assert window.workspace is not None
    dialog = next(d for d in window.workspace._dialogs if isinstance(d, ExportExcerptsDialog))
    qtbot.addWidget(dialog)
    dialog.range.attribute.setCurrentIndex(dialog.range.attribute.findText("Change"))
    qtbot.keyClicks(dialog.range.text, ">= 5")
    target = tmp_path / "improved.docx"
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.export(target)
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Change: ≥ 5" in text
    assert "Supervision helps." in text
    assert "Supervision keeps me going." in text
    assert "Supervision is rare." not in text
    dialog.sets.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.export(target)
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Sets: Wave 2" in text
    assert "Supervision keeps me going." in text
    assert "Supervision helps." not in text
    dialog.range.text.setText("5 or so")
    assert dialog.export(target) is None
    assert dialog.status.text().startswith("'5 or so' is not a range")


def test_every_analysis_view_narrows_to_a_range(qtbot: QtBot, tmp_path: Path) -> None:
    project, code = _study(tmp_path / "study.axial")
    try:
        dialog = AnalysisDialog(project, lambda: [])
        qtbot.addWidget(dialog)
        dialog.show()
        if dialog.job is None:
            with qtbot.waitSignal(dialog.computed, timeout=10_000):
                dialog.compute()
        qtbot.waitUntil(lambda: dialog.job is None)
        frequencies = dialog.models[0]
        assert frequencies.value(0, 0) == 4
        dialog.in_range.attribute.setCurrentIndex(dialog.in_range.attribute.findText("Change"))
        qtbot.keyClicks(dialog.in_range.text, ">= 5")
        with qtbot.waitSignal(dialog.computed, timeout=10_000):
            qtbot.keyClick(dialog.in_range.text, Qt.Key.Key_Return)
        assert frequencies.value(0, 0) == 2
        assert dialog.scope().attribute_ranges[0][1].label == "≥ 5"
        dialog.in_range.text.setText("5 or more")
        qtbot.keyClick(dialog.in_range.text, Qt.Key.Key_Return)
        assert dialog.status.text().startswith("'5 or more' is not a range")
        assert frequencies.matrix.row_ids == (code,)
    finally:
        project.close()
