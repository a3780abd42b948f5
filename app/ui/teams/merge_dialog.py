"""The preview of a merge (File ▸ Merge Coder's Copy…): the copy's documents (matched, new, refused), codes
(matched, new), coders, how many codings would be added, and each conflict with its choice (keep mine, the default,
or take theirs). Merge runs the plan's edit; the dialog itself writes nothing."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.teams.merge_plan import BOTH, COPY, HERE, Conflict, Match, Matched, MergePlan

KEEP_MINE, TAKE_THEIRS = "Keep mine", "Take theirs"
_REFUSED = (Match.REFUSED,)
_NEW = (Match.NEW, Match.NAMED_APART)
_CHANGED = {COPY: "changed in the copy", HERE: "changed here", BOTH: "changed on both sides"}


class MergeDialog(QDialog):
    def __init__(self, plan: MergePlan, project_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(f"Merge {plan.copy_name}")
        self.summary = QLabel(_summary(plan, project_name))
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["In the copy", "Here", "Mine", "Theirs"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 400), (2, 170), (3, 170)):
            header.resizeSection(column, width)
        self.choices: dict[str, QComboBox] = {}
        self._fill()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setEnabled(not plan.changes_nothing() or bool(plan.conflicts))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.resize(1180, 600)

    def theirs(self) -> set[str]:
        """The keys of the conflicts to settle the copy's way."""
        return {key for key, box in self.choices.items() if box.currentText() == TAKE_THEIRS}

    def _fill(self) -> None:
        plan = self.plan
        self._section("Documents", plan.documents)
        self._section("Codes", plan.codes)
        self._section("Coders", plan.coders)
        there = f"{plan.codings_there:,} already here, {plan.codings_refused:,} on refused documents"
        self._line(f"Codings: {len(plan.codings):,} to add ({there})")
        self._line("Also to add: " + ", ".join(plan.others()))
        if plan.conflicts:
            section = self._line(
                f"Conflicts: {len(plan.conflicts)} (choose for each; what only the copy changed since it was handed "
                "out is taken from it, the rest keeps this project's unless you choose otherwise)"
            )
            for conflict in plan.conflicts:
                self._conflict(section, conflict)
            section.setExpanded(True)
        for note in plan.notes:
            self._line(f"Note: {note}")

    def _section(self, title: str, matches: tuple[Matched, ...]) -> None:
        new = sum(m.match in _NEW for m in matches)
        refused = sum(m.match in _REFUSED for m in matches)
        counts = f"{len(matches) - new - refused} matched, {new} new" + (f", {refused} refused" if refused else "")
        section = self._line(f"{title}: {counts}")
        for m in matches:
            item = QTreeWidgetItem(section, [m.name, _said(m)])
            if m.match in _REFUSED or m.note:
                item.setToolTip(1, m.note)
        section.setExpanded(True)

    def _line(self, text: str) -> QTreeWidgetItem:
        """A top-level line across every column."""
        item = QTreeWidgetItem(self.tree, [text])
        item.setFirstColumnSpanned(True)
        return item

    def _conflict(self, section: QTreeWidgetItem, conflict: Conflict) -> None:
        said = f"{conflict.what}: {conflict.where}" + (
            f" ({_CHANGED[conflict.changed_in]})" if conflict.changed_in else ""
        )
        item = QTreeWidgetItem(section, [said, "", conflict.mine, conflict.theirs])
        for column in (0, 2, 3):
            item.setToolTip(column, item.text(column))
        box = QComboBox()
        box.addItems([KEEP_MINE, TAKE_THEIRS])
        if conflict.changed_in == COPY:  # changed there alone since the hand-out: the coder's change to bring back
            box.setCurrentText(TAKE_THEIRS)
        box.setAccessibleName(f"{conflict.what} {conflict.where}")
        holder = QWidget()  # the choice as wide as its words, not the column
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(box)
        row.addStretch(1)
        self.tree.setItemWidget(item, 1, holder)
        self.choices[conflict.key] = box


def _said(m: Matched) -> str:
    said = m.match.value
    if m.match in _NEW and m.name_here and m.name_here != m.name.rsplit(" > ", 1)[-1]:
        said += f" (as {m.name_here})"
    return f"{said}: {m.note}" if m.note else said


def _summary(plan: MergePlan, project_name: str) -> str:
    if plan.changes_nothing() and not plan.conflicts:
        return f"{project_name} already holds everything in {plan.copy_name}: there is nothing to merge."
    return (
        f"Merging {plan.copy_name} into {project_name}. Where the two differ, what only the copy changed since it "
        "was handed out is taken from it; the rest keeps this project's unless you choose theirs (nothing here is "
        "removed unless you choose so). Edit ▸ Undo takes the whole merge back."
    )
