"""Exchanging with other QDA tools from the desktop: export with what is lost, import as new or merged, reports."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.ui.shell.main_window import MainWindow
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


def test_sets_from_another_tool_filter_the_documents_panel(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _demo(window, tmp_path)
    project = window.project
    assert project is not None
    documents = {d.name: d.guid for d in project.documents.all()}
    riverside = [guid for name, guid in documents.items() if name.startswith("Riverside")]
    window.exchange.export(tmp_path / "demo.qdpx", codebook_only=False)
    qtbot.waitUntil(lambda: window.exchange.last_report is not None, timeout=10_000)
    # The same project as another tool sends it back, with a set of the Riverside documents.
    with zipfile.ZipFile(tmp_path / "demo.qdpx") as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    members = "".join(f'<MemberSource targetGUID="{guid.upper()}"/>' for guid in riverside)
    sets = f'<Sets><Set guid="5E700000-0000-4000-8000-000000000001" name="Riverside">{members}</Set></Sets>'
    entries["project.qde"] = entries["project.qde"].replace(b"</Project>", sets.encode() + b"</Project>")
    with zipfile.ZipFile(tmp_path / "with-set.qdpx", "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    window.exchange.last_report = None
    window.exchange.import_file(tmp_path / "with-set.qdpx", tmp_path / "WithSet.axial")
    qtbot.waitUntil(lambda: window.exchange.last_report is not None, timeout=10_000)
    panel = window.workspace.documents  # type: ignore[union-attr]
    assert panel.sets.isVisibleTo(panel)
    assert panel.proxy.rowCount() == 8
    panel.sets.setCurrentIndex(panel.sets.findText("Riverside (3)"))
    shown = {panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())}
    assert shown == {name for name in documents if name.startswith("Riverside")}


def test_a_failed_new_project_import_leaves_nothing_and_can_be_retried(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _demo(window, tmp_path)
    window.exchange.export(tmp_path / "demo.qdpx", codebook_only=False)
    qtbot.waitUntil(lambda: window.exchange.last_report is not None, timeout=10_000)
    told: list[str] = []
    window.tell = lambda title, text: told.append(f"{title}: {text}")
    folder = tmp_path / "out"
    folder.mkdir()

    def corrupt(raw: str, selections: object) -> None:
        raise ValueError("a selection is corrupt")

    monkeypatch.setattr("app.model.exchange.offsets.place", corrupt)
    window.exchange.import_file(tmp_path / "demo.qdpx", folder / "Copy.axial")
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert told == ["Cannot import: Unexpected error: ValueError('a selection is corrupt')"]
    assert list(folder.iterdir()) == []
    assert window.project is not None
    assert window.project.path.name == "Demo.axial"
    monkeypatch.undo()
    window.exchange.last_report = None
    window.exchange.import_file(tmp_path / "demo.qdpx", folder / "Copy.axial")
    qtbot.waitUntil(lambda: window.exchange.last_report is not None, timeout=10_000)
    assert window.project.path == folder / "Copy.axial"
    assert window.project.info().codings == 26
    assert len(window.project.documents.speakers()) == 18
