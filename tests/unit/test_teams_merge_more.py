"""Merging a coder's copy: code mappings and ratings (new ones added with their evidence, a differing rating a
conflict), a coding moved in the copy (a conflict, never a second coding), and a transcript both sides imported
(matched by its text, never duplicated)."""

from __future__ import annotations

from pathlib import Path

from app.model.documents.importing import FilePlan
from app.model.frameworks import definitions
from app.model.frameworks.ratings_matrix import units_from_cases
from app.model.project import Project
from app.model.teams.handout import hand_out
from app.model.teams.merge_plan import Match
from app.model.teams.merging import preview_merge
from tests.unit.history_projects import Finder
from tests.unit.team_study import OTTER, lead_project, span


def _copy(lead_file: Path, name: str) -> Path:
    with Project.open(lead_file, backups=0) as lead:
        return hand_out(lead, lead_file.with_name(f"{name.lower()}.axial"), name).path


def test_mappings_and_ratings_merge_and_a_differing_rating_is_a_conflict(tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        definitions.install(lead, "cfir-2022")
        unit = units_from_cases(lead)[0].id
        lead.edits.rate(unit, Finder(lead).construct("I.A").id, "+1", "Heavy caseloads.")
    copy = _copy(team.path, "Ana")
    with Project.open(copy, backups=0) as ana:
        found = Finder(ana)
        first, second = found.construct("I.A").id, found.construct("I.B").id
        ana.edits.map_codes([team.staffing], second)
        evidence = ana.edits.apply_coding(team.bsr, team.staffing, *span(ana, team.bsr, "asked first, in the annual"))
        ana.edits.rate(unit, second, "+2", "Strong.", evidence=[evidence.id])
        ana.edits.rate(unit, first, "-1", "Heavy, and rising.")
    with Project.open(team.path, backups=0) as lead:
        plan = preview_merge(lead, copy)
        assert (len(plan.mappings), len(plan.ratings)) == (1, 1)
        [conflict] = plan.conflicts
        assert (conflict.what, conflict.mine, conflict.theirs) == (
            "Rating", "+1 (Heavy caseloads.)", "-1 (Heavy, and rising.)",
        )  # fmt: skip
        lead.edits.merge_copy(copy)
        found = Finder(lead)
        first, second = found.construct("I.A").id, found.construct("I.B").id
        assert (team.staffing, second) in lead.frameworks.mappings()
        ratings = {r.node_id: r for r in lead.frameworks.ratings()}
        assert ratings[first].value == "+1"
        [cited] = lead.codings.by_ids(ratings[second].evidence_coding_ids)
        assert cited.guid == evidence.guid
        lead.edits.merge_copy(copy, [conflict.key])
        assert lead.frameworks.rating(unit, first).value == "-1"  # type: ignore[union-attr]
        assert preview_merge(lead, copy).changes_nothing()


def test_a_coding_moved_in_the_copy_is_a_conflict_never_a_second_coding(tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    copy = _copy(team.path, "Ana")
    with Project.open(team.path, backups=0) as lead:
        [coding] = lead.codings.for_document(team.dc)
    with Project.open(copy, backups=0) as ana:
        ana.edits.set_bounds(coding.id, 0, 55)
    with Project.open(team.path, backups=0) as lead:
        plan = preview_merge(lead, copy)
        assert plan.codings == ()
        [conflict] = plan.conflicts
        assert (conflict.what, conflict.mine, conflict.theirs) == ("Coding changed", "Barriers 0–40", "Barriers 0–55")
        lead.edits.merge_copy(copy)
        assert [(c.start, c.end) for c in lead.codings.for_document(team.dc)] == [(0, 40)]
        lead.edits.merge_copy(copy, [conflict.key])
        assert [(c.start, c.end, c.guid) for c in lead.codings.for_document(team.dc)] == [(0, 55, coding.guid)]


def test_a_transcript_imported_on_both_sides_is_matched_by_its_text(tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    copy = _copy(team.path, "Ana")
    maria = FilePlan(OTTER / "Maria Okafor.txt")
    with Project.open(copy, backups=0) as ana:
        ana.edits.import_documents([maria])
        theirs = next(d.id for d in ana.documents.all() if d.name == "Maria Okafor")
        ana.edits.apply_coding(theirs, team.barriers, 0, 30)
    with Project.open(team.path, backups=0) as lead:
        lead.edits.import_documents([maria])
        mine = next(d.id for d in lead.documents.all() if d.name == "Maria Okafor")
        plan = preview_merge(lead, copy)
        matched = next(m for m in plan.documents if m.name == "Maria Okafor")
        assert (matched.match, matched.mine) == (Match.BY_CONTENT, mine)
        lead.edits.merge_copy(copy)
        assert [d.name for d in lead.documents.all()] == ["BSR01 interview", "DC01 interview", "Maria Okafor"]
        assert [(c.start, c.end) for c in lead.codings.for_document(mine)] == [(0, 30)]


def test_relations_sets_and_cell_summaries_merge_and_a_differing_summary_is_a_conflict(tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        definitions.install(lead, "cfir-2022")
        unit = units_from_cases(lead)[0].id
        lead.edits.set_cell_summary(unit, Finder(lead).construct("I.A").id, "The lead's reading.")
    copy = _copy(team.path, "Ana")
    with Project.open(copy, backups=0) as ana:
        found = Finder(ana)
        kind = ana.relations.types()[0]
        ana.edits.relate(team.staffing, team.barriers, kind.id, "Staffing is the main barrier.")
        ana.edits.create_set("Wave 1", [team.bsr])
        ana.edits.set_cell_summary(unit, found.construct("I.A").id, "Ana's reading.")
        ana.edits.set_cell_summary(unit, found.construct("I.B").id, "Only Ana wrote here.")
    with Project.open(team.path, backups=0) as lead:
        plan = preview_merge(lead, copy)
        assert (len(plan.relations), len(plan.sets), len(plan.summaries)) == (1, 1, 1)
        assert "1 cell summary" in plan.others()
        [conflict] = plan.conflicts
        assert (conflict.what, conflict.mine, conflict.theirs) == (
            "Cell summary",
            "The lead's reading.",
            "Ana's reading.",
        )
        report = lead.edits.merge_copy(copy)
        assert (report.relations, report.sets) == (1, 1)
        [relation] = lead.relations.all()
        assert (relation.source_id, relation.target_id, relation.memo) == (
            team.staffing, team.barriers, "Staffing is the main barrier.",
        )  # fmt: skip
        assert [(s.name, s.document_ids) for s in lead.groups.all()] == [("Wave 1", (team.bsr,))]
        found = Finder(lead)
        cells = lead.frameworks.summaries()
        assert cells[(unit, found.construct("I.A").id)].summary == "The lead's reading."
        assert cells[(unit, found.construct("I.B").id)].summary == "Only Ana wrote here."
        lead.edits.merge_copy(copy, [conflict.key])
        assert lead.frameworks.summaries()[(unit, found.construct("I.A").id)].summary == "Ana's reading."
        assert preview_merge(lead, copy).changes_nothing()


def test_a_coding_memo_edited_in_the_copy_is_a_conflict(tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    copy = _copy(team.path, "Ana")
    with Project.open(team.path, backups=0) as lead:
        [coding] = lead.codings.for_document(team.bsr)
    with Project.open(copy, backups=0) as ana:
        ana.edits.set_coding_memo(coding.id, "Ana: this is about consent, not staffing.")
    with Project.open(team.path, backups=0) as lead:
        [conflict] = preview_merge(lead, copy).conflicts
        assert conflict.theirs.endswith("(memo: Ana: this is about consent, not staffing.)")
        lead.edits.merge_copy(copy, [conflict.key])
        assert lead.codings.get(coding.id).memo == "Ana: this is about consent, not staffing."
        assert len(lead.codings.for_document(team.bsr)) == 1


def test_codings_of_a_code_made_a_category_here_are_left_out_and_said(tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    copy = _copy(team.path, "Ana")
    with Project.open(copy, backups=0) as ana:
        ana.edits.apply_coding(team.dc, team.barriers, 300, 340)
    with Project.open(team.path, backups=0) as lead:
        lead.edits.set_codable(team.barriers, False)
        plan = preview_merge(lead, copy)
        assert plan.codings == ()
        assert "1 coding of codes that are categories here: not merged" in plan.notes
