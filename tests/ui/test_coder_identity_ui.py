"""Who is coding, in the window: the coder chosen on opening (and remembered), the filter of whose codings are
shown, and coding blind until the coder compares. A two-coder study on a real transcript (BSR01)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from app.model.core.dto import CoderInfo
from app.model.project import Project
from app.ui.core.settings import Settings
from app.ui.shell.coders_dialog import CodersDialog
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace import Workspace
from tests.unit.coder_study import MAYA, SAM, Study, two_coder_study


@pytest.fixture
def study(tmp_path: Path) -> Study:
    return two_coder_study(tmp_path)


class Chooser:
    """Answers "Who is coding?" as told, keeping what it was asked."""

    def __init__(self, *answers: int | str | None) -> None:
        self.answers = list(answers)
        self.asked: list[tuple[list[str], int | None, bool]] = []

    def __call__(self, name: str, coders: Sequence[CoderInfo], selected: int | None, new: bool) -> int | str | None:
        self.asked.append(([c.name for c in coders], selected, new))
        return self.answers.pop(0)


def _window(qtbot: QtBot, settings: Settings, chooser: Chooser) -> tuple[MainWindow, list[str]]:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    told: list[str] = []
    window.tell = lambda title, text: told.append(text)
    window.ask = lambda title, text: True
    window.coders.ask = chooser
    return window, told


def _open(qtbot: QtBot, settings: Settings, study: Study, chooser: Chooser) -> tuple[MainWindow, Workspace]:
    window, _ = _window(qtbot, settings, chooser)
    assert window.open_project(study.path)
    assert window.workspace is not None
    return window, window.workspace


def _counts(workspace: Workspace) -> dict[str, int]:
    return {n.code.name: n.own_count for n in workspace.code_tree.nodes()}


def _coded(workspace: Workspace) -> set[int]:
    """The coders whose codings the viewer highlights."""
    return {c.coder_id for c in workspace.viewer.coding_layout.codings.values() if c.coder_id is not None}


def _highlighted(workspace: Workspace, words: str) -> bool:
    """Whether the viewer paints a background under these words."""
    viewer = workspace.viewer
    start = viewer.text.index(words)
    block = viewer.view.document().findBlock(viewer.positions.to_utf16(start))
    at = viewer.positions.to_utf16(start) - block.position()
    return any(
        r.start <= at < r.start + r.length and r.format.background().style() != Qt.BrushStyle.NoBrush
        for r in block.layout().formats()
    )


def test_the_coder_chosen_on_opening_is_remembered_for_that_file(
    qtbot: QtBot, settings: Settings, study: Study, tmp_path: Path
) -> None:
    chooser = Chooser(study.maya)
    window, _ = _open(qtbot, settings, study, chooser)
    # Sam worked on it last, so Sam is offered first; Maya chooses herself.
    assert chooser.asked == [([MAYA, SAM], study.sam, True)]
    assert "coder: Maya Brooks" in window.status.text()
    window.close_project()
    assert window.open_project(study.path)  # straight in: the chooser has no answer left to give
    assert "coder: Maya Brooks" in window.status.text()
    assert len(chooser.asked) == 1
    window.close_project()
    # On another computer (other settings) Maya is asked, and offered first as the one who last coded.
    elsewhere = Settings(QSettings(str(tmp_path / "elsewhere.ini"), QSettings.Format.IniFormat))
    chooser_elsewhere = Chooser(study.maya)
    other, _ = _window(qtbot, elsewhere, chooser_elsewhere)
    assert other.open_project(study.path)
    assert chooser_elsewhere.asked == [([MAYA, SAM], study.sam, True)]


def test_a_new_coder_is_typed_never_taken_from_the_login_and_names_stay_distinct(
    qtbot: QtBot, settings: Settings, study: Study
) -> None:
    chooser = Chooser("sam okafor", "Rosa Diaz")
    window, told = _window(qtbot, settings, chooser)
    assert window.open_project(study.path)
    assert told == [
        "This project already has a coder called “Sam Okafor”; each coder needs a name of their own. "
        "If that is you, choose your name from the list."
    ]
    assert chooser.asked[1][1] == study.sam  # offered the coder of that name
    assert window.project is not None
    assert [c.name for c in window.project.coders()] == [MAYA, "Rosa Diaz", SAM]
    assert "coder: Rosa Diaz" in window.status.text()
    assert window.project.team.get(window.project.coder_id or 0).initials == "RD"


def test_cancelling_the_choice_opens_nothing_and_adds_no_coder(qtbot: QtBot, settings: Settings, study: Study) -> None:
    window, _ = _window(qtbot, settings, Chooser(None))
    assert not window.open_project(study.path)
    assert window.project is None
    with Project.open(study.path, read_only=True) as project:
        assert [c.name for c in project.coders()] == [MAYA, SAM]


def test_switch_coder_codes_as_someone_else_from_then_on(qtbot: QtBot, settings: Settings, study: Study) -> None:
    chooser = Chooser(study.maya, study.sam)
    window, workspace = _open(qtbot, settings, study, chooser)
    window.coders.switch_action.trigger()
    assert chooser.asked[1] == ([MAYA, SAM], study.maya, True)  # the coder now is offered first
    assert "coder: Sam Okafor" in window.status.text()
    code = workspace.project.codes.get(study.sharing).id
    coding = workspace.edits.apply_coding(study.document_id, code, 0, 5)
    assert coding.coder_id == study.sam


def test_the_coder_filter_changes_what_the_viewer_highlights_and_the_tree_counts(
    qtbot: QtBot, settings: Settings, study: Study
) -> None:
    window, workspace = _open(qtbot, settings, study, Chooser(study.maya))
    assert _coded(workspace) == {study.maya, study.sam}
    assert _highlighted(workspace, "we had promised the owners")  # Sam's
    assert _counts(workspace) == {"Sharing data": 2, "Consent": 2}
    assert set(workspace.viewer.margin.coders) == {study.maya, study.sam}  # each coding marked with its coder
    menu = window.coders.shown_menu
    menu.aboutToShow.emit()
    mine = next(a for a in menu.actions() if a.text() == "&My Codings")
    mine.trigger()
    assert _coded(workspace) == {study.maya}
    assert not _highlighted(workspace, "we had promised the owners")
    assert _highlighted(workspace, "A cleaned subset.")
    assert _counts(workspace) == {"Sharing data": 1, "Consent": 0}
    assert workspace.viewer.margin.coders == {}  # one coder's codings need no marks
    workspace.excerpts.show_code(study.consent)
    assert workspace.excerpts.list.count() == 0
    workspace.coder_filter.show_everyone()
    listed = [workspace.excerpts.list.item(row).text() for row in range(workspace.excerpts.list.count())]
    assert [text[:5] for text in listed] == ["[SO] ", "[SO] "]  # whose each excerpt is, as several are listed
    # One other coder: Sam's only (Maya unticked, Sam ticked).
    workspace.coder_filter.show_coders(frozenset({study.sam}))
    assert _coded(workspace) == {study.sam}
    assert _counts(workspace) == {"Sharing data": 1, "Consent": 2}
    assert workspace.excerpts.list.count() == 2
    # A coding made while only Sam's are shown is Maya's: the tree's count of hers does not move.
    workspace.edits.apply_coding(study.document_id, study.consent, 0, 3)
    assert _counts(workspace) == {"Sharing data": 1, "Consent": 2}
    workspace.coder_filter.show_everyone()
    assert _counts(workspace) == {"Sharing data": 2, "Consent": 3}
    # Unticking Maya in the menu leaves Sam's; unticking Sam then is refused (someone's codings stay shown).
    for name in ("Maya Brooks (MB)", "Sam Okafor (SO)"):
        menu.aboutToShow.emit()
        next(a for a in menu.actions() if a.text() == name).trigger()
        assert _coded(workspace) == {study.sam}


def test_blind_hides_the_other_coders_codings_and_counts_until_the_coder_compares(
    qtbot: QtBot, settings: Settings, study: Study
) -> None:
    window, workspace = _open(qtbot, settings, study, Chooser(study.maya))
    assert window.coders.blind_action.isEnabled()
    assert not window.coders.compare_action.isEnabled()
    assert "4 codings" in window.status.text()
    window.coders.blind_action.trigger()
    assert "Blind" in window.status.text()
    assert "1 coding" in window.status.text()  # her own: the others' count would tell how much they coded
    assert workspace.documents.model.document(0).coding_count == 1
    assert not window.agreement_action.isEnabled()
    assert _coded(workspace) == {study.maya}
    assert not _highlighted(workspace, "we had promised the owners")
    assert _counts(workspace) == {"Sharing data": 1, "Consent": 0}
    workspace.excerpts.show_code(study.consent)
    assert workspace.excerpts.list.count() == 0
    # Asking for everyone's changes nothing while blind.
    workspace.coder_filter.show_everyone()
    assert _counts(workspace) == {"Sharing data": 1, "Consent": 0}
    # Blind is remembered in the file: reopening keeps Maya blind.
    window.close_project()
    assert window.open_project(study.path)
    assert window.workspace is not None
    workspace = window.workspace
    assert "Blind" in window.status.text()
    assert _counts(workspace) == {"Sharing data": 1, "Consent": 0}
    workspace.excerpts.show_code(study.consent)
    assert workspace.excerpts.list.count() == 0
    assert window.coders.compare_action.isEnabled()
    window.coders.compare_action.trigger()
    assert "Blind" not in window.status.text()
    assert "4 codings" in window.status.text()
    assert workspace.documents.model.document(0).coding_count == 4
    assert window.agreement_action.isEnabled()
    assert _coded(workspace) == {study.maya, study.sam}
    assert _highlighted(workspace, "we had promised the owners")
    assert _counts(workspace) == {"Sharing data": 2, "Consent": 2}
    assert workspace.excerpts.list.count() == 2
    window.undo_action.trigger()  # back to coding blind
    assert "Blind" in window.status.text()
    assert _counts(workspace) == {"Sharing data": 1, "Consent": 0}
    assert _coded(workspace) == {study.maya}


def test_coders_are_renamed_given_initials_and_colours_in_edit_coders(
    qtbot: QtBot, settings: Settings, study: Study
) -> None:
    window, workspace = _open(qtbot, settings, study, Chooser(study.maya))
    answers = iter(["Sam Okafor", "Maya Brooks-Hart", "mbh"])
    window.ask_text = lambda title, label, default: next(answers)
    told: list[str] = []
    window.tell = lambda title, text: told.append(text)
    window.coders.coders_action.trigger()
    dialog = window.findChild(CodersDialog)
    assert dialog is not None
    assert dialog.chosen() == study.maya  # the coder now, first
    dialog.rename()  # to a name Sam has: refused, said why
    assert told == [
        "Another coder is already called “Sam Okafor”: each coder needs a name of their own "
        "(give one a middle initial or a surname)."
    ]
    dialog.rename()
    dialog.set_initials()
    dialog.ask_colour = lambda name, colour: "#123456"
    dialog.set_colour()
    dialog.reject()
    assert "coder: Maya Brooks-Hart" in window.status.text()
    maya = workspace.project.team.get(study.maya)
    assert (maya.name, maya.initials, maya.colour) == ("Maya Brooks-Hart", "MBH", "#123456")
    assert workspace.viewer.margin.coders[study.maya].initials == "MBH"  # the margin marks her anew
    for _ in range(3):
        window.undo_action.trigger()
    assert workspace.project.team.get(study.maya).name == MAYA
