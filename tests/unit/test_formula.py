"""The formula grammar of computed attributes: what it reads, what it refuses, and what it gives."""

from __future__ import annotations

import random
from datetime import date

import pytest

from app.model.cases.formula import MAX_DEPTH, Value, evaluate, names_in, parse, result_type
from app.model.core.dto import AttributeType
from app.model.core.errors import ValidationError

NAMES = ("Pre", "Post", "Fidelity 12m", "Fidelity 0m", "Fidelity", "Role", "Improved", "Start", "End", "Post-test")
TYPES = {name: AttributeType.NUMBER for name in NAMES} | {
    "Role": AttributeType.CHOICE,
    "Improved": AttributeType.BOOLEAN,
    "Start": AttributeType.DATE,
    "End": AttributeType.DATE,
}


def value(formula: str, **values: Value) -> Value:
    tree = parse(formula, NAMES)
    result_type(tree, TYPES)
    return evaluate(tree, {name.replace("_", " "): v for name, v in values.items()})


def test_arithmetic_follows_the_usual_precedence() -> None:
    assert value("1 + 2 * 3") == 7
    assert value("(1 + 2) * 3") == 9
    assert value("10 - 4 - 3") == 3
    assert value("8 / 4 / 2") == 1
    assert value("-2 * -3") == 6
    assert value("2 - -1") == 3


def test_names_with_spaces_are_read_as_the_longest_attribute_name() -> None:
    tree = parse("Fidelity 12m - Fidelity 0m", NAMES)
    assert names_in(tree) == {"Fidelity 12m", "Fidelity 0m"}
    assert value("Fidelity 12m - Fidelity 0m", Fidelity_12m=4.0, Fidelity_0m=1.5) == 2.5
    assert names_in(parse("fidelity * 2", NAMES)) == {"Fidelity"}  # case does not matter
    assert names_in(parse("[Post-test] - Pre", NAMES)) == {"Post-test", "Pre"}
    assert names_in(parse("Post-test - Pre", NAMES)) == {"Post-test", "Pre"}  # the longest name wins


def test_comparisons_and_logic_give_yes_or_no() -> None:
    assert value("Post - Pre >= 5", Pre=1.0, Post=6.0) is True
    assert value("Post - Pre >= 5", Pre=2.0, Post=6.0) is False
    assert value('Role = "nurse" and not Improved', Role="nurse", Improved=False) is True
    assert value("Pre != 3 or Post < 1", Pre=3.0, Post=4.0) is False
    assert value("End - Start", Start=date(2024, 1, 1), End=date(2024, 3, 1)) == 60
    assert value("End > Start", Start=date(2024, 1, 1), End=date(2024, 3, 1)) is True
    assert value("Improved = yes", Improved=True) is True


def test_a_missing_value_gives_a_missing_result_never_zero() -> None:
    assert value("Post - Pre", Pre=3.0) is None
    assert value("Post - Pre >= 5", Post=9.0) is None
    assert value("-Pre") is None
    assert value("not Improved") is None


def test_logic_with_a_missing_side_is_three_valued() -> None:
    assert value("Improved and Pre > 1", Pre=0.0) is False
    assert value("Improved or Pre > 1", Pre=2.0) is True
    assert value("Improved and Pre > 1", Pre=2.0) is None
    assert value("Improved or Pre > 1", Pre=0.0) is None


def test_division_by_zero_gives_missing() -> None:
    assert value("Post / Pre", Pre=0.0, Post=3.0) is None
    assert value("Post / (Pre - Pre)", Pre=2.0, Post=3.0) is None
    assert value("Post / Pre", Pre=2.0, Post=3.0) == 1.5


@pytest.mark.parametrize(
    ("formula", "says"),
    [
        ("__import__('os').system('echo x')", "'__import__', which is not an attribute"),
        ("Pre.__class__", "cannot use '.'"),
        ("open('/etc/passwd')", "'open', which is not an attribute"),
        ("Pre + Salary", "'Salary', which is not an attribute"),
        ("[Salary] + 1", "'Salary', which is not an attribute"),
        ("Pre +", "ends too soon"),
        ("(Pre + Post", "never closes"),
        ("Pre Post", "where it should end"),
        ("1 < Pre < 3", "cannot be chained"),
        ("", "empty"),
        ('"unterminated', "never closes"),
        ("Pre ** 2", "where a value should be"),
        ("Pre; Post", "cannot use ';'"),
    ],
)
def test_bad_formulas_are_refused_with_a_reason(formula: str, says: str) -> None:
    with pytest.raises(ValidationError, match=None) as refused:
        parse(formula, NAMES)
    assert says in str(refused.value)


@pytest.mark.parametrize(
    ("formula", "says"),
    [
        ("Role + 1", "+ needs a number, not text"),
        ("Pre and Improved", "and needs yes/no, not a number"),
        ('Pre = "3"', "compares a number with text"),
        ("Start < 3", "needs two numbers or two dates"),
        ("not Pre", "not needs yes/no"),
        ("-Improved", "- needs a number"),
    ],
)
def test_formulas_mixing_kinds_are_refused(formula: str, says: str) -> None:
    with pytest.raises(ValidationError) as refused:
        result_type(parse(formula, NAMES), TYPES)
    assert says in str(refused.value)


def test_deep_nesting_is_refused_before_it_exhausts_the_stack() -> None:
    assert value("(" * (MAX_DEPTH - 1) + "1" + ")" * (MAX_DEPTH - 1)) == 1
    for deep in ("(" * 150 + "1" + ")" * 150, "-" * 300 + "1", "not " * 300 + "yes"):
        with pytest.raises(ValidationError, match="nested more than"):
            parse(deep, NAMES)
    with pytest.raises(ValidationError, match="at most"):
        parse("1 + " * 1000 + "1", NAMES)


def test_long_flat_formulas_are_fine() -> None:
    assert value(" + ".join(["Pre"] * 200), Pre=1.0) == 200
    with pytest.raises(ValidationError, match="at most 400"):
        parse("1+" * 999 + "1", NAMES)  # would nest a thousand deep


def test_evaluation_matches_python_arithmetic_on_random_values() -> None:
    rng = random.Random(17)
    tree = parse("(Post - Pre) * 2 / (Fidelity + 1) >= Fidelity 0m", NAMES)
    for _ in range(500):
        pre, post, fidelity, base = (rng.choice([None, rng.uniform(-50, 50)]) for _ in range(4))
        got = evaluate(tree, {"Pre": pre, "Post": post, "Fidelity": fidelity, "Fidelity 0m": base})
        if pre is None or post is None or fidelity is None or base is None or fidelity + 1 == 0:
            assert got is None
        else:
            assert got == ((post - pre) * 2 / (fidelity + 1) >= base)


def test_an_attribute_named_like_a_number_never_hides_the_number() -> None:
    tree = parse("2 * 3", ["2", "3"])
    assert names_in(tree) == set()
    assert evaluate(tree, {}) == 6
