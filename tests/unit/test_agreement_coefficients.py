"""The agreement coefficients against reference implementations and published worked examples.

scikit-learn, statsmodels and krippendorff are test-only dependencies (krippendorff is GPL-3: never imported by app/).
"""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

from app.model.agreement.coefficients import Tally, coefficients

TOLERANCE = 1e-9


def tally_of(decisions: np.ndarray) -> Tally:
    """A tally from a units × coders matrix of 0, 1 and NaN (missing)."""
    coders = decisions.shape[1]
    counts = np.zeros((coders + 1, coders + 1))
    for row in decisions:
        present = row[~np.isnan(row)]
        counts[len(present), int(present.sum())] += 1
    complete = decisions[~np.isnan(decisions).any(axis=1)]
    return Tally(counts, np.nansum(complete, axis=0) if coders == 2 else np.zeros(coders))


def random_decisions(rng: np.random.Generator, units: int, coders: int, rate: float, missing: float) -> np.ndarray:
    truth = rng.random(units) < rate
    noise = rng.random((units, coders)) < 0.15
    decisions = (truth[:, None] ^ noise).astype(float)
    decisions[rng.random((units, coders)) < missing] = np.nan
    return decisions


@pytest.mark.parametrize("seed", range(8))
def test_cohen_kappa_equals_scikit_learn(seed: int) -> None:
    rng = np.random.default_rng(seed)
    decisions = random_decisions(rng, 500, 2, rate=0.05 + 0.1 * seed, missing=0.0)
    found = coefficients(tally_of(decisions))
    assert found.cohen_kappa == pytest.approx(cohen_kappa_score(decisions[:, 0], decisions[:, 1]), abs=TOLERANCE)
    assert found.percent_agreement == pytest.approx((decisions[:, 0] == decisions[:, 1]).mean(), abs=TOLERANCE)


@pytest.mark.parametrize(("seed", "coders"), [(s, c) for s in range(4) for c in (2, 3, 5)])
def test_fleiss_kappa_equals_statsmodels(seed: int, coders: int) -> None:
    rng = np.random.default_rng(100 + seed)
    decisions = random_decisions(rng, 400, coders, rate=0.3, missing=0.0)
    ones = decisions.sum(axis=1)
    table = np.stack([coders - ones, ones], axis=1)
    found = coefficients(tally_of(decisions))
    assert found.fleiss_kappa == pytest.approx(fleiss_kappa(table, method="fleiss"), abs=TOLERANCE)


@pytest.mark.parametrize(
    ("seed", "coders", "missing"), [(s, c, m) for s in range(4) for c in (2, 3, 4) for m in (0.0, 0.2)]
)
def test_krippendorff_alpha_equals_the_krippendorff_package(seed: int, coders: int, missing: float) -> None:
    rng = np.random.default_rng(200 + seed)
    decisions = random_decisions(rng, 300, coders, rate=0.2 + 0.1 * seed, missing=missing)
    found = coefficients(tally_of(decisions))
    # The package drops units with fewer than two values itself; rows are coders there.
    expected = krippendorff.alpha(reliability_data=decisions.T, level_of_measurement="nominal")
    assert found.krippendorff_alpha == pytest.approx(expected, abs=TOLERANCE)


def gwet_and_brennan_prediger(decisions: np.ndarray) -> tuple[float, float]:
    """Gwet (2014, eq. 4.1.x): pa over units with two or more ratings; pe = Σ_k π_k(1 - π_k)/(Q - 1), Q = 2;
    Brennan & Prediger (1981): pe = 1/Q."""
    pairs, shares = [], []
    for row in decisions:
        present = row[~np.isnan(row)]
        if len(present) < 2:
            continue
        r, ones = len(present), present.sum()
        pairs.append((ones * (ones - 1) + (r - ones) * (r - ones - 1)) / (r * (r - 1)))
        shares.append(ones / r)
    pa, pi = float(np.mean(pairs)), float(np.mean(shares))
    pe = pi * (1 - pi) + (1 - pi) * pi
    return (pa - pe) / (1 - pe), (pa - 0.5) / 0.5


@pytest.mark.parametrize(
    ("seed", "coders", "missing"), [(s, c, m) for s in range(3) for c in (2, 3) for m in (0.0, 0.25)]
)
def test_gwet_ac1_and_brennan_prediger_follow_their_published_formulas(seed: int, coders: int, missing: float) -> None:
    rng = np.random.default_rng(300 + seed)
    decisions = random_decisions(rng, 300, coders, rate=0.1, missing=missing)
    found = coefficients(tally_of(decisions))
    ac1, bp = gwet_and_brennan_prediger(decisions)
    assert found.gwet_ac1 == pytest.approx(ac1, abs=TOLERANCE)
    assert found.brennan_prediger == pytest.approx(bp, abs=TOLERANCE)


def test_nvivo_worked_example_shows_the_kappa_paradox() -> None:
    """NVivo's help: a 1,000-character source, 50 characters coded by both users, 150 by one only (75 each), 800 by
    neither: 85% agreement; κ 0.31 while AC1 is 0.81 and Brennan–Prediger 0.70 (most of the text is uncoded)."""
    counts = np.zeros((3, 3))
    counts[2, 2], counts[2, 1], counts[2, 0] = 50, 150, 800
    found = coefficients(Tally(counts, np.array([125.0, 125.0])))
    assert found.percent_agreement == pytest.approx(0.85)
    assert round(found.cohen_kappa or 0, 2) == 0.31
    assert found.cohen_kappa == pytest.approx((0.85 - 0.78125) / (1 - 0.78125))
    assert round(found.gwet_ac1 or 0, 2) == 0.81
    assert found.brennan_prediger == pytest.approx(0.70)
    assert found.prevalence == pytest.approx(0.2)


def test_a_coefficient_without_variation_is_undefined_not_a_number() -> None:
    counts = np.zeros((3, 3))
    counts[2, 0] = 40  # nobody coded anything: agreement is total, but κ and α have nothing to say
    found = coefficients(Tally(counts, np.zeros(2)))
    assert found.percent_agreement == 1.0
    assert found.cohen_kappa is None
    assert found.krippendorff_alpha is None
    assert coefficients(Tally.empty(2)).units == 0
