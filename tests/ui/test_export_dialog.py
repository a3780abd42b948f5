"""Exporting from the desktop: the excerpts dialog's choices reach the file; work runs on a worker and can cancel."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.model.demo import build_demo, map_to_cfir
from app.model.reports.excerpt_outline import Grouping
from app.resources import resource
from app.ui.reports.export_excerpts_dialog import ExportExcerptsDialog, _children
from app.ui.shell.main_window import MainWindow


def _dialog(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> ExportExcerptsDialog:
    project = build_demo(tmp_path / "Demo.axial", resource("demo"))
    map_to_cfir(project)
    window.adopt(project)
    assert window.export_excerpts_action.isEnabled()
    window.export_excerpts_action.trigger()
    assert window.workspace is not None
    dialog = next(d for d in window.workspace._dialogs if isinstance(d, ExportExcerptsDialog))
    qtbot.addWidget(dialog)
    return dialog


def _check(tree_items: list, text: str) -> None:  # type: ignore[type-arg]
    item = next(i for i in tree_items if i.text(0) == text)
    item.setCheckState(0, Qt.CheckState.Checked)


def test_choices_in_the_dialog_shape_the_word_report(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, window, tmp_path)
    role = next(i for i in _children(dialog.cases.invisibleRootItem()) if i.text(0) == "Role")
    _check(_children(role), "case manager")
    dialog.grouping.setCurrentIndex(dialog.grouping.findData(Grouping.FRAMEWORK))
    dialog.split_by.setCurrentIndex(dialog.split_by.findText("Site"))
    dialog.title.setText("Barriers and facilitators")
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export(tmp_path / "report.docx")
    assert dialog.status.text() == "Saved report.docx"
    assert dialog.open_file.isVisible()
    document = docx.Document(str(tmp_path / "report.docx"))
    paragraphs = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Title", "Barriers and facilitators")
    assert ("Report Details", "Role: case manager") in paragraphs
    sources = [text for style, text in paragraphs if style == "Excerpt Source"]
    assert sources
    assert all("Role: case manager" in s for s in sources)
    assert ("Heading 1", "III Inner Setting") in paragraphs
    assert any(style.startswith("Heading") and text.startswith("Site: ") for style, text in paragraphs)


def test_a_code_checked_brings_its_sub_codes_and_the_table_export_lists_them(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, window, tmp_path)
    _check(_children(dialog.codes.invisibleRootItem()), "Workload")
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export(tmp_path / "excerpts.xlsx")
    rows = list(openpyxl.load_workbook(tmp_path / "excerpts.xlsx")["Excerpts"].iter_rows(values_only=True))
    header = list(rows[0])
    paths = {row[header.index("Code path")] for row in rows[1:]}
    assert paths == {"Workload > Caseload size", "Workload > Paperwork"}
    assert len(rows) - 1 == 9


def test_cancelling_leaves_no_file(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, window, tmp_path)
    with qtbot.waitSignal(dialog.export_failed, timeout=10_000) as failed:
        dialog.export(tmp_path / "cancelled.docx")
        dialog.cancel.click()
    assert failed.args == ["Cancelled."]
    assert dialog.status.text() == "Export cancelled; no file was written."
    assert not any(p.name.startswith((".cancelled", "cancelled")) for p in tmp_path.iterdir())
    assert dialog.word.isEnabled()


def test_codebook_from_the_file_menu(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _dialog(qtbot, window, tmp_path)
    assert window.workspace is not None
    window.workspace.export_codebook(tmp_path / "codebook.docx")
    qtbot.waitUntil((tmp_path / "codebook.docx").exists, timeout=10_000)  # renamed into place only when complete
    document = docx.Document(str(tmp_path / "codebook.docx"))
    assert len(document.tables[0].rows) == len(window.workspace.project.codes.tree()) + 1
