"""Quick-code ranking and near-duplicate warnings."""

from __future__ import annotations

from app.model.fuzzy import Candidate, CodeRanker, near_duplicates, normalised

CODES = [
    Candidate(1, "Caseload size", "Workload / Caseload size"),
    Candidate(2, "Paperwork", "Workload / Paperwork"),
    Candidate(3, "Group supervision", "Supervision / Group supervision"),
    Candidate(4, "Staff turnover", "Staffing / Staff turnover"),
    Candidate(5, "Supervisor availability", "Supervision / Supervisor availability"),
    Candidate(6, "Leadership engagement", "Inner setting / Leadership engagement"),
]


def names(ranked: list) -> list[str]:  # type: ignore[type-arg]
    return [r.candidate.name for r in ranked]


def test_prefix_typos_and_paths() -> None:
    ranker = CodeRanker(CODES)
    assert names(ranker.rank("case"))[0] == "Caseload size"
    assert set(names(ranker.rank("supervison"))[:2]) == {"Group supervision", "Supervisor availability"}  # a typo
    assert names(ranker.rank("turn over"))[0] == "Staff turnover"
    assert "Caseload size" in names(ranker.rank("workload"))  # matches the category in the path
    assert names(ranker.rank("zzzz")) == []


def test_recent_codes_come_first_when_nothing_is_typed_and_break_ties() -> None:
    ranker = CodeRanker(CODES, recent=[6, 2])
    assert names(ranker.rank(""))[:3] == ["Leadership engagement", "Paperwork", "Caseload size"]
    recent_supervisor = CodeRanker(CODES, recent=[5])
    assert names(recent_supervisor.rank("superv"))[0] == "Supervisor availability"


def test_near_duplicates_fold_case_punctuation_plurals_and_word_order() -> None:
    assert normalised("Staff Turn-overs!") == "staff turn over"
    assert names(near_duplicates("staff turn-over", CODES)) == ["Staff turnover"]
    assert names(near_duplicates("Supervision, group", CODES)) == ["Group supervision"]
    assert near_duplicates("Funding cuts", CODES) == []
