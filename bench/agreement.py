"""Agreement between two coders on the large project: its 75,000 codings and as many by a second coder.

The second coder's codings are the first's with moved boundaries, some left out and some of their own, added to
a copy of the project (not timed). Timed: the whole table at character units (every coefficient per code ×
document, per code and overall, Krippendorff's unitizing α family included, with the overall bootstrap interval),
then α's interval for every code.
"""

from __future__ import annotations

import random
from functools import partial
from pathlib import Path

from sqlalchemy import func, select

from app.model.agreement.service import AgreementReport, agreement
from app.model.agreement.units import Unit
from app.model.core.dto import NewCoding
from app.model.core.entities import Coding, Document
from app.model.project import Project

from .fresh import project_copy
from .measure import Figure, Timings, once

SECOND = "Second coder"


def second_coder(project: Project, seed: int = 19) -> tuple[int, int]:
    """Add the second coder's codings; return the two coders' ids."""
    rng = random.Random(seed)
    first = project.coders()[0].id
    with project.store.read() as s:
        lengths = dict(s.execute(select(Document.id, Document.length)).tuples().all())
        rows = s.execute(
            select(Coding.document_id, Coding.code_id, Coding.start, Coding.end).where(Coding.coder_id == first)
        ).all()
    spans = []
    for document_id, code_id, start, end in rows:
        draw = rng.random()
        if draw < 0.1:
            continue
        if draw < 0.2:
            start = rng.randrange(max(1, lengths[document_id] - 300))
            end = start + rng.randrange(20, 300)
        start = min(lengths[document_id] - 1, max(0, start + rng.randrange(-30, 31)))
        end = min(lengths[document_id], max(start + 1, end + rng.randrange(-30, 31)))
        spans.append(NewCoding(document_id, code_id, start, end))
    project.use_coder(SECOND)
    project.codings.apply_many(spans)
    return first, next(c.id for c in project.coders() if c.name == SECOND)


def _complete(codes: int, report: AgreementReport) -> bool:
    """Every code compared, the overall figures, interval and unitizing α there, and each code's α within [-1, 1]."""
    if len(report.codes) != codes or report.overall.alpha_low is None or report.overall.u_alpha is None:
        raise AssertionError(f"{len(report.codes):,} codes compared, not {codes:,}, or no overall interval or uα")
    return all(-1 <= (c.coefficients.krippendorff_alpha or 0) <= 1 for c in report.codes)


def _intervals(report: AgreementReport) -> bool:
    return sum(c.coefficients.alpha_low is not None for c in report.codes) > len(report.codes) // 2


def run(large: Path, out: Path) -> list[Figure]:
    with project_copy(large) as copy, Project.open(copy, backups=0) as project:
        coders = second_coder(project)
        with project.store.read() as s:
            counts = dict(s.execute(select(Coding.coder_id, func.count()).group_by(Coding.coder_id)).tuples().all())
            codes = len(set(s.scalars(select(Coding.code_id)).all()))
        workload = f"{counts[coders[0]]:,} + {counts[coders[1]]:,} codings, {codes:,} codes"
        table = Timings("agreement, characters")
        for _ in range(3):
            compare = partial(agreement, project, coders, Unit.CHARACTER, code_intervals=False)
            table.measure(compare, partial(_complete, codes))
        figures = [table.figure("agreement of 2 coders, character units, all coefficients and uα", workload, "< 2000")]
        figures.append(
            once(
                "the same with α's bootstrap interval for every code",
                workload,
                partial(agreement, project, coders, Unit.CHARACTER),
                _intervals,
                unit="s",
            )
        )
        figures.append(
            once(
                "agreement at sentence units, intervals for every code",
                workload,
                partial(agreement, project, coders, Unit.SENTENCE),
                _intervals,
                unit="s",
            )
        )
    return figures
