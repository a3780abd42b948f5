"""The import dialog: preview, per-file choices, cancel between files, and undo of the whole import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from app.model.core.dto import DocumentKind
from app.model.documents.importing import DocConverter, Outcome
from app.model.documents.readers.legacy_doc import OLE_MAGIC
from app.model.project import Project
from app.ui.core import settings as keys
from app.ui.core.settings import Settings
from app.ui.documents.import_dialog import CONVERT_HINT, FILE, FORMAT, NOTES, SPEAKERS, ImportDialog
from app.ui.shell.preferences_dialog import PreferencesDialog
from tests.fake_soffice import fake_soffice

CORPUS = Path(__file__).resolve().parents[1] / "data" / "transcripts" / "otter_deidentified"

TRANSCRIPT = "Interviewer: How was it?\nP1: Busy, {n}.\nInterviewer: Thanks.\n"


def _files(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for n in range(count):
        paths.append(folder / f"interview {n}.txt")
        paths[-1].write_text(TRANSCRIPT.format(n=n))
    return paths


def _dialog(qtbot: QtBot, project: Project) -> ImportDialog:
    dialog = ImportDialog(project, project.edits)
    qtbot.addWidget(dialog)
    return dialog


def test_choices_per_file_reach_the_project_and_undo_removes_the_import(
    qtbot: QtBot, project: Project, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, project)
    with qtbot.waitSignal(dialog.preview_finished, timeout=20_000):
        dialog.add_paths([tmp_path / "in"] if _files(tmp_path / "in", 2) else [])
    assert dialog.table.rowCount() == 2
    dialog.set_kind(1, DocumentKind.FIELD_NOTES)
    dialog.case_from_name.setChecked(True)
    dialog.map_speaker(dialog.previews[0].path, "P1", "CM-03")
    with qtbot.waitSignal(dialog.import_finished, timeout=20_000):
        dialog.start_import()
    documents = {d.name: d for d in project.documents.all()}
    assert documents["interview 1"].kind is DocumentKind.FIELD_NOTES
    cases = {c.name: c.id for c in project.cases.all()}
    assert set(cases) == {"interview 0", "interview 1", "CM-03"}
    speakers = {s.label: s.case_id for s in project.documents.speakers(documents["interview 0"].id)}
    assert speakers["P1"] == cases["CM-03"]
    assert "Done: 2 imported." in dialog.summary.toPlainText()
    assert [step.label for step in project.history.operations()] == ["Import 2 documents"]
    project.history.undo()
    assert project.documents.all() == []
    project.history.redo()
    assert sorted(d.name for d in project.documents.all()) == ["interview 0", "interview 1"]


def test_cancel_stops_after_the_current_file(qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, project)
    paths = _files(tmp_path / "in", 40)
    for path in paths:  # long enough that the batch takes a while
        path.write_text(path.read_text() * 400)
    with qtbot.waitSignal(dialog.preview_finished, timeout=30_000):
        dialog.add_paths(paths)
    with qtbot.waitSignal(dialog.import_finished, timeout=30_000) as finished:
        dialog.start_import()
        dialog.cancel()  # pressed straight after Import
    report = finished.args[0]
    imported, cancelled = report.count(Outcome.IMPORTED), report.count(Outcome.CANCELLED)
    assert cancelled > 0
    assert imported + cancelled == 40
    assert len(project.documents.all()) == imported  # nothing half-imported
    assert dialog.job is None
    assert dialog.import_button.isEnabled()  # the remaining files can still be imported


def test_preferences_are_stored(qtbot: QtBot, settings: Settings) -> None:
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.coder.setText("  Ana Silva ")
    dialog.font_size.setValue(15)
    dialog.highlight.setCurrentIndex(1)
    dialog.store()
    assert (settings.get(keys.CODER), settings.get(keys.FONT_SIZE), settings.get(keys.HIGHLIGHT)) == (
        "Ana Silva",
        15,
        "underline",
    )


def _previewed(qtbot: QtBot, dialog: ImportDialog, paths: list[Path]) -> None:
    with qtbot.waitSignal(dialog.preview_finished, timeout=30_000):
        dialog.add_paths(paths)


def test_enter_never_imports_the_batch_ctrl_enter_does(qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, project)
    dialog.show()
    _previewed(qtbot, dialog, _files(tmp_path / "in", 2))
    for widget in (dialog.table, dialog.import_button, dialog.summary, dialog.case_from_name, dialog):
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClick(widget, Qt.Key.Key_Enter)
        assert dialog.job is None, widget
    assert project.documents.all() == []
    with qtbot.waitSignal(dialog.import_finished, timeout=20_000):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(project.documents.all()) == 2


def test_a_legacy_doc_is_listed_with_the_way_out(qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _files(folder, 1)
    (folder / "old.doc").write_bytes(OLE_MAGIC + b"\0" * 600)
    dialog = _dialog(qtbot, project)
    dialog.converter = None  # LibreOffice is not installed
    dialog.show()
    _previewed(qtbot, dialog, [folder])
    assert [dialog.table.item(row, FILE).text() for row in range(2)] == ["interview 0.txt", "old.doc"]
    notes = dialog.table.item(1, NOTES)
    assert (
        notes.text() == "a legacy Word .doc file: open it in Word or LibreOffice and save it as .docx, then import that"
    )
    assert notes.foreground().color() == QColor(Qt.GlobalColor.red)
    assert dialog.status.text() == "2 files listed, 1 cannot be imported (see Notes). Check them, then Import."
    assert not dialog.convert_doc.isVisible()


def test_with_libreoffice_a_doc_is_converted_on_request(qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    legacy = tmp_path / "DC05 interview.doc"
    legacy.write_bytes(OLE_MAGIC + b"\0" * 600)
    dialog = _dialog(qtbot, project)
    dialog.converter = DocConverter(fake_soffice(tmp_path, CORPUS / "DC05 interview.docx"))
    dialog.show()
    _previewed(qtbot, dialog, [legacy])
    assert dialog.convert_doc.isVisible()
    assert dialog.table.item(0, NOTES).text().endswith(CONVERT_HINT)
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.preview_finished, timeout=30_000):
        dialog.convert_doc.setChecked(True)  # converted in the worker, as the preview reads
    assert (dialog.table.item(0, FORMAT).text(), dialog.table.item(0, SPEAKERS).text()) == ("doc", "INT, DC05")
    with qtbot.waitSignal(dialog.import_finished, timeout=30_000):
        dialog.import_button.click()
    [document] = project.documents.all()
    assert {s.label for s in project.documents.speakers(document.id)} == {"INT", "DC05"}


def test_columns_fit_the_speakers_and_an_empty_notes_column_stays_narrow(
    qtbot: QtBot, project: Project, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, project)
    dialog.show()
    _previewed(qtbot, dialog, [CORPUS / "Maria Okafor.txt"])
    speakers = dialog.table.item(0, SPEAKERS)
    assert speakers.text() == "Daniel Reyes, Maria Okafor"
    assert speakers.toolTip() == "Daniel Reyes: 6 turns\nMaria Okafor: 6 turns"
    metrics = dialog.table.fontMetrics()
    assert dialog.table.columnWidth(SPEAKERS) > metrics.horizontalAdvance(speakers.text())
    assert dialog.table.columnWidth(FILE) > metrics.horizontalAdvance("Maria Okafor.txt")
    assert dialog.table.columnCount() - 1 == NOTES  # the empty Notes column has only what the others leave
    assert dialog.kind(0) is DocumentKind.INTERVIEW
