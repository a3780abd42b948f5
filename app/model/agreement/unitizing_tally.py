"""From coders' character spans to the unitizing α family, per code × document, per code and over all codes (the
formulas are in unitizing.py).

The continuum is every compared document, end to end; a unit never crosses a document. In a document, m is the
number of coders who coded anything there (a coder who coded nothing there is missing, not "all gap"), so each
document's coincidences are divided by its own m - 1, as α does with missing values. A coder's spans of one code
are merged where they overlap or touch: one unit.

A code's own uα is the code against the rest of the text. Over all codes the family needs each coder's stretch to
have one value, and codes are not exclusive (CFIR constructs overlap), so the value of a stretch is the set of codes
the coder gave it: with codes used exclusively that is the code itself, the papers' case exactly, and two coders
who both gave a passage codes A and B agree there. A code's (k)uα counts every set that includes it as that code.

Overlaps are found without visiting positions: segments sorted by block (a document, or a code in a document) and
start, each overlapping pair is found once as "b starts inside a" or "a starts strictly inside b", ranges taken by
binary search.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from app.model.agreement.tallying import Spans, merged
from app.model.agreement.unitizing import Coincidences, Family, binary_u_alphas, family, per_value_alphas

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Segments:
    """Segments in one order (by code or document, then start); `value`: a code, or a set of codes' id."""

    value: Ints
    document: Ints
    coder: Ints
    start: Ints
    end: Ints

    @property
    def length(self) -> Floats:
        found: Floats = (self.end - self.start).astype(np.float64)
        return found


@dataclass(frozen=True)
class Unitizing:
    """`codes[code]`: uα of the code's own units against the rest of the text; `per_code[code]`: its (k)uα;
    `cell_u`, `cell_k`: both for the cells `cell_key` (code × documents + document, sorted) where someone used
    the code; `overall`: uα, |uα and cuα over all codes. NaN where undefined."""

    cell_key: Ints
    cell_u: Floats
    cell_k: Floats
    codes: Floats
    per_code: Floats
    overall: Family

    def at(self, keys: Ints) -> tuple[Floats, Floats]:
        """uα and (k)uα of the cells `keys` (NaN for a cell nobody used the code in)."""
        if self.cell_key.shape[0] == 0:
            return np.full(keys.shape, np.nan), np.full(keys.shape, np.nan)
        place = np.minimum(np.searchsorted(self.cell_key, keys), self.cell_key.shape[0] - 1)
        known = self.cell_key[place] == keys
        return np.where(known, self.cell_u[place], np.nan), np.where(known, self.cell_k[place], np.nan)


def _counts(index: Ints, weights: Floats | None = None, minlength: int = 0) -> Floats:
    found: Floats = np.bincount(index, weights=weights, minlength=minlength).astype(np.float64)
    return found


def _units(spans: Spans, documents: int, coders: int, stride: int) -> Segments:
    """Each coder's merged units, sorted by code, document and start."""
    cell, coder, start, end = merged(spans, documents, coders, stride)
    order = np.lexsort((start, cell))
    return Segments(cell[order] // documents, cell[order] % documents, coder[order], start[order], end[order])


def _expand(low: Ints, high: Ints) -> tuple[Ints, Ints]:
    """Every (i, j) with low[i] <= j < high[i]."""
    counts = np.maximum(high - low, 0)
    owner = np.repeat(np.arange(low.shape[0]), counts)
    offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, low[owner] + offsets


def cross_overlaps(a: Segments, block: Ints, stride: int) -> tuple[Ints, Ints, Floats]:
    """Every ordered pair of segments of different coders that overlap within a block (segments sorted by block
    and start): (index, index, length)."""
    key = block * stride + a.start
    ends = np.searchsorted(key, key - a.start + a.end)
    # b starts inside a: a.start <= b.start < a.end; then a starts strictly inside b: b.start < a.start < b.end.
    first_a, first_b = _expand(np.searchsorted(key, key, side="left"), ends)
    second_b, second_a = _expand(np.searchsorted(key, key, side="right"), ends)
    left, right = np.concatenate([first_a, second_a]), np.concatenate([first_b, second_b])
    other = a.coder[left] != a.coder[right]
    left, right = left[other], right[other]
    length = np.minimum(a.end[left], a.end[right]) - np.maximum(a.start[left], a.start[right])
    return left, right, length.astype(np.float64)


def _code_sets(units: Segments, coders: int, stride: int) -> tuple[Segments, Ints, Ints]:
    """Each coder's continuum cut where their set of codes changes: the valued stretches, each with its set's id,
    and the (stretch, code) pairs saying which codes each stretch's set holds."""
    group = units.document * coders + units.coder
    positions = np.concatenate([group * stride + units.start, group * stride + units.end])
    # A set's fingerprint: the sum of its codes' random 64-bit labels (wrapping), the same whatever the order.
    labels = np.random.default_rng(19).integers(1, 2**63, size=int(units.value.max(initial=0)) + 1, dtype=np.uint64)
    code_label = labels[units.value]
    steps = np.concatenate([code_label, np.zeros_like(code_label) - code_label])
    counts = np.concatenate([np.ones_like(units.start), -np.ones_like(units.start)])
    order = np.argsort(positions, kind="stable")
    positions, fingerprint, active = positions[order], np.cumsum(steps[order]), np.cumsum(counts[order])
    last = np.append(positions[1:] != positions[:-1], True)[: positions.shape[0]]  # the state after a position
    positions, fingerprint, active = positions[last], fingerprint[last], active[last]
    valued = np.flatnonzero(active[:-1] > 0)  # a stretch runs to the next position, always in the same group
    starts, ends = positions[valued], positions[valued + 1]
    _, value = np.unique(fingerprint[valued], return_inverse=True)
    # Which codes each stretch holds: the stretches inside each of the coder's units (still in group order here).
    unit, stretch = _expand(
        np.searchsorted(starts, group * stride + units.start), np.searchsorted(starts, group * stride + units.end)
    )
    owner, starts, ends = starts // stride, starts % stride, ends % stride
    order = np.lexsort((starts, owner // coders))
    place = np.empty_like(order)
    place[order] = np.arange(order.shape[0])
    stretches = Segments(
        value.ravel()[order], (owner // coders)[order], (owner % coders)[order], starts[order], ends[order]
    )
    return stretches, place[stretch], units.value[unit]


def unitizing(spans: Spans, codes: int, lengths: Ints, present: Bools) -> Unitizing:
    """The family for character spans of `codes` codes. `lengths[d]`: document d's characters; `present[d, i]`:
    coder i coded something in document d (documents with fewer than two such coders are left out)."""
    documents, coders = present.shape
    deciding = present.sum(axis=1)
    compared = deciding >= 2
    share = np.where(compared, 1.0 / np.maximum(deciding - 1, 1), 0.0)  # each document's 1 / (m - 1)
    keep = (spans.end > spans.start) & compared[spans.document] & present[spans.document, spans.coder]
    spans = Spans(*(getattr(spans, f)[keep] for f in ("code", "document", "coder", "start", "end")))
    stride = int(lengths.max(initial=0)) + 1
    whole = float((deciding[compared] * lengths[compared]).sum())

    # Each code on its own: its units against everything else, per cell and pooled.
    units = _units(spans, documents, coders, stride)
    cell_of = units.value * documents + units.document
    left, _right, length = cross_overlaps(units, cell_of, stride)
    size = codes * documents
    agreed = _counts(cell_of[left], weights=length * share[units.document[left]], minlength=size)
    coded = _counts(cell_of, weights=units.length, minlength=size)
    squares = _counts(cell_of, weights=units.length**2, minlength=size)
    cell_total = np.tile(np.where(compared, deciding * lengths, 0).astype(np.float64), codes)
    occupied = np.unique(cell_of)
    per_cell = binary_u_alphas(cell_total[occupied], coded[occupied], agreed[occupied], squares[occupied])
    code_agreed, code_coded, code_squares = (a.reshape(codes, documents).sum(axis=1) for a in (agreed, coded, squares))
    own = binary_u_alphas(np.full(codes, whole), code_coded, code_agreed, code_squares)

    # Over all codes: each coder's stretches valued by their set of codes; together they are all the coder coded.
    stretches, stretch_of, code_in = _code_sets(units, coders, stride)
    s_left, s_right, s_length = cross_overlaps(stretches, stretches.document, stride)
    weight = share[stretches.document]
    met = _counts(s_left, weights=s_length, minlength=stretches.value.shape[0]) * weight
    alike = stretches.value[s_left] == stretches.value[s_right]
    values = int(stretches.value.max(initial=-1)) + 1
    coded_anything = float(stretches.length.sum())
    # Gaps against gaps, per document: Σ over ordered pairs of (L - |coded by i| - |coded by j| + |by both|) / (m - 1).
    gap_gap = whole - 2.0 * coded_anything + float(met.sum())
    found = Coincidences(
        total=whole,
        gaps=whole - coded_anything,
        gap_gap=gap_gap,
        margins=_counts(stretches.value, weights=stretches.length, minlength=values),
        agreed=_counts(
            stretches.value[s_left[alike]], weights=s_length[alike] * weight[s_left[alike]], minlength=values
        ),
        squares=_counts(stretches.value, weights=stretches.length**2, minlength=values),
        met=_counts(stretches.value, weights=met, minlength=values),
        met_squares=_counts(stretches.value, weights=met**2, minlength=values),
    )
    # A code's (k)uα: every set holding it counts as it; where two coders' sets both hold it they agree on it.
    doc_met = _counts(stretches.document, weights=met, minlength=documents)
    doc_met_squares = _counts(stretches.document, weights=met**2, minlength=documents)
    held = code_in * documents + stretches.document[stretch_of]
    cell_met = _counts(held, weights=met[stretch_of], minlength=size)
    cell_met_squares = _counts(held, weights=met[stretch_of] ** 2, minlength=size)
    cell_k = per_value_alphas(
        doc_met[occupied % documents],
        doc_met_squares[occupied % documents],
        cell_met[occupied],
        cell_met_squares[occupied],
        agreed[occupied],
    )
    code_met, code_met_squares = (a.reshape(codes, documents).sum(axis=1) for a in (cell_met, cell_met_squares))
    per_code = per_value_alphas(
        np.full(codes, doc_met.sum()), np.full(codes, doc_met_squares.sum()), code_met, code_met_squares, code_agreed
    )
    return Unitizing(occupied, per_cell, cell_k, own, per_code, family(found))
