"""File ▸ Hand Out a Copy, and File ▸ Merge Coder's Copy: the preview lists the copy's documents, codes, coders, the codings to add and each
conflict with its choice; Merge merges on a worker as one step, and Edit ▸ Undo takes the whole merge back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from app.model.core.dto import MemoTarget
from app.model.documents.importing import FilePlan
from app.model.project import Project
from app.model.teams.handout import hand_out
from app.ui.core import file_dialogs
from app.ui.shell.main_window import MainWindow
from app.ui.teams.handout_dialog import HandoutDialog
from app.ui.teams.merge_dialog import KEEP_MINE, TAKE_THEIRS, MergeDialog
from tests.conftest import table_dump
from tests.unit.team_study import OTTER, lead_project, span


def _preview(qtbot: QtBot, window: MainWindow, copy: Path) -> MergeDialog:
    """The preview, once both projects are read and the plan made (on a worker)."""
    flow = window.merge_copy(copy)
    assert flow is not None
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible(), timeout=20_000)
    assert flow.dialog is not None
    return flow.dialog


def _rows(item: QTreeWidgetItem) -> list[str]:
    return [f"{item.child(i).text(0)} | {item.child(i).text(1)}" for i in range(item.childCount())]


def test_the_preview_shows_what_merges_and_merge_is_one_undo(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        copy = hand_out(lead, tmp_path / "ana.axial", "Ana", blind=True).path
    with Project.open(copy, backups=0) as ana:
        trust = ana.edits.create_code("Trust", team.barriers).id
        ana.edits.apply_coding(team.bsr, trust, *span(ana, team.bsr, "A cleaned subset."))
        ana.edits.import_documents([FilePlan(OTTER / "Maria Okafor.txt")])
        ana.edits.set_attribute_value(team.case, team.site, "South")
        ana.edits.add_memo(MemoTarget(code_id=trust), "Trust", "Ana's first read.")
    before = table_dump(team.path, skip=("audit", "operation", "operation_change", "operation_step", "coder"))
    window.adopt(Project.open(team.path, backups=0))
    assert window.merge_copy_action.isEnabled()

    dialog = _preview(qtbot, window, copy)
    tree = dialog.tree
    sections = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert sections[:4] == [
        "Documents: 2 matched, 1 new",
        "Codes: 2 matched, 1 new",
        "Coders: 2 matched, 0 new",
        "Codings: 1 to add (0 already here, 0 on refused documents)",
    ]
    assert _rows(tree.topLevelItem(0)) == [
        "BSR01 interview | matched",
        "DC01 interview | matched",
        "Maria Okafor | new",
    ]
    assert _rows(tree.topLevelItem(1))[-1] == "Barriers > Trust | new"
    conflicts = tree.topLevelItem(next(i for i, s in enumerate(sections) if s.startswith("Conflicts: 1 ")))
    row = conflicts.child(0)
    assert (row.text(0), row.text(2), row.text(3)) == (
        "Attribute value: Site A lead · Region (changed in the copy)",
        "North",
        "South",
    )
    [box] = dialog.choices.values()
    assert tree.itemWidget(row, 1).isAncestorOf(box)
    assert box.currentText() == TAKE_THEIRS  # only the copy changed it since the hand-out

    messages: list[str] = []
    window.report = messages.append  # type: ignore[method-assign]
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: any(m.startswith("Merged") for m in messages), timeout=20_000)
    project = window.project
    assert project is not None
    assert project.cases.values()[(team.case, team.site)] == "South"
    assert {d.name for d in project.documents.all()} == {"BSR01 interview", "DC01 interview", "Maria Okafor"}
    assert window.undo_action.text().endswith("Merge ana")

    window.undo_action.trigger()
    assert {d.name for d in project.documents.all()} == {"BSR01 interview", "DC01 interview"}
    assert project.cases.values()[(team.case, team.site)] == "North"
    window.close_project()
    after = table_dump(team.path, skip=("audit", "operation", "operation_change", "operation_step", "coder"))
    assert after == before


def test_a_copy_already_merged_offers_nothing_to_merge(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        copy = hand_out(lead, tmp_path / "ben.axial", "Ben").path
    window.adopt(Project.open(team.path, backups=0))
    dialog = _preview(qtbot, window, copy)
    assert "nothing to merge" in dialog.summary.text()
    assert not dialog.merge_button.isEnabled()


def test_a_file_that_is_not_a_project_is_refused_in_words(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    notes = tmp_path / "notes.axial"
    notes.write_text("not a project\n" * 100, encoding="utf-8")
    told: list[tuple[str, str]] = []
    window.tell = lambda title, text: told.append((title, text))  # type: ignore[method-assign]
    window.adopt(Project.open(team.path, backups=0))
    flow = window.merge_copy(notes)
    assert flow is not None
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    [(title, text)] = told
    assert title == "Cannot merge"
    assert text.startswith("notes.axial")
    assert flow.dialog is None


def test_hand_out_a_blind_copy_from_the_desktop(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = lead_project(tmp_path)
    window.adopt(Project.open(team.path, backups=0))
    destination = tmp_path / "maya"

    def answer(dialog: HandoutDialog) -> int:
        assert dialog.coder.count() == 1  # the project's one coder, offered
        assert not dialog.ok.isEnabled()
        dialog.coder.setCurrentText("Maya Brooks")
        dialog.blind.setChecked(True)
        return 1

    monkeypatch.setattr(HandoutDialog, "exec", answer)
    monkeypatch.setattr(file_dialogs, "save_name", lambda *args: str(destination))
    messages: list[str] = []
    window.report = messages.append  # type: ignore[method-assign]
    flow = window.hand_out_copy()
    assert flow is not None
    qtbot.waitUntil(lambda: flow.job is None, timeout=20_000)
    assert messages[-1] == "Wrote maya.axial for Maya Brooks, coding blind (2 codings of other coders left out)."
    with Project.open(tmp_path / "maya.axial", read_only=True) as copy:
        assert copy.store.coder_name == "Maya Brooks"
        assert copy.info().codings == 0


def test_a_change_made_only_in_the_copy_is_taken_by_default(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        copy = hand_out(lead, tmp_path / "ana.axial", "Ana").path
        lead.edits.recolour_code(team.barriers, "#654321")
    with Project.open(copy, backups=0) as ana:
        ana.edits.rename_code(team.staffing, "Staff")
    window.adopt(Project.open(team.path, backups=0))
    dialog = _preview(qtbot, window, copy)
    chosen = {key.split(":")[0]: box.currentText() for key, box in dialog.choices.items()}
    assert chosen == {"code-name": TAKE_THEIRS, "code-colour": KEEP_MINE}
    conflicts = dialog.tree.topLevelItem(dialog.tree.topLevelItemCount() - 1)
    assert sorted(_rows(conflicts)) == [
        "Code colour: Barriers (changed here) | ",
        "Code name: Barriers > Staffing (changed in the copy) | ",
    ]
