"""Frequencies, co-occurrence and code-by-attribute: against brute force, with speakers as cases, with filters."""

from __future__ import annotations

import random

import pytest

from app.model.analysis.matrices import NO_VALUE, Analysis, Measure, Scope, Unit
from app.model.core.dto import AttributeType, NewCoding, NewDocument, NewTurn, Span
from app.model.project import Project


def _random_project(project: Project, seed: int = 5) -> list[int]:
    rng = random.Random(seed)
    codes = [project.codes.create(f"Code {i}").id for i in range(8)]
    for d in range(6):
        lines = [
            " ".join(rng.choice(["alpha", "beta", "gamma", "delta"]) for _ in range(rng.randint(5, 30)))
            for _ in range(20)
        ]
        text = "\n".join(lines)
        paragraphs, position = [], 0
        for line in lines:
            paragraphs.append(Span(position, position + len(line)))
            position += len(line) + 1
        turns = tuple(NewTurn("P1" if i % 2 else "I", p.start, p.end) for i, p in enumerate(paragraphs) if i % 3)
        doc = project.documents.add(NewDocument(name=f"D{d}", text=text, paragraphs=tuple(paragraphs), turns=turns))
        spans = set()
        while len(spans) < 60:
            start = rng.randrange(len(text) - 1)
            spans.add(NewCoding(doc.id, rng.choice(codes), start, min(len(text), start + rng.randint(1, 120))))
        project.codings.apply_many(list(spans))
    return codes


def test_overlap_cooccurrence_matches_brute_force(project: Project) -> None:
    codes = _random_project(project)
    matrix = Analysis(project).cooccurrence(codes, Unit.OVERLAP)
    codings = project.codings.for_codes(codes)
    for a in codes:
        for b in codes:
            if a == b:
                expected = sum(c.code_id == a for c in codings)
            else:
                expected = sum(
                    1
                    for x in codings
                    for y in codings
                    if x.code_id == a
                    and y.code_id == b
                    and x.document_id == y.document_id
                    and x.start < y.end
                    and y.start < x.end
                )
            assert matrix.pair(a, b) == expected, (a, b)


@pytest.mark.parametrize("unit", [Unit.PARAGRAPH, Unit.TURN])
def test_unit_cooccurrence_matches_brute_force(project: Project, unit: Unit) -> None:
    codes = _random_project(project, seed=11)
    matrix = Analysis(project).cooccurrence(codes, unit)
    codings = project.codings.for_codes(codes)
    units = []
    for doc in project.documents.all():
        spans = project.documents.paragraphs(doc.id) if unit is Unit.PARAGRAPH else project.documents.turns(doc.id)
        units += [(doc.id, s.start, s.end) for s in spans if s.end > s.start]
    holding = [{c.code_id for c in codings if c.document_id == d and c.start < e and s < c.end} for d, s, e in units]
    for a in codes:
        for b in codes:
            expected = sum(1 for held in holding if a in held and b in held)
            assert matrix.pair(a, b) == expected, (a, b)


def _focus_group(project: Project) -> dict[str, int]:
    role = project.cases.define_attribute("Role", AttributeType.CHOICE, ["case manager", "supervisor"])
    site = project.cases.define_attribute("Site", AttributeType.TEXT)
    people = {}
    for name, role_value, site_value in (
        ("CM-07", "case manager", "A"),
        ("SV-02", "supervisor", "B"),
        ("Agency B", None, "B"),
    ):
        people[name] = project.cases.create(name).id
        if role_value:
            project.cases.set_value(people[name], role.id, role_value)
        project.cases.set_value(people[name], site.id, site_value)
    text = "Facilitator: Tell us.\nP3: Caseloads are heavy.\nP5: Supervision helps.\nP3: And supervision too."
    turns = tuple(
        NewTurn(label, text.index(words), text.index(words) + len(words))
        for label, words in (
            ("Facilitator", "Tell us."),
            ("P3", "Caseloads are heavy."),
            ("P5", "Supervision helps."),
            ("P3", "And supervision too."),
        )
    )
    document = project.documents.add(
        NewDocument(
            name="FG",
            text=text,
            turns=turns,
            case_ids=(people["Agency B"],),
            speaker_cases=(("P3", people["CM-07"]), ("P5", people["SV-02"])),
        )
    )
    people.update(document=document.id, role=role.id, site=site.id)
    return people


def test_speakers_count_as_their_own_cases_in_attribute_views(project: Project) -> None:
    ids = _focus_group(project)
    supervision = project.codes.create("Supervision")
    workload = project.codes.create("Workload")
    text = project.documents.text(ids["document"])
    for code, words in (
        (workload.id, "Caseloads"),
        (supervision.id, "Supervision helps"),
        (supervision.id, "supervision too"),
        (workload.id, "Tell us"),
    ):
        start = text.index(words)
        project.codings.apply(ids["document"], code, start, start + len(words))
    analysis = Analysis(project)
    by_role = analysis.by_attribute([supervision.id, workload.id], ids["role"])
    assert by_role.columns == ("case manager", "supervisor", NO_VALUE)
    assert (by_role.get(supervision.id, "case manager"), by_role.get(supervision.id, "supervisor")) == (1, 1)
    assert by_role.get(workload.id, "case manager") == 1
    assert by_role.get(workload.id, NO_VALUE) == 1  # the facilitator is not mapped: the document's case, no role
    by_site_cases = analysis.by_attribute([supervision.id], ids["site"], Measure.CASES)
    assert (by_site_cases.get(supervision.id, "A"), by_site_cases.get(supervision.id, "B")) == (1, 1)
    frequencies = analysis.frequencies([supervision.id, workload.id], split_by=ids["role"])
    assert [
        frequencies.get(supervision.id, c) for c in ("codings", "documents", "cases", "case manager", "supervisor")
    ] == [2, 1, 2, 1, 1]


def test_scope_filters_by_attribute_document_and_coder(project: Project) -> None:
    ids = _focus_group(project)
    code = project.codes.create("Supervision")
    text = project.documents.text(ids["document"])
    for words in ("Supervision helps", "supervision too"):
        start = text.index(words)
        project.codings.apply(ids["document"], code.id, start, start + len(words))
    supervisors = Scope(attribute_values=((ids["role"], frozenset({"supervisor"})),))
    assert Analysis(project, supervisors).frequencies([code.id]).get(code.id, "codings") == 1
    assert Analysis(project, Scope(document_ids=frozenset({999}))).codings == []
    assert (
        Analysis(project, Scope(coder_ids=frozenset({project.store.coder_id or 0})))
        .frequencies([code.id])
        .get(code.id, "codings")
        == 2
    )
    assert (
        Analysis(project, Scope(case_ids=frozenset({ids["CM-07"]}))).frequencies([code.id]).get(code.id, "codings") == 1
    )


def test_a_category_counts_everything_filed_under_it(project: Project) -> None:
    doc = project.documents.add(NewDocument(name="A", text="one two three four"))
    category = project.codes.create("Workload", is_codable=False)
    a = project.codes.create("Caseload", category.id)
    b = project.codes.create("Paperwork", category.id)
    project.codings.apply(doc.id, a.id, 0, 3)
    project.codings.apply(doc.id, b.id, 8, 13)
    other = project.codes.create("Other")
    project.codings.apply(doc.id, other.id, 2, 10)
    matrix = Analysis(project).cooccurrence([category.id, other.id])
    assert matrix.pair(category.id, category.id) == 2
    assert matrix.pair(category.id, other.id) == 2


def test_the_excerpts_behind_a_cell_are_the_ones_counted(project: Project) -> None:
    codes = _random_project(project, seed=3)
    analysis = Analysis(project)
    for unit in Unit:
        matrix = analysis.cooccurrence(codes[:3], unit)
        for a in codes[:3]:
            for b in codes[:3]:
                behind = analysis.codings_together(a, b, unit)
                assert (len(behind) > 0) == (matrix.pair(a, b) > 0), (unit, a, b)
                assert all(c.code_id == a for c in behind)
