"""Every edit the desktop offers undoes to exactly the file it started from and redoes to exactly the file it made.

Each case sets up what its edit needs on a copy of the starting project, then: dump → do → dump → undo → the
first dump again → redo → the second dump again → undo again → the first dump again. The dumps hold every row of
every table (GUIDs, timestamps and version numbers included) and what the search index answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.model.core.errors import AxialError
from app.model.history.edits import Edits
from app.model.project import Project
from tests.unit import (
    roundtrip_agreement,
    roundtrip_cases,
    roundtrip_coders,
    roundtrip_codings,
    roundtrip_documents,
    roundtrip_documents_sets,
    roundtrip_frameworks,
    roundtrip_merge,
    roundtrip_pseudonyms,
    roundtrip_ratings,
    roundtrip_revisions,
    roundtrip_set_up,
)
from tests.unit.history_projects import Finder, build_starting, open_copy
from tests.unit.project_dump import assert_same, dump
from tests.unit.roundtrip_harness import CALLS, CASES

# Each feature's cases register themselves when their module is imported.
FEATURES = (
    roundtrip_agreement,
    roundtrip_cases,
    roundtrip_coders,
    roundtrip_codings,
    roundtrip_documents,
    roundtrip_documents_sets,
    roundtrip_frameworks,
    roundtrip_merge,
    roundtrip_pseudonyms,
    roundtrip_ratings,
    roundtrip_revisions,
    roundtrip_set_up,
)


@pytest.fixture(scope="module")
def start(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_starting(tmp_path_factory.mktemp("start"))


@pytest.fixture
def study(start: Path, tmp_path: Path) -> Iterator[Project]:
    project = open_copy(start, tmp_path)
    yield project
    project.close()


# --- the round trip ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CASES)
def test_undo_and_redo_restore_the_whole_file(name: str, study: Project, tmp_path: Path) -> None:
    step = CASES[name](study, Finder(study), tmp_path)
    history = study.history
    before = dump(study)
    done_before, label_before = len(history.operations(limit=10_000)), history.undo_label()

    result = step.do()
    after = dump(study)
    assert after != before, "the edit changed nothing"
    step.check(result)
    assert len(history.operations(limit=10_000)) == done_before + 1, "one edit, one step in the history"
    label = history.undo_label()
    assert label

    assert history.undo() is not None
    assert_same(dump(study), before, f"{name}: undo")
    assert history.redo_label() == label
    assert history.undo_label() == label_before
    assert history.redo() is not None
    assert_same(dump(study), after, f"{name}: redo")
    step.check(result)
    assert history.undo() is not None
    assert_same(dump(study), before, f"{name}: undo after redo")
    assert study.check() == []


def test_every_edit_the_desktop_offers_has_a_case() -> None:
    # `run` is how the edits below are made, not an edit of its own.
    offered = {name for name in vars(Edits) if not name.startswith("_") and callable(getattr(Edits, name))} - {"run"}
    covered = {call for calls in CALLS.values() for call in calls}
    assert offered - covered == set()


# --- refusals ------------------------------------------------------------------------------------------------


def test_a_refused_edit_leaves_no_step_and_no_change(study: Project) -> None:
    history, before = study.history, dump(study)
    steps, label = len(history.operations(limit=10_000)), history.undo_label()
    with pytest.raises(AxialError, match="already exists"):
        study.edits.create_code("supervision")  # the same name as a sibling, in another case
    assert_same(dump(study), before)
    assert len(history.operations(limit=10_000)) == steps
    assert history.undo_label() == label


def test_a_together_block_refused_halfway_leaves_nothing(study: Project) -> None:
    find, history, before = Finder(study), study.history, dump(study)
    steps = history.operations(limit=10_000)
    document = find.document("Plain")

    def create_and_apply_past_the_end() -> None:
        with study.edits.together("Code with new code “Half”"):
            code = study.edits.create_code("Half")
            study.edits.apply_coding(document.id, code.id, 5, document.length + 10)

    with pytest.raises(AxialError):
        create_and_apply_past_the_end()
    assert_same(dump(study), before)
    assert history.operations(limit=10_000) == steps
