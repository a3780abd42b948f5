"""Coding blind hides the other coders' work everywhere, including in windows already open when the coder goes
blind: the Agreement window (which sets their codings side by side) closes. A two-coder study on BSR01."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.model.core.dto import CoderInfo
from app.model.project import Project
from app.model.teams.handout import hand_out
from app.ui.cases.cases_panel import CasesPanel
from app.ui.core.settings import Settings
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace
from tests.unit.coder_study import Study, two_coder_study


@pytest.fixture
def study(tmp_path: Path) -> Study:
    return two_coder_study(tmp_path)


def _open(qtbot: QtBot, settings: Settings, study: Study, *answers: int) -> tuple[MainWindow, Workspace]:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.tell = lambda title, text: None
    window.ask = lambda title, text: True
    chosen = list(answers)

    def choose(name: str, coders: Sequence[CoderInfo], selected: int | None, new: bool) -> int:
        return chosen.pop(0)

    window.coders.ask = choose
    assert window.open_project(study.path)
    assert window.workspace is not None
    return window, window.workspace


def test_an_agreement_window_open_when_the_coder_goes_blind_closes(
    qtbot: QtBot, settings: Settings, study: Study
) -> None:
    window, workspace = _open(qtbot, settings, study, study.maya)
    dialog = workspace.show_agreement()
    assert dialog.isVisible()
    window.coders.blind_action.trigger()
    assert not dialog.isVisible()
    window.coders.compare_action.trigger()
    again = workspace.show_agreement()  # comparing again: it opens, and stays open
    assert again.isVisible()


def test_switching_to_a_coder_who_codes_blind_closes_the_agreement_window(
    qtbot: QtBot, settings: Settings, study: Study
) -> None:
    with Project.open(study.path, coder="Sam Okafor", backups=0) as project:
        project.edits.set_coder_blind(study.sam, True)
    window, workspace = _open(qtbot, settings, study, study.maya, study.sam)
    dialog = workspace.show_agreement()
    window.coders.switch_action.trigger()
    assert "coder: Sam Okafor" in window.status.text()
    assert not dialog.isVisible()


def test_the_cases_panel_counts_only_the_blind_coders_codings(qtbot: QtBot, settings: Settings, study: Study) -> None:
    with Project.open(study.path, coder="Maya Brooks", backups=0) as project:
        case = project.edits.create_case("BSR01").id
        project.edits.set_document_cases(study.document_id, [case])
    window, _ = _open(qtbot, settings, study, study.maya)
    panel = window.docks["cases"].widget()
    assert isinstance(panel, CasesPanel)
    panel.model.reload()  # as when the Cases tab comes into view
    assert panel.model.counts[case].codings == 4
    window.coders.blind_action.trigger()
    assert panel.model.counts[case].codings == 1
    window.coders.compare_action.trigger()
    assert panel.model.counts[case].codings == 4


def test_a_coder_merged_in_is_marked_in_the_margin_beside_the_others(
    qtbot: QtBot, settings: Settings, study: Study, tmp_path: Path
) -> None:
    _, workspace = _open(qtbot, settings, study, study.maya)
    copy = hand_out(workspace.project, tmp_path / "ana.axial", "Ana Reyes").path
    with Project.open(copy, backups=0) as ana:
        ana.edits.apply_coding(study.document_id, study.sharing, 0, 20)
    workspace.edits.merge_copy(copy)
    ana_id = next(c.id for c in workspace.project.coders() if c.name == "Ana Reyes")
    assert ana_id in workspace.viewer.margin.coders  # her codings say whose they are, as the others' do
