"""The recorded log is the whole story: a long random session replayed onto a copy of the file it started from
makes the same file, row for row (GUIDs and timestamps included)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from app.model.history.replay import replay
from tests.unit.history_projects import build_starting, open_copy
from tests.unit.history_session import Session
from tests.unit.project_dump import assert_same, dump

SESSION_LENGTH = 2_000


@pytest.mark.slow  # about 25 s: two thousand edits, then as many steps replayed
def test_a_random_session_replayed_onto_the_starting_file_makes_the_same_file(tmp_path: Path) -> None:
    start = build_starting(tmp_path)
    source = open_copy(start, tmp_path, "worked.axial")
    with source, Session(source, random.Random(16)) as session:
        for _ in range(SESSION_LENGTH):
            session.step()
        made = sum(session.done.values())
        assert sum(session.refused.values()) + sum(session.unchanged.values()) < SESSION_LENGTH / 5, (
            session.refused,
            session.unchanged,
        )
        assert session.done["undo"] > 100, session.done
        assert session.done["redo"] > 50, session.done
        assert len(session.done) >= 20, "the session exercised few kinds of edit"
        assert source.check() == []
        worked = dump(source)
        assert worked != dump(start)

        with open_copy(start, tmp_path, "replayed.axial") as onto:
            assert replay(source, onto=onto) == made
            assert_same(dump(onto), worked, "the replayed file differs from the worked one")
            assert onto.check() == []
