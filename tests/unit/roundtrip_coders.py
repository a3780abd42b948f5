"""Round-trip cases: coders as identities (name, initials, colour, coding blind)."""

from __future__ import annotations

from pathlib import Path

from app.model.project import Project
from tests.unit.history_projects import Finder
from tests.unit.roundtrip_harness import Step, case, equal


def _coder_id(p: Project) -> int:
    coder_id = p.coder_id
    assert coder_id is not None
    return coder_id


@case("rename_coder")
def rename_coder(p: Project, find: Finder, tmp: Path) -> Step:
    coder_id = _coder_id(p)
    return Step(
        lambda: p.edits.rename_coder(coder_id, "Maya  Brooks"),
        lambda _: equal(p.team.get(coder_id).name, "Maya Brooks"),
    )


@case("set_coder_initials")
def set_coder_initials(p: Project, find: Finder, tmp: Path) -> Step:
    coder_id = _coder_id(p)
    return Step(
        lambda: p.edits.set_coder_initials(coder_id, "mb"), lambda _: equal(p.team.get(coder_id).initials, "MB")
    )


@case("set_coder_colour")
def set_coder_colour(p: Project, find: Finder, tmp: Path) -> Step:
    coder_id = _coder_id(p)
    return Step(
        lambda: p.edits.set_coder_colour(coder_id, "#12ab34"), lambda _: equal(p.team.get(coder_id).colour, "#12AB34")
    )


@case("set_coder_blind")
def set_coder_blind(p: Project, find: Finder, tmp: Path) -> Step:
    coder_id = _coder_id(p)
    return Step(
        lambda: p.edits.set_coder_blind(coder_id, True),
        lambda made: equal((made.blind, p.team.get(coder_id).blind), (True, True)),
    )
