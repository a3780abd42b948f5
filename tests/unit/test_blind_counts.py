"""While a coder codes blind, the Cases panel's counts and the framework matrix's counts and excerpts are of their
own codings only: the others' would say how much (and where) the others coded. A two-coder study on BSR01."""

from __future__ import annotations

from pathlib import Path

from app.model.cases.case_counts import case_counts
from app.model.frameworks.framework_matrix import Columns, framework_matrix
from app.model.project import Project
from tests.unit.coder_study import MAYA, two_coder_study


def test_case_and_matrix_counts_are_the_blind_coders_own(tmp_path: Path) -> None:
    study = two_coder_study(tmp_path)
    with Project.open(study.path, coder=MAYA, backups=0) as project:
        case = project.edits.create_case("BSR01").id
        project.edits.set_document_cases(study.document_id, [case])
        unit = project.edits.add_rating_units(None)[0].id

        def counts() -> tuple[int, int, int, int]:
            matrix = framework_matrix(project, 0, Columns.CODES)
            return (
                case_counts(project)[case].codings, matrix.count(unit, study.sharing),
                matrix.count(unit, study.consent), len(matrix.excerpt_ids(unit, study.sharing)),
            )  # fmt: skip

        assert counts() == (4, 2, 2, 2)
        project.edits.set_coder_blind(study.maya, True)
        assert counts() == (1, 1, 0, 1)
        project.edits.set_coder_blind(study.maya, False)
        assert counts() == (4, 2, 2, 2)
