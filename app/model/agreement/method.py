"""A method statement for a paper: who coded, what the unit was, which coefficients, with which software."""

from __future__ import annotations

from app import version
from app.model.agreement.coefficients import Coefficients
from app.model.agreement.service import AgreementReport
from app.model.agreement.units import Unit
from app.model.core.text import plural


def figure(value: float | None) -> str:
    """Two places, never "-0.00"."""
    if value is None:
        return "undefined"
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def percent(value: float | None) -> str:
    return "undefined" if value is None else f"{100 * value:.1f}%"


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _overall(figures: Coefficients, two: bool) -> str:
    kappa = f"Cohen's κ = {figure(figures.cohen_kappa)}" if two else f"Fleiss' κ = {figure(figures.fleiss_kappa)}"
    interval = ""
    if figures.alpha_low is not None and figures.alpha_high is not None:
        interval = f" (95% CI {figure(figures.alpha_low)} to {figure(figures.alpha_high)})"
    return (
        f"Over all codes, percent agreement was {percent(figures.percent_agreement)}, {kappa}, Krippendorff's "
        f"α = {figure(figures.krippendorff_alpha)}{interval}, Gwet's AC1 = {figure(figures.gwet_ac1)} and "
        f"Brennan–Prediger = {figure(figures.brennan_prediger)}, with a prevalence of "
        f"{percent(figures.prevalence)}."
    )


SOURCES = (
    "Krippendorff, K. (2019). Content analysis: An introduction to its methodology (4th ed., §12.6). Sage. "
    "Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016). On the reliability of unitizing textual "
    "continua: Further developments. Quality & Quantity, 50(6), 2347–2364."
)


def _unitizing(figures: Coefficients) -> str:
    return (
        " Because each coder chose where a coded passage began and ended, we also report Krippendorff's unitizing α "
        "family over characters (Krippendorff et al., 2016; Krippendorff, 2019, §12.6): for each code, uα, the "
        "agreement on where the code's segments are and are not, and (k)uα, how reliably the code is told from "
        "the others where the coders' segments overlap; over all codes, uα (the segments and the codes given "
        "them), |uα (what was coded at all against what was not) and cuα (the codes given where the coders' "
        "segments overlap). A passage a coder gave several codes took the set of those codes as its value. Over "
        f"all codes uα = {figure(figures.u_alpha)}, |uα = {figure(figures.u_alpha_binary)} and cuα = "
        f"{figure(figures.u_alpha_coding)}."
    )


def method_statement(report: AgreementReport) -> str:
    """Plain text to paste into a paper's methods section."""
    names = [c.name for c in report.coders]
    two = len(names) == 2
    unit = report.unit
    if unit is Unit.CHARACTER:
        units = "Each character of the text was a unit (as in NVivo's coding comparison)."
    else:
        units = (
            f"The unit was the {unit.value if unit is not Unit.TURN else 'speaker turn'}: a coder was taken to "
            f"have coded a {unit.value if unit is not Unit.TURN else 'turn'} with a code when any of their codings "
            "with that code touched it."
        )
    left_out = ""
    if report.left_out:
        left_out = (
            f" {plural(len(report.left_out), 'document')} coded by fewer than two of the coders "
            f"{'was' if len(report.left_out) == 1 else 'were'} left out."
        )
    kappa = "Cohen's κ" if two else "Fleiss' κ"
    interval = (
        f" with a 95% confidence interval from {report.replicates:,} bootstrap resamples of documents "
        f"(seed {report.seed}; none for a code used in a single document)"
        if report.replicates
        else ""
    )
    return (
        # Not "independently": whether they coded blind is the team's to say, the file does not record it.
        f"The codings of {_names(names)} on {plural(len(report.documents), 'document')} with "
        f"{plural(len(report.codes), 'code')} were compared. {units}{left_out} For each code we report percent "
        f"agreement, {kappa}, Krippendorff's α for binary data (coded or not; missing data allowed){interval}, "
        "Gwet's AC1, Brennan and Prediger's coefficient, and prevalence (the share of units any coder coded), which is "
        "reported beside κ because κ falls for rare codes even when agreement is high. A coder who coded "
        "nothing in a document counts as missing there, not as disagreeing. Overall figures pool every code's "
        f"decisions on every unit. {_overall(report.overall, two)}{_unitizing(report.overall)} Computed with "
        f"Axial {version()}. References: {SOURCES}"
    )
