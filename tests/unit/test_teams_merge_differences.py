"""Merging a copy where the coder moved or recoloured a code, renamed a document, a case or an attribute, or wrote
another case description: each is a conflict in the preview (never silently dropped), kept here unless the user
takes theirs, and a choice this project cannot take is said, not fatal."""

from __future__ import annotations

from pathlib import Path

from app.model.project import Project
from app.model.teams.handout import hand_out
from app.model.teams.merging import preview_merge
from tests.conftest import table_dump
from tests.unit.team_study import Team, lead_project


def _copy_with_changes(tmp_path: Path) -> tuple[Team, Path]:
    team = lead_project(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        lead.edits.create_case("Site B", "the lead's note on site B")
        copy = hand_out(lead, tmp_path / "ana.axial", "Ana").path
    with Project.open(copy, backups=0) as ana:
        e = ana.edits
        e.move_code(team.staffing, None)
        e.recolour_code(team.barriers, "#123456")
        e.rename_document(team.dc, "DC01 (Ana)")
        e.rename_case(team.case, "Site A")
        e.rename_attribute(team.site, "Area")
        site_b = next(c.id for c in ana.cases.all() if c.name == "Site B")
        e.delete_case(site_b)
        e.create_case("Site B", "Ana's note on site B")
    return team, copy


def test_every_difference_is_a_conflict_kept_here_by_default(tmp_path: Path) -> None:
    team, copy = _copy_with_changes(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        plan = preview_merge(lead, copy)
        said = {(c.kind, c.where, c.mine, c.theirs) for c in plan.conflicts}
        assert said == {
            ("code-parent", "Barriers > Staffing", "under Barriers", "(top level)"),
            ("code-colour", "Barriers", lead.codes.get(team.barriers).colour, "#123456"),
            ("document-name", "DC01 interview", "DC01 interview", "DC01 (Ana)"),
            ("case-name", "Site A lead", "Site A lead", "Site A"),
            ("case-description", "Site B", "the lead's note on site B", "Ana's note on site B"),
            ("attribute-name", "Region", "Region", "Area"),
        }
        before = table_dump(team.path)
        lead.edits.merge_copy(copy)  # every conflict kept mine: nothing to add, nothing changed
    assert table_dump(team.path) == before


def test_taking_theirs_moves_recolours_and_renames_and_one_undo_takes_it_back(tmp_path: Path) -> None:
    team, copy = _copy_with_changes(tmp_path)
    before = table_dump(team.path)
    with Project.open(team.path, backups=0) as lead:
        plan = preview_merge(lead, copy)
        report = lead.edits.merge_copy(copy, {c.key for c in plan.conflicts})
        assert (report.taken, report.notes) == (6, ())
        codes = lead.codes.all()
        assert (codes[team.staffing].parent_id, codes[team.barriers].colour) == (None, "#123456")
        assert {d.id: d.name for d in lead.documents.all()}[team.dc] == "DC01 (Ana)"
        cases = {c.name: c.description for c in lead.cases.all()}
        assert cases == {"Site A": "", "Site B": "Ana's note on site B"}
        assert "Area" in {a.name for a in lead.cases.attributes()}
        assert preview_merge(lead, copy).conflicts == ()  # merged: the two now agree
        lead.history.undo()
    assert table_dump(team.path) == before


def test_a_move_this_project_cannot_take_is_said_and_the_rest_merges(tmp_path: Path) -> None:
    team, copy = _copy_with_changes(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        lead.codes.create(
            "Staffing", allow_similar=True
        )  # a top-level code of that name: the copy's move cannot be taken
        plan = preview_merge(lead, copy)
        report = lead.edits.merge_copy(copy, {c.key for c in plan.conflicts})
        assert report.taken == 6
        assert [n.split(":")[0] for n in report.notes] == ["Code moved (Barriers > Staffing) kept as it is here"]
        assert lead.codes.get(team.staffing).parent_id == team.barriers
        assert {d.id: d.name for d in lead.documents.all()}[team.dc] == "DC01 (Ana)"


def test_a_coding_the_coder_deleted_in_the_copy_after_a_merge_is_a_conflict(tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        copy = hand_out(lead, tmp_path / "ana.axial", "Ana", blind=True).path
    with Project.open(copy, backups=0) as ana:
        kept = ana.edits.apply_coding(team.dc, team.staffing, 10, 60)
        slip = ana.edits.apply_coding(team.bsr, team.barriers, 0, 30)
    with Project.open(team.path, backups=0) as lead:
        assert lead.edits.merge_copy(copy).codings == 2
    with Project.open(copy, backups=0) as ana:
        ana.edits.remove_coding(slip.id)  # a slip, undone in her copy after the lead merged it
    with Project.open(team.path, backups=0) as lead:
        plan = preview_merge(lead, copy)
        assert [(c.kind, c.where, c.mine, c.theirs) for c in plan.conflicts] == [
            ("coding-deleted", "BSR01 interview", "Barriers 0–30", "—")
        ]
        lead.edits.merge_copy(copy, {plan.conflicts[0].key})
        ana_id = next(c.id for c in lead.coders() if c.name == "Ana")
        left = [c for d in (team.bsr, team.dc) for c in lead.codings.for_document(d) if c.coder_id == ana_id]
        assert [(c.document_id, c.start, c.end) for c in left] == [(team.dc, kept.start, kept.end)]
        assert preview_merge(lead, copy).changes_nothing()


def test_an_attribute_value_cleared_in_the_copy_is_a_conflict(tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        copy = hand_out(lead, tmp_path / "ana.axial", "Ana").path
    with Project.open(copy, backups=0) as ana:
        ana.edits.set_attribute_values([(team.case, team.site, "")])
    with Project.open(team.path, backups=0) as lead:
        plan = preview_merge(lead, copy)
        assert [(c.kind, c.where, c.mine, c.theirs) for c in plan.conflicts] == [
            ("value", "Site A lead · Region", "North", "(none)")
        ]
        lead.edits.merge_copy(copy, {plan.conflicts[0].key})
        assert (team.case, team.site) not in lead.cases.values()
        assert preview_merge(lead, copy).conflicts == ()


def test_each_conflict_says_which_side_changed_it_since_the_hand_out(tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        copy = hand_out(lead, tmp_path / "ana.axial", "Ana").path
        lead.edits.recolour_code(team.barriers, "#654321")  # the lead, after handing the copy out
        lead.edits.set_attribute_values([(team.case, team.site, "West")])
    with Project.open(copy, backups=0) as ana:
        ana.edits.rename_code(team.staffing, "Staff")
        ana.edits.set_attribute_values([(team.case, team.site, "East")])
    with Project.open(team.path, backups=0) as lead:
        plan = preview_merge(lead, copy)
        assert {(c.kind, c.changed_in) for c in plan.conflicts} == {
            ("code-name", "the copy"), ("code-colour", "this project"), ("value", "both"),
        }  # fmt: skip
        assert plan.copys_changes() == {next(c.key for c in plan.conflicts if c.kind == "code-name")}
        lead.edits.merge_copy(copy, plan.copys_changes())
        assert lead.codes.get(team.staffing).name == "Staff"
        assert lead.codes.get(team.barriers).colour == "#654321"
        assert lead.cases.values()[(team.case, team.site)] == "West"


def test_another_coders_coding_removed_in_a_copy_is_a_conflict_changed_in_the_copy(tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        copy = hand_out(lead, tmp_path / "ana.axial", "Ana").path  # not blind: she sees the lead's codings
        leads = lead.codings.for_document(team.dc)[0]
    with Project.open(copy, backups=0) as ana:
        ana.edits.remove_coding(leads.id)
    with Project.open(team.path, backups=0) as lead:
        plan = preview_merge(lead, copy)
        assert [(c.kind, c.where, c.mine, c.changed_in) for c in plan.conflicts] == [
            ("coding-deleted", "DC01 interview", f"Barriers {leads.start}–{leads.end}", "the copy")
        ]
        lead.edits.merge_copy(copy)  # kept unless chosen
        assert [c.id for c in lead.codings.for_document(team.dc)] == [leads.id]
