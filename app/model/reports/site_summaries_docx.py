"""The site summary report in Word: for each unit (a site or a case), each construct in the framework's order with
its rating, rationale, the researcher's summary and the key quotes (the excerpts cited as the rating's evidence).

It is the CFIR "memo per case": what a team reads before agreeing ratings, and what goes into an appendix.
Constructs with nothing written for a unit are left out; a unit with nothing at all says so.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path

from app.model.frameworks.definitions import in_framework_order
from app.model.frameworks.quotes import quotes
from app.model.project import Project
from app.model.reports.atomic import ExportError, whole_or_nothing
from app.model.reports.paper import Paper
from app.model.reports.word import REPORT_STYLES, Run, WordDocument


def write_site_summaries_docx(
    path: Path, project: Project, framework_id: int, paper: Paper = Paper.A4, unit_ids: Collection[int] | None = None
) -> Path:
    """Per unit (every one, or those in `unit_ids`), per construct: rating, rationale, summary and key quotes."""
    if path.suffix.lower() != ".docx":
        raise ExportError(path, "the site summaries are saved as a Word document (.docx)")
    frameworks = project.frameworks
    nodes = [n for n in in_framework_order(frameworks.nodes(framework_id)) if not n.hidden]
    domains = {n.id: n for n in nodes if n.level == "domain"}
    constructs = [n for n in nodes if n.level == "construct"]
    units = [u for u in frameworks.rating_units() if unit_ids is None or u.id in unit_ids]
    ratings = {(r.unit_id, r.node_id): r for r in frameworks.ratings()}
    summaries = frameworks.summaries()
    cited = {c for r in ratings.values() for c in r.evidence_coding_ids}
    by_id = {q.coding_id: q for q in quotes(project, cited)}
    name = project.info().name
    with whole_or_nothing(path) as partial:
        word = WordDocument(REPORT_STYLES, ("Criterion Label",), paper)
        word.properties("Site summaries", name)
        word.page_numbers("Site summaries")
        word.paragraph("Title", "Site summaries")
        word.paragraph("Subtitle", name)
        word.paragraph(
            "Report Details",
            f"Exported on {date.today():%d %B %Y}. {len(units)} units; for each, the constructs with a rating or a "
            "summary, in the framework's order: the rating (-2 to +2; X mixed), its rationale, the summary and the "
            "key quotes cited as the rating's evidence.",
        )
        for index, unit in enumerate(units):
            word.heading(1, unit.label, page_break_before=index > 0)
            domain_shown = None
            written = 0
            for node in constructs:
                rating = ratings.get((unit.id, node.id))
                summary = summaries.get((unit.id, node.id))
                if rating is None and summary is None:
                    continue
                written += 1
                if node.parent_id != domain_shown and node.parent_id in domains:
                    domain_shown = node.parent_id
                    word.heading(2, domains[node.parent_id].label)
                word.heading(3, node.label + (" (reverse rated)" if node.reverse_rated else ""))
                if rating is not None:
                    flag = f" [{rating.flag}]" if rating.flag else ""
                    word.paragraph("Normal", [Run("Rating: ", "Criterion Label"), Run(_shown(rating.value) + flag)])
                    if rating.rationale:
                        word.paragraph("Normal", [Run("Rationale: ", "Criterion Label"), Run(rating.rationale)])
                if summary is not None:
                    first, *rest = [line for line in summary.summary.split("\n") if line.strip()]
                    word.paragraph("Normal", [Run("Summary: ", "Criterion Label"), Run(first)])
                    for paragraph in rest:
                        word.paragraph("Normal", paragraph)
                for coding_id in rating.evidence_coding_ids if rating is not None else ():
                    quote = by_id.get(coding_id)
                    if quote is not None:
                        word.paragraph("Quote", f"“{quote.text}”")
                        who = f"{quote.speaker}, " if quote.speaker else ""
                        word.paragraph("Excerpt Source", f"{who}{quote.document}")
            if not written:
                word.paragraph("Section Description", "Nothing rated or summarised for this unit yet.")
        word.save(partial)
    return path


def _shown(value: str) -> str:
    return {"na": "n/a"}.get(value, value)
