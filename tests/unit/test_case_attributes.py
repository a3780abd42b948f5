"""Typed and computed attributes, retyping, choices, merging cases and speakers made cases: each one undoable step."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

import pytest

from app.model.cases.computed import sheet
from app.model.cases.retype import misfits
from app.model.core.dto import AttributeType, NewDocument
from app.model.core.errors import ValidationError
from app.model.project import Project
from tests.conftest import table_dump
from tests.unit.refi_projects import turns_of

NUMBER, BOOLEAN, TEXT, CHOICE, DATE = (
    AttributeType.NUMBER, AttributeType.BOOLEAN, AttributeType.TEXT, AttributeType.CHOICE, AttributeType.DATE,
)  # fmt: skip


def undoable(project: Project, edit: Callable[[], object]) -> None:
    """The edit changes the stored study, and undo gives back exactly what was there; redo does it again."""
    before = table_dump(project.path)
    edit()
    after = table_dump(project.path)
    assert after != before
    assert project.history.undo() is not None
    assert table_dump(project.path) == before
    assert project.history.redo() is not None
    assert table_dump(project.path) == after


@pytest.fixture
def prepost(project: Project) -> Project:
    """Study 3's shape: participants with pre and post scores."""
    edits = project.edits
    pre = edits.define_attribute("Pre", NUMBER)
    post = edits.define_attribute("Post", NUMBER)
    scores = {"P01": (3, 10), "P02": (4, 6), "P03": (2, None), "P04": (7, 12)}
    for name, (before, after) in scores.items():
        case = edits.create_case(name)
        edits.set_attribute_value(case.id, pre.id, before)
        if after is not None:
            edits.set_attribute_value(case.id, post.id, after)
    return project


def column(project: Project, name: str) -> dict[str, object]:
    shown = sheet(project)
    attribute = next(a for a in shown.attributes if a.name == name)
    return {c.name: shown.value(c.id, attribute.id) for c in shown.cases}


def test_computed_attributes_follow_their_inputs(prepost: Project) -> None:
    prepost.edits.define_attribute("Change", NUMBER, formula="Post - Pre")
    prepost.edits.define_attribute("Improved", BOOLEAN, formula="Change >= 5")
    assert column(prepost, "Change") == {"P01": 7, "P02": 2, "P03": None, "P04": 5}
    assert column(prepost, "Improved") == {"P01": True, "P02": False, "P03": None, "P04": True}
    p03 = prepost.cases.find("P03")
    post = next(a for a in prepost.cases.attributes() if a.name == "Post")
    assert p03 is not None
    prepost.edits.set_attribute_value(p03.id, post.id, 9)
    assert column(prepost, "Change")["P03"] == 7
    assert column(prepost, "Improved")["P03"] is True


def test_computed_values_match_direct_computation_on_generated_data(project: Project) -> None:
    rng = random.Random(3)
    edits = project.edits
    names = ["Fidelity 0m", "Fidelity 12m", "Sites"]
    ids = {name: edits.define_attribute(name, NUMBER).id for name in names}
    expected: dict[str, tuple[float | None, bool | None]] = {}
    values = []
    for index in range(40):
        case = edits.create_case(f"Site {index}")
        given = {name: rng.choice([None, float(rng.randint(-20, 20))]) for name in names}
        values += [(case.id, ids[name], v) for name, v in given.items() if v is not None]
        base, later, sites = given["Fidelity 0m"], given["Fidelity 12m"], given["Sites"]
        ratio = None if None in (base, later, sites) or sites == 0 else (later - base) / sites  # type: ignore[operator]
        expected[case.name] = (ratio, None if ratio is None else ratio > 1)
    edits.set_attribute_values(values)
    edits.define_attribute("Gain per site", NUMBER, formula="(Fidelity 12m - Fidelity 0m) / Sites")
    edits.define_attribute("Big gain", BOOLEAN, formula="Gain per site > 1")
    gains, big = column(project, "Gain per site"), column(project, "Big gain")
    assert {name: (gains[name], big[name]) for name in expected} == expected


def test_a_formula_naming_an_unknown_attribute_or_going_round_is_refused_and_leaves_nothing(prepost: Project) -> None:
    before = table_dump(prepost.path)
    with pytest.raises(ValidationError, match="'Salary', which is not an attribute"):
        prepost.edits.define_attribute("Change", NUMBER, formula="Salary - Pre")
    with pytest.raises(ValidationError, match="gives yes/no, but 'Change' is a number"):
        prepost.edits.define_attribute("Change", NUMBER, formula="Post > Pre")
    assert table_dump(prepost.path) == before
    change = prepost.edits.define_attribute("Change", NUMBER, formula="Post - Pre")
    double = prepost.edits.define_attribute("Double", NUMBER, formula="Change * 2")
    with pytest.raises(ValidationError, match="circle: Change → Double → Change"):
        prepost.edits.set_formula(change.id, "Double - 1")
    with pytest.raises(ValidationError, match="cannot use 'Double' itself"):
        prepost.edits.set_formula(double.id, "Double + 1")
    p01 = prepost.cases.find("P01")
    assert p01 is not None
    with pytest.raises(ValidationError, match="computed from its formula"):
        prepost.edits.set_attribute_value(p01.id, change.id, 4)


def test_setting_and_clearing_a_formula_is_undoable(prepost: Project) -> None:
    post = next(a for a in prepost.cases.attributes() if a.name == "Post")
    undoable(prepost, lambda: prepost.edits.define_attribute("Change", NUMBER, formula="Post - Pre"))
    # Making a typed attribute computed drops its typed values; undo brings them back.
    undoable(prepost, lambda: prepost.edits.set_formula(post.id, "Pre * 2"))
    prepost.edits.set_formula(post.id, "Pre * 2")
    assert column(prepost, "Post")["P02"] == 8
    undoable(prepost, lambda: prepost.edits.set_formula(post.id, ""))


def test_retyping_converts_every_value_or_refuses_with_the_ones_that_do_not(prepost: Project) -> None:
    edits = prepost.edits
    role = edits.define_attribute("Role", TEXT)
    ids = {c.name: c.id for c in prepost.cases.all()}
    edits.set_attribute_values(
        [(ids["P01"], role.id, "nurse"), (ids["P02"], role.id, "12"), (ids["P03"], role.id, "3")]
    )
    before = table_dump(prepost.path)
    with pytest.raises(ValidationError) as refused:
        edits.retype_attribute(role.id, NUMBER)
    assert "1 of its values is not a number (P01: 'nurse')" in str(refused.value)
    assert table_dump(prepost.path) == before
    assert [(m.case, m.value) for m in misfits(prepost, role.id, NUMBER)] == [("P01", "nurse")]
    edits.set_attribute_value(ids["P01"], role.id, "4,5")
    undoable(prepost, lambda: edits.retype_attribute(role.id, NUMBER))
    edits.retype_attribute(role.id, NUMBER)
    assert column(prepost, "Role") == {"P01": 4.5, "P02": 12, "P03": 3, "P04": None}
    with pytest.raises(ValidationError, match="not yes or no"):
        edits.retype_attribute(role.id, BOOLEAN)
    undoable(prepost, lambda: edits.retype_attribute(role.id, TEXT))


def test_retyping_to_a_choice_offers_the_values_held_and_choices_can_be_edited(prepost: Project) -> None:
    edits = prepost.edits
    site = edits.define_attribute("Site", TEXT)
    ids = {c.name: c.id for c in prepost.cases.all()}
    edits.set_attribute_values([(ids["P01"], site.id, "Site 10"), (ids["P02"], site.id, "Site 2")])
    made = edits.retype_attribute(site.id, CHOICE)
    assert made.choices == ("Site 2", "Site 10")
    undoable(prepost, lambda: edits.set_choices(site.id, ["Site 10", "Site 2", "Site 3"]))
    with pytest.raises(ValidationError, match=r"not one of Site 2, Site 3 \(P01: 'Site 10'\)"):
        edits.set_choices(site.id, ["Site 2", "Site 3"])
    with pytest.raises(ValidationError, match="not a choice"):
        edits.set_choices(next(a.id for a in prepost.cases.attributes() if a.name == "Pre"), ["a"])


def test_retyping_an_input_a_formula_needs_as_a_number_is_refused(prepost: Project) -> None:
    prepost.edits.define_attribute("Change", NUMBER, formula="Post - Pre")
    pre = next(a for a in prepost.cases.attributes() if a.name == "Pre")
    with pytest.raises(ValidationError, match="- needs a number, not text"):
        prepost.edits.retype_attribute(pre.id, TEXT)


def test_dates_convert_and_compute(project: Project) -> None:
    edits = project.edits
    start = edits.define_attribute("Start", TEXT)
    end = edits.define_attribute("End", DATE)
    case = edits.create_case("P01")
    edits.set_attribute_values([(case.id, start.id, "2024-01-01"), (case.id, end.id, date(2024, 2, 1))])
    edits.retype_attribute(start.id, DATE)
    edits.define_attribute("Days", NUMBER, formula="End - Start")
    assert column(project, "Days") == {"P01": 31}


def test_cases_are_created_renamed_merged_and_deleted_undoably(prepost: Project) -> None:
    edits = prepost.edits
    ids = {c.name: c.id for c in prepost.cases.all()}
    edits.create_case("P03b")
    edits.merge_cases([ids["P03"]], prepost.cases.find("P03b").id)  # type: ignore[union-attr]
    assert column(prepost, "Post")["P03b"] is None  # P03 had no post score
    assert column(prepost, "Pre")["P03b"] == 2  # its pre score came along
    edits.merge_cases([ids["P04"]], ids["P01"])
    assert column(prepost, "Pre")["P01"] == 3  # the target's own value wins
    assert column(prepost, "Post")["P01"] == 10
    assert "P04" not in column(prepost, "Pre")
    undoable(prepost, lambda: edits.create_case("P05"))
    undoable(prepost, lambda: edits.rename_case(ids["P01"], "P01 (pilot)"))
    undoable(prepost, lambda: edits.merge_cases([ids["P02"]], ids["P01"]))
    undoable(prepost, lambda: edits.delete_case(ids["P01"]))


def test_every_speaker_becomes_a_case_but_interviewers(project: Project) -> None:
    texts = {
        "Focus group": "Facilitator: Welcome.\nP1: Hello.\nP2: Hi.\nModerator 2: Go on.\n",
        "Interview 1": "Interviewer: How?\nP1: Well.\n",
        "Interview 2": "I: Why?\nQ: Sure?\nDr Ames: Because.\n",
        "Otter export": "INT: And then?\nDr Ames: Then we met.\n",  # Otter writes INT for the interviewer
    }
    for name, text in texts.items():
        project.documents.add(NewDocument(name, text, turns=turns_of(text.rstrip("\n"))))
    undoable(project, lambda: project.edits.cases_from_speakers())
    project.history.undo()
    made = project.edits.cases_from_speakers()
    assert sorted(made.created) == ["Dr Ames", "P1", "P2"]
    assert made.mapped == 5  # P1 twice, P2, Dr Ames twice
    assert made.skipped == ("Facilitator", "I", "INT", "Interviewer", "Moderator 2", "Q")
    names = project.cases.names()
    mapped = {(s.label, names.get(s.case_id or 0)) for s in project.documents.speakers() if s.case_id}
    assert mapped == {("P1", "P1"), ("P2", "P2"), ("Dr Ames", "Dr Ames")}
    again = project.edits.cases_from_speakers()
    assert again.created == ()
    assert again.mapped == 0
    with pytest.raises(ValidationError, match="not a valid pattern"):
        project.edits.cases_from_speakers("(")


def test_a_computed_attribute_keeps_the_type_its_formula_gives(prepost: Project) -> None:
    change = prepost.edits.define_attribute("Change", NUMBER, formula="Post - Pre")
    before = table_dump(prepost.path)
    with pytest.raises(ValidationError, match="gives a number, but 'Change' is yes/no"):
        prepost.edits.retype_attribute(change.id, BOOLEAN)
    assert table_dump(prepost.path) == before
