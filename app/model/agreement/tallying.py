"""Tallying every coder's decision on every unit without visiting units one by one.

Codings arrive as spans in unit coordinates (character offsets, or ranges of sentence, paragraph or turn indices).
Each coder's spans per code and document are merged, then one sweep over all start and end points counts, for
every stretch of a document, how many coders coded it. All of it is sorted numpy arrays: the cells (code ×
document) are laid end to end on one number line, `stride` apart, so one sort and one running sum serve them all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Spans:
    """Codings of the chosen coders, as parallel arrays of indices (code, document, coder) and unit positions."""

    code: Ints
    document: Ints
    coder: Ints
    start: Ints
    end: Ints


@dataclass(frozen=True)
class Sweep:
    """What the sweep found.

    `cell_code`, `cell_document`: the code × document cells where someone coded, `cell_deciding`: how many coders
    decided there; `cell_counts[c, n]`: units of the
    cell that `n` coders coded; `cell_coded[c, i]`: units coder i coded there. `code_counts[k, m, n]` and
    `code_coded[k, i]` are the same pooled over all documents for code k (documents nobody coded with the code
    count as agreed "not coded" units). `lengths[d]`, `deciding[d]`: each document's units and coders.
    """

    cell_code: Ints
    cell_document: Ints
    cell_deciding: Ints
    cell_counts: Floats
    cell_coded: Floats
    code_counts: Floats
    code_coded: Floats
    lengths: Ints
    deciding: Ints


def merged(spans: Spans, documents: int, coders: int, stride: int) -> tuple[Ints, Ints, Ints, Ints]:
    """Each coder's spans per cell, overlapping ones merged: (cell, coder, start, end)."""
    group = (spans.code * documents + spans.document) * coders + spans.coder
    starts = group * stride + spans.start
    ends = group * stride + spans.end
    if starts.shape[0] == 0:
        return starts, starts, starts, starts
    order = np.argsort(starts, kind="stable")
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    opens = np.ones(starts.shape[0], dtype=bool)
    opens[1:] = starts[1:] > reach[:-1]
    first = np.flatnonzero(opens)
    last = np.append(first[1:] - 1, starts.shape[0] - 1)
    merged_group = starts[first] // stride
    return (
        merged_group // coders,
        merged_group % coders,
        starts[first] - merged_group * stride,
        reach[last] - merged_group * stride,
    )


def sweep(spans: Spans, codes: int, lengths: Ints, deciding: Ints, coders: int) -> Sweep:
    """Tally the spans. `lengths[d]`: units in document d; `deciding[d]`: coders who coded d (>= 2 for all)."""
    documents = lengths.shape[0]
    size = coders + 1
    keep = spans.end > spans.start
    spans = Spans(*(getattr(spans, f)[keep] for f in ("code", "document", "coder", "start", "end")))
    stride = int(lengths.max(initial=0)) + 1
    cell, coder, start, end = merged(spans, documents, coders, stride)
    cells, cell_index = np.unique(cell, return_inverse=True)
    cell_index = cell_index.ravel()
    cell_code, cell_document = cells // documents, cells % documents
    cell_length = lengths[cell_document].astype(np.float64)
    cell_deciding = deciding[cell_document]
    cell_coded = (
        np.bincount(cell_index * coders + coder, weights=end - start, minlength=cells.shape[0] * coders)
        .astype(np.float64)
        .reshape(cells.shape[0], coders)
    )

    # One sweep: +1 where a coder's span opens, -1 where it closes; the running sum is how many coded a stretch.
    positions = np.concatenate([cell_index * stride + start, cell_index * stride + end])
    steps = np.concatenate([np.ones_like(start), -np.ones_like(end)])
    order = np.lexsort((steps, positions))
    positions, depth = positions[order], np.cumsum(steps[order])
    owner = positions // stride
    inside = owner[1:] == owner[:-1]
    stretch = positions[1:] - positions[:-1]
    covered = inside & (depth[:-1] > 0)
    cell_counts = (
        np.bincount(
            owner[:-1][covered] * size + depth[:-1][covered], weights=stretch[covered], minlength=cells.shape[0] * size
        )
        .astype(np.float64)
        .reshape(cells.shape[0], size)
    )
    cell_counts[:, 0] = cell_length - cell_counts[:, 1:].sum(axis=1)

    code_counts, code_coded = _pooled(codes, lengths, deciding, coders, cell_code, cell_document, cell_counts)
    np.add.at(code_coded, cell_code, cell_coded)

    return Sweep(
        cell_code=cell_code,
        cell_document=cell_document,
        cell_deciding=cell_deciding,
        cell_counts=cell_counts,
        cell_coded=cell_coded,
        code_counts=code_counts,
        code_coded=code_coded,
        lengths=lengths,
        deciding=deciding,
    )


def _pooled(
    codes: int, lengths: Ints, deciding: Ints, coders: int, cell_code: Ints, cell_document: Ints, cell_counts: Floats
) -> tuple[Floats, Floats]:
    """Per code over all documents: every document starts as agreed "not coded", then its coded cells replace it."""
    size = coders + 1
    base = np.zeros(size * size)
    pairable = deciding >= 2
    np.add.at(base, deciding[pairable] * size, lengths[pairable].astype(np.float64))
    code_counts = np.tile(base, codes)
    cell_row = (cell_code * size + deciding[cell_document]) * size
    np.subtract.at(code_counts, cell_row, lengths[cell_document].astype(np.float64))
    for coding in range(size):
        np.add.at(code_counts, cell_row + coding, cell_counts[:, coding])
    return code_counts.reshape(codes, size, size), np.zeros((codes, coders))
