"""An attribute sheet loaded in the import dialog is previewed, and applied after the documents and the cases they
make exist (before, it matched no case)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.model.cases.computed import sheet
from app.model.project import Project
from app.ui.documents.import_dialog import ImportDialog
from tests.unit.project_dump import assert_same, dump


def test_a_sheet_waits_for_the_import_and_then_matches_its_cases(
    qtbot: QtBot, project: Project, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "P1.txt").write_text("Interviewer: How was it?\nP1: Better.\n", encoding="utf-8")
    values = tmp_path / "scores.csv"
    values.write_text("Case,Pre,Post\nP1,10,17\n", encoding="utf-8")
    dialog = ImportDialog(project, project.edits)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_finished, timeout=20_000):
        dialog.add_paths([folder])
    dialog.case_from_name.setChecked(True)
    before = dump(project)
    dialog.load_sheet(values)
    assert_same(dump(project), before, "a preview changes nothing")
    assert "Preview of scores.csv" in dialog.summary.toPlainText()
    assert "applied after the import" in dialog.summary.toPlainText()
    with qtbot.waitSignal(dialog.import_finished, timeout=20_000):
        dialog.start_import()
    assert [c.name for c in project.cases.all()] == ["P1"]  # the file's case, which the sheet's row found
    table = sheet(project)
    assert [table.value(table.cases[0].id, a.id) for a in table.attributes] == [10, 17]
    assert [step.label for step in project.history.operations()] == [
        "Apply attribute sheet “scores.csv”",
        "Import 1 document",
    ]
    assert not dialog.apply_sheet_button.isEnabled()
