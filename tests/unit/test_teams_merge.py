"""Merging a coder's copy back: every failure mode the issue names (an edited document, same-named codes, coders
of one name, merging twice, cases and attributes, memos), conflicts kept or taken, and one step to undo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.model.core.dto import MemoTarget
from app.model.core.errors import ProjectFileError
from app.model.documents.importing import FilePlan
from app.model.project import Project
from app.model.teams.handout import hand_out
from app.model.teams.merge_plan import Match
from app.model.teams.merging import preview_merge
from tests.conftest import table_dump
from tests.unit.team_study import LEAD, OTTER, Team, coders_in, lead_project, span


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return lead_project(tmp_path)


def _copy(team: Team, name: str, *, blind: bool = False) -> Path:
    with Project.open(team.path, backups=0) as lead:
        return hand_out(lead, team.path.with_name(f"{name.lower()}.axial"), name, blind=blind).path


def _counts(path: Path) -> dict[str, int]:
    return {table: len(rows) for table, rows in table_dump(path).items()}


def test_a_coders_work_comes_back_and_one_undo_takes_it_away(team: Team) -> None:
    copy = _copy(team, "Ana", blind=True)
    with Project.open(copy, backups=0) as ana:
        trust = ana.edits.create_code("Trust", team.barriers).id
        ana.edits.apply_coding(team.bsr, trust, *span(ana, team.bsr, "A cleaned subset."))
        ana.edits.apply_coding(team.bsr, team.staffing, *span(ana, team.bsr, "A cleaned subset."))
        ana.edits.add_memo(MemoTarget(document_id=team.dc), "First read", "Mostly about rota gaps.")
        ana.edits.import_documents([FilePlan(OTTER / "Maria Okafor.txt")])
        maria = next(d.id for d in ana.documents.all() if d.name == "Maria Okafor")
        ana.edits.apply_coding(maria, trust, 0, 25)
    before = table_dump(team.path)
    with Project.open(team.path, backups=0) as lead:
        plan = preview_merge(lead, copy)
        assert [(m.name, m.match) for m in plan.documents] == [
            ("BSR01 interview", Match.SAME), ("DC01 interview", Match.SAME), ("Maria Okafor", Match.NEW),
        ]  # fmt: skip
        assert [(m.name, m.match) for m in plan.codes] == [
            ("Barriers", Match.SAME), ("Barriers > Staffing", Match.SAME), ("Barriers > Trust", Match.NEW),
        ]  # fmt: skip
        assert {m.name: m.match for m in plan.coders} == {LEAD: Match.SAME, "Ana": Match.SAME}
        assert (len(plan.codings), plan.codings_there, plan.conflicts) == (3, 0, ())
        report = lead.edits.merge_copy(copy)
        assert (report.documents, report.codes, report.codings, report.memos) == (1, 1, 3, 1)
        ana_id = next(c.id for c in lead.coders() if c.name == "Ana")
        ana_codings = [c for d in lead.documents.all() for c in lead.codings.for_document(d.id) if c.coder_id == ana_id]
        assert len(ana_codings) == 3
        assert lead.history.undo_label() == "Merge ana"
        assert lead.history.undo() is not None
    assert table_dump(team.path) == before


def test_merging_the_same_copy_twice_changes_nothing(team: Team) -> None:
    copy = _copy(team, "Ana")
    with Project.open(copy, backups=0) as ana:
        ana.edits.apply_coding(team.dc, team.staffing, 10, 60)
        ana.edits.create_code("Leadership")
    with Project.open(team.path, backups=0) as lead:
        assert lead.edits.merge_copy(copy).codings == 1
        steps = len(lead.history.operations(limit=1000))
    once = table_dump(team.path)
    with Project.open(team.path, backups=0) as lead:
        again = lead.edits.merge_copy(copy)
        assert (again.codings, again.codes, again.documents) == (0, 0, 0)
        assert preview_merge(lead, copy).changes_nothing()
        assert len(lead.history.operations(limit=1000)) == steps  # nothing recorded either
    assert table_dump(team.path) == once


def test_an_edited_document_is_refused_and_its_codings_are_neither_merged_nor_re_anchored(team: Team) -> None:
    copy = _copy(team, "Ana")
    with Project.open(copy, backups=0) as ana:
        start, end = span(ana, team.bsr, "A cleaned subset.")
        ana.edits.correct_text(team.bsr, start, start + 1, "The")  # "The cleaned subset."
        ana.edits.apply_coding(team.bsr, team.barriers, start, end + 2)
        ana.edits.apply_coding(team.dc, team.barriers, 100, 140)
    with Project.open(team.path, backups=0) as lead:
        plan = preview_merge(lead, copy)
        refused = [m for m in plan.documents if m.match is Match.REFUSED]
        assert [m.name for m in refused] == ["BSR01 interview"]
        assert "text differs" in refused[0].note
        assert plan.codings_refused == 2  # the lead's coding there and Ana's new one
        lead.edits.merge_copy(copy)
        assert [d.name for d in lead.documents.all()] == ["BSR01 interview", "DC01 interview"]
        assert len(lead.codings.for_document(team.bsr)) == 1  # only the lead's, where it was
        assert "A cleaned subset." in lead.documents.text(team.bsr)
        assert len(lead.codings.for_document(team.dc)) == 2


def test_a_same_named_code_made_on_both_sides_is_matched_by_its_path_never_numbered(team: Team) -> None:
    copy = _copy(team, "Ana")
    with Project.open(copy, backups=0) as ana:
        funding = ana.edits.create_code("Funding", team.barriers).id
        ana.edits.apply_coding(team.dc, funding, 0, 30)
    with Project.open(team.path, backups=0) as lead:
        mine = lead.edits.create_code("funding", team.barriers).id  # the lead's own, another GUID
        plan = preview_merge(lead, copy)
        matched = next(m for m in plan.codes if m.name == "Barriers > Funding")
        assert (matched.match, matched.mine) == (Match.BY_PATH, mine)
        assert "another GUID" in matched.note
        lead.edits.merge_copy(copy)
        names = sorted(n.code.name for n in lead.codes.tree())
        assert names == ["Barriers", "Staffing", "funding"]
        assert [c.code_id for c in lead.codings.for_document(team.dc) if c.start == 0 and c.end == 30] == [mine]


def test_two_people_of_one_name_stay_two(team: Team) -> None:
    copy = _copy(team, "Ana")
    with Project.open(team.path, backups=0) as lead:
        lead.use_coder("Sam")  # the lead's Sam
        lead.edits.apply_coding(team.dc, team.barriers, 200, 240)
    with Project.open(copy, backups=0, coder="Sam") as other:  # another Sam, met only in Ana's copy
        other.edits.apply_coding(team.dc, team.barriers, 200, 240)
    with Project.open(team.path, backups=0) as lead:
        plan = preview_merge(lead, copy)
        sam = next(m for m in plan.coders if m.name == "Sam")
        assert sam.match is Match.NAMED_APART
        assert sam.name_here == "Sam (from ana)"
        lead.edits.merge_copy(copy)
        coders = {c.name: c.id for c in lead.coders()}
        assert {"Sam", "Sam (from ana)"} <= set(coders)
        same_span = [c.coder_id for c in lead.codings.for_document(team.dc) if (c.start, c.end) == (200, 240)]
        assert sorted(same_span) == sorted([coders["Sam"], coders["Sam (from ana)"]])
    guids = {name: guid for name, (guid, _) in coders_in(team.path).items()}
    assert guids["Sam (from ana)"] == coders_in(copy)["Sam"][0]
    assert guids["Sam"] != guids["Sam (from ana)"]


def test_cases_and_attribute_values_merge_and_a_differing_value_is_a_conflict(team: Team) -> None:
    copy = _copy(team, "Ana")
    with Project.open(copy, backups=0) as ana:
        ana.edits.set_attribute_value(team.case, team.site, "South")  # differs from the lead's North
        new_case = ana.edits.create_case("Site B").id
        ana.edits.set_attribute_values([(new_case, team.size, 4.0), (new_case, team.site, "East")])
    with Project.open(team.path, backups=0) as lead:
        plan = preview_merge(lead, copy)
        [conflict] = plan.conflicts
        assert (conflict.what, conflict.mine, conflict.theirs) == ("Attribute value", "North", "South")
        assert [m.name for m in plan.new(plan.cases)] == ["Site B"]
        lead.edits.merge_copy(copy)  # keep mine, the default
        values = lead.cases.values()
        site_b = lead.cases.find("Site B")
        assert site_b is not None
        assert values[(team.case, team.site)] == "North"
        assert (values[(site_b.id, team.size)], values[(site_b.id, team.site)]) == (4.0, "East")
        lead.edits.merge_copy(copy, theirs=[conflict.key])
        assert lead.cases.values()[(team.case, team.site)] == "South"
        assert preview_merge(lead, copy).conflicts == ()


def test_memos_merge_by_guid_and_an_edited_memo_is_a_conflict(team: Team) -> None:
    copy = _copy(team, "Ana")
    with Project.open(copy, backups=0) as ana:
        barriers = next(m for m in ana.memos.all() if m.title == "Barriers")
        ana.edits.edit_memo(barriers.id, body="What gets in the way, and who says so.")
        ana.edits.add_memo(MemoTarget(), "Team note", "Ana's thoughts on the pilot.")
    with Project.open(team.path, backups=0) as lead:
        plan = preview_merge(lead, copy)
        assert [m.title for m in plan.memos] == ["Team note"]
        [conflict] = plan.conflicts
        assert conflict.what == "Memo"
        lead.edits.merge_copy(copy, theirs=[conflict.key])
        bodies = {m.title: m.body for m in lead.memos.all()}
        assert bodies == {
            "Barriers": "What gets in the way, and who says so.",
            "Team note": "Ana's thoughts on the pilot.",
        }


def test_a_code_renamed_differently_on_both_sides_is_a_conflict(team: Team) -> None:
    copy = _copy(team, "Ana")
    with Project.open(copy, backups=0) as ana:
        ana.edits.rename_code(team.staffing, "Workforce")
    with Project.open(team.path, backups=0) as lead:
        lead.edits.rename_code(team.staffing, "Staff shortages")
        [conflict] = preview_merge(lead, copy).conflicts
        assert (conflict.what, conflict.mine, conflict.theirs) == ("Code name", "Staff shortages", "Workforce")
        lead.edits.merge_copy(copy)
        assert lead.codes.get(team.staffing).name == "Staff shortages"
        lead.edits.merge_copy(copy, theirs=[conflict.key])
        assert lead.codes.get(team.staffing).name == "Workforce"
        assert len(lead.codes.tree()) == 2


def test_a_project_is_never_merged_into_itself(team: Team) -> None:
    with Project.open(team.path, backups=0) as lead, pytest.raises(ProjectFileError, match="itself"):
        lead.edits.merge_copy(team.path)


def test_a_plain_copy_of_the_project_merges_as_nothing(team: Team, tmp_path: Path) -> None:
    twin = Path(shutil.copy(team.path, tmp_path / "twin.axial"))
    with Project.open(team.path, backups=0) as lead:
        assert preview_merge(lead, twin).changes_nothing()
