"""Tools ▸ Pseudonyms…: the stored table to add to, edit in place and remove from, each one undo step that the
window follows; the key saved where the user says. The De-identify dialog marks a named-entity model's candidates
and leaves them unticked; a model that cannot be loaded is said, and the table alone is used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.model.documents.importing import FilePlan
from app.model.project import Project
from app.ui.revisions.deidentify_dialog import NOTICE, DeidentifyDialog
from app.ui.revisions.pseudonyms_window import NOT_IDENTIFYING, PseudonymsWindow
from app.ui.shell.main_window import MainWindow

OKAFOR = Path(__file__).parents[1] / "data" / "transcripts" / "otter_deidentified" / "Maria Okafor.txt"


@pytest.fixture
def project(window: MainWindow, tmp_path: Path) -> Project:
    shutil.copy(OKAFOR, tmp_path / "Okafor.txt")
    made = Project.create(tmp_path / "study.axial", coder="Ann")
    made.edits.import_documents([FilePlan(tmp_path / "Okafor.txt")])
    window.adopt(made)
    return made


def _cells(window: PseudonymsWindow) -> list[tuple[str, ...]]:
    table = window.table
    return [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]


def test_the_table_is_edited_in_place_and_follows_undo(
    qtbot: QtBot, window: MainWindow, project: Project, tmp_path: Path
) -> None:
    assert window.pseudonyms_action.isEnabled()
    pseudonyms = PseudonymsWindow(project, window)
    qtbot.addWidget(pseudonyms)
    pseudonyms.seed()
    assert _cells(pseudonyms) == [
        ("Daniel Reyes", "[Speaker 1]", "speaker"),
        ("Maria Okafor", "[Speaker 2]", "speaker"),
    ]
    pseudonyms.original.setText("Riverside Agency")
    pseudonyms.kind.setCurrentText("agency")
    pseudonyms.add()
    assert _cells(pseudonyms)[-1] == ("Riverside Agency", "[Agency A]", "agency")
    pseudonyms.table.item(1, 1).setText("[Librarian 1]")  # as a double-click edit ends
    assert project.pseudonyms.all()[1].pseudonym == "[Librarian 1]"
    pseudonyms.table.selectRow(0)
    pseudonyms.remove_selected()
    assert [row[0] for row in _cells(pseudonyms)] == ["Maria Okafor", "Riverside Agency"]
    project.history.undo()
    assert [row[0] for row in _cells(pseudonyms)] == ["Daniel Reyes", "Maria Okafor", "Riverside Agency"]
    key = tmp_path / "key.csv"
    pseudonyms.save_key(key)
    assert key.read_text(encoding="utf-8").splitlines()[2] == "Maria Okafor,[Librarian 1],speaker"


def test_an_original_marked_not_identifying_is_shown_kept_and_not_seeded_again(
    qtbot: QtBot, window: MainWindow, project: Project
) -> None:
    pseudonyms = PseudonymsWindow(project, window)
    qtbot.addWidget(pseudonyms)
    pseudonyms.seed()
    pseudonyms.table.selectRow(0)
    pseudonyms.toggle_identifying()
    assert _cells(pseudonyms)[0] == ("Daniel Reyes", NOT_IDENTIFYING, "speaker")
    assert "1 of them not identifying" in pseudonyms.summary.text()
    pseudonyms.seed()  # Add Cases and Speakers again: the mark stays, nothing is added back
    assert _cells(pseudonyms) == [
        ("Daniel Reyes", NOT_IDENTIFYING, "speaker"),
        ("Maria Okafor", "[Speaker 2]", "speaker"),
    ]
    project.history.undo()
    assert _cells(pseudonyms)[0] == ("Daniel Reyes", "[Speaker 1]", "speaker")
    project.history.redo()
    pseudonyms.table.item(0, 1).setText("[Host]")  # a pseudonym typed in: identifying after all
    assert _cells(pseudonyms)[0] == ("Daniel Reyes", "[Host]", "speaker")


def test_a_refused_edit_is_said_and_the_cell_shows_the_table_again(
    qtbot: QtBot, window: MainWindow, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr("app.ui.revisions.pseudonyms_window.QMessageBox.warning", lambda *a: said.append(a[2]))
    project.edits.add_pseudonym("Jane Smith")
    pseudonyms = PseudonymsWindow(project, window)
    qtbot.addWidget(pseudonyms)
    pseudonyms.table.item(0, 1).setText("[Jane Smith's colleague]")
    assert len(said) == 1
    assert "holds its original" in said[0]
    assert _cells(pseudonyms) == [("Jane Smith", "[Person 1]", "person")]


def test_the_models_candidates_are_marked_and_unticked(
    qtbot: QtBot, window: MainWindow, project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [{"label": "ORG", "pattern": [{"LOWER": "the"}, {"LOWER": "university"}]}]
    )
    nlp.to_disk(tmp_path / "ruler")
    project.edits.add_pseudonym("Daniel Reyes")
    dialog = DeidentifyDialog(project, window, ner_model=str(tmp_path / "ruler"))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1  # the stored table, shown before anything is found
    assert NOTICE.startswith("Until you save a de-identified copy")
    assert dialog.use_model.isChecked()
    dialog.find_candidates()
    rows = range(dialog.list.rowCount())
    model = [r for r in rows if dialog.list.item(r, 3).text() == "model (ruler)"]
    assert [dialog.list.item(r, 1).text() for r in model] == ["the university"]
    assert dialog.list.item(model[0], 0).checkState() == Qt.CheckState.Unchecked
    assert len(dialog.accepted_candidates()) == dialog.list.rowCount() - 1
    said: list[str] = []
    monkeypatch.setattr("app.ui.revisions.deidentify_dialog.QMessageBox.warning", lambda *a: said.append(a[2]))
    missing = DeidentifyDialog(project, window, ner_model="xx_no_such_pipeline_sm")
    qtbot.addWidget(missing)
    missing.find_candidates()
    assert len(said) == 1
    assert "install it first" in said[0]
    assert not missing.use_model.isChecked()
    assert missing.list.rowCount() == dialog.list.rowCount() - 1  # the table's candidates all the same
