"""Agreement between chosen coders, per code × document, per code and overall (read-only; nothing is written)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import chain

import numpy as np
from sqlalchemy import select

from app.model.agreement.bootstrap import REPLICATES, SEED, Interval, alpha_intervals, overall_interval
from app.model.agreement.coefficients import Coefficients, Tally, coefficients, many
from app.model.agreement.tallying import Spans, Sweep, sweep
from app.model.agreement.unitizing_tally import Unitizing, unitizing
from app.model.agreement.units import Unit, to_units, unit_bounds
from app.model.core.dto import CoderInfo
from app.model.core.entities import Coding, Document
from app.model.core.errors import ValidationError
from app.model.project import Project


@dataclass(frozen=True)
class CellAgreement:
    """One code in one document; `coded[i]`: units the i-th chosen coder coded with it there."""

    code_id: int
    document_id: int
    document: str
    coefficients: Coefficients
    coded: tuple[int, ...]


@dataclass(frozen=True)
class CodeAgreement:
    code_id: int
    path: str
    coefficients: Coefficients
    coded: tuple[int, ...]
    documents: tuple[CellAgreement, ...]


@dataclass(frozen=True)
class AgreementReport:
    """`documents`: those compared (coded by two or more of the coders); `left_out`: those coded by fewer."""

    coders: tuple[CoderInfo, ...]
    unit: Unit
    codes: tuple[CodeAgreement, ...]
    overall: Coefficients
    documents: tuple[str, ...]
    left_out: tuple[str, ...]
    replicates: int
    seed: int


def agreement(
    project: Project,
    coder_ids: Sequence[int],
    unit: Unit = Unit.CHARACTER,
    *,
    code_ids: Sequence[int] | None = None,
    document_ids: Sequence[int] | None = None,
    replicates: int = REPLICATES,
    code_intervals: bool = True,
) -> AgreementReport:
    """Compare the coders. A code given in `code_ids` is compared on its own codings (not its sub-codes'); with
    none given, every code one of the coders used. `code_intervals`: bootstrap α per code too (the overall
    interval is always drawn)."""
    known = {c.id: c for c in project.coders()}
    if len(set(coder_ids)) < 2:
        raise ValidationError("Agreement needs two or more different coders.")
    missing = [str(c) for c in coder_ids if c not in known]
    if missing:
        raise ValidationError(f"no coder with id {', '.join(missing)}")
    coders = tuple(known[c] for c in coder_ids)
    with project.store.read() as s:
        documents = s.execute(select(Document.id, Document.name, Document.length).order_by(Document.name)).all()
        if document_ids is not None:
            wanted_documents = set(document_ids)
            documents = [d for d in documents if d.id in wanted_documents]
        # Core rows, not the ORM's: a large project's 150,000 codings are read in a third of the time.
        rows = s.connection().execute(
            select(Coding.code_id, Coding.document_id, Coding.coder_id, Coding.start, Coding.end).where(
                Coding.coder_id.in_(list(coder_ids))
            )
        )
        table = np.fromiter(chain.from_iterable(rows), dtype=np.int64).reshape(-1, 5)
        document_index = {d.id: i for i, d in enumerate(documents)}
        coder_index = {c: i for i, c in enumerate(coder_ids)}
        in_documents = np.isin(table[:, 1], list(document_index))
        table = table[in_documents]
        coder_of = np.vectorize(coder_index.__getitem__, otypes=[np.int64])(table[:, 2]) if len(table) else table[:, 2]
        doc_of = np.vectorize(document_index.__getitem__, otypes=[np.int64])(table[:, 1]) if len(table) else table[:, 1]
        deciding = np.zeros(len(documents), dtype=np.int64)
        pairs = np.unique(doc_of * len(coder_ids) + coder_of)
        np.add.at(deciding, pairs // len(coder_ids), 1)
        compared = [d.id for d, m in zip(documents, deciding, strict=True) if m >= 2]
        bounds = unit_bounds(s, unit, compared)
    paths = {node.code.id: " > ".join(node.path) for node in project.codes.tree()}
    listed = list(code_ids) if code_ids is not None else sorted(set(table[:, 0].tolist()), key=lambda c: paths[c])
    code_index = {c: i for i, c in enumerate(listed)}
    chosen = np.isin(table[:, 0], listed) & (deciding[doc_of] >= 2)
    table, coder_of, doc_of = table[chosen], coder_of[chosen], doc_of[chosen]
    starts, ends = table[:, 3].copy(), table[:, 4].copy()
    lengths = np.array([d.length for d in documents], dtype=np.int64)
    code_of = np.array([code_index[c] for c in table[:, 0].tolist()], dtype=np.int64)
    present = np.zeros((len(documents), len(coder_ids)), dtype=bool)
    present[pairs // len(coder_ids), pairs % len(coder_ids)] = True
    unitized = unitizing(Spans(code_of, doc_of, coder_of, table[:, 3], table[:, 4]), len(listed), lengths, present)
    if unit is not Unit.CHARACTER:
        for document_id, (unit_starts, _unit_ends) in bounds.items():
            index = document_index[document_id]
            lengths[index] = unit_starts.shape[0]
            here = doc_of == index
            starts[here], ends[here] = to_units(bounds[document_id], table[here, 3], table[here, 4])
    found = sweep(Spans(code_of, doc_of, coder_of, starts, ends), len(listed), lengths, deciding, len(coder_ids))
    names = [d.name for d in documents]
    ids = [d.id for d in documents]
    codes = _per_code(found, unitized, listed, paths, names, ids, replicates if code_intervals else 0)
    overall_tally = Tally(found.code_counts.sum(axis=0), found.code_coded.sum(axis=0))
    overall = replace(
        _with_interval(coefficients(overall_tally), overall_interval(found, replicates)),
        u_alpha=unitized.overall.u_alpha,
        u_alpha_binary=unitized.overall.binary_u_alpha,
        u_alpha_coding=unitized.overall.coding_u_alpha,
    )
    return AgreementReport(
        coders=coders,
        unit=unit,
        codes=codes,
        overall=overall,
        documents=tuple(names[document_index[d]] for d in compared),
        left_out=tuple(d.name for d, m in zip(documents, deciding, strict=True) if m < 2),
        replicates=replicates,
        seed=SEED,
    )


def _per_code(
    found: Sweep,
    unitized: Unitizing,
    listed: list[int],
    paths: dict[int, str],
    names: list[str],
    ids: list[int],
    replicates: int,
) -> tuple[CodeAgreement, ...]:
    size = found.code_counts.shape[1]
    cell_tallies = np.zeros((found.cell_code.shape[0], size, size))
    cell_tallies[np.arange(found.cell_code.shape[0]), found.cell_deciding, :] = found.cell_counts
    cell_unitized = unitized.at(found.cell_code * found.lengths.shape[0] + found.cell_document)
    cells: list[list[CellAgreement]] = [[] for _ in listed]
    for code, document, figures, coded in zip(
        found.cell_code.tolist(),
        found.cell_document.tolist(),
        many(cell_tallies, found.cell_coded, cell_unitized),
        found.cell_coded.astype(np.int64).tolist(),
        strict=True,
    ):
        cells[code].append(CellAgreement(listed[code], ids[document], names[document], figures, tuple(coded)))
    intervals = alpha_intervals(found, replicates) if replicates else [None] * len(listed)
    per_code = many(found.code_counts, found.code_coded, (unitized.codes, unitized.per_code))
    return tuple(
        CodeAgreement(
            code_id=code_id,
            path=paths.get(code_id, str(code_id)),
            coefficients=_with_interval(per_code[index], intervals[index]),
            coded=tuple(int(v) for v in found.code_coded[index]),
            documents=tuple(sorted(cells[index], key=lambda c: c.document)),
        )
        for index, code_id in enumerate(listed)
    )


def _with_interval(figures: Coefficients, interval: Interval) -> Coefficients:
    if interval is None or figures.krippendorff_alpha is None:
        return figures
    return replace(figures, alpha_low=interval[0], alpha_high=interval[1])


def coders_who_coded(project: Project) -> list[CoderInfo]:
    """The project's coders with at least one coding: those there is agreement to compute for."""
    with project.store.read() as s:
        coded = set(s.scalars(select(Coding.coder_id).distinct()).all())
    return [c for c in project.coders() if c.id in coded]
