"""Fresh data for every measured run: a private copy of the generated project, and spans not coded yet.

The generated project in bench/out/ is never written by a suite: a run that saved its codings there would meet
them again next time, be refused at once, and look fast.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from app.model.core.dto import CodingInfo, NewCoding
from app.model.project import Project

from .generate import word_starts
from .measure import BenchError


@contextmanager
def project_copy(large: Path) -> Iterator[Path]:
    """A copy of `large` in a temporary folder (its backups land there too), removed afterwards."""
    wal = Path(f"{large}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise BenchError(f"{large} was not closed cleanly (its -wal file holds changes): copy it after closing")
    folder = Path(tempfile.mkdtemp(prefix="axial-bench-"))
    try:
        copy = folder / large.name
        shutil.copyfile(large, copy)
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class FreshSpans:
    """Random word-aligned codings on some documents that no coding there has yet (same code, same bounds)."""

    def __init__(self, project: Project, document_ids: Sequence[int], codes: Sequence[int], seed: int) -> None:
        self._rng = random.Random(seed)
        self._codes = list(codes)
        self._starts = {d: word_starts(project.documents.text(d)) for d in document_ids}
        self._taken = {
            (c.document_id, c.code_id, c.start, c.end) for d in document_ids for c in project.codings.for_document(d)
        }

    def next(self, document_id: int | None = None, words: tuple[int, int] = (3, 25)) -> NewCoding:
        while True:
            document = document_id if document_id is not None else self._rng.choice(list(self._starts))
            starts = self._starts[document]
            first = self._rng.randrange(len(starts) - words[1] - 1)
            start, end = starts[first], starts[first + self._rng.randint(*words)] - 1
            span = NewCoding(document, self._rng.choice(self._codes), start, end)
            if self.claim(span):
                return span

    def claim(self, span: NewCoding) -> bool:
        """Mark a span as used; False when a coding (or an earlier claim) already has it."""
        key = (span.document_id, span.code_id, span.start, span.end)
        if key in self._taken:
            return False
        self._taken.add(key)
        return True


def stored(project: Project, span: NewCoding, coding: CodingInfo | None) -> bool:
    """The coding an apply returned is in the project, on the span asked for."""
    if coding is None:
        return False
    got = project.codings.get(coding.id)
    return (got.document_id, got.code_id, got.start, got.end) == (
        span.document_id,
        span.code_id,
        span.start,
        span.end,
    )


def describe(project: Project) -> str:
    """The workload a figure on this project was measured on."""
    info = project.info()
    words = sum(d.word_count for d in project.documents.all())
    return f"{info.documents} docs, {words / 1e6:.1f} million words, {info.codes:,} codes, {info.codings:,} codings"
