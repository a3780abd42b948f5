"""The unitizing α family read from a project: equal to the position-by-position reimplementation on its codings,
whatever the unit chosen for the other coefficients (uα is about boundaries, so it is always over characters)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.model.agreement.service import agreement
from app.model.agreement.units import Unit
from app.model.project import Project
from tests.unit.agreement_study import study
from tests.unit.test_agreement_unitizing import Partition, _close, _reference


def _positions(project: Project, coder_ids: list[int]) -> list[dict[int, list[set[int]]]]:
    """Per document, per coder who coded there, the set of codes at each position."""
    documents = []
    for document in project.documents.all():
        sets: dict[int, list[set[int]]] = {}
        for coding in project.codings.for_document(document.id):
            if coding.coder_id in coder_ids:
                here = sets.setdefault(coder_ids.index(coding.coder_id), [set() for _ in range(document.length)])
                for x in range(coding.start, coding.end):
                    here[x].add(coding.code_id)
        documents.append(sets)
    return documents


@pytest.mark.parametrize("unit", [Unit.CHARACTER, Unit.PARAGRAPH])
def test_the_family_from_a_project_with_a_missing_coder(make_project: Callable[..., Project], unit: Unit) -> None:
    project = make_project()
    ids = study(project, 5, ("Ana", "Ben", "Cy"), skip={"Cy": 1})
    coder_ids = [ids["Ana"], ids["Ben"], ids["Cy"]]
    report = agreement(project, coder_ids, unit, replicates=0)
    documents = _positions(project, coder_ids)
    assert 2 not in documents[1]  # Cy is missing from the second document
    assert len(documents[0]) == 3
    # Over all codes each position's value is the set of codes the coder gave it.
    kinds: dict[frozenset[int], int] = {}
    valued: list[dict[int, Partition]] = [
        {i: [kinds.setdefault(frozenset(s), len(kinds) + 1) if s else 0 for s in sets] for i, sets in doc.items()}
        for doc in documents
    ]
    expected = _reference(valued, len(kinds))
    _close(report.overall.u_alpha, expected["u"])
    _close(report.overall.u_alpha_binary, expected["binary"])
    _close(report.overall.u_alpha_coding, expected["coding"])
    assert report.codes
    for code in report.codes:
        alone = [{i: [1 if code.code_id in s else 0 for s in sets] for i, sets in doc.items()} for doc in documents]
        _close(code.coefficients.u_alpha, _reference(alone, 1)["u"])
        for cell in code.documents:
            (doc,) = [d for d, document in enumerate(project.documents.all()) if document.id == cell.document_id]
            _close(cell.coefficients.u_alpha, _reference([alone[doc]], 1)["u"])
