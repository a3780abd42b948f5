"""A seeded bootstrap interval for Krippendorff's α, resampling documents.

Codings within a document are not independent decisions (neighbouring characters, sentences of one passage), so
what is drawn with replacement is the document, each with its own tally for the code (a cluster bootstrap).
One set of draws serves every code: the replicates' tallies are one matrix product, draws × documents' tallies.
With a single document there is nothing to resample and no interval; nor for a code used in only one document.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from app.model.agreement.coefficients import alphas_of
from app.model.agreement.tallying import Sweep

REPLICATES = 1000
SEED = 19
CHUNK = 128  # codes per matrix product, to keep replicates × codes × tally cells in a few tens of megabytes

Interval = tuple[float, float] | None


def _draws(documents: int, replicates: int, seed: int) -> npt.NDArray[np.float64]:
    rng = np.random.default_rng(seed)
    return rng.multinomial(documents, np.full(documents, 1.0 / documents), size=replicates).astype(np.float64)


def _interval(alphas: npt.NDArray[np.float64]) -> Interval:
    if np.isnan(alphas).mean() > 0.5:
        return None
    low, high = np.nanpercentile(alphas, [2.5, 97.5])
    return float(low), float(high)


def _document_tallies(found: Sweep, first: int, last: int) -> npt.NDArray[np.float64]:
    """`[d, k, m * size + n]` for the compared documents and codes first..last-1."""
    size = found.code_counts.shape[1]
    compared = np.flatnonzero(found.deciding >= 2)
    place = np.full(found.deciding.shape[0], -1)
    place[compared] = np.arange(compared.shape[0])
    tallies = np.zeros((compared.shape[0], last - first, size * size))
    blank = found.deciding[compared] * size
    tallies[np.arange(compared.shape[0]), :, blank] = found.lengths[compared, np.newaxis].astype(np.float64)
    chosen = (found.cell_code >= first) & (found.cell_code < last)
    rows, columns = place[found.cell_document[chosen]], found.cell_code[chosen] - first
    row_start = found.cell_deciding[chosen] * size
    tallies[rows, columns, row_start] = 0.0
    for coding in range(size):
        tallies[rows, columns, row_start + coding] = found.cell_counts[chosen, coding]
    return tallies


def alpha_intervals(found: Sweep, replicates: int = REPLICATES, seed: int = SEED) -> list[Interval]:
    """α's 95% interval (2.5th and 97.5th percentiles over replicates) for every code; None where undefined."""
    codes, size = found.code_counts.shape[0], found.code_counts.shape[1]
    documents = int((found.deciding >= 2).sum())
    if documents < 2 or replicates <= 0:
        return [None] * codes
    draws = _draws(documents, replicates, seed)
    intervals: list[Interval] = []
    for first in range(0, codes, CHUNK):
        last = min(codes, first + CHUNK)
        tallies = _document_tallies(found, first, last)
        replicated = (draws @ tallies.reshape(documents, -1)).reshape(replicates * (last - first), size, size)
        alphas = alphas_of(replicated).reshape(replicates, last - first)
        intervals += [_interval(alphas[:, k]) for k in range(last - first)]
    coded_in = _documents_coded(found, codes)
    return [interval if coded_in[k] >= 2 else None for k, interval in enumerate(intervals)]


def _documents_coded(found: Sweep, codes: int) -> npt.NDArray[np.int64]:
    """How many compared documents each code was used in by anyone. With one, every resample holds that one
    document's decisions and only more or fewer agreed blanks: an interval would look certain and mean nothing."""
    compared = (found.deciding >= 2)[found.cell_document]
    return np.bincount(found.cell_code[compared], minlength=codes).astype(np.int64)


def overall_interval(found: Sweep, replicates: int = REPLICATES, seed: int = SEED) -> Interval:
    """The interval of the overall α: each document's decisions on every code, resampled together."""
    codes, size = found.code_counts.shape[0], found.code_counts.shape[1]
    documents = int((found.deciding >= 2).sum())
    if documents < 2 or replicates <= 0:
        return None
    pooled = np.zeros((documents, size * size))
    for first in range(0, codes, CHUNK):
        pooled += _document_tallies(found, first, min(codes, first + CHUNK)).sum(axis=1)
    replicated = (_draws(documents, replicates, seed) @ pooled).reshape(replicates, size, size)
    return _interval(alphas_of(replicated))
