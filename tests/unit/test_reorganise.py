"""Axial reorganising: categories above codes, moving many, splitting codings off — each undone exactly."""

from __future__ import annotations

import pytest

from app.model.core.dto import NewDocument
from app.model.core.errors import ValidationError
from app.model.project import Project
from tests.conftest import table_dump

TEXT = "We talked about caseload and paperwork and supervision and turnover every single week."


def _tree(project: Project) -> list[tuple[int, str]]:
    return [(n.depth, n.code.name) for n in project.codes.tree()]


def _setup(project: Project) -> dict[str, int]:
    doc = project.documents.add(NewDocument(name="A", text=TEXT))
    ids = {name: project.codes.create(name).id for name in ("Caseload", "Paperwork", "Supervision", "Turnover")}
    for name, word in (("Caseload", "caseload"), ("Paperwork", "paperwork"), ("Turnover", "turnover")):
        start = TEXT.index(word)
        project.codings.apply(doc.id, ids[name], start, start + len(word))
    project.relations.set_positions({ids["Caseload"]: (10.0, 20.0)})
    project.codes.dismiss_similarity(ids["Paperwork"], ids["Caseload"])
    return ids


def test_category_above_chosen_codes_and_undo(project: Project) -> None:
    ids = _setup(project)
    before = table_dump(project.path)
    category = project.edits.create_category("Workload", [ids["Paperwork"], ids["Caseload"]])
    assert _tree(project) == [(0, "Workload"), (1, "Paperwork"), (1, "Caseload"), (0, "Supervision"), (0, "Turnover")]
    assert not project.codes.get(category).is_codable
    project.history.undo()
    assert table_dump(project.path) == before


def test_category_stands_where_the_first_chosen_code_stood(project: Project) -> None:
    ids = _setup(project)
    project.codes.create_category("Staffing", [ids["Turnover"], ids["Supervision"]])
    assert _tree(project) == [(0, "Caseload"), (0, "Paperwork"), (0, "Staffing"), (1, "Turnover"), (1, "Supervision")]


def test_move_many_and_undo(project: Project) -> None:
    ids = _setup(project)
    parent = project.codes.create("Organisation")
    before = table_dump(project.path)
    project.edits.move_codes([ids["Turnover"], ids["Caseload"]], parent.id)
    assert _tree(project) == [
        (0, "Paperwork"),
        (0, "Supervision"),
        (0, "Organisation"),
        (1, "Turnover"),
        (1, "Caseload"),
    ]
    project.history.undo()
    assert table_dump(project.path) == before
    with pytest.raises(ValidationError, match="inside itself"):
        project.codes.move_many([parent.id], parent.id)


def test_split_moves_exactly_the_chosen_codings(project: Project) -> None:
    doc = project.documents.add(NewDocument(name="B", text=TEXT))
    broad = project.codes.create("Work")
    narrow = project.codes.create("Paperwork")
    spans = [(0, 2), (3, 9), (16, 24), (29, 38)]
    codings = [project.codings.apply(doc.id, broad.id, a, b) for a, b in spans]
    project.codings.apply(doc.id, narrow.id, 16, 24)  # identical to one being moved: they collapse
    before = table_dump(project.path)
    project.edits.split_codings([codings[1].id, codings[2].id, codings[3].id], narrow.id)
    assert [(c.start, c.end) for c in project.codings.for_codes([broad.id])] == [(0, 2)]
    assert [(c.start, c.end) for c in project.codings.for_codes([narrow.id])] == [(3, 9), (16, 24), (29, 38)]
    project.history.undo()
    assert table_dump(project.path) == before
    with pytest.raises(ValidationError, match="one code"):
        project.codes.split([codings[0].id, project.codings.for_codes([narrow.id])[0].id], broad.id)


def test_dismissed_pairs_and_diagram_positions_come_back_with_a_deleted_code(project: Project) -> None:
    ids = _setup(project)
    assert project.codes.dismissed_pairs() == {tuple(sorted((ids["Caseload"], ids["Paperwork"])))}
    before = table_dump(project.path)
    project.edits.delete_code(ids["Caseload"])
    assert project.codes.dismissed_pairs() == set()
    assert project.relations.positions() == {}
    project.history.undo()
    assert table_dump(project.path) == before


def test_a_category_for_a_code_and_one_inside_it_stands_where_the_outer_one_stood(project: Project) -> None:
    # Found by a random session: the category was made inside the outer code, which then moved into it, leaving
    # both in a loop outside the tree (the codes vanished from view and the tree query never ended).
    outer = project.codes.create("Workload")
    middle = project.codes.create("Caseload", outer.id)
    inner = project.codes.create("Paperwork", middle.id)
    project.codes.create("Supervision")
    project.codes.create_category("Demands", [inner.id, outer.id])
    assert [(n.depth, n.code.name) for n in project.codes.tree()] == [
        (0, "Demands"),
        (1, "Paperwork"),
        (1, "Workload"),
        (2, "Caseload"),
        (0, "Supervision"),
    ]
    assert project.check() == []
