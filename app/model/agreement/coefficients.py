"""Agreement coefficients for one binary decision (coded with a code, or not) made by several coders on many units.

Everything is computed from a tally: how many units had `m` coders deciding, `n` of whom coded the unit (`m` >= 2;
a coder who did not code a document at all is missing there, not "not coded"). With that one table every
coefficient allows missing data, and a unit is a character, a sentence, a paragraph or a turn alike.

- percent agreement: the share of agreeing pairs of coders over units (for two coders, units agreed on).
- Cohen's κ (two coders only): chance from each coder's own rate; NVivo's character formula is this at characters.
- Fleiss' κ (for two coders, Scott's π): chance from the pooled rate.
- Krippendorff's α (nominal; with two values, binary): 1 - (n - 1)·o₀₁ / (n₀·n₁), from the coincidence matrix.
- Gwet's AC1: chance 2π(1 - π), π the mean share of coders coding a unit.
- Brennan–Prediger: chance 1/2 for two categories.
- prevalence: the share of units someone coded, beside κ so its paradox shows (high agreement, low κ).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Counts = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Coefficients:
    """The coefficients for one tally; None where a coefficient is undefined (no units, or no variation)."""

    units: int
    percent_agreement: float | None
    cohen_kappa: float | None
    fleiss_kappa: float | None
    krippendorff_alpha: float | None
    gwet_ac1: float | None
    brennan_prediger: float | None
    prevalence: float | None
    alpha_low: float | None = None
    alpha_high: float | None = None
    # Krippendorff's unitizing family, over characters whatever the unit (see unitizing.py): a code's and a cell's
    # uα is the code's own units against the rest; (k)uα is per code; |uα and cuα are over all codes.
    u_alpha: float | None = None
    u_alpha_k: float | None = None
    u_alpha_binary: float | None = None
    u_alpha_coding: float | None = None

    def named(self) -> dict[str, float | int | None]:
        """Every figure under its plain name (what the JSON and the exports carry)."""
        return {
            "units": self.units,
            "percent_agreement": self.percent_agreement,
            "cohen_kappa": self.cohen_kappa,
            "fleiss_kappa": self.fleiss_kappa,
            "krippendorff_alpha": self.krippendorff_alpha,
            "krippendorff_alpha_95_low": self.alpha_low,
            "krippendorff_alpha_95_high": self.alpha_high,
            "gwet_ac1": self.gwet_ac1,
            "brennan_prediger": self.brennan_prediger,
            "prevalence": self.prevalence,
            "unitizing_alpha": self.u_alpha,
            "unitizing_alpha_binary": self.u_alpha_binary,
            "unitizing_alpha_coding": self.u_alpha_coding,
            "unitizing_alpha_k": self.u_alpha_k,
        }


@dataclass(frozen=True)
class Tally:
    """`counts[m, n]`: units with `m` coders deciding of whom `n` coded it; `coded[i]`: units coder i coded.

    `coded` serves Cohen's κ, which needs each of two coders' own rate; with more coders it is not used.
    """

    counts: Counts
    coded: Counts

    @staticmethod
    def empty(coders: int) -> Tally:
        return Tally(np.zeros((coders + 1, coders + 1)), np.zeros(coders))

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.counts + other.counts, self.coded + other.coded)


def _grid(size: int) -> tuple[Counts, Counts]:
    m, n = np.meshgrid(np.arange(size, dtype=np.float64), np.arange(size, dtype=np.float64), indexing="ij")
    return m, n


def alphas_of(tallies: Counts) -> Counts:
    """Krippendorff's α for each of many tallies at once (`tallies[t, m, n]`); NaN where undefined."""
    m, n = _grid(tallies.shape[1])
    pairable = tallies * (m >= 2)
    total = (pairable * m).sum(axis=(1, 2))
    ones = (pairable * n).sum(axis=(1, 2))
    zeros = total - ones
    safe_m = np.where(m >= 2, m - 1, 1.0)
    disagreeing = (pairable * n * (m - n) / safe_m).sum(axis=(1, 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        found: Counts = 1.0 - (total - 1.0) * disagreeing / (ones * zeros)
    return np.where((ones > 0) & (zeros > 0), found, np.nan)


def _corrected(observed: Counts, chance: Counts) -> Counts:
    # With chance agreement 1 (everyone always decided the same way) a coefficient is undefined.
    with np.errstate(divide="ignore", invalid="ignore"):
        found: Counts = (observed - chance) / (1.0 - chance)
    return np.where(np.abs(1.0 - chance) < 1e-15, np.nan, found)


def many(tallies: Counts, coded: Counts, unitized: tuple[Counts, Counts] | None = None) -> list[Coefficients]:
    """The coefficients of many tallies (`tallies[t, m, n]`, `coded[t, i]`) computed together, with each one's
    uα and (k)uα if given (computed apart, unitizing_tally.py; NaN: undefined). They are set here because
    replacing a frozen dataclass per cell afterwards costs seconds on a large project."""
    m, n = _grid(tallies.shape[1])
    pairable = tallies * (m >= 2)
    units = pairable.sum(axis=(1, 2))
    safe_pairs = np.where(m >= 2, m * (m - 1), 1.0)
    agreeing = (n * (n - 1) + (m - n) * (m - n - 1)) / safe_pairs
    with np.errstate(divide="ignore", invalid="ignore"):
        observed = (pairable * agreeing).sum(axis=(1, 2)) / units
        # Gwet's π: the mean, over units, of the share of that unit's coders who coded it.
        share = (pairable * n / np.where(m >= 2, m, 1.0)).sum(axis=(1, 2)) / units
        pooled = (pairable * n).sum(axis=(1, 2)) / (pairable * m).sum(axis=(1, 2))
        prevalence = pairable[:, :, 1:].sum(axis=(1, 2)) / units
        if coded.shape[1] == 2:
            first, second = coded[:, 0] / units, coded[:, 1] / units
            cohen = _corrected(observed, first * second + (1.0 - first) * (1.0 - second))
        else:
            cohen = np.full(units.shape, np.nan)
    columns = (
        observed,
        cohen,
        _corrected(observed, pooled**2 + (1.0 - pooled) ** 2),
        alphas_of(tallies),
        _corrected(observed, 2.0 * share * (1.0 - share)),
        _corrected(observed, np.full(units.shape, 0.5)),
        prevalence,
    )
    nothing = np.full(units.shape, np.nan)
    figures = np.stack([*columns, *(unitized or (nothing, nothing))], axis=1)
    shown = figures.astype(object)
    shown[np.isnan(figures)] = None  # undefined: None, all at once rather than value by value
    return [
        Coefficients(round(count), r[0], r[1], r[2], r[3], r[4], r[5], r[6], u_alpha=r[7], u_alpha_k=r[8])
        if count > 0
        else Coefficients(0, None, None, None, None, None, None, None, u_alpha=r[7], u_alpha_k=r[8])
        for count, r in zip(units.tolist(), shown.tolist(), strict=True)
    ]


def alpha_of(counts: Counts) -> float | None:
    found = float(alphas_of(counts[np.newaxis])[0])
    return None if found != found else found


def coefficients(tally: Tally) -> Coefficients:
    return many(tally.counts[np.newaxis], tally.coded[np.newaxis])[0]
