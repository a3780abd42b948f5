"""Codes × attribute by ranges of a computed number ("Change = Post - Pre", cut at 5), and narrowed to a set."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.model.core.dto import AttributeType, NewDocument
from app.model.project import Project
from app.ui.analysis.analysis_dialog import BY_ATTRIBUTE, HINT, RANGES, AnalysisDialog
from app.ui.core import file_dialogs
from tests.unit.refi_projects import turns_of

TEXT = "INT: How is it now?\nP1: I have hope.\nP2: Still hope.\nP3: Much more hope.\n"
SCORES = {"P1": (10, 17), "P2": (8, 9), "P3": (5, 11)}  # Change: 7, 1, 6


@pytest.fixture
def study(project: Project) -> Project:
    document = project.documents.add(NewDocument("Focus group", TEXT, turns=turns_of(TEXT)))
    project.documents.add(NewDocument("Field notes", "Nothing coded.\n"))
    edits = project.edits
    edits.cases_from_speakers()
    pre = edits.define_attribute("Pre", AttributeType.NUMBER)
    post = edits.define_attribute("Post", AttributeType.NUMBER)
    edits.define_attribute("Change", AttributeType.NUMBER, formula="Post - Pre")
    cases = {c.name: c.id for c in project.cases.all()}
    edits.set_attribute_values(
        [(cases[n], pre.id, a) for n, (a, _) in SCORES.items()]
        + [(cases[n], post.id, b) for n, (_, b) in SCORES.items()]
    )
    hope = edits.create_code("Hope")
    for start in (i for i in range(len(TEXT)) if TEXT.startswith("hope", i)):
        edits.apply_coding(document.id, hope.id, start, start + 4)
    return project


def _table(dialog: AnalysisDialog) -> dict[str, int]:
    model = dialog.models[BY_ATTRIBUTE]
    return {model.column_titles[c]: model.value(0, c) for c in range(model.columnCount())}


def test_a_computed_change_cut_at_5_counts_who_improved(
    qtbot: QtBot, study: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported: list[object] = []
    monkeypatch.setattr(file_dialogs, "save_name", lambda *args: exported.append(args) or "")
    dialog = AnalysisDialog(study, lambda: [])
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.computed, timeout=10_000):
        dialog.tabs.setCurrentIndex(BY_ATTRIBUTE)
    dialog.attribute.setCurrentIndex(dialog.attribute.findText("Change"))
    qtbot.waitUntil(lambda: dialog.job is None)
    assert dialog.ranges.isEnabled()
    dialog.ranges.setCurrentIndex([title for title, _, _ in RANGES].index("cut at…"))
    assert dialog.status.text() == "Type at least one cut point."
    assert dialog.cuts.isVisible()
    qtbot.keyClicks(dialog.cuts, "5")
    with qtbot.waitSignal(dialog.computed, timeout=10_000):
        qtbot.keyClick(dialog.cuts, Qt.Key.Key_Return)
    # Return counts again: it neither exports (the dialog's first button) nor closes the dialog.
    assert (exported, dialog.isVisible(), dialog.status.text()) == ([], True, HINT)
    assert _table(dialog) == {"1–4": 1, "≥ 5": 2, "(no value)": 0}
    title, codings = dialog.cell(BY_ATTRIBUTE, 0, 1)
    assert title == "Hope, ≥ 5"
    assert sorted(TEXT[c.start - 4 : c.end] for c in codings) == ["ave hope", "ore hope"]


def test_ranges_are_only_offered_for_numbers_and_dates(qtbot: QtBot, study: Project) -> None:
    study.edits.define_attribute("Group", AttributeType.TEXT)
    dialog = AnalysisDialog(study, lambda: [])
    qtbot.addWidget(dialog)
    dialog.attribute.setCurrentIndex(dialog.attribute.findText("Group"))
    assert not dialog.ranges.isEnabled()
    assert dialog.bins() is None


def test_a_set_narrows_every_view_to_its_documents(qtbot: QtBot, study: Project) -> None:
    notes = next(d.id for d in study.documents.all() if d.name == "Field notes")
    study.edits.create_set("Notes only", [notes])
    dialog = AnalysisDialog(study, lambda: [])
    qtbot.addWidget(dialog)
    assert dialog.scope().document_ids is None
    dialog.in_set.setCurrentIndex(dialog.in_set.findText("in Notes only"))
    assert dialog.scope().document_ids == frozenset({notes})
