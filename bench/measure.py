"""Measuring honestly: every timed action proves it did its work, and is timed in CPU beside wall time.

A benchmark that times a refusal (a coding already there, a file not written) as if it were the work would report
a fast figure for nothing, so `Timings.measure` runs a check after each action and `BenchError` stops the run
when the check fails or the action raises. CPU time (`time.process_time`, every thread of this process) is kept
beside wall time because the machine may be shared: targets are judged on CPU time unless a figure says otherwise.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal, TypeVar

T = TypeVar("T")
Basis = Literal["cpu", "wall"]


class BenchError(Exception):
    """A timed action was refused or did not do its work: the run must fail, not report a figure."""


@dataclass(frozen=True)
class Sample:
    wall_ms: float
    cpu_ms: float


@dataclass(frozen=True)
class Figure:
    """One line of the report. `value` is what the target judges: the median of `basis` for timed figures.

    Figures that are not timings (a size, a ratio) carry only `value`; the timing fields stay None.
    """

    name: str
    value: float
    unit: str
    target: str  # "< 300" or empty when the issue sets none; judges `value` (the median)
    workload: str
    p95_target: str = ""  # judges the 95th percentile of `basis`
    basis: str = ""  # "cpu" or "wall" for timings
    runs: int = 0
    wall: float | None = None
    wall_p95: float | None = None
    cpu: float | None = None
    cpu_p95: float | None = None

    def met(self) -> bool | None:
        verdicts = [_under(self.value, self.target)]
        if self.p95_target:
            p95 = self.cpu_p95 if self.basis == "cpu" else self.wall_p95
            verdicts.append(_under(p95 if p95 is not None else self.value, self.p95_target))
        judged = [v for v in verdicts if v is not None]
        return all(judged) if judged else None

    def per(self, name: str, unit: str, factor: float) -> Figure:
        """The same measurement divided out (per transcript, per MB), with no target of its own."""

        def scaled(value: float | None) -> float | None:
            return None if value is None else value * factor

        return replace(
            self,
            name=name,
            unit=unit,
            target="",
            p95_target="",
            value=self.value * factor,
            wall=scaled(self.wall),
            wall_p95=scaled(self.wall_p95),
            cpu=scaled(self.cpu),
            cpu_p95=scaled(self.cpu_p95),
        )


def _under(value: float, target: str) -> bool | None:
    if not target:
        return None
    _, limit = target.split()
    return value < float(limit)


@dataclass
class Timings:
    """Samples of one action repeated; each repetition should act on fresh data (new spans, a fresh copy)."""

    what: str
    samples: list[Sample] = field(default_factory=list)

    def measure(self, action: Callable[[], T], check: Callable[[T], object]) -> T:
        """Time `action`, then require `check(result)` to be truthy (a failed assert counts as false).

        An action that raises, or a check that says no, raises `BenchError`: the run stops with that message.
        """
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            result = action()
        except Exception as error:
            raise BenchError(f"{self.what}: the action was refused or failed: {error}") from error
        sample = Sample((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)
        try:
            verdict = check(result)
        except Exception as error:  # a failed assert, or the check could not find what the action made
            raise BenchError(f"{self.what}: the action did not do its work: {error!r}") from error
        if not verdict:
            raise BenchError(f"{self.what}: the action did not do its work (its check gave {verdict!r})")
        self.samples.append(sample)
        return result

    def figure(
        self,
        name: str,
        workload: str,
        target: str = "",
        *,
        p95_target: str = "",
        unit: str = "ms",
        basis: Basis = "cpu",
    ) -> Figure:
        if not self.samples:
            raise BenchError(f"{self.what}: nothing was measured")
        scale = {"ms": 1.0, "s": 1000.0}[unit]
        walls = [s.wall_ms / scale for s in self.samples]
        cpus = [s.cpu_ms / scale for s in self.samples]
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        return Figure(
            name=name,
            value=cpu if basis == "cpu" else wall,
            unit=unit,
            target=target,
            workload=f"{workload}; {_runs(len(self.samples))}",
            p95_target=p95_target,
            basis=basis,
            runs=len(self.samples),
            wall=wall,
            wall_p95=percentile(walls, 95),
            cpu=cpu,
            cpu_p95=percentile(cpus, 95),
        )


def once(
    name: str,
    workload: str,
    action: Callable[[], T],
    check: Callable[[T], object],
    target: str = "",
    *,
    unit: str = "ms",
    basis: Basis = "cpu",
) -> Figure:
    """A figure from a single checked run (an export, a merge): its median and p95 are that run."""
    timings = Timings(name)
    timings.measure(action, check)
    return timings.figure(name, workload, target, unit=unit, basis=basis)


def _runs(count: int) -> str:
    return "1 run" if count == 1 else f"{count:,} runs"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def report(figures: list[Figure]) -> str:
    """A table: each workload is named once above the figures measured on it; CPU and wall time side by side."""
    width = max(len(f.name) for f in figures)
    lines = [
        f"{'measure':<{width}}  {'value':>9}  unit  {'target':<26}  {'met':<7}  "
        f"{'cpu med':>9}  {'cpu p95':>9}  {'wall med':>9}  {'wall p95':>9}  runs"
    ]
    workload = None
    for f in figures:
        where = f.workload.rsplit("; ", 1)[0] if f.runs else f.workload
        if where != workload:
            workload = where
            lines.append(f"-- {where}")
        met = {True: "yes", False: "NOT MET", None: ""}[f.met()]
        targets = f.target
        if f.runs and f.target:
            p95 = f", p95 {f.p95_target}" if f.p95_target else ""
            targets = f"{f.basis} median {f.target}{p95}"
        timings = "  ".join(_cell(v) for v in (f.cpu, f.cpu_p95, f.wall, f.wall_p95))
        runs = str(f.runs) if f.runs else ""
        lines.append(f"{f.name:<{width}}  {f.value:>9.2f}  {f.unit:<4}  {targets:<26}  {met:<7}  {timings}  {runs}")
    return "\n".join(lines)


def _cell(value: float | None) -> str:
    return f"{value:>9.2f}" if value is not None else " " * 9
