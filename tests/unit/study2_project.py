"""Study 2's shape, small: nine settings with fidelity at baseline and 12 months (and the change, computed), one
interview per setting coded onto CFIR 2.0 constructs, a rating unit per setting, and a few ratings.

Shared by the domain tests, the desktop tests and the screenshots of the framework matrix.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.model.core.dto import AttributeType, NewDocument
from app.model.frameworks import definitions
from app.model.frameworks.ratings_matrix import units_from_attribute
from app.model.project import Project
from tests.unit.refi_projects import turns_of

# Setting, baseline fidelity, fidelity at 12 months. Ordered by the change they are: 40, 35, 30, 25, 20 | 15, ...
SITES = (
    ("Riverside", 40, 80),
    ("Northumberland Community Mental Health", 30, 65),
    ("Eastgate", 50, 80),
    ("Hillcrest", 45, 70),
    ("Lakeview", 35, 55),
    ("Westmoor", 50, 65),
    ("Southbank", 60, 70),
    ("Oakfield", 55, 60),
    ("Pinecrest", 70, 70),
)
# Access to Knowledge & Information, rated in the order above: the monotone pattern with a 0/0 tie at the cut.
KNOWLEDGE = ("+2", "+2", "+1", "+1", "0", "0", "-1", "-2", "-2")

TEXT = (
    "Interviewer: How did the training go?\n"
    "Nurse: The training at {site} was hands-on and we could ask the trainers anything.\n"
    "Interviewer: And the managers?\n"
    "Manager: Senior leaders at {site} came to every huddle in the first month.\n"
    "Nurse: Staffing was short all winter, so the new checklist slipped.\n"
)


@dataclass(frozen=True)
class Study2:
    framework_id: int
    site_attribute: int
    baseline: int
    month12: int
    change: int
    units: dict[str, int]  # site → rating unit id
    constructs: dict[str, int]  # official id → construct id
    codes: dict[str, int]


def build_study2(project: Project) -> Study2:
    cfir = definitions.install(project, "cfir-2022")
    constructs = {n.official_id: n.id for n in project.frameworks.nodes(cfir.id) if n.official_id}
    site = project.cases.define_attribute("Site", AttributeType.TEXT)
    baseline = project.cases.define_attribute("Fidelity baseline", AttributeType.NUMBER)
    month12 = project.cases.define_attribute("Fidelity 12 months", AttributeType.NUMBER)
    change = project.edits.define_attribute(
        "Change", AttributeType.NUMBER, formula="[Fidelity 12 months] - [Fidelity baseline]"
    )
    codes = {
        name: project.codes.create(name).id for name in ("Training", "Leadership engagement", "Staffing shortfalls")
    }
    for code, construct in (("Training", "III.K"), ("Leadership engagement", "IV.A"), ("Staffing shortfalls", "III.J")):
        project.frameworks.map_code(codes[code], constructs[construct])
    for name, before, after in SITES:
        case = project.cases.create(f"{name} team")
        project.cases.set_value(case.id, site.id, name)
        project.cases.set_value(case.id, baseline.id, float(before))
        project.cases.set_value(case.id, month12.id, float(after))
        text = TEXT.format(site=name)
        document = project.documents.add(
            NewDocument(f"{name} interview", text, turns=turns_of(text), case_ids=(case.id,))
        )
        for code, phrase in (
            ("Training", f"The training at {name} was hands-on"),
            ("Leadership engagement", f"Senior leaders at {name} came to every huddle"),
            ("Staffing shortfalls", "Staffing was short all winter"),
            ("Training", "we could ask the trainers anything"),
        ):
            start = text.index(phrase)
            project.codings.apply(document.id, codes[code], start, start + len(phrase))
    units = {u.label: u.id for u in units_from_attribute(project, site.id)}
    for (name, _, _), value in zip(SITES, KNOWLEDGE, strict=True):
        project.frameworks.set_rating(units[name], constructs["III.K"], value, f"What {name} said about training.")
    return Study2(cfir.id, site.id, baseline.id, month12.id, change.id, units, constructs, codes)
