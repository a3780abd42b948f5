"""Agreement read from a project: the sweep over coded spans equals counting unit by unit."""

from __future__ import annotations

from collections.abc import Callable

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from app import version
from app.model.agreement.disagreements import Passage, disagreements
from app.model.agreement.method import method_statement
from app.model.agreement.service import agreement
from app.model.agreement.units import Unit, sentences
from app.model.core.dto import NewDocument
from app.model.core.errors import ValidationError
from app.model.project import Project
from tests.unit.agreement_study import study

TOLERANCE = 1e-9


def unit_decisions(project: Project, coder_ids: list[int], unit: Unit, code_id: int) -> np.ndarray:
    """Brute force: per unit of every document (NaN where the coder coded nothing in that document)."""
    rows = []
    for document in project.documents.all():
        text = project.documents.text(document.id)
        if unit is Unit.CHARACTER:
            units = [(i, i + 1) for i in range(len(text))]
        elif unit is Unit.SENTENCE:
            units = sentences(text)
        elif unit is Unit.PARAGRAPH:
            units = [(p.start, p.end) for p in project.documents.paragraphs(document.id)]
        else:
            units = [(t.start, t.end) for t in project.documents.turns(document.id)]
        codings = project.codings.for_document(document.id)
        columns = []
        for coder_id in coder_ids:
            mine = [c for c in codings if c.coder_id == coder_id]
            if not mine:
                columns.append([np.nan] * len(units))
                continue
            spans = [(c.start, c.end) for c in mine if c.code_id == code_id]
            columns.append([float(any(start < b and end > a for start, end in spans)) for a, b in units])
        block = np.array(columns).T.reshape(len(units), len(coder_ids))
        if len(block) and (~np.isnan(block[0])).sum() >= 2:
            rows.append(block)
    return np.concatenate(rows)


def expected_alpha(decisions: np.ndarray) -> float:
    return float(krippendorff.alpha(reliability_data=decisions.T, level_of_measurement="nominal"))


@pytest.mark.parametrize("unit", list(Unit))
@pytest.mark.parametrize("seed", [1, 2])
def test_two_coders_match_scikit_learn_and_krippendorff_unit_by_unit(
    make_project: Callable[..., Project], unit: Unit, seed: int
) -> None:
    project = make_project()
    ids = study(project, seed, ("Ana", "Ben"))
    coder_ids = [ids["Ana"], ids["Ben"]]
    report = agreement(project, coder_ids, unit, replicates=200)
    assert [c.name for c in report.coders] == ["Ana", "Ben"]
    pooled = []
    for code in report.codes:
        decisions = unit_decisions(project, coder_ids, unit, code.code_id)
        pooled.append(decisions)
        figures = code.coefficients
        assert figures.units == len(decisions)
        assert figures.cohen_kappa == pytest.approx(cohen_kappa_score(decisions[:, 0], decisions[:, 1]), abs=TOLERANCE)
        assert figures.krippendorff_alpha == pytest.approx(expected_alpha(decisions), abs=TOLERANCE)
        assert figures.percent_agreement == pytest.approx((decisions[:, 0] == decisions[:, 1]).mean(), abs=TOLERANCE)
        assert figures.prevalence == pytest.approx(decisions.max(axis=1).mean(), abs=TOLERANCE)
        assert code.coded == tuple(int(v) for v in decisions.sum(axis=0))
    everything = np.concatenate(pooled)
    assert report.overall.cohen_kappa == pytest.approx(
        cohen_kappa_score(everything[:, 0], everything[:, 1]), abs=TOLERANCE
    )
    assert report.overall.krippendorff_alpha == pytest.approx(expected_alpha(everything), abs=TOLERANCE)
    assert report.overall.alpha_low is not None
    assert report.overall.alpha_low <= report.overall.krippendorff_alpha <= (report.overall.alpha_high or 0)


def test_a_cell_is_one_code_in_one_document(make_project: Callable[..., Project]) -> None:
    project = make_project()
    ids = study(project, 3, ("Ana", "Ben"), documents=1)
    coder_ids = [ids["Ana"], ids["Ben"]]
    report = agreement(project, coder_ids, Unit.CHARACTER, replicates=0)
    for code in report.codes:
        (cell,) = code.documents
        assert cell.document == "Interview 0"
        assert cell.coefficients == code.coefficients


@pytest.mark.parametrize("unit", [Unit.CHARACTER, Unit.PARAGRAPH])
def test_three_coders_with_one_missing_from_a_document(make_project: Callable[..., Project], unit: Unit) -> None:
    project = make_project()
    ids = study(project, 4, ("Ana", "Ben", "Cy"), skip={"Cy": 1, "Ben": 2})
    coder_ids = [ids["Ana"], ids["Ben"], ids["Cy"]]
    report = agreement(project, coder_ids, unit, replicates=0)
    assert report.left_out == ()
    assert report.overall.cohen_kappa is None  # two coders only
    for code in report.codes:
        decisions = unit_decisions(project, coder_ids, unit, code.code_id)
        assert code.coefficients.krippendorff_alpha == pytest.approx(expected_alpha(decisions), abs=TOLERANCE)


def test_a_document_only_one_coder_coded_is_left_out(make_project: Callable[..., Project]) -> None:
    project = make_project()
    ids = study(project, 5, ("Ana", "Ben"), skip={"Ben": 0})
    report = agreement(project, [ids["Ana"], ids["Ben"]], Unit.CHARACTER, replicates=0)
    assert report.left_out == ("Interview 0",)
    assert report.documents == ("Interview 1", "Interview 2")
    assert all(cell.document != "Interview 0" for code in report.codes for cell in code.documents)


def test_agreement_needs_two_coders(make_project: Callable[..., Project]) -> None:
    project = make_project()
    ids = study(project, 6, ("Ana",))
    with pytest.raises(ValidationError, match="two or more"):
        agreement(project, [ids["Ana"], ids["Ana"]])


def test_sentences_are_those_the_sentence_extent_codes() -> None:
    text = "P0: We met. It helped!\nNo end here"
    assert [text[a:b] for a, b in sentences(text)] == ["P0: We met.", "It helped!", "No end here"]


def test_the_bootstrap_interval_resamples_documents_and_is_seeded(make_project: Callable[..., Project]) -> None:
    project = make_project()
    ids = study(project, 7, ("Ana", "Ben"), documents=6)
    coder_ids = [ids["Ana"], ids["Ben"]]
    first, again = agreement(project, coder_ids, replicates=300), agreement(project, coder_ids, replicates=300)
    assert first.overall == again.overall
    for code in first.codes:
        figures = code.coefficients
        assert figures.alpha_low is not None
        assert figures.alpha_high is not None
        assert figures.alpha_low <= (figures.krippendorff_alpha or 0) <= figures.alpha_high
    assert first.overall.alpha_low is not None
    assert first.overall.alpha_high is not None
    assert first.overall.alpha_low < first.overall.alpha_high


def test_one_document_gives_no_interval(make_project: Callable[..., Project]) -> None:
    project = make_project()
    ids = study(project, 8, ("Ana", "Ben"), documents=1)
    report = agreement(project, [ids["Ana"], ids["Ben"]])
    assert report.overall.krippendorff_alpha is not None
    assert report.overall.alpha_low is None


def test_the_method_statement_names_coders_unit_coefficients_and_version(make_project: Callable[..., Project]) -> None:
    project = make_project()
    ids = study(project, 9, ("Ana", "Ben"), skip={"Ben": 2})
    report = agreement(project, [ids["Ana"], ids["Ben"]], Unit.PARAGRAPH, replicates=100)
    statement = method_statement(report)
    assert statement.startswith("The codings of Ana and Ben on 2 documents with 3 codes were compared.")
    assert "The unit was the paragraph" in statement
    assert "1 document coded by fewer than two of the coders was left out." in statement
    assert "100 bootstrap resamples of documents (seed 19; none for a code used in a single document)" in statement
    assert f"Cohen's κ = {report.overall.cohen_kappa:.2f}" in statement
    assert f"Computed with Axial {version()}." in statement
    assert f"Over all codes uα = {report.overall.u_alpha:.2f}, |uα = {report.overall.u_alpha_binary:.2f}" in statement
    assert "Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016)" in statement


def test_disagreements_show_each_coders_codings_side_by_side(make_project: Callable[..., Project]) -> None:
    project = make_project()
    document = project.documents.add(NewDocument("Talk", "P0: We met. It helped!\nP1: Paperwork took hours.\nP0: Yes."))
    code = project.codes.create("Workload").id
    project.use_coder("Ana")
    same = project.codings.apply(document.id, code, 4, 11)  # "We met."
    ana = project.codings.apply(document.id, code, 27, 47)
    project.use_coder("Ben")
    project.codings.apply(document.id, code, 4, 11)
    ben = project.codings.apply(document.id, code, 27, 36)  # "Paperwork" only
    ids = {c.name: c.id for c in project.coders()}
    found = disagreements(project, [ids["Ana"], ids["Ben"]], code)
    (only,) = found
    assert (only.document, only.start, only.end) == ("Talk", 27, 47)
    assert only.passages[0] == (Passage(ana.id, 27, 47, "Paperwork took hours"),)
    assert only.passages[1] == (Passage(ben.id, 27, 36, "Paperwork"),)
    # As paragraphs both coded the same one: no disagreement there.
    assert disagreements(project, [ids["Ana"], ids["Ben"]], code, Unit.PARAGRAPH) == []
    assert same.id not in {p.coding_id for d in found for coder in d.passages for p in coder or ()}


@pytest.mark.parametrize("unit", list(Unit))
def test_nothing_to_compare_gives_no_units_rather_than_an_error(
    make_project: Callable[..., Project], unit: Unit
) -> None:
    project = make_project()
    project.use_coder("Ana")
    project.use_coder("Ben")
    ids = [c.id for c in project.coders() if c.name in ("Ana", "Ben")]
    assert agreement(project, ids, unit).overall.units == 0
    document = project.documents.add(NewDocument("A", "Hello there. Yes."))
    project.codings.apply(document.id, project.codes.create("X").id, 0, 5)  # Ben alone
    report = agreement(project, ids, unit)
    assert report.left_out == ("A",)
    assert report.overall.units == 0
    assert report.overall.krippendorff_alpha is None
