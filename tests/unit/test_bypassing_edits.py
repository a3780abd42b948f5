"""The edits that once went around undo (frameworks, study constructs, relation types, rating units, attribute
sheets, REFI-QDA merges, the move to CFIR 2.0) are each one step in the project's history, from the domain and from
the command line; a refused one leaves no step. (Every one's exact undo and redo: test_operation_roundtrip.py.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli.main import main
from app.model.core.errors import AxialError, ConflictError, ValidationError
from app.model.core.progress import CancelledError
from app.model.frameworks import crosswalk, definitions
from app.model.project import Project
from tests.unit.project_dump import ProjectDump, assert_same, dump
from tests.unit.refi_files import ToolSelection, ToolSource, project_xml, qdpx


def _one_step(project: Project, edit: Callable[[], object], name: str) -> tuple[ProjectDump, ProjectDump]:
    """Make the edit; check it is exactly one operation called `name`, that undo gives back the file it started
    from and redo the file it made. Returns (before, after)."""
    history = project.history
    steps, before = len(history.operations(limit=10_000)), dump(project)
    edit()
    after = dump(project)
    assert after != before
    operations = history.operations(limit=10_000)
    assert len(operations) == steps + 1
    assert operations[0].name == name
    assert history.undo() is not None
    assert_same(dump(project), before, "undo")
    assert history.redo() is not None
    assert_same(dump(project), after, "redo")
    return before, after


def _refused_without_a_trace(project: Project, edit: Callable[[], object], error: type[Exception]) -> None:
    steps, before = len(project.history.operations(limit=10_000)), dump(project)
    with pytest.raises(error):
        edit()
    assert_same(dump(project), before)
    assert len(project.history.operations(limit=10_000)) == steps


def _mapped_to_cfir_2009(project: Project) -> tuple[int, dict[str, int], dict[str, int]]:
    """CFIR 2009 as the project's framework (without CFIR 2.0), "Evidence" mapped to I.B (which moves by itself)
    and "Climate" to III.D (which needs a decision). Returns (2009's id, the codes, 2009's nodes by official id)."""
    old = definitions.install(project, "cfir-2009")
    nodes = {n.official_id or "": n.id for n in project.frameworks.nodes(old.id)}
    codes = {name: project.codes.create(name).id for name in ("Evidence", "Climate")}
    project.frameworks.map_code(codes["Evidence"], nodes["I.B"])
    project.frameworks.map_code(codes["Climate"], nodes["III.D"])
    return old.id, codes, nodes


# --- the move from CFIR 2009 to CFIR 2.0 -----------------------------------------------------------------------


def test_the_move_to_cfir2_is_planned_without_changing_the_project(project: Project) -> None:
    old, _, _ = _mapped_to_cfir_2009(project)
    before = dump(project)
    steps = crosswalk.plan(project, old, None)
    planned = crosswalk.target_nodes(project, None)
    assert_same(dump(project), before)
    assert "cfir-2022" not in {f.key for f in project.frameworks.all()}
    assert [s.automatic for s in steps] == [True, False]
    assert all(n.id < 0 for n in planned)  # never the id of anything stored
    assert {n.official_id for n in planned} >= {"I", "I.A", "III.D"}
    assert len(planned) == len({n.id for n in planned})


def test_the_move_to_cfir2_adds_it_with_the_mappings_as_one_step(project: Project) -> None:
    old, codes, _ = _mapped_to_cfir_2009(project)
    steps = crosswalk.plan(project, old, None)
    planned = {n.official_id: n.id for n in crosswalk.target_nodes(project, None)}
    climate = next(s for s in steps if not s.automatic)
    decisions = {(climate.code_id, climate.old_node_id): [planned["III.D"]]}

    before, _ = _one_step(project, lambda: project.edits.move_to_cfir2(steps, decisions, None), "move_to_cfir2")

    new = project.frameworks.default_id()
    assert new is not None
    assert project.frameworks.key_of(new) == "cfir-2022"
    stored = {n.official_id: n.id for n in project.frameworks.nodes(new)}
    mapped = set(project.frameworks.mappings())
    assert {(codes["Climate"], stored["III.D"]), (codes["Evidence"], stored["I.B"])} <= mapped
    assert project.history.undo() is not None
    assert_same(dump(project), before)
    assert "cfir-2022" not in {f.key for f in project.frameworks.all()}  # it came with the move and went with it


def test_a_move_still_needing_decisions_is_refused_without_a_trace(project: Project) -> None:
    old, _, _ = _mapped_to_cfir_2009(project)
    steps = crosswalk.plan(project, old, None)
    _refused_without_a_trace(project, lambda: project.edits.move_to_cfir2(steps, {}, None), ValidationError)


# --- frameworks ------------------------------------------------------------------------------------------------


def test_choosing_a_framework_is_one_step(project: Project) -> None:
    _one_step(project, lambda: project.edits.use_framework("cfir-2022"), "use_framework")
    assert project.history.undo_label() == "Use CFIR 2.0 (2022)"
    _one_step(project, lambda: project.edits.use_framework(None), "use_framework")
    assert project.frameworks.default_id() is None


def test_adapting_a_construct_in_several_ways_at_once_is_one_step(project: Project) -> None:
    framework = project.edits.use_framework("cfir-2022")
    assert framework is not None
    node = next(n for n in project.frameworks.nodes(framework.id) if n.official_id == "I.A")

    def adapt() -> None:
        project.edits.adapt_construct(node.id, study_name="Programme", hidden=True, reverse_rated=True)

    _one_step(project, adapt, "adapt_construct")
    assert project.history.undo_label() == "Adapt construct"


def test_an_unknown_framework_is_refused_without_a_trace(project: Project) -> None:
    _refused_without_a_trace(project, lambda: project.edits.use_framework("cfir-2031"), ValidationError)


def test_importing_an_adapted_framework_is_one_step_and_twice_is_refused(project: Project, tmp_path: Path) -> None:
    cfir = definitions.install(project, "cfir-2022")
    path = tmp_path / "ours.json"
    definitions.write_adapted(project, cfir.id, path)
    _one_step(project, lambda: project.edits.import_framework(path), "import_framework")
    default = project.frameworks.default_id()
    assert default is not None
    assert project.frameworks.key_of(default) == "adapted-ours"
    _refused_without_a_trace(project, lambda: project.edits.import_framework(path), ConflictError)


def test_adding_a_study_construct_is_one_step(project: Project) -> None:
    cfir = definitions.install(project, "cfir-2022")
    domain = next(n for n in project.frameworks.nodes(cfir.id) if n.official_id == "II")
    _one_step(project, lambda: project.edits.add_construct(cfir.id, domain.id, "Funding rules"), "add_construct")
    added = [n for n in project.frameworks.nodes(cfir.id) if n.added_by_project]
    assert [(n.name, n.parent_id, n.level) for n in added] == [("Funding rules", domain.id, "construct")]


# --- study set-up ----------------------------------------------------------------------------------------------


def test_adding_a_relation_type_is_one_step_and_a_repeat_is_refused(project: Project) -> None:
    _one_step(project, lambda: project.edits.add_relation_type("hinders", directed=True), "add_relation_type")
    refused = lambda: project.edits.add_relation_type("hinders", directed=False)  # noqa: E731
    _refused_without_a_trace(project, refused, AxialError)


def test_rating_units_for_each_case_are_one_step_and_none_when_all_exist(project: Project) -> None:
    for name in ("CM-01", "CM-02"):
        project.cases.create(name)
    _one_step(project, lambda: project.edits.add_rating_units(None), "add_rating_units")
    assert [u.label for u in project.frameworks.rating_units()] == ["CM-01", "CM-02"]
    steps = len(project.history.operations())
    assert len(project.edits.add_rating_units(None)) == 2  # reused: nothing changed, nothing to undo
    assert len(project.history.operations()) == steps


# --- exchange, from the command line too -----------------------------------------------------------------------


def _other_tools_file(folder: Path) -> Path:
    code = "AAAAAAAA-0000-4000-8000-000000000001"
    source = ToolSource(
        "BBBBBBBB-0000-4000-8000-000000000001",
        "From NVivo",
        b"My caseload is heavy.",
        [ToolSelection(3, 11, code, "caseload")],
    )
    codes = f'<Code guid="{code}" name="Caseload" isCodable="true"/>'
    return qdpx(folder / "other.qdpx", project_xml(codes, [source]), [source])


def test_a_merge_is_one_step(project: Project, tmp_path: Path) -> None:
    path = _other_tools_file(tmp_path)
    _one_step(project, lambda: project.edits.merge_exchange(path), "merge_exchange")
    assert project.history.undo_label() == "Merge “other.qdpx”"
    (code,) = [node.code for node in project.codes.tree()]
    assert code.name == "Caseload"
    assert len(project.codings.for_codes([code.id])) == 1


def test_a_cancelled_merge_leaves_no_trace(project: Project, tmp_path: Path) -> None:
    class Cancelled:
        cancelled = True

        def step(self, done: int, total: int, message: str) -> None:
            pass  # asked nothing of it: the merge stops at its first check

    path = _other_tools_file(tmp_path)
    _refused_without_a_trace(project, lambda: project.edits.merge_exchange(path, Cancelled()), CancelledError)


def _undone_after_reopening(path: Path, label: str, before: ProjectDump) -> None:
    with Project.open(path, backups=0) as reopened:
        assert reopened.history.undo_label() == label
        assert reopened.history.undo() is not None
        assert_same(dump(reopened), before)


def test_the_command_line_merges_as_one_step_to_undo(project: Project, tmp_path: Path) -> None:
    path, before = project.path, dump(project)
    project.close()
    assert main(["import-qdpx", str(_other_tools_file(tmp_path)), "--into", str(path)]) == 0
    _undone_after_reopening(path, "Merge “other.qdpx”", before)


def test_the_command_line_applies_an_attribute_sheet_as_one_step_to_undo(project: Project, tmp_path: Path) -> None:
    project.cases.create("CM-01")
    path, before = project.path, dump(project)
    project.close()
    sheet = tmp_path / "cases.csv"
    sheet.write_text("Case,Region\nCM-01,North\n", encoding="utf-8")
    assert main(["import", str(path), "--attributes", str(sheet)]) == 0
    _undone_after_reopening(path, "Apply attribute sheet “cases.csv”", before)


def test_a_new_project_from_the_command_line_records_its_framework(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "study"), "--framework", "cfir-2022"]) == 0
    with Project.open(tmp_path / "study.axial", backups=0) as project:
        assert [o.name for o in project.history.operations()] == ["use_framework"]
