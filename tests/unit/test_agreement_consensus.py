"""Consensus on a disagreement: the spans each resolution keeps, recorded by a consensus coder, undoable, with
the coders' own codings (and so the agreement before consensus) left as they were."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.model.agreement.consensus import CONSENSUS, Resolution, consensus_spans
from app.model.agreement.service import agreement
from app.model.core.dto import NewDocument
from app.model.core.errors import ValidationError
from app.model.project import Project

A = [(10, 20), (30, 40)]
B = [(15, 25), (40, 45)]


@pytest.mark.parametrize(
    ("resolution", "expected"),
    [
        (Resolution.FIRST, [(10, 20), (30, 40)]),
        (Resolution.SECOND, [(15, 25), (40, 45)]),
        (Resolution.BOTH, [(10, 20), (15, 25), (30, 40), (40, 45)]),
        (Resolution.UNION, [(10, 25), (30, 45)]),
        (Resolution.INTERSECTION, [(15, 20)]),
    ],
)
def test_each_resolution_keeps_its_spans(resolution: Resolution, expected: list[tuple[int, int]]) -> None:
    assert consensus_spans(A, B, resolution) == expected


def _two_coders(project: Project) -> tuple[int, int, int, int, dict[str, int]]:
    document = project.documents.add(
        NewDocument("Talk", "P0: My caseload is twenty-eight. I know the model says twenty.")
    )
    code = project.codes.create("Caseload size").id
    project.use_coder("Ana")
    ana = project.codings.apply(document.id, code, 4, 32).id
    project.use_coder("Ben")
    ben = project.codings.apply(document.id, code, 7, 40).id
    return document.id, code, ana, ben, {c.name: c.id for c in project.coders()}


def test_consensus_is_a_coder_of_its_own_and_one_undo(make_project: Callable[..., Project]) -> None:
    project = make_project()
    document, code, ana, ben, ids = _two_coders(project)
    before = agreement(project, [ids["Ana"], ids["Ben"]], replicates=0)
    assert project.edits.resolve_disagreement(document, code, [ana], [ben], Resolution.INTERSECTION) == 1
    consensus = next(c for c in project.coders() if c.name == CONSENSUS)
    (made,) = [c for c in project.codings.for_document(document) if c.coder_id == consensus.id]
    assert (made.start, made.end, made.memo) == (7, 32, "Consensus: intersection of the boundaries")
    # The coders' own codings are untouched: the agreement before consensus is what it was.
    assert agreement(project, [ids["Ana"], ids["Ben"]], replicates=0).overall == before.overall
    assert agreement(project, [ids["Ana"], consensus.id], replicates=0).overall.units == before.overall.units
    assert project.history.undo_label() == "Consensus (intersection of the boundaries)"
    project.history.undo()
    assert CONSENSUS not in {c.name for c in project.coders()}
    assert len(project.codings.for_document(document)) == 2


def test_the_same_consensus_twice_adds_nothing(make_project: Callable[..., Project]) -> None:
    project = make_project()
    document, code, ana, ben, _ = _two_coders(project)
    assert project.edits.resolve_disagreement(document, code, [ana], [ben], Resolution.BOTH) == 2
    assert project.edits.resolve_disagreement(document, code, [ana], [ben], Resolution.FIRST) == 0


def test_codings_of_another_code_or_none_in_common_are_refused(make_project: Callable[..., Project]) -> None:
    project = make_project()
    document, code, ana, _ben, _ = _two_coders(project)
    other = project.codings.apply(document, project.codes.create("Paperwork").id, 45, 50).id
    with pytest.raises(ValidationError, match="not of this code"):
        project.edits.resolve_disagreement(document, code, [ana], [other], Resolution.UNION)
    far = project.codings.apply(document, code, 45, 50).id
    with pytest.raises(ValidationError, match="no intersection"):
        project.edits.resolve_disagreement(document, code, [ana], [far], Resolution.INTERSECTION)
    assert CONSENSUS not in {c.name for c in project.coders()}
