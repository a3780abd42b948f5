"""The code tree: order, counts, moves, and deletes and merges that undo to the exact prior state."""

from __future__ import annotations

import pytest

from app.model.codes.code_service import SimilarNamesError
from app.model.core.dto import MemoTarget, NewDocument, NewFrameworkNode
from app.model.core.errors import ConflictError, ValidationError
from app.model.project import Project
from tests.conftest import table_dump

TEXT = "We talked about caseload and about paperwork and about supervision every week."


def _names(project: Project) -> list[tuple[int, str]]:
    return [(node.depth, node.code.name) for node in project.codes.tree()]


def test_tree_is_in_display_order_with_own_and_total_counts(project: Project) -> None:
    doc = project.documents.add(NewDocument(name="A", text=TEXT))
    workload = project.codes.create("Workload", is_codable=False)
    caseload = project.codes.create("Caseload", workload.id)
    paperwork = project.codes.create("Paperwork", workload.id)
    project.codes.create("Supervision")
    project.codes.create("Before all", position=0)
    for start, end in [(16, 24), (20, 30), (35, 44)]:
        project.codings.apply(doc.id, caseload.id if start < 30 else paperwork.id, start, end)
    assert _names(project) == [
        (0, "Before all"),
        (0, "Workload"),
        (1, "Caseload"),
        (1, "Paperwork"),
        (0, "Supervision"),
    ]
    by_name = {node.code.name: node for node in project.codes.tree()}
    assert (by_name["Caseload"].own_count, by_name["Caseload"].total_count) == (2, 2)
    assert (by_name["Workload"].own_count, by_name["Workload"].total_count) == (0, 3)
    assert by_name["Paperwork"].path == ("Workload", "Paperwork")


def test_names_are_unique_among_siblings_ignoring_case_and_spacing(project: Project) -> None:
    parent = project.codes.create("Staffing")
    project.codes.create("Turnover", parent.id)
    with pytest.raises(ConflictError, match="already exists"):
        project.codes.create("  turnover ", parent.id)
    project.codes.create("Turnover", allow_similar=True)  # the same name elsewhere in the tree, once confirmed
    with pytest.raises(ValidationError, match="needs a name"):
        project.codes.create("   ")


def test_a_name_very_close_to_an_existing_one_must_be_confirmed(project: Project) -> None:
    staffing = project.codes.create("Staffing", is_codable=False)
    project.codes.create("Staff turnover", staffing.id)
    for name in ("staff turn-over", "Staff turnovers", "Turnover, staff"):
        with pytest.raises(SimilarNamesError) as raised:
            project.codes.create(name)
        assert [c.path for c in raised.value.similar] == ["Staffing / Staff turnover"]
    assert (
        str(raised.value)
        == "“Turnover, staff” is very close to “Staff turnover” (under Staffing), which already exists."
    )
    assert project.info().codes == 2
    assert [c.name for c in project.codes.similar_names("staffing")] == ["Staffing"]  # categories count too
    assert project.codes.similar_names("Funding cuts") == []
    project.codes.create("staff turn-over", allow_similar=True)
    project.codes.create("Wave 1")
    project.codes.create("Wave 2")  # numbered siblings are not duplicates
    assert project.info().codes == 5


def test_categories_cannot_be_applied_to_text(project: Project) -> None:
    doc = project.documents.add(NewDocument(name="A", text=TEXT))
    folder = project.codes.create("Folder", is_codable=False)
    with pytest.raises(ValidationError, match="category"):
        project.codings.apply(doc.id, folder.id, 0, 5)


def test_move_reorders_and_reparents_and_can_be_reversed(project: Project) -> None:
    a, b, c = (project.codes.create(name) for name in "ABC")
    old_parent, old_position = project.codes.move(c.id, None, 0)
    assert _names(project) == [(0, "C"), (0, "A"), (0, "B")]
    project.codes.move(a.id, b.id)
    assert _names(project) == [(0, "C"), (0, "B"), (1, "A")]
    project.codes.move(c.id, old_parent, old_position)
    assert _names(project) == [(0, "B"), (1, "A"), (0, "C")]
    with pytest.raises(ValidationError, match="inside itself"):
        project.codes.move(b.id, a.id)


def _rich_project(project: Project) -> dict[str, int]:
    """Codes with sub-codes, codings (some identical across codes), memos, a mapping and a relation."""
    doc = project.documents.add(NewDocument(name="A", text=TEXT))
    ids = {
        name: project.codes.create(name, allow_similar=True).id
        for name in ("Staff turnover", "Staff turn-over", "Supervision")
    }
    ids["Exit interviews"] = project.codes.create("Exit interviews", ids["Staff turn-over"]).id
    project.codes.set_details(ids["Staff turnover"], definition="People leaving.", example="'she quit'")
    project.codes.set_details(ids["Staff turn-over"], definition="Staff who leave the agency.")
    project.codings.apply(doc.id, ids["Staff turnover"], 0, 10, memo="first")
    project.codings.apply(doc.id, ids["Staff turn-over"], 0, 10, memo="same span")  # collapses on merge
    project.codings.apply(doc.id, ids["Staff turn-over"], 16, 24)
    project.codings.apply(doc.id, ids["Exit interviews"], 35, 44)
    project.memos.add(MemoTarget(code_id=ids["Staff turn-over"]), "Idea", "Check the HR data")
    framework = project.frameworks.add("test", "Test", "", [NewFrameworkNode("domain", "Inner Setting", "III")])
    [node] = project.frameworks.nodes(framework.id)
    project.frameworks.map_code(ids["Staff turn-over"], node.id)
    relation_type = project.relations.types()[0]
    project.relations.create(ids["Staff turn-over"], ids["Supervision"], relation_type.id, "leaving without support")
    project.relations.create(ids["Staff turnover"], ids["Staff turn-over"], relation_type.id)
    return ids


def test_delete_then_undo_gives_back_exactly_what_was_there(project: Project) -> None:
    ids = _rich_project(project)
    before = table_dump(project.path)
    project.edits.delete_code(ids["Staff turn-over"])
    assert [n.code.name for n in project.codes.tree()] == ["Staff turnover", "Supervision"]
    assert project.info().codings == 1
    project.history.undo()
    assert table_dump(project.path) == before


def test_merge_moves_codings_collapses_duplicates_and_keeps_every_word(project: Project) -> None:
    ids = _rich_project(project)
    target, source = ids["Staff turnover"], ids["Staff turn-over"]
    project.codes.merge([source], target)

    merged = project.codes.get(target)
    assert merged.definition == "People leaving.\n\n[Staff turn-over] Staff who leave the agency."
    assert merged.example == "'she quit'"
    codings = project.codings.for_codes([target])
    assert [(c.start, c.end) for c in codings] == [(0, 10), (16, 24)]  # the identical (0, 10) collapsed
    assert codings[0].memo == "first\n\nsame span"
    assert [n.code.name for n in project.codes.tree()] == ["Staff turnover", "Exit interviews", "Supervision"]
    assert project.codes.tree()[1].code.parent_id == target
    assert [m.title for m in project.memos.all(MemoTarget(code_id=target))] == ["Idea"]
    assert [code for code, _ in project.frameworks.mappings()] == [target]
    relations = project.relations.all()
    assert [(r.source_id, r.target_id) for r in relations] == [(target, ids["Supervision"])]  # self-link dropped


def test_merge_then_undo_gives_back_exactly_what_was_there(project: Project) -> None:
    ids = _rich_project(project)
    before = table_dump(project.path)
    project.edits.merge_codes([ids["Staff turn-over"], ids["Supervision"]], ids["Staff turnover"])
    assert table_dump(project.path) != before
    project.history.undo()
    assert table_dump(project.path) == before


def test_merge_refuses_merging_into_itself_or_a_descendant(project: Project) -> None:
    parent = project.codes.create("Parent")
    child = project.codes.create("Child", parent.id)
    with pytest.raises(ValidationError, match="into itself"):
        project.codes.merge([parent.id], parent.id)
    with pytest.raises(ValidationError, match="own sub-codes"):
        project.codes.merge([parent.id], child.id)


def test_a_new_category_named_like_an_existing_code_is_a_near_duplicate_too(project: Project) -> None:
    caseload = project.codes.create("Caseload")
    with pytest.raises(SimilarNamesError):
        project.codes.create_category("Case load", [caseload.id])
    category = project.codes.create_category("Case load", [caseload.id], allow_similar=True)
    assert category.name == "Case load"
