"""A coding change names the codings it touched and how each count moved, so views re-read nothing else."""

from __future__ import annotations

from app.model.core.changes import Changes, Topic
from app.model.core.dto import NewCoding, NewDocument
from app.model.project import Project


def _heard(project: Project) -> list[Changes]:
    heard: list[Changes] = []
    project.subscribe(heard.append)
    return heard


def test_each_coding_change_names_its_codings_and_count_moves(project: Project) -> None:
    document = project.documents.add(NewDocument(name="A", text="heavy caseload and paperwork every week"))
    caseload = project.codes.create("Caseload").id
    paperwork = project.codes.create("Paperwork").id
    heard = _heard(project)

    one = project.codings.apply(document.id, caseload, 6, 14)
    project.codings.set_code(one.id, paperwork)
    project.codings.set_bounds(one.id, 6, 28)
    project.edits.remove_coding(one.id)
    project.history.undo()
    project.history.redo()

    assert [(c.coding_ids, c.document_deltas, c.code_deltas) for c in heard] == [
        (frozenset({one.id}), ((document.id, 1),), ((caseload, 1),)),
        (frozenset({one.id}), (), ((caseload, -1), (paperwork, 1))),
        (frozenset({one.id}), (), ()),
        (frozenset({one.id}), ((document.id, -1),), ((paperwork, -1),)),
        (frozenset({one.id}), ((document.id, 1),), ((paperwork, 1),)),
        (frozenset({one.id}), ((document.id, -1),), ((paperwork, -1),)),
    ]


def test_a_change_that_does_not_name_its_codings_names_none(project: Project) -> None:
    """Views then re-read the documents' codings and counts, as the change may have touched any of them."""
    document = project.documents.add(NewDocument(name="A", text="heavy caseload and paperwork every week"))
    code = project.codes.create("Caseload").id
    heard = _heard(project)

    project.codings.apply_many([NewCoding(document.id, code, 0, 5), NewCoding(document.id, code, 6, 14)])
    project.codes.delete(code)

    assert [Topic.CODINGS in c.topics for c in heard] == [True, True]
    assert [(c.coding_ids, c.document_deltas, c.code_deltas) for c in heard] == [(frozenset(), (), ())] * 2
