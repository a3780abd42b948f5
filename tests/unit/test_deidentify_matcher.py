"""Finding a pseudonym table's originals in a text: listed names in any letter case, first or last name alone,
titles, possessives, small misspellings, patterns on request; one pass, so a pseudonym is never replaced again, and
a name full of regular-expression characters is matched literally."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model.core.errors import ValidationError
from app.model.deidentify.matcher import Matcher
from app.model.deidentify.pseudonyms import build_table, read_names


def _matcher(*listed: tuple[str, str], patterns: bool = False) -> Matcher:
    return Matcher(build_table(list(listed)), patterns=patterns)


def test_a_listed_name_and_its_variants_are_replaced_with_one_pseudonym() -> None:
    m = _matcher(("Jane Smith", "[Case manager 3]"))
    text = "Jane Smith said jane smith, then Jane, Smith’s team, Dr. Smith, Ms Smith and SMITH left."
    assert m.replace(text) == (
        "[Case manager 3] said [Case manager 3], then [Case manager 3], [Case manager 3]’s team, "
        "[Case manager 3], [Case manager 3] and [Case manager 3] left."
    )


def test_small_misspellings_are_found_but_not_other_words() -> None:
    m = _matcher(("Jane Okafor", "[Nurse 1]"))
    assert m.replace("Then Okafur and Jane Okafro came; okafor's cousin") == (
        "Then [Nurse 1] and [Nurse 1] came; okafor's cousin"
    )  # a swap of two letters is one slip; a part alone is matched as written (capitalised or in capitals) only
    assert m.replace("An Oktober fair, Jan and Janet.") == "An Oktober fair, Jan and Janet."


def test_parts_match_whole_words_only() -> None:
    m = _matcher(("Will Turner", ""))
    assert m.replace("I will turn to Willow and Turnerville; Will said so.") == (
        "I will turn to Willow and Turnerville; [Person 1] said so."
    )


def test_replacements_never_chain_and_the_longest_name_wins() -> None:
    m = _matcher(("Anna", "[Hannah's friend]"), ("Hannah", "[Person 2]"), ("Anna Lee", "[Person 3]"))
    assert m.replace("Anna met Hannah and Anna Lee.") == "[Hannah's friend] met [Person 2] and [Person 3]."


def test_a_name_with_expression_characters_is_matched_literally() -> None:
    m = _matcher(("St. Mary's (North)", "[Agency B]"), ("a+b", ""))
    assert m.replace("At St. Mary's (North) and St. Marys North; aab a+b.") == (
        "At [Agency B] and St. Marys North; aab [Person 1]."
    )


def test_patterns_only_when_asked() -> None:
    text = "Write to jo@site.org or call 555-123-4567 before 3/14/2021; we live at 12 Oak Street, MRN 1234567."
    assert _matcher(("Zed", "")).replace(text) == text
    assert _matcher(("Zed", ""), patterns=True).replace(text) == (
        "Write to [Email] or call [Phone] before [Date]; we live at [Address], MRN [Record number]."
    )


def test_timestamps_and_small_numbers_are_not_patterns() -> None:
    text = "Maria Okafor  0:09\nWe had 25 cases in 2019, at 10:30 on 00:01:23.\n"
    assert _matcher(("Zed", ""), patterns=True).replace(text) == text


def test_the_table_seeds_cases_and_speakers_but_not_generic_labels() -> None:
    table = build_table(
        [("Daniel Reyes", "[Interviewer]")], ["CM-07"], ["Speaker 1", "Interviewer", "P3", "INT", "Daniel Reyes", "Amy"]
    )
    assert [(e.original, e.pseudonym) for e in table.entries] == [
        ("Daniel Reyes", "[Interviewer]"),
        ("CM-07", "[Case 1]"),
        ("Amy", "[Speaker 1]"),
    ]
    assert table.key_csv().splitlines()[:2] == ["original,pseudonym,kind", "Daniel Reyes,[Interviewer],person"]


def test_a_names_file_with_a_header_and_blank_pseudonyms(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text(
        "original,pseudonym\nJane Smith,[Case manager 3]\nRiverside Agency,,Agency\nTom\n\n", encoding="utf-8"
    )
    assert read_names(path) == [
        ("Jane Smith", "[Case manager 3]", "person"),
        ("Riverside Agency", "", "agency"),
        ("Tom", "", "person"),
    ]
    path.write_text("a,b,c,d\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="three columns"):
        read_names(path)


def test_a_case_named_like_a_person_is_found_by_first_or_last_name_too() -> None:
    """Seeded from the cases before the speakers, "Ben Walker" is a case; the copy kept "Ben" and "Kyla"."""
    m = Matcher(build_table([], case_names=["Ben Walker", "Kyla Fury", "Household 12", "Riverside Clinic", "Site A"]))
    text = (
        "We'll start with Ben. Hi, my name's Kyla. Find me at Walker B. Household 12 said Household. "
        "Riverside Clinic is by Riverside. Site A and Site B."
    )
    assert m.replace(text) == (
        "We'll start with [Case 1]. Hi, my name's [Case 2]. Find me at [Case 1] B. [Case 3] said Household. "
        "[Case 4] is by Riverside. [Case 5] and Site B."
    )
