"""The desktop's ways to revise a document's text, each one undoable step: correct a selected passage, rename a
speaker label throughout, replace the document with a corrected file (with its review list)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.model.core.errors import AxialError, ConflictError
from app.model.project import Project
from app.ui.core.file_dialogs import Purpose, open_name
from app.ui.core.file_filters import transcript_files
from app.ui.revisions.review_dialog import ReviewDialog

if TYPE_CHECKING:
    from app.model.revisions.reimport import ReimportPlan

Ask = Callable[[str, str], bool]


class CorrectTextDialog(QDialog):
    """The selected words and what they should say."""

    def __init__(self, original: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Correct Text")
        shown = original if len(original) <= 400 else original[:399] + "…"
        label = QLabel(f"Replace “{shown}” with:")
        label.setWordWrap(True)
        self.replacement = QLineEdit(original)
        self.replacement.selectAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.replacement)
        layout.addWidget(QLabel("Codings over these words follow the correction; undo takes it back."))
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())


def correct_text(project: Project, document_id: int, start: int, end: int, replacement: str, ask: Ask) -> bool:
    """Correct [start, end); when codings lie wholly in deleted words, ask before removing them."""
    try:
        project.edits.correct_text(document_id, start, end, replacement)
    except ConflictError as error:
        if not ask("Correct Text", f"{error}\n\nRemove them and correct the text?"):
            return False
        project.edits.correct_text(document_id, start, end, replacement, remove_lost=True)
    return True


def ask_correction(parent: QWidget, project: Project, document_id: int, start: int, end: int) -> bool:
    original = project.documents.text(document_id)[start:end]
    dialog = CorrectTextDialog(original, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.replacement.text() == original:
        return False
    return _guarded(parent, lambda: correct_text(project, document_id, start, end, dialog.replacement.text(),
                                                 lambda title, text: _yes(parent, title, text)))  # fmt: skip


def ask_speaker_rename(parent: QWidget, project: Project, speaker_id: int, label: str) -> bool:
    new, accepted = QInputDialog.getText(
        parent, "Rename Speaker Label", f"Rename “{label}” throughout this document to:", text=label
    )
    if not accepted or not new.strip() or new.strip() == label:
        return False
    return _guarded(parent, lambda: bool(project.edits.rename_speaker_label(speaker_id, new)))


def ask_split(parent: QWidget, project: Project, turn_id: int, at: int, speakers: list[str]) -> bool:
    """Cut a turn at the cursor; the researcher says who speaks the rest (a label of the document, or a new one)."""
    speaker, accepted = QInputDialog.getItem(parent, "Split Turn", "Who says the rest of this turn?", speakers, 0, True)
    if not accepted or not speaker.strip():
        return False
    return _guarded(parent, lambda: bool(project.edits.split_turn(turn_id, at, speaker)))


def join_with_next(parent: QWidget, project: Project, turn_id: int) -> bool:
    """Join a turn with the next; when another speaker says the next one, ask first: joined, their words would be
    this speaker's, which a mis-aimed click should not do silently."""
    from app.model.revisions.revision_service import RevisionService

    turns = project.documents.turns(RevisionService(project.store).document_of_turn(turn_id))
    at = next((i for i, t in enumerate(turns) if t.id == turn_id), len(turns))
    if at + 1 < len(turns) and turns[at + 1].speaker != turns[at].speaker:
        this, other = turns[at].speaker or "no speaker", turns[at + 1].speaker or "no speaker"
        if not _yes(
            parent,
            "Join with Next Turn",
            f"The next turn is {other}’s. Joined, its words become {this}’s and the label “{other}” goes from "
            "there. Join them?",
        ):
            return False
    return _guarded(parent, lambda: bool(project.edits.join_turns(turn_id)))


def replace_with_corrected_version(parent: QWidget, project: Project, document_id: int) -> bool:
    """Choose the corrected file, review where the codings go, replace: one undo step."""
    name = open_name(parent, "Replace with Corrected Version", Purpose.SOURCES, transcript_files(), project.path)
    if not name:
        return False
    return replace_from_file(parent, project, document_id, Path(name), "Replace with Corrected Version")


def replace_from_file(parent: QWidget, project: Project, document_id: int, path: Path, title: str) -> bool:
    """Read `path` as the document's new text, review where the codings go, replace: one undo step."""
    from app.model.revisions.reimport import plan_reimport  # the readers load when asked, not at start

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        plan = plan_reimport(project, document_id, path)
    except AxialError as error:
        QMessageBox.warning(parent, title, str(error))
        return False
    finally:
        QApplication.restoreOverrideCursor()
    dialog = review_dialog(project, plan, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return _guarded(parent, lambda: bool(project.edits.replace_with_corrected(plan, dialog.decisions())))


def review_dialog(project: Project, plan: ReimportPlan, parent: QWidget | None = None) -> ReviewDialog:
    codes = {node.code.id: node.code.name for node in project.codes.tree()}
    names = {c.id: codes.get(c.code_id, "Coding") for c in project.codings.for_document(plan.document_id)}
    return ReviewDialog(plan, names, parent)


def _guarded(parent: QWidget, action: Callable[[], bool]) -> bool:
    try:
        return action()
    except AxialError as error:
        QMessageBox.warning(parent, "Axial", str(error))
        return False


def _yes(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes
