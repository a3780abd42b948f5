"""A copy handed out to a coder opens as that coder the first time, without asking "Who is coding?" (the copy
knows whom it was made for, and asking offered the lead's name too, one slip from coding as the lead); File ▸
Switch Coder… still changes it, and the lead's own project still asks."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.model.core.dto import CoderInfo
from app.model.project import Project
from app.model.teams.handout import hand_out, handed_out_to
from app.ui.core.settings import Settings
from app.ui.shell.main_window import MainWindow
from tests.unit.team_study import LEAD, lead_project


def _window(qtbot: QtBot, settings: Settings, asked: list[list[str]], answer: int | None) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.tell = lambda title, text: None

    def ask(name: str, coders: Sequence[CoderInfo], selected: int | None, new: bool) -> int | None:
        asked.append([c.name for c in coders])
        return answer

    window.coders.ask = ask
    return window


def test_a_copy_handed_out_opens_as_its_coder_and_the_lead_project_still_asks(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    team = lead_project(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        copy = hand_out(lead, tmp_path / "ana.axial", "Ana Reyes", blind=True).path
        assert handed_out_to(lead) is None
    asked: list[list[str]] = []
    window = _window(qtbot, settings, asked, None)
    assert window.open_project(copy)
    assert asked == []
    assert "coder: Ana Reyes" in window.status.text()
    assert "Blind" in window.status.text()
    window.close_project()
    with Project.open(team.path, read_only=True, backups=0) as lead:
        lead_id = next(c.id for c in lead.coders() if c.name == LEAD)
    again = _window(qtbot, settings, asked, lead_id)
    assert again.open_project(team.path)
    assert asked == [["Ana Reyes", LEAD]]
    assert f"coder: {LEAD}" in again.status.text()
