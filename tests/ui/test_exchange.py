"""Exchanging with other QDA tools from the desktop: export with what is lost, import as new or merged, reports."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from tests.unit.reports import demo_with_mappings


def _demo(window: MainWindow, tmp_path: Path) -> None:
    window.adopt(demo_with_mappings(tmp_path / "Demo.axial"))


def test_export_shows_what_the_format_cannot_carry(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _demo(window, tmp_path)
    assert window.export_qdpx_action.isEnabled()
    job = window.exchange.export(tmp_path / "demo.qdpx", codebook_only=False)
    qtbot.waitUntil(lambda: window.exchange.last_report is not None, timeout=10_000)
    assert window.exchange.last_report is not None
    assert window.exchange.last_report.summary.text().startswith("Saved demo.qdpx.")
    assert "Not carried: the CFIR framework with 6 code mappings" in window.exchange.last_report.details.toPlainText()
    assert "project.qde" in zipfile.ZipFile(tmp_path / "demo.qdpx").namelist()
    assert job.cancelled is False


def test_import_as_a_new_project_opens_it_with_its_report(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _demo(window, tmp_path)
    window.exchange.export(tmp_path / "demo.qdpx", codebook_only=False)
    qtbot.waitUntil(lambda: window.exchange.last_report is not None, timeout=10_000)
    window.exchange.last_report = None
    window.exchange.import_file(tmp_path / "demo.qdpx", tmp_path / "Copy.axial")
    qtbot.waitUntil(lambda: window.exchange.last_report is not None, timeout=10_000)
    assert window.project is not None
    assert window.project.path.name == "Copy.axial"
    assert window.project.info().codings == 26
    assert window.exchange.last_report is not None
    assert window.exchange.last_report.summary.text().startswith("Imported 8 documents, 13 codes, 26 codings")
    assert "offsets counted in code points (as the standard says)" in window.exchange.last_report.details.toPlainText()


def test_merging_a_codebook_into_the_open_project(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _demo(window, tmp_path)
    window.exchange.export(tmp_path / "demo.qdc", codebook_only=True)
    qtbot.waitUntil(lambda: window.exchange.last_report is not None, timeout=10_000)
    window.new_project(tmp_path / "Fresh.axial")
    window.exchange.last_report = None
    window.exchange.import_file(tmp_path / "demo.qdc", None)
    qtbot.waitUntil(lambda: window.exchange.last_report is not None, timeout=10_000)
    assert window.project is not None
    assert len(window.project.codes.tree()) == 13
    model = window.workspace.code_tree  # type: ignore[union-attr]
    assert len(model.nodes()) == 13  # the code tree shows them at once
