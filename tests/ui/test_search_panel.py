"""The Search panel: query on a worker, hits in context, open and walk through them, code from them with undo."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.model.core.dto import NewDocument, NewTurn
from app.model.demo import build_demo
from app.model.project import Project
from app.resources import resource
from app.ui.search.search_panel import SearchPanel
from app.ui.shell.main_window import MainWindow


def _panel(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> SearchPanel:
    window.adopt(build_demo(tmp_path / "Demo.axial", resource("demo")))
    window.show()
    window.search_action.trigger()
    assert window.workspace is not None
    panel = window.workspace.search
    assert panel.query.hasFocus() or not window.isActiveWindow()
    return panel


def _run(qtbot: QtBot, panel: SearchPanel, query: str, *, fuzzy: bool = False) -> None:
    panel.query.setText(query)
    panel.fuzzy.setChecked(fuzzy)
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        panel.run()


def test_fuzzy_search_lists_hits_in_context_and_opens_each_selected(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    panel = _panel(qtbot, window, tmp_path)
    _run(qtbot, panel, "supervison", fuzzy=True)
    hits = panel.result.hits
    assert hits
    assert panel.model.rowCount() == len(hits)
    assert "near spellings: supervison: supervise, supervision, supervisor" in panel.status.text()
    assert panel.model.index(0, 4).data() == hits[0].text
    viewer = window.workspace.viewer  # type: ignore[union-attr]
    panel.open_row(0)
    assert viewer.document_id == hits[0].document_id
    assert viewer.view.textCursor().selectedText() == hits[0].text
    window.next_hit_action.trigger()
    assert panel.current == 1
    assert viewer.view.textCursor().selectedText() == hits[1].text
    window.previous_hit_action.trigger()
    window.previous_hit_action.trigger()
    assert panel.current == len(hits) - 1  # walking back from the first goes round to the last


def test_coding_all_hits_to_their_sentences_is_one_undoable_step(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    panel = _panel(qtbot, window, tmp_path)
    project = window.project
    assert project is not None
    _run(qtbot, panel, '"group supervision"')
    assert len(panel.result.hits) == 7
    panel.code.setCurrentIndex(panel.code.findText("Supervision / Group supervision"))
    panel.extent.setCurrentIndex(panel.extent.findText("its sentence"))
    before = project.info().codings
    added = panel.code_hits(selected_only=False)
    assert added > 0
    assert project.info().codings == before + added
    assert window.undo_action.text() == "&Undo Code 7 search hits with Supervision / Group supervision"
    window.undo_action.trigger()
    assert project.info().codings == before
    window.redo_action.trigger()
    assert project.info().codings == before + added


def test_every_turn_of_the_case_managers_is_coded(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    panel = _panel(qtbot, window, tmp_path)
    project = window.project
    assert project is not None
    panel.code.setCurrentIndex(panel.code.findText("Workload / Paperwork"))
    panel.turns_of.setCurrentIndex(panel.turns_of.findText("everyone whose Role is case manager"))
    mapped = [s for s in project.documents.speakers() if s.case_id is not None]
    assert mapped  # the focus group's speakers are cases
    added = panel.code_turns()
    assert added == sum(s.turn_count for s in mapped)
    window.undo_action.trigger()
    assert panel.code_turns() == added


def test_a_malformed_query_is_explained(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    panel = _panel(qtbot, window, tmp_path)
    _run(qtbot, panel, "caseload OR")
    assert panel.status.text() == "The search ends where a word was expected."


def test_choices_are_read_when_the_search_tab_comes_into_view(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.show()
    window.adopt(build_demo(tmp_path / "Demo.axial", resource("demo")))
    assert window.workspace is not None
    panel = window.workspace.search
    assert panel.code.count() == 0  # behind the Excerpts tab: opening the project does not wait for it
    window.docks["search"].raise_()
    qtbot.waitUntil(lambda: panel.code.count() == 8)
    assert panel.speaker.findText("CM-07") >= 0
    assert panel.cases.findText("Role: supervisor") >= 0
    window.workspace.edits.create_code("Morale")  # kept up to date while in view
    assert panel.code.findText("Morale") >= 0


def test_autocode_can_start_from_an_empty_code_book(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    project = Project.create(tmp_path / "empty.axial", coder="Tester")
    text = (
        "Interviewer: Who pays?\nP1: The funding comes from the county.\nInterviewer: And later?\nP1: Funding ends.\n"
    )
    turns = tuple(
        NewTurn(speaker, start, start + len(line))
        for speaker, start, line in (
            ("Interviewer", 0, "Interviewer: Who pays?"),
            ("P1", 23, "P1: The funding comes from the county."),
            ("Interviewer", 62, "Interviewer: And later?"),
            ("P1", 86, "P1: Funding ends."),
        )
    )
    project.documents.add(NewDocument(name="Int 1", text=text, turns=turns))
    window.adopt(project)
    window.show()
    window.search_action.trigger()
    assert window.workspace is not None
    panel = window.workspace.search
    assert panel.code.count() == 0
    _run(qtbot, panel, "funding")
    assert len(panel.result.hits) == 2
    assert not panel.code_all.isEnabled()  # no code named yet
    panel.code.setEditText("  Funding   sources ")
    assert panel.code_all.isEnabled()
    assert panel.code_hits(selected_only=False) == 2
    [code] = [n.code for n in project.codes.tree()]
    assert code.name == "Funding sources"
    assert project.info().codings == 2
    assert panel.code.currentText() == "Funding sources"
    window.undo_action.trigger()  # one step: the codings and the code they made
    assert project.info().codings == 0
    assert project.codes.tree() == []
    window.redo_action.trigger()
    assert project.info().codings == 2
    assert [n.code.name for n in project.codes.tree()] == ["Funding sources"]


def test_the_typed_code_is_the_code_used(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    panel = _panel(qtbot, window, tmp_path)
    project = window.project
    assert project is not None
    _run(qtbot, panel, '"group supervision"')
    before = next(n.own_count for n in project.codes.tree() if n.code.name == "Paperwork")
    panel.code.setCurrentIndex(panel.code.findText("Supervision / Group supervision"))
    panel.code.setEditText("paperwork")  # a code's own name, in any case, is that code
    assert panel.code_hits(selected_only=False) == 7
    assert next(n.own_count for n in project.codes.tree() if n.code.name == "Paperwork") == before + 7
    panel.code.setCurrentIndex(panel.code.findText("Supervision / Group supervision"))
    panel.code.setEditText("Peer support")  # text that names no code is a new code, not the one shown before
    assert panel.code_hits(selected_only=False) == 7
    created = next(n for n in project.codes.tree() if n.code.name == "Peer support")
    assert created.own_count == 7


def test_every_turn_of_starts_with_no_speakers_chosen(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    panel = _panel(qtbot, window, tmp_path)
    project = window.project
    assert project is not None
    assert panel.turns_of.currentText() == "choose speakers…"
    assert panel.turns_of.currentData() is None
    panel.code.setCurrentIndex(panel.code.findText("Workload / Paperwork"))
    assert not panel.code_turns_button.isEnabled()
    before = project.info().codings
    assert panel.code_turns() == 0
    assert project.info().codings == before
    assert "Choose whose turns" in panel.status.text()
    panel.turns_of.setCurrentIndex(panel.turns_of.findText("speaker CM-07"))
    assert panel.code_turns_button.isEnabled()
    assert panel.code_turns() == 4
