"""Moving from CFIR 2009 to CFIR 2.0: confident pairs go by themselves; every other mapping is put to the user.

Opening the dialog changes nothing: CFIR 2.0, if the project lacks it, is added with the move, one step to undo."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.core.errors import AxialError
from app.model.frameworks import crosswalk
from app.model.project import Project


class CrosswalkDialog(QDialog):
    def __init__(self, project: Project, old_id: int, new_id: int | None, parent: QWidget | None = None) -> None:
        """`new_id`: CFIR 2.0 in the project, or None when it is not there yet."""
        super().__init__(parent)
        self.setWindowTitle("Move mappings from CFIR 2009 to CFIR 2.0")
        self.project, self.old_id, self.new_id = project, old_id, new_id
        self.steps = crosswalk.plan(project, old_id, new_id)
        self.pending = [s for s in self.steps if not s.automatic]
        codes = {n.code.id: n.code.name for n in project.codes.tree()}
        old = {n.id: n for n in project.frameworks.nodes(old_id)}
        new = {n.id: n for n in crosswalk.target_nodes(project, new_id)}
        self.table = QTableWidget(len(self.pending), 4)
        self.table.setHorizontalHeaderLabels(("Code", "CFIR 2009", "Why it needs you", "CFIR 2.0"))
        self.choices: list[QComboBox] = []
        constructs = sorted((n for n in new.values() if n.level != "domain"), key=lambda n: n.official_id or "")
        for row, step in enumerate(self.pending):
            for column, text in enumerate(
                (
                    codes.get(step.code_id, "?"),
                    f"{old[step.old_node_id].official_id or ''} {old[step.old_node_id].name}",
                    step.reason,
                )
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
            combo = QComboBox()
            combo.addItem("(choose)", None)
            offered = [new[i] for i in step.options] or constructs
            for node in offered:
                combo.addItem(f"{node.official_id} {node.name}", node.id)
            self.table.setCellWidget(row, 3, combo)
            self.choices.append(combo)
        self.table.resizeColumnsToContents()
        automatic = len(self.steps) - len(self.pending)
        self.status = QLabel(f"{automatic} mappings move by themselves; {len(self.pending)} need your decision.")
        apply = QPushButton("Move the mappings")
        apply.clicked.connect(self.apply)
        close = QPushButton("Cancel")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(close)
        buttons.addWidget(apply)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1000, 520)

    def choose(self, row: int, node_id: int) -> None:
        self.choices[row].setCurrentIndex(self.choices[row].findData(node_id))

    def apply(self) -> bool:
        decisions = {
            (step.code_id, step.old_node_id): [combo.currentData()]
            for step, combo in zip(self.pending, self.choices, strict=True)
            if combo.currentData() is not None
        }
        try:
            made = self.project.edits.move_to_cfir2(self.steps, decisions, self.new_id)
        except AxialError as error:
            self.status.setText(str(error))
            return False
        self.status.setText(f"{made} mappings moved to CFIR 2.0.")
        self.accept()
        return True
