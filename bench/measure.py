"""A measured figure, and how the figures are timed and printed."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    target: str  # "< 300" or empty when the issue sets none
    workload: str

    def met(self) -> bool | None:
        if not self.target:
            return None
        _, limit = self.target.split()
        return self.value < float(limit)


def timed(call: Callable[[], object]) -> float:
    """Milliseconds one call takes."""
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def report(figures: list[Figure]) -> str:
    width = max(len(f.name) for f in figures)
    lines = [f"{'measure':<{width}}  {'value':>10}  unit  target   met"]
    for f in figures:
        met = {True: "yes", False: "NO", None: ""}[f.met()]
        lines.append(f"{f.name:<{width}}  {f.value:>10.2f}  {f.unit:<4}  {f.target:<7}  {met}")
    return "\n".join(lines)
