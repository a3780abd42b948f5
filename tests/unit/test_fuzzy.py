"""Quick-code ranking and near-duplicate warnings."""

from __future__ import annotations

from app.model.codes.name_matching import Candidate, CodeRanker, Ranked, near_duplicates, normalised

CODES = [
    Candidate(1, "Caseload size", "Workload / Caseload size"),
    Candidate(2, "Paperwork", "Workload / Paperwork"),
    Candidate(3, "Group supervision", "Supervision / Group supervision"),
    Candidate(4, "Staff turnover", "Staffing / Staff turnover"),
    Candidate(5, "Supervisor availability", "Supervision / Supervisor availability"),
    Candidate(6, "Leadership engagement", "Inner setting / Leadership engagement"),
    Candidate(7, "Privacy concerns", "Research data / Privacy concerns"),
    Candidate(8, "Policy awareness", "Research data / Policy awareness"),
    Candidate(9, "Repository capacity", "Research data / Repository capacity"),
    Candidate(10, "Supervision", "Supervision"),
]


def names(ranked: tuple[Ranked, ...] | list[Ranked]) -> list[str]:
    return [r.candidate.name for r in ranked]


def strong(query: str, ranker: CodeRanker | None = None) -> list[str]:
    return names((ranker or CodeRanker(CODES)).rank(query).strong)


def test_exact_names_fold_case_punctuation_spacing_and_plurals() -> None:
    for typed in ("privacy concerns", "PRIVACY CONCERN", "Privacy-concerns!"):
        assert strong(typed)[0] == "Privacy concerns"
        assert CodeRanker(CODES).rank(typed).exact
    assert strong("staff turn-over")[0] == "Staff turnover"
    assert not CodeRanker(CODES).rank("privacy").exact


def test_prefixes_of_the_name_or_of_a_run_of_its_words_are_strong() -> None:
    assert strong("case") == ["Caseload size"]
    assert strong("case load") == ["Caseload size"]  # spacing folded
    assert strong("staff turn") == ["Staff turnover"]
    assert strong("turnover") == ["Staff turnover"]  # a word of the name
    assert strong("awa") == ["Policy awareness"]


def test_one_word_may_name_a_category_above_the_code() -> None:
    assert set(strong("workload")) == {"Caseload size", "Paperwork"}
    assert strong("research") == ["Privacy concerns", "Policy awareness", "Repository capacity"]


def test_typing_slips_in_long_words_are_strong_short_words_must_match() -> None:
    # One slip from "supervision" and from "supervisor": the whole name first, then names beginning with it.
    assert strong("supervison") == ["Supervision", "Supervisor availability", "Group supervision"]
    assert strong("privacy concerms") == ["Privacy concerns"]
    assert strong("repostiory capacity") == ["Repository capacity"]
    assert strong("polcy awareness") == []  # "policy" is too short to guess at: "police" is one letter away
    assert strong("supervisors") == ["Supervisor availability"]  # two letters from "supervision": another word


def test_new_names_sharing_a_word_are_loose_only() -> None:
    ranker = CodeRanker(CODES)
    for typed in ("API access", "Data reuse", "Staffing capacity", "Capacity building", "Staff training"):
        assert ranker.rank(typed).strong == (), typed
    assert "Repository capacity" in names(ranker.rank("Staffing capacity").loose)


def test_a_finished_plural_does_not_begin_a_longer_word() -> None:
    ranker = CodeRanker([Candidate(1, "Staff costing", "Staff costing"), Candidate(2, "Needs assessment", "N")])
    assert ranker.rank("staff costs").strong == ()
    assert names(ranker.rank("staff cost").strong) == ["Staff costing"]
    assert names(ranker.rank("needs").strong) == ["Needs assessment"]
    assert names(ranker.rank("need assessments").strong) == ["Needs assessment"]


def test_recent_codes_come_first_when_nothing_is_typed_and_break_ties() -> None:
    ranking = CodeRanker(CODES, recent=[6, 2]).rank("")
    assert names(ranking.strong) == ["Leadership engagement", "Paperwork"]
    assert names(ranking.loose)[:2] == ["Caseload size", "Group supervision"]
    assert CodeRanker(CODES).rank("").strong == ()  # nothing used yet: Enter applies nothing
    assert strong("superv", CodeRanker(CODES))[0] == "Supervision"
    assert strong("superv", CodeRanker(CODES, recent=[5]))[0] == "Supervisor availability"


def test_the_parent_path_leaves_out_the_code_itself() -> None:
    assert CODES[0].parent == "Workload"
    assert CODES[9].parent == ""
    assert Candidate(11, "API access", "API access").parent == ""
    assert Candidate(12, "C", "A / B / C").parent == "A / B"


def test_near_duplicates_fold_case_punctuation_plurals_and_word_order() -> None:
    assert normalised("Staff Turn-overs!") == "staff turn over"
    assert names(near_duplicates("staff turn-over", CODES)) == ["Staff turnover"]
    assert names(near_duplicates("Supervision, group", CODES)) == ["Group supervision"]
    assert near_duplicates("Funding cuts", CODES) == []


def test_numbered_siblings_are_not_near_duplicates() -> None:
    waves = [Candidate(1, "Wave 1", "Wave 1"), Candidate(2, "Theme 1.2", "Theme 1.2")]
    assert near_duplicates("Wave 2", waves) == []
    assert near_duplicates("Theme 2.1", waves) == []
    assert names(near_duplicates("wave 01", waves)) == ["Wave 1"]
