"""Krippendorff's unitizing α family from coincidences of lengths (Krippendorff, Mathet, Bouvry & Widlöcher 2016, "On
the reliability of unitizing textual continua: Further developments", Quality & Quantity 50:2347–2364;
Krippendorff 2019, Content Analysis, 4th ed., §12.6).

Each coder's continuum is cut into segments: units, each with a value, and the gaps between them (∅). `l[c, k]`
sums, over ordered pairs of different coders, the lengths where one coder's c-segment meets the other's
k-segment, divided by m - 1. Expected coincidences remove each segment's pairing with itself: a unit cannot be
split, so a unit contributing x to its value's margin takes x² out; a gap can be split into single positions, so
it takes out its length only:

    e[c, k] = (l[c.]·l[.k] - [c = k]·C[c]) / (l.. - C./l..)

- uα = 1 - (l.. - Σ l[c, c]) / (l.. - Σ e[c, c]): where units are and are not, and their values.
- |uα: the same with every value merged into one, "relevant" against ∅: where anything was coded.
- cuα: the matrix cut to valued intersections (c, k ≠ ∅), a unit's correction from the length it meets other
  coders' units: agreement on the values where the coders' units overlap.
- (k)uα = 1 - (e*[k.]/l*[k.])·(l*[k.] - l[k, k])/(e*[k.] - e*[k, k]): how reliably value k is told from the
  others there.
Only the diagonal and the margins enter these, so no values × values matrix is built. A coefficient whose expected
disagreement is zero (nothing to disagree about) is undefined: None.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Coincidences:
    """What the coefficients need, per valued value v: `margins[v]` = l[v.], `agreed[v]` = l[v, v], `squares[v]`:
    Σ of its units' squared lengths; `met[v]` = l*[v.], its units' length met by other coders' units, and
    `met_squares[v]`: Σ of the squares of each unit's part of it. `total` = l.., `gaps` = l[∅.], `gap_gap` = l[∅∅]."""

    total: float
    gaps: float
    gap_gap: float
    margins: Floats
    agreed: Floats
    squares: Floats
    met: Floats
    met_squares: Floats


@dataclass(frozen=True)
class Family:
    u_alpha: float | None
    binary_u_alpha: float | None
    coding_u_alpha: float | None


def _ratio(observed: float, expected: float) -> float | None:
    return None if expected <= 1e-12 * max(1.0, abs(observed)) else 1.0 - observed / expected


def _scale(total: float, corrections: float) -> float:
    """The expected coincidences' denominator, l.. - C./l.."""
    return total - corrections / total


def family(found: Coincidences) -> Family:
    total = found.total
    if total <= 0:
        return Family(None, None, None)
    corrections = float(found.squares.sum()) + found.gaps
    scale = _scale(total, corrections)
    chance_diagonal = (float((found.margins**2 - found.squares).sum()) + found.gaps**2 - found.gaps) / scale
    u_alpha = _ratio(total - found.gap_gap - float(found.agreed.sum()), total - chance_diagonal)
    chance_gap_gap = (found.gaps**2 - found.gaps) / scale
    chance_gap_row = (found.gaps * total - found.gaps) / scale
    binary = _ratio(found.gaps - found.gap_gap, chance_gap_row - chance_gap_gap)
    met = float(found.met.sum())
    if met <= 0:
        return Family(u_alpha, binary, None)
    met_chance = float((found.met**2 - found.met_squares).sum()) / _scale(met, float(found.met_squares.sum()))
    return Family(u_alpha, binary, _ratio(met - float(found.agreed.sum()), met - met_chance))


def per_value_alphas(total: Floats, total_squares: Floats, met: Floats, met_squares: Floats, agreed: Floats) -> Floats:
    """(k)uα for many values (or continua) at once: `total` = l*.. and `total_squares` = C*. of the continuum each
    is in; `met` = l*[k.], `met_squares` = C*[k] and `agreed` = l[k, k]. A value may stand for several (as a code
    stands for every set of codes that includes it). NaN where undefined."""
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = total - total_squares / total
        row = (met * total - met_squares) / scale
        same = (met**2 - met_squares) / scale
        alphas = 1.0 - (row / met) * (met - agreed) / (row - same)
    defined = (total > 0) & (met > 0) & (row - same > 1e-12 * np.maximum(1.0, met))
    found: Floats = np.where(defined, alphas, np.nan)
    return found


def binary_u_alphas(total: Floats, coded: Floats, agreed: Floats, squares: Floats) -> Floats:
    """uα of one value against ∅ for many continua at once (a code's own: where it is and is not).

    `total`: l.. (each document's length times its coders); `coded`: l[k.], the length the coders gave the value;
    `agreed`: l[k, k]; `squares`: Σ of the squared lengths of the value's units. For one value uα and |uα are the
    same coefficient. NaN where undefined.
    """
    gaps = total - coded
    corrections = squares + gaps  # a gap's positions pair with themselves one by one
    with np.errstate(divide="ignore", invalid="ignore"):
        chance = coded * gaps / (total - corrections / total)
        alphas = 1.0 - (coded - agreed) / chance
    defined = (total > 0) & (chance > 1e-12 * np.maximum(1.0, coded - agreed))
    found: Floats = np.where(defined, alphas, np.nan)
    return found
