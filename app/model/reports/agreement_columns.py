"""The agreement table's columns, shared by its Word and XLSX exports (and the desktop's table)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from app.model.agreement.coefficients import Coefficients
from app.model.agreement.service import AgreementReport


class Kind(Enum):
    COUNT = "count"
    SHARE = "share"
    COEFFICIENT = "coefficient"


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Coefficients], float | int | None]
    kind: Kind


def columns(report: AgreementReport) -> tuple[Column, ...]:
    """Units, prevalence beside κ (so a low κ on a rare code reads as such), then the other coefficients."""
    two = len(report.coders) == 2
    kappa = Column("Cohen's κ", lambda c: c.cohen_kappa, Kind.COEFFICIENT)
    if not two:
        kappa = Column("Fleiss' κ", lambda c: c.fleiss_kappa, Kind.COEFFICIENT)
    return (
        Column(f"Units ({report.unit.plural})", lambda c: c.units, Kind.COUNT),
        Column("Agreement", lambda c: c.percent_agreement, Kind.SHARE),
        Column("Prevalence", lambda c: c.prevalence, Kind.SHARE),
        kappa,
        Column("Krippendorff's α", lambda c: c.krippendorff_alpha, Kind.COEFFICIENT),
        Column("α 95% low", lambda c: c.alpha_low, Kind.COEFFICIENT),
        Column("α 95% high", lambda c: c.alpha_high, Kind.COEFFICIENT),
        Column("Gwet's AC1", lambda c: c.gwet_ac1, Kind.COEFFICIENT),
        Column("Brennan–Prediger", lambda c: c.brennan_prediger, Kind.COEFFICIENT),
        *UNITIZING,
    )


# Krippendorff's unitizing family, always over characters: |uα and cuα are defined over all codes only.
UNITIZING = (
    Column("uα", lambda c: c.u_alpha, Kind.COEFFICIENT),
    Column("|uα", lambda c: c.u_alpha_binary, Kind.COEFFICIENT),
    Column("cuα", lambda c: c.u_alpha_coding, Kind.COEFFICIENT),
    Column("(k)uα", lambda c: c.u_alpha_k, Kind.COEFFICIENT),
)


def shown(value: float | int | None, kind: Kind) -> str:
    """A figure as text: counts with separators, shares as percentages, coefficients to two places."""
    if value is None:
        return "—"
    if kind is Kind.COUNT:
        return f"{int(value):,}"
    if kind is Kind.SHARE:
        # 99.98% is not total agreement, nor 0.02% no prevalence: rounding never reaches either end.
        if 0.9995 <= value < 1:
            return ">99.9%"
        if 0 < value < 0.0005:
            return "<0.1%"
        return f"{100 * value:.1f}%"
    return coefficient(value)


def coefficient(value: float) -> str:
    """Two places, and never "-0.00" (a coefficient a hair below zero reads as zero)."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def interval(low: float | None, high: float | None) -> str:
    return "—" if low is None or high is None else f"{coefficient(low)} to {coefficient(high)}"
