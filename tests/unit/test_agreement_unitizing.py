"""Krippendorff's unitizing α family (uα, |uα, cuα, (k)uα).

No worked example with printed values from Krippendorff (2019, §12.6) or Krippendorff et al. (2016) could be found
to check against (the book and the paper were not available; no implementation found carries their figures), so
the coefficients are checked against (1) one example worked by hand below, (2) an independent reimplementation that
walks the continuum one position at a time with exact fractions, written from the equations and sharing no code
with the app, on random data for 2 and 3 coders with missing coders, and (3) the coefficients' defining
properties: 1 for perfect agreement, below 0 for systematic disagreement, unchanged by relabelling the codes.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from fractions import Fraction

import numpy as np
import pytest

from app.model.agreement.tallying import Spans
from app.model.agreement.unitizing_tally import unitizing

Partition = list[int]  # one coder's value at each position of a document (0: gap)


def _spans(documents: list[dict[int, Partition]]) -> Spans:
    rows = []
    for d, coders in enumerate(documents):
        for coder, values in coders.items():
            x = 0
            while x < len(values):
                y = x
                while y < len(values) and values[y] == values[x]:
                    y += 1
                if values[x]:
                    rows.append((values[x] - 1, d, coder, x, y))
                x = y
    table = np.array(rows, dtype=np.int64).reshape(-1, 5)
    return Spans(*(table[:, i] for i in range(5)))


def _run(documents: list[dict[int, Partition]], codes: int, coders: int):  # type: ignore[no-untyped-def]
    lengths = np.array([len(next(iter(c.values()))) for c in documents], dtype=np.int64)
    present = np.array([[i in c for i in range(coders)] for c in documents], dtype=bool)
    return unitizing(_spans(documents), codes, lengths, present)


# --- the reference: position by position, exact ---------------------------------------------------------------


def _runs(values: Partition) -> list[tuple[int, int, int]]:
    found, x = [], 0
    while x < len(values):
        y = x
        while y < len(values) and values[y] == values[x]:
            y += 1
        found.append((values[x], x, y))
        x = y
    return found


def _sum(items: Iterable[Fraction]) -> Fraction:
    return sum(items, Fraction(0))


def _reference(documents: list[dict[int, Partition]], values: int) -> dict[str, object]:
    size = values + 1
    l = [[Fraction(0)] * size for _ in range(size)]  # noqa: E741 - the papers' l
    squares = [Fraction(0)] * size
    valued_squares = [Fraction(0)] * size
    for coders in documents:
        if len(coders) < 2:
            continue
        m = len(coders)
        for i, mine in coders.items():
            for x, c in enumerate(mine):
                for j, theirs in coders.items():
                    if j != i:
                        l[c][theirs[x]] += Fraction(1, m - 1)
            for value, start, end in _runs(mine):
                if value == 0:
                    continue
                squares[value] += (end - start) ** 2
                met = _sum(
                    Fraction(1, m - 1)
                    for x in range(start, end)
                    for j, theirs in coders.items()
                    if j != i and theirs[x] != 0
                )
                valued_squares[value] += met**2
    squares[0] = _sum(l[0])  # gaps pair with themselves one position at a time

    def chance(rows: list[list[Fraction]], corrections: list[Fraction]) -> list[list[Fraction]]:
        n = _sum(_sum(r) for r in rows)
        margin = [_sum(r) for r in rows]
        return [
            [
                (margin[c] * margin[k] - (corrections[c] if c == k else Fraction(0))) / (n - _sum(corrections) / n)
                for k in range(len(rows))
            ]
            for c in range(len(rows))
        ]

    def alpha(observed: Fraction, expected: Fraction) -> Fraction | None:
        return None if expected == 0 else 1 - observed / expected

    n = _sum(_sum(r) for r in l)
    e = chance(l, squares)
    found: dict[str, object] = {
        "u": alpha(n - _sum(l[c][c] for c in range(size)), n - _sum(e[c][c] for c in range(size))),
        "binary": alpha(_sum(l[0][1:]), _sum(e[0][1:])),
    }
    star = [row[1:] for row in l[1:]]
    star_n = _sum(_sum(r) for r in star)
    if star_n:
        e_star = chance(star, valued_squares[1:])
        found["coding"] = alpha(
            star_n - _sum(star[c][c] for c in range(values)), star_n - _sum(e_star[c][c] for c in range(values))
        )
        per_value = []
        for k in range(values):
            l_k, e_k = _sum(star[k]), _sum(e_star[k])
            per_value.append(
                None if l_k == 0 or e_k == e_star[k][k] else 1 - e_k / l_k * (l_k - star[k][k]) / (e_k - e_star[k][k])
            )
        found["per_value"] = per_value
    return found


def _random_partition(rng: random.Random, length: int, values: int) -> Partition:
    out, x = [0] * length, 0
    while x < length:
        run = rng.randrange(1, 9)
        value = rng.randrange(values + 1) if rng.random() < 0.6 else 0
        out[x : x + run] = [value] * len(out[x : x + run])
        x += run
    return out


def _close(found: float | None, expected: object) -> None:
    """Equal to 1e-9; None (undefined) is None, or NaN in the arrays of per-code and per-cell figures."""
    if expected is None:
        assert found is None or found != found
        return
    assert found is not None
    assert found == pytest.approx(float(expected), abs=1e-9)  # type: ignore[arg-type]


# --- tests ----------------------------------------------------------------------------------------------------


def test_a_small_example_worked_by_hand() -> None:
    # L = 10; coder A's unit [0, 4), coder B's [2, 6), one code c. Ordered pairs (A, B) and (B, A), m - 1 = 1:
    # l_cc = 2 + 2 = 4, l_c∅ = l_∅c = 2 + 2 = 4, l_∅∅ = |[6, 10)| · 2 = 8; l.. = 20, l_c. = 8, l_∅. = 12.
    # Self-pairing: units 4² + 4² = 32, gaps 12; 44 in all. e_c∅ = 8 · 12 / (20 - 44/20) = 96/17.8.
    # uα = 1 - 2 · 4 / (2 · 96/17.8) = 1 - 142.4/192 = 31/120.
    found = _run([{0: [1] * 4 + [0] * 6, 1: [0] * 2 + [1] * 4 + [0] * 4}], codes=1, coders=2)
    assert found.codes[0] == pytest.approx(31 / 120, abs=1e-12)
    assert found.cell_u[0] == pytest.approx(31 / 120, abs=1e-12)
    assert found.overall.u_alpha == pytest.approx(31 / 120, abs=1e-12)
    assert found.overall.binary_u_alpha == pytest.approx(31 / 120, abs=1e-12)  # one value: uα and |uα coincide
    assert found.overall.coding_u_alpha is None  # one value wherever units meet: no disagreement is possible


@pytest.mark.parametrize("seed", range(12))
def test_the_family_equals_a_position_by_position_reimplementation(seed: int) -> None:
    rng = random.Random(seed)
    coders, values = rng.choice([2, 3]), rng.choice([2, 3, 4])
    documents = []
    for _ in range(rng.randrange(1, 4)):
        length = rng.randrange(12, 40)
        chosen = list(range(coders))
        if coders == 3 and rng.random() < 0.4:
            chosen.remove(rng.randrange(3))  # a coder who did not code this document
        documents.append({i: _random_partition(rng, length, values) for i in chosen})
    found = _run(documents, values, coders)
    expected = _reference(documents, values)
    _close(found.overall.u_alpha, expected["u"])
    _close(found.overall.binary_u_alpha, expected["binary"])
    if "coding" in expected:
        _close(found.overall.coding_u_alpha, expected["coding"])
        for mine, theirs in zip(found.per_code, expected["per_value"], strict=True):  # type: ignore[call-overload]
            _close(mine, theirs)
    for d, document in enumerate(documents):  # each document on its own: the cells' (k)uα
        alone = _reference([document], values)
        for code in range(values):
            if code * len(documents) + d in found.cell_key and "per_value" in alone:
                _close(found.at(np.array([code * len(documents) + d]))[1][0], alone["per_value"][code])  # type: ignore[index]


@pytest.mark.parametrize("seed", range(8))
def test_each_codes_own_u_alpha_is_the_family_on_that_code_against_the_rest(seed: int) -> None:
    rng = random.Random(100 + seed)
    lengths = [rng.randrange(15, 40) for _ in range(2)]
    documents = [{i: _random_partition(rng, length, 3) for i in range(2)} for length in lengths]
    found = _run(documents, 3, 2)
    for code in range(3):
        alone = [{i: [1 if v == code + 1 else 0 for v in p] for i, p in coders.items()} for coders in documents]
        if not any(1 in p for c in alone for p in c.values()):
            continue
        _close(found.codes[code], _reference(alone, 1)["u"])
        for d, coders in enumerate(alone):
            if any(1 in p for p in coders.values()):
                _close(found.at(np.array([code * len(documents) + d]))[0][0], _reference([coders], 1)["u"])


def test_perfect_agreement_is_one() -> None:
    partition = [0, 1, 1, 1, 0, 0, 2, 2, 0, 3, 3, 3, 3, 0, 1, 0]
    found = _run([{0: partition, 1: list(partition), 2: list(partition)}], 3, 3)
    assert found.overall.u_alpha == pytest.approx(1.0)
    assert found.overall.binary_u_alpha == pytest.approx(1.0)
    assert found.overall.coding_u_alpha == pytest.approx(1.0)
    assert all(v == pytest.approx(1.0) for v in found.per_code)
    assert all(v == pytest.approx(1.0) for v in found.codes)


def test_systematic_disagreement_is_below_zero() -> None:
    # Where one coder coded, the other never did; and where both coded, always with another code.
    first = [1] * 5 + [0] * 5 + [2] * 5
    second = [0] * 5 + [1] * 5 + [1] * 5
    found = _run([{0: first, 1: second}], 2, 2)
    assert found.overall.u_alpha is not None
    assert found.overall.u_alpha < 0
    assert found.overall.binary_u_alpha is not None
    assert found.overall.binary_u_alpha < 0
    assert found.codes[0] < 0


def test_relabelling_the_codes_changes_nothing_but_their_order() -> None:
    rng = random.Random(7)
    documents = [{i: _random_partition(rng, 30, 3) for i in range(3)}]
    relabel = {0: 0, 1: 3, 2: 1, 3: 2}
    moved = [{i: [relabel[v] for v in p] for i, p in c.items()} for c in documents]
    before, after = _run(documents, 3, 3), _run(moved, 3, 3)
    assert after.overall.u_alpha == pytest.approx(before.overall.u_alpha)
    assert after.overall.binary_u_alpha == pytest.approx(before.overall.binary_u_alpha)
    assert after.overall.coding_u_alpha == pytest.approx(before.overall.coding_u_alpha)
    for old, new in relabel.items():
        if old:
            assert after.codes[new - 1] == pytest.approx(before.codes[old - 1], nan_ok=True)
            assert after.per_code[new - 1] == pytest.approx(before.per_code[old - 1], nan_ok=True)


def test_a_coder_missing_from_a_document_is_left_out_not_counted_as_gaps() -> None:
    rng = random.Random(3)
    two = [{i: _random_partition(rng, 25, 2) for i in range(2)} for _ in range(2)]
    with_absent = _run(two, 2, 3)  # a third coder who coded neither document
    assert with_absent.overall == _run(two, 2, 2).overall
    nothing = [{**c, 2: [0] * 25} for c in two]  # a third coder who read both and coded nothing there
    assert _run(nothing, 2, 3).overall.binary_u_alpha != with_absent.overall.binary_u_alpha


def test_coders_who_gave_a_passage_the_same_overlapping_codes_agree_perfectly() -> None:
    # Both coders gave [2, 10) code 0 and [5, 14) code 1: over all codes the values are the sets {0}, {0, 1}, {1}.
    spans = Spans(
        np.array([0, 1, 0, 1]), np.array([0, 0, 0, 0]), np.array([0, 0, 1, 1]), np.array([2, 5, 2, 5]),
        np.array([10, 14, 10, 14]),
    )  # fmt: skip
    found = unitizing(spans, 2, np.array([20]), np.array([[True, True]]))
    assert found.codes.tolist() == [pytest.approx(1.0), pytest.approx(1.0)]
    assert found.per_code.tolist() == [pytest.approx(1.0), pytest.approx(1.0)]
    assert found.overall.u_alpha == pytest.approx(1.0)
    assert found.overall.binary_u_alpha == pytest.approx(1.0)
    assert found.overall.coding_u_alpha == pytest.approx(1.0)


def test_overlapping_codes_are_sets_of_codes_as_the_reimplementation_sees_them() -> None:
    # Coder 0 gives [0, 12) code 0 and [6, 18) code 1; coder 1 gives [2, 9) code 0 and [4, 20) code 1. Position by
    # position the values are the sets; written as exclusive values 1 = {0}, 2 = {0, 1}, 3 = {1}.
    first = [1] * 6 + [2] * 6 + [3] * 6 + [0] * 4
    second = [0] * 2 + [1] * 2 + [2] * 5 + [3] * 11 + [0] * 2
    expected = _reference([{0: first, 1: second}], 3)
    spans = Spans(
        np.array([0, 1, 0, 1]), np.array([0, 0, 0, 0]), np.array([0, 0, 1, 1]), np.array([0, 6, 2, 4]),
        np.array([12, 18, 9, 20]),
    )  # fmt: skip
    found = unitizing(spans, 2, np.array([22]), np.array([[True, True]]))
    _close(found.overall.u_alpha, expected["u"])
    _close(found.overall.binary_u_alpha, expected["binary"])
    _close(found.overall.coding_u_alpha, expected["coding"])
