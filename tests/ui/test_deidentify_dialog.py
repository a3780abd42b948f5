"""Tools ▸ De-identify…: names pasted, the pseudonym table shown, candidates listed with context; the ones left
ticked are replaced (codings following) as one undo step, those unticked stay."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.model.documents.importing import FilePlan
from app.model.project import Project
from app.ui.revisions.deidentify_dialog import DeidentifyDialog
from app.ui.shell.main_window import MainWindow

OKAFOR = Path(__file__).parents[1] / "data" / "transcripts" / "otter_deidentified" / "Maria Okafor.txt"
PASSAGE = "We focus on file naming and readme files"


@pytest.fixture
def project(window: MainWindow, tmp_path: Path) -> Project:
    shutil.copy(OKAFOR, tmp_path / "Okafor.txt")
    made = Project.create(tmp_path / "study.axial", coder="Ann")
    made.edits.import_documents([FilePlan(tmp_path / "Okafor.txt")])
    code = made.edits.create_code("Teaching")
    at = made.documents.text(1).index(PASSAGE)
    made.edits.apply_coding(1, code.id, at, at + len(PASSAGE))
    window.adopt(made)
    return made


def test_the_ticked_candidates_are_replaced_as_one_undo_step(
    qtbot: QtBot, window: MainWindow, project: Project
) -> None:
    original = project.documents.text(1)
    assert window.deidentify_action.isEnabled()
    dialog = DeidentifyDialog(project, window)
    qtbot.addWidget(dialog)
    dialog.names.setPlainText("Maria Okafor,[Librarian 1]\nDaniel Reyes,[Interviewer]\n")
    dialog.find_candidates()
    assert dialog.table.rowCount() == 2  # the speaker labels are the listed names: no more rows
    assert dialog.table.item(0, 1).text() == "[Librarian 1]"
    found = [dialog.list.item(row, 1).text() for row in range(dialog.list.rowCount())]
    assert found.count("Maria") == 2  # "Thanks, Maria." first, "Thank you so much, Maria." last
    assert "Maria Okafor" in found
    maria = found.index("Maria")
    assert "Thanks, «Maria»." in dialog.list.item(maria, 4).text()
    assert dialog.list.item(maria, 3).text() == "table (part)"
    dialog.list.item(maria, 0).setCheckState(dialog.list.item(maria, 0).checkState().Unchecked)
    dialog.apply()
    assert dialog.report is not None
    text = project.documents.text(1)
    assert "Okafor" not in text
    assert "Reyes" not in text
    assert "Thanks, Maria." in text  # left unticked
    assert "Thank you so much, [Librarian 1]." in text
    assert "[Librarian 1]  0:09" in text
    assert {s.label for s in project.documents.speakers(1)} == {"[Librarian 1]", "[Interviewer]"}
    [coding] = project.codings.for_document(1)
    assert text[coding.start : coding.end] == PASSAGE
    project.history.undo()
    assert project.documents.text(1) == original
    assert {s.label for s in project.documents.speakers(1)} == {"Maria Okafor", "Daniel Reyes"}


def test_a_list_with_too_many_columns_is_refused_with_a_message(
    qtbot: QtBot, window: MainWindow, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr("app.ui.revisions.deidentify_dialog.QMessageBox.warning", lambda *a: said.append(a[2]))
    dialog = DeidentifyDialog(project, window)
    qtbot.addWidget(dialog)
    dialog.names.setPlainText("a,b,c,d\n")
    dialog.find_candidates()
    assert said
    assert "three columns" in said[0]
    assert project.pseudonyms.all() == []
    assert not dialog.apply_button.isEnabled()


def test_a_names_file_is_loaded_into_the_list(
    qtbot: QtBot, window: MainWindow, project: Project, tmp_path: Path
) -> None:
    dialog = DeidentifyDialog(project, window)
    qtbot.addWidget(dialog)
    dialog.names.setPlainText("Daniel Reyes")
    names = tmp_path / "names.csv"
    names.write_text("original,pseudonym\nMaria Okafor,[Librarian 1]\nRiverside Agency,,agency\n", encoding="utf-8")
    dialog.load_list(names)
    assert dialog.names.toPlainText() == "Daniel Reyes\nMaria Okafor,[Librarian 1]\nRiverside Agency,,agency\n"
    dialog.find_candidates()
    assert [dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())] == [
        "[Person 1]",
        "[Librarian 1]",
        "[Agency A]",
    ]
    assert dialog.names.toPlainText() == ""  # in the stored table now
    first = project.pseudonyms.all()[0]
    assert (first.original, first.pseudonym) == ("Daniel Reyes", "[Person 1]")


def test_a_de_identified_copy_is_saved_and_the_project_keeps_its_text(
    qtbot: QtBot, window: MainWindow, project: Project, tmp_path: Path
) -> None:
    original = project.documents.text(1)
    dialog = DeidentifyDialog(project, window)
    qtbot.addWidget(dialog)
    dialog.names.setPlainText("Maria Okafor,[Librarian 1]\n")
    dialog.find_candidates()
    report = dialog.save_copy(tmp_path / "shared.axial")
    assert report is not None
    assert "Saved shared.axial" in dialog.summary.text()
    assert project.documents.text(1) == original
    with Project.open(tmp_path / "shared.axial", read_only=True) as copy:
        assert "Okafor" not in copy.documents.text(1)
        assert "Reyes" not in copy.documents.text(1)  # a speaker label, seeded
        assert copy.pseudonyms.all() == []
