"""Duplicate detection on a realistic, messy list of open codes."""

from __future__ import annotations

from app.model.codes.similar_names import CodeText, clusters

MESSY = [
    "Staff turnover", "staff turn-over", "Turnover of staff", "STAFF TURNOVERS",
    "Supervision support", "Supportive supervision", "supervision, support",
    "Caseload size", "case load size", "Caseloads size",
    "Leadership buy-in", "leadership buy in", "Buy-in from leadership",
    "Paperwork burden", "Burden of paperwork",
    "Client goals", "Client strengths", "Community resources", "Funding cuts", "Training quality",
    "Group supervision", "Peer learning", "Fidelity review", "Morale", "Housing crisis",
]  # fmt: skip


def _names(found: list, codes: list[CodeText]) -> list[set[str]]:  # type: ignore[type-arg]
    by_id = {c.code_id: c.name for c in codes}
    return [{by_id[i] for i in cluster.code_ids} for cluster in found]


def test_messy_duplicates_cluster_and_unrelated_names_do_not() -> None:
    codes = [CodeText(i, name) for i, name in enumerate(MESSY)]
    found = _names(clusters(codes, 85), codes)
    expected = [
        {"Staff turnover", "staff turn-over", "Turnover of staff", "STAFF TURNOVERS"},
        {"Supervision support", "Supportive supervision", "supervision, support"},
        {"Caseload size", "case load size", "Caseloads size"},
        {"Leadership buy-in", "leadership buy in", "Buy-in from leadership"},
        {"Paperwork burden", "Burden of paperwork"},
    ]
    for group in expected:
        assert any(group <= cluster for cluster in found), group
    lonely = {"Client goals", "Client strengths", "Community resources", "Funding cuts", "Training quality",
              "Group supervision", "Peer learning", "Fidelity review", "Morale", "Housing crisis"}  # fmt: skip
    assert not any(cluster & lonely for cluster in found)


def test_a_dismissed_pair_is_not_proposed_again() -> None:
    codes = [CodeText(1, "Paperwork burden"), CodeText(2, "Burden of paperwork"), CodeText(3, "Morale")]
    assert [c.code_ids for c in clusters(codes)] == [(1, 2)]
    assert clusters(codes, dismissed={(1, 2)}) == []


def test_definitions_can_bring_differently_named_codes_together() -> None:
    codes = [
        CodeText(1, "Leaving the job", "Staff who resign or move to another agency during the rollout"),
        CodeText(2, "Exits", "Staff who resign or move to another agency during rollout"),
        CodeText(3, "Morale", "How staff feel about their work"),
    ]
    assert clusters(codes, 80) == []
    assert [c.code_ids for c in clusters(codes, 80, use_definitions=True)] == [(1, 2)]
