"""`hand_out`: a copy for a team member with the same GUIDs, opening as their coder, with a history that starts at
the hand-out; a blind copy holds none of the others' codings, not in its tables, journal or freed pages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.model.core.errors import ProjectFileError
from app.model.project import Project
from app.model.teams.handout import hand_out
from tests.unit.team_study import LEAD, LEAD_MEMO, coders_in, lead_project, span


def _guids(path: Path, table: str) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {guid for (guid,) in conn.execute(f'SELECT guid FROM "{table}"')}
    finally:
        conn.close()


def test_a_copy_keeps_every_guid_and_opens_as_its_coder(tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        made = hand_out(lead, tmp_path / "ana.axial", "Ana")
    assert (made.codings, made.left_out, made.blind) == (2, 0, False)
    for table in ("document", "code", "coding", "case", "attribute", "memo"):
        assert _guids(made.path, table) == _guids(team.path, table), table
    # The lead's project knows Ana by the GUID her copy carries: a second copy for her merges as the same person.
    assert coders_in(made.path)["Ana"] == (coders_in(team.path)["Ana"][0], 0)
    with Project.open(made.path, backups=0) as copy:
        assert copy.store.coder_name == "Ana"
        assert copy.history.operations() == []
        assert not copy.history.can_undo()
    assert not list(tmp_path.glob(".*handout*"))


def test_a_blind_copy_holds_no_other_coders_codings_anywhere_in_the_file(tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        lead_guids = {c.guid for c in lead.codings.for_document(team.bsr) + lead.codings.for_document(team.dc)}
        open_copy = hand_out(lead, tmp_path / "open.axial", "Ana")
        blind = hand_out(lead, tmp_path / "blind.axial", "Ana", blind=True)
    assert (blind.codings, blind.left_out) == (0, 2)
    assert coders_in(blind.path)["Ana"][1] == 1
    assert coders_in(blind.path)[LEAD][1] == 0
    data = blind.path.read_bytes()
    assert LEAD_MEMO.encode() not in data
    assert not any(guid.encode() in data for guid in lead_guids)
    # The same search finds them in the copy that is not blind: the check above can see what it looks for.
    assert LEAD_MEMO.encode() in open_copy.path.read_bytes()
    with Project.open(blind.path, backups=0) as copy:
        assert copy.codings.for_document(team.bsr) == []
        assert not copy.history.can_undo()
        document = copy.documents.all()[0].id
        copy.edits.apply_coding(document, team.staffing, *span(copy, document, "A cleaned subset."))
        assert copy.history.undo() is not None
        assert not copy.history.can_undo()  # nothing before the hand-out to undo into


def test_a_handout_never_overwrites_nor_copies_onto_itself(tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    taken = tmp_path / "taken.axial"
    taken.write_bytes(b"someone's file")
    with Project.open(team.path, backups=0) as lead:
        with pytest.raises(ProjectFileError, match="exists already"):
            hand_out(lead, taken, "Ana")
        with pytest.raises(ProjectFileError, match="exists already"):
            hand_out(lead, team.path, "Ana")
        with pytest.raises(ProjectFileError, match="must end in"):
            hand_out(lead, tmp_path / "ana.txt", "Ana")
    assert taken.read_bytes() == b"someone's file"


def test_a_copy_leaves_the_pseudonym_table_with_the_lead(tmp_path: Path) -> None:
    team = lead_project(tmp_path)
    with Project.open(team.path, backups=0) as lead:
        lead.edits.add_pseudonym("Wintermoor Trust", "[Funder A]", "organisation")
        made = hand_out(lead, tmp_path / "ana.axial", "Ana")
    data = made.path.read_bytes()
    assert b"Wintermoor Trust" not in data
    assert b"Wintermoor Trust" in team.path.read_bytes()  # closed: the lead's file holds it, so the search can see
    with Project.open(made.path, backups=0) as copy:
        assert copy.pseudonyms.all() == []
