"""Computed attributes and ranges as columns of code × attribute tables: "what do the people who improved talk about"."""

from __future__ import annotations

from app.model.analysis.matrices import Analysis, Measure, case_values
from app.model.cases.bins import Method, attribute_bins
from app.model.core.dto import AttributeType, NewDocument
from app.model.project import Project
from tests.unit.refi_projects import turns_of

TEXT = "Facilitator: Tell us.\nP1: Supervision helps.\nP2: Supervision is rare.\nP3: Supervision and training."
SCORES = {"P1": (3, 10), "P2": (4, 6), "P3": (2, None)}


def study(project: Project) -> tuple[int, int, int]:
    """A focus group whose speakers are cases with pre/post scores; every answer is coded Supervision."""
    edits = project.edits
    document = project.documents.add(NewDocument("Focus group", TEXT, turns=turns_of(TEXT)))
    edits.cases_from_speakers()
    pre, post = (
        edits.define_attribute("Pre", AttributeType.NUMBER),
        edits.define_attribute("Post", AttributeType.NUMBER),
    )
    cases = {c.name: c.id for c in project.cases.all()}
    values = [(cases[n], pre.id, a) for n, (a, _) in SCORES.items()]
    values += [(cases[n], post.id, b) for n, (_, b) in SCORES.items() if b is not None]
    edits.set_attribute_values(values)
    change = edits.define_attribute("Change", AttributeType.NUMBER, formula="Post - Pre")
    improved = edits.define_attribute("Improved", AttributeType.BOOLEAN, formula="Change >= 5")
    code = edits.create_code("Supervision")
    for line in TEXT.split("\n")[1:]:
        start = TEXT.index(line) + line.index(": ") + 2
        edits.apply_coding(document.id, code.id, start, start + len(line) - line.index(": ") - 2)
    return code.id, change.id, improved.id


def test_a_code_by_a_computed_yes_no_attribute(project: Project) -> None:
    code, _, improved = study(project)
    table = Analysis(project).by_attribute([code], improved, Measure.CASES)
    assert table.columns == ("no", "yes", "(no value)")
    assert (table.get(code, "yes"), table.get(code, "no"), table.get(code, "(no value)")) == (1, 1, 1)


def test_computed_values_reach_every_filter_that_reads_case_values(project: Project) -> None:
    _, change, improved = study(project)
    with project.store.read() as s:
        shown = case_values(s)
    names = {c.id: c.name for c in project.cases.all()}
    assert {names[c]: v for (c, a), v in shown.items() if a == change} == {"P1": "7", "P2": "2"}
    assert {names[c]: v for (c, a), v in shown.items() if a == improved} == {"P1": "yes", "P2": "no"}


def test_a_code_by_ranges_of_a_computed_number(project: Project) -> None:
    code, change, _ = study(project)
    bins = attribute_bins(project, change, Method.CUTS, cuts=[5])
    assert bins.labels == ["2–4", "≥ 5", "(no value)"]
    table = Analysis(project).by_attribute([code], change, Measure.CODINGS, bins)
    assert table.columns == ("2–4", "≥ 5", "(no value)")
    assert [table.get(code, column) for column in table.columns] == [1, 1, 1]
