"""One measure of how alike two code names are: the warning on creating a code and the similar-codes review agree,
each at its named threshold, and the tree's filter keeps its own rule in the same module."""

from __future__ import annotations

import pytest

from app.model.codes.name_matching import (
    NEAR_DUPLICATE,
    SIMILAR_CODES,
    Candidate,
    CodeRanker,
    filter_matches,
    filter_query,
    name_similarity,
    near_duplicates,
)
from app.model.codes.similar_names import CodeText, clusters

PAIRS = [
    ("Case load size", "Caseload sise"),  # alike once the spaces go, whatever the word order scorer says
    ("Theme 12 staffing", "Theme 13 staffing"),  # numbered siblings
    ("Staff burnout", "Staff burn-outs"),
    ("Supervison quality", "Supervision quality"),
    ("Peer learning", "Peerlearning group"),
    ("Fidelity review", "Fidelty reviews"),
    ("Funding cuts", "Finding cuts"),
    ("Morale", "Housing crisis"),
]


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_the_creation_warning_and_the_review_measure_a_pair_alike(first: str, second: str) -> None:
    score = name_similarity(first, second)
    assert score == name_similarity(second, first)
    warned = near_duplicates(first, [Candidate(1, second, second)], threshold=0.1)
    clustered = clusters([CodeText(1, first), CodeText(2, second)], 1)
    if score == 0:
        assert warned == []
        assert clustered == []
    else:
        assert warned[0].score == pytest.approx(score)
        assert clustered[0].score == pytest.approx(score, abs=1)  # the review keeps whole percents
    for threshold in (NEAR_DUPLICATE, SIMILAR_CODES):
        if abs(score - threshold) > 1:
            assert bool(near_duplicates(first, [Candidate(1, second, second)], threshold)) == (score >= threshold)
            assert bool(clusters([CodeText(1, first), CodeText(2, second)], threshold)) == (score >= threshold)


def test_numbered_siblings_are_never_alike() -> None:
    assert name_similarity("Theme 12 staffing", "Theme 13 staffing") == 0
    assert clusters([CodeText(1, "Theme 12 staffing"), CodeText(2, "Theme 13 staffing")]) == []
    assert name_similarity("Wave 01 staffing", "wave 1 staffing") > NEAR_DUPLICATE  # the same number


def test_near_duplicates_lists_the_closest_five_first() -> None:
    existing = [Candidate(i, f"Staff turnover{'s' * (i % 2)}{' x' * i}", "") for i in range(8)]
    found = near_duplicates("Staff turnover", existing, threshold=50)
    assert len(found) == 5
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)
    assert found[0].candidate.code_id in (0, 1)


def test_the_tree_filter_keeps_names_containing_what_was_typed_or_nearly() -> None:
    assert filter_matches(filter_query("  Case-Load "), "Case load size")
    assert filter_matches(filter_query("load"), "Caseload size")
    assert filter_matches(filter_query("supervison"), "Group supervision")
    assert not filter_matches(filter_query("funding"), "Housing crisis")


def test_the_quick_code_list_folds_names_as_the_code_name_rule_does() -> None:
    ranking = CodeRanker([Candidate(1, "Straße", "Straße"), Candidate(2, "Ｌärm", "Ｌärm")]).rank("STRASSE")
    assert ranking.exact  # creating "STRASSE" would make a twin of "Straße": Enter applies it instead
    assert ranking.best == Candidate(1, "Straße", "Straße")
    assert CodeRanker([Candidate(2, "Ｌärm", "Ｌärm")]).rank("lärm").exact  # full-width letters too
