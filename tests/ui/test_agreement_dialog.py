"""The Agreement window: the table per code and document, the disagreements side by side, going to the text."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.model.agreement.consensus import CONSENSUS, Resolution
from app.model.agreement.service import agreement
from app.model.agreement.units import Unit
from app.model.core.dto import NewDocument
from app.model.project import Project
from app.ui.agreement.agreement_dialog import AgreementDialog
from app.ui.agreement.agreement_model import TARGET_ROLE, AgreementModel
from app.ui.shell.main_window import MainWindow
from tests.unit.agreement_study import study


def _team(tmp_path: Path) -> tuple[Project, dict[str, int]]:
    project = Project.create(tmp_path / "team.axial", coder="Tester")
    return project, study(project, 21, ("Ana", "Ben"), documents=3)


def test_the_model_is_valid_and_shows_codes_with_their_documents(qtmodeltester: ModelTester, tmp_path: Path) -> None:
    project, ids = _team(tmp_path)
    report = agreement(project, [ids["Ana"], ids["Ben"]], Unit.SENTENCE, replicates=50)
    model = AgreementModel()
    qtmodeltester.check(model)
    model.show(report)
    qtmodeltester.check(model)
    assert model.rowCount() == 1 + len(report.codes)
    assert model.index(0, 0).data() == "All codes"
    assert model.index(0, 0).data(TARGET_ROLE) is None
    assert model.rowCount(model.index(0, 0)) == 0
    first = model.index(1, 0)
    assert first.data() == report.codes[0].path
    assert first.data(TARGET_ROLE) == (report.codes[0].code_id, None)
    assert model.rowCount(first) == len(report.codes[0].documents)
    cell = model.index(0, 0, first)
    assert cell.data() == report.codes[0].documents[0].document
    assert cell.data(TARGET_ROLE) == (report.codes[0].code_id, report.codes[0].documents[0].document_id)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Code / document"
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles[titles.index("Krippendorff's α") + 1] == "α 95% CI"
    assert titles[-4:] == ["uα", "|uα", "cuα", "(k)uα"]
    project.close()


def test_compare_choose_a_code_and_go_to_a_disagreement(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    project, _ = _team(tmp_path)
    window.adopt(project)
    assert window.workspace is not None
    window.agreement_action.trigger()
    (dialog,) = window.findChildren(AgreementDialog)
    assert [dialog.coders.item(i).text() for i in range(dialog.coders.count())] == ["Ana", "Ben"]  # who coded
    with qtbot.waitSignal(dialog.computed):
        dialog.compare.click()
    assert dialog.report is not None
    assert dialog.model.rowCount() == 4  # All codes, then three codes
    assert dialog.method.toPlainText().startswith("The codings of Ana and Ben on 3 documents")
    dialog.table.setCurrentIndex(dialog.model.index(1, 0))
    assert dialog.shown, "the random codings disagree somewhere"
    assert dialog.disagreements.columnCount() == 3
    assert [dialog.disagreements.horizontalHeaderItem(i).text() for i in range(3)] == ["Document", "Ana", "Ben"]
    first = dialog.shown[0]
    ana = first.passages[0]
    assert ana is not None
    with qtbot.waitSignal(dialog.excerpt_opened) as opened:
        dialog.disagreements.cellDoubleClicked.emit(0, 1)
    expected = ana[0].coding_id if ana else next(p.coding_id for c in first.passages for p in c or ())
    assert opened.args == [first.document_id, expected]
    assert window.workspace.viewer.document_id == first.document_id
    dialog.close()


def test_exports_from_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    project, _ = _team(tmp_path)
    dialog = AgreementDialog(project)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.computed):
        dialog.compute()
    written = dialog.export_to(tmp_path / "agreement.xlsx")
    assert written is not None
    assert openpyxl.load_workbook(written)["Per code"]["A2"].value == "All codes"
    word = dialog.export_to(tmp_path / "agreement.docx")
    assert word is not None
    assert word.stat().st_size > 0
    assert "Saved the agreement table to agreement.docx" in dialog.caption.text()
    project.close()


def test_one_coder_cannot_be_compared(qtbot: QtBot, tmp_path: Path) -> None:
    project = Project.create(tmp_path / "alone.axial", coder="Ana")
    document = project.documents.add(NewDocument("A", "some words here"))
    project.codings.apply(document.id, project.codes.create("X").id, 0, 4)
    dialog = AgreementDialog(project)
    qtbot.addWidget(dialog)
    dialog.compute()
    assert dialog.job is None  # nothing started
    assert dialog.report is None
    assert dialog.caption.text() == "Choose two or more coders."
    project.close()


def test_a_disagreement_settled_by_consensus_from_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    project, _ = _team(tmp_path)
    dialog = AgreementDialog(project)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.computed):
        dialog.compute()
    assert not dialog.consensus.isEnabled()
    assert dialog.consensus.buttons[Resolution.FIRST].text() == "Keep Ana's"
    dialog.table.setCurrentIndex(dialog.model.index(1, 0))
    assert not dialog.consensus.isEnabled()  # until a disagreement is chosen
    row = next(i for i, d in enumerate(dialog.shown) if None not in d.passages)
    dialog.disagreements.setCurrentCell(row, 1)
    assert dialog.consensus.isEnabled()
    chosen = dialog.shown[row]
    dialog.consensus.buttons[Resolution.UNION].click()
    consensus = next(c for c in project.coders() if c.name == CONSENSUS)
    made = [c for c in project.codings.for_document(chosen.document_id) if c.coder_id == consensus.id]
    assert [(c.start, c.end) for c in made] == [(chosen.start, chosen.end)]
    assert dialog.caption.text().startswith("Consensus recorded (union of the boundaries): 1 coding")
    steps = len(project.history.operations())
    dialog.consensus.buttons[Resolution.UNION].click()  # again: already the consensus, so no step to undo
    assert dialog.caption.text() == "The Consensus coder already holds this (union of the boundaries): nothing added."
    assert len(project.history.operations()) == steps
    project.history.undo()
    assert CONSENSUS not in {c.name for c in project.coders()}
    project.close()


def test_the_unitizing_family_has_its_columns_with_what_each_measures(tmp_path: Path) -> None:
    project, ids = _team(tmp_path)
    report = agreement(project, [ids["Ana"], ids["Ben"]], Unit.CHARACTER, replicates=0)
    model = AgreementModel()
    model.show(report)
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    place = {title: titles.index(title) for title in ("uα", "|uα", "cuα", "(k)uα")}
    assert model.index(0, place["|uα"]).data() == f"{report.overall.u_alpha_binary:.2f}"
    assert model.index(0, place["cuα"]).data() == f"{report.overall.u_alpha_coding:.2f}"
    code, row = report.codes[0], model.index(1, 0)
    assert model.index(1, place["uα"]).data() == f"{code.coefficients.u_alpha:.2f}"
    assert model.index(1, place["(k)uα"]).data() == f"{code.coefficients.u_alpha_k:.2f}"
    assert model.index(1, place["cuα"]).data() == "—"  # defined over all codes only
    cell = code.documents[0].coefficients
    assert model.index(0, place["uα"], row).data() == f"{cell.u_alpha:.2f}"
    tip = model.headerData(place["(k)uα"], Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "told from the others" in tip
    project.close()
