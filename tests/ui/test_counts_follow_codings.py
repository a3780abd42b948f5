"""Coding counts in the code tree and the documents list follow each coding without reloading the whole model."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.model.core.dto import NewDocument
from app.model.project import Project
from app.ui.codes.code_tree_model import CodeTreeModel
from app.ui.core.change_notices import ProjectEvents
from app.ui.documents.documents_model import CODINGS, DocumentListModel


def test_counts_follow_codings_added_and_removed(project: Project) -> None:
    owner = QObject()
    events = ProjectEvents(project, owner)
    workload = project.codes.create("Workload", is_codable=False)
    caseload = project.codes.create("Caseload", workload.id)
    paperwork = project.codes.create("Paperwork", workload.id)
    first = project.documents.add(NewDocument(name="A", text="heavy caseload and paperwork every week"))
    second = project.documents.add(NewDocument(name="B", text="paperwork"))
    tree = CodeTreeModel(project, project.edits, lambda _: None, owner)
    documents = DocumentListModel(project, owner)
    events.changed.connect(tree.on_changes)
    events.changed.connect(documents.on_changes)
    resets: list[str] = []
    tree.modelReset.connect(lambda: resets.append("tree"))
    documents.modelReset.connect(lambda: resets.append("documents"))

    one = project.codings.apply(first.id, caseload.id, 6, 14)
    project.codings.apply(first.id, paperwork.id, 19, 28)
    project.codings.apply(second.id, paperwork.id, 0, 9)
    project.codings.remove(one.id)

    assert resets == []
    shown = {node.code.id: (node.own_count, node.total_count) for node in tree.nodes()}
    assert shown == {n.code.id: (n.own_count, n.total_count) for n in project.codes.tree()}
    assert shown[workload.id] == (0, 2)
    counts = {documents.document(r).name: documents.index(r, CODINGS).data() for r in range(documents.rowCount())}
    assert counts == {"A": 1, "B": 1}
