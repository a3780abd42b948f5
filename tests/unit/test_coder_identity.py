"""Coders as identities: initials, colours, renames and coding blind, and the coder scope the views read through."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.model.analysis.matrices import Analysis
from app.model.analysis.scope import Scope
from app.model.codings.coder_service import initials_of
from app.model.core.errors import ConflictError, ValidationError
from app.model.project import Project, acting_as
from app.model.search.searching import SearchFilter, search
from tests.unit.coder_study import MAYA, SAM, two_coder_study


def test_initials_come_from_the_name_when_a_coder_is_added(make_project: Callable[..., Project]) -> None:
    project = make_project(coder="Maya Brooks")
    project.use_coder("maria de la cruz")
    project.use_coder("Sam")
    assert {c.name: c.initials for c in project.coders()} == {
        "Maya Brooks": "MB",
        "maria de la cruz": "MDLC",
        "Sam": "SA",
    }
    assert initials_of("Jean-Luc Picard") == "JLP"


def test_a_coder_keeps_a_name_of_their_own(make_project: Callable[..., Project]) -> None:
    project = make_project(coder=MAYA)
    maya = project.coder_id
    assert maya is not None
    project.use_coder(SAM)
    with pytest.raises(ConflictError, match="Another coder is already called “Sam Okafor”"):
        project.edits.rename_coder(maya, " Sam   Okafor ")
    with pytest.raises(ValidationError, match="at most 4"):
        project.edits.set_coder_initials(maya, "MBROOKS")
    with pytest.raises(ValidationError, match="not a colour"):
        project.edits.set_coder_colour(maya, "blue")
    assert project.team.get(maya).name == MAYA


def test_a_renamed_coder_is_named_anew_and_undo_brings_the_old_name_back(make_project: Callable[..., Project]) -> None:
    project = make_project(coder=MAYA)
    maya = project.coder_id
    assert maya is not None
    assert project.coder_name(maya) == MAYA
    project.edits.rename_coder(maya, "Maya Brooks-Hart")
    assert project.coder_name(maya) == "Maya Brooks-Hart"
    assert project.info().coder == "Maya Brooks-Hart"  # she codes on under her new name
    project.edits.create_code("Trust")
    assert project.audit()[0].coder == "Maya Brooks-Hart"
    project.history.undo()
    project.history.undo()
    assert project.coder_name(maya) == MAYA
    assert project.info().coder == MAYA


def test_the_views_read_one_coder_several_or_everyone(tmp_path: Path) -> None:
    study = two_coder_study(tmp_path)
    with Project.open(study.path, coder=MAYA, backups=0) as project:
        everyone = project.codings.for_document(study.document_id)
        assert len(everyone) == 4
        assert [c.coder_id for c in project.codings.for_document(study.document_id, frozenset({study.maya}))] == [
            study.maya
        ]
        sams = project.codings.for_codes([study.sharing, study.consent], frozenset({study.sam}))
        assert {c.coder_id for c in sams} == {study.sam}
        assert len(sams) == 3
        both = frozenset({study.maya, study.sam})
        assert len(project.codings.by_ids([c.id for c in everyone], both)) == 4
        assert project.codings.by_ids([c.id for c in everyone], frozenset({study.maya})) == [
            c for c in everyone if c.coder_id == study.maya
        ]
        counts = {n.code.name: n.own_count for n in project.codes.tree(frozenset({study.maya}))}
        assert counts == {"Sharing data": 1, "Consent": 0}
        assert project.codes.own_counts([study.consent], frozenset({study.sam})) == {study.consent: 2}
        assert {n.code.name: n.own_count for n in project.codes.tree()} == {"Sharing data": 2, "Consent": 2}


def test_a_blind_coder_sees_only_their_own_codings_until_they_compare(tmp_path: Path) -> None:
    study = two_coder_study(tmp_path)
    with Project.open(study.path, coder=MAYA, backups=0) as project:
        assert project.shown_coders(None) is None
        project.edits.set_coder_blind(study.maya, True)
        # Whatever Maya asks for, she sees her own codings only.
        assert project.shown_coders(None) == frozenset({study.maya})
        assert project.shown_coders(frozenset({study.sam})) == frozenset({study.maya})
        shown = project.shown_coders(None)
        assert {c.coder_id for c in project.codings.for_document(study.document_id, shown)} == {study.maya}
        assert {n.code.name: n.total_count for n in project.codes.tree(shown)} == {"Sharing data": 1, "Consent": 0}
        assert project.documents.coding_counts([study.document_id], shown) == {study.document_id: 1}
        # Analyses (their tables, exports and the framework's evidence) count only hers too, whatever is asked.
        assert {c.coder_id for c in Analysis(project).codings} == {study.maya}
        assert {c.coder_id for c in Analysis(project, Scope(coder_ids=frozenset({study.sam}))).codings} == {study.maya}
        assert project.team.codings_by(study.maya) == 1
        # Blind belongs to Maya: Sam, opening the same file, still sees everyone's.
        project.use_coder(SAM)
        assert project.shown_coders(None) is None
        assert len(Analysis(project).codings) == 4
        project.use_coder(MAYA)
        project.edits.set_coder_blind(study.maya, False)  # Compare with Other Coders
        assert project.shown_coders(None) is None
        project.history.undo()
        assert project.shown_coders(None) == frozenset({study.maya})


def test_choosing_the_coder_later_takes_no_one_and_never_the_login_name(project_file: Path) -> None:
    with Project.open(project_file, choose_coder=True, backups=0) as project:
        assert project.coder_id is None
        assert [c.name for c in project.coders()] == ["Tester"]
        project.use_coder("Tester")
        assert project.team.get(project.coder_id or 0).name == "Tester"


def test_a_blind_coder_searching_text_coded_with_a_code_finds_only_what_they_coded(tmp_path: Path) -> None:
    study = two_coder_study(tmp_path)
    coded_consent = SearchFilter(coded_with=(study.consent,))
    with Project.open(study.path, coder=MAYA, backups=0) as project:
        assert len(search(project, "owners", coded_consent).hits) == 1  # Sam coded it
        project.edits.set_coder_blind(study.maya, True)
        assert search(project, "owners", coded_consent).hits == []
        assert len(search(project, "owners").hits) == 1  # the words themselves are there to read


def test_blind_coding_narrows_only_what_a_named_coder_reads(tmp_path: Path) -> None:
    study = two_coder_study(tmp_path)
    with Project.open(study.path, coder=SAM, backups=0) as project:
        project.edits.set_coder_blind(study.sam, True)  # Sam, who changed it last, codes blind
    # Opened with no coder named (a command line read, a script): everyone's codings, as before.
    with Project.open(study.path, read_only=True) as project:
        assert project.info().coder == SAM
        assert project.shown_coders(None) is None
        assert len(Analysis(project).codings) == 4
    with acting_as(SAM), Project.open(study.path, read_only=True) as project:
        assert project.shown_coders(None) == frozenset({study.sam})
        assert len(Analysis(project).codings) == 3
