"""Similar codes: clusters of near-duplicate names (and optionally definitions), each merged with one click.

A pair that is not a duplicate can be dismissed for good. The list is recomputed after every change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.codes.name_matching import SIMILAR_CODES
from app.model.codes.similar_names import Cluster, CodeText, clusters
from app.model.core.errors import AxialError
from app.model.history.edits import Edits
from app.model.project import Project
from app.ui.core.tree_items import empty

_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SimilarCodesDialog(QDialog):
    def __init__(self, project: Project, edits: Edits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Similar codes")
        self.project = project
        self.edits = edits
        self.clusters: list[Cluster] = []
        self.threshold = QSpinBox()
        self.threshold.setRange(50, 100)
        self.threshold.setValue(SIMILAR_CODES)
        self.threshold.setSuffix(" % alike")
        self.definitions = QCheckBox("Compare definitions too")
        self.threshold.valueChanged.connect(lambda _: self.refresh())
        self.definitions.toggled.connect(lambda _: self.refresh())
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(("Code", "Path", "Codings"))
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(1, 300)
        self.summary = QLabel()
        self.merge_button = QPushButton("Merge this cluster into the code in bold")
        self.merge_button.clicked.connect(self.merge_current)
        self.dismiss_button = QPushButton("Not a duplicate")
        self.dismiss_button.setToolTip("This code and the one in bold are different; stop proposing them together")
        self.dismiss_button.clicked.connect(self.dismiss_current)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        # Enter closes: saying "not a duplicate" or merging is always a click (or a Tab) away, never a reflex.
        for button in (self.dismiss_button, self.merge_button):
            button.setAutoDefault(False)
        close.setDefault(True)
        self.close_button = close
        top = QHBoxLayout()
        top.addWidget(QLabel("Names at least"))
        top.addWidget(self.threshold)
        top.addWidget(self.definitions)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.dismiss_button)
        bottom.addWidget(self.merge_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)
        self.resize(760, 520)
        self.refresh()

    def refresh(self) -> None:
        nodes = {n.code.id: n for n in self.project.codes.tree()}
        texts = [CodeText(n.code.id, n.code.name, n.code.definition) for n in nodes.values()]
        self.clusters = clusters(
            texts,
            self.threshold.value(),
            use_definitions=self.definitions.isChecked(),
            dismissed=self.project.codes.dismissed_pairs(),
        )
        empty(self.tree)
        for number, cluster in enumerate(self.clusters, 1):
            # The code with most codings is the natural one to keep.
            keep = max(cluster.code_ids, key=lambda c: (nodes[c].total_count, -c))
            # Items are created with their parents, so Qt alone owns them.
            group = QTreeWidgetItem(
                self.tree, [f"Cluster {number}: {len(cluster.code_ids)} codes, {cluster.score:.0f} % alike"]
            )
            group.setData(0, _ID_ROLE, ("cluster", keep))
            for code_id in sorted(cluster.code_ids, key=lambda c: c != keep):
                node = nodes[code_id]
                item = QTreeWidgetItem(group, [node.code.name, " / ".join(node.path[:-1]), str(node.total_count)])
                item.setData(0, _ID_ROLE, ("code", code_id))
                font = item.font(0)
                font.setBold(code_id == keep)
                item.setFont(0, font)
            group.setExpanded(True)
        self.summary.setText(f"{len(self.clusters)} clusters among {len(texts)} codes")
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

    def _cluster_of(self, item: QTreeWidgetItem | None) -> tuple[QTreeWidgetItem, int] | None:
        if item is None:
            return None
        group = item.parent() or item
        _, keep = group.data(0, _ID_ROLE)
        return group, keep

    def merge_current(self) -> None:
        found = self._cluster_of(self.tree.currentItem())
        if found is None:
            return
        group, keep = found
        others = [
            child.data(0, _ID_ROLE)[1] for i in range(group.childCount()) if (child := group.child(i)) is not None
        ]
        try:
            self.edits.merge_codes([c for c in others if c != keep], keep)
        except AxialError as error:
            self.summary.setText(str(error))
            return
        self.refresh()

    def dismiss_current(self) -> None:
        item = self.tree.currentItem()
        found = self._cluster_of(item)
        if item is None or found is None or item.parent() is None:
            self.summary.setText("Choose a code in a cluster (not the cluster itself) to dismiss.")
            return
        _, keep = found
        _, code_id = item.data(0, _ID_ROLE)
        if code_id == keep:
            self.summary.setText("Choose one of the other codes to say it differs from the one in bold.")
            return
        self.edits.dismiss_similarity(code_id, keep)
        self.refresh()
