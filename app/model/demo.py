"""The demo study a newcomer sees first: three fictional agencies adopting strengths-based case management."""

from __future__ import annotations

from pathlib import Path

from app.model.core.dto import AttributeType, DocumentKind, NewCoding
from app.model.core.errors import AxialError
from app.model.documents.importing import FilePlan, Importer
from app.model.frameworks.definitions import install
from app.model.project import Project

# (file stem, case, role, site); the focus group's speakers are cases of their own
_PEOPLE = (
    ("Riverside - case manager CM-01", "CM-01", "case manager", "Riverside"),
    ("Riverside - supervisor SV-01", "SV-01", "supervisor", "Riverside"),
    ("Hillcrest - supervisor SV-02", "SV-02", "supervisor", "Hillcrest"),
    ("Hillcrest - case manager CM-04", "CM-04", "case manager", "Hillcrest"),
    ("Hillcrest - manager MG-06", "MG-06", "manager", "Hillcrest"),
    ("Northgate - manager MG-03", "MG-03", "manager", "Northgate"),
    ("Northgate - case manager CM-05", "CM-05", "case manager", "Northgate"),
)
_FOCUS_GROUP = "Riverside - focus group FG-1"
_FOCUS_GROUP_MEMBERS = (("CM-01", "case manager"), ("CM-07", "case manager"), ("CM-08", "case manager"))

# A fidelity scale's total per site at 12 months (fictional), read against the interviews as in the IMR study.
_FIDELITY = {"Northgate": 4.6, "Riverside": 3.9, "Hillcrest": 2.8}

# (category, code, phrases it is applied to wherever they occur)
_CODINGS = (
    ("Workload", "Caseload size", (
        "twenty-two people on my caseload", "caseloads went up", "My caseload is twenty-eight",
        "lowered it to twenty", "Twenty-five is too many",
    )),
    ("Workload", "Paperwork", ("Paperwork, mostly", "two versions of", "Fewer forms")),
    ("Supervision", "Group supervision", (
        "Group supervision is the best hour of my week", "I protect that hour", "Group supervision, every time",
        "Weekly, ninety minutes",
    )),
    ("Supervision", "Learning from colleagues", (
        "learned it from my colleagues", "New staff pick it up faster", "I ask CM-01 what she'd try",
    )),
    ("Staffing", "Turnover", ("Turnover is the thing", "Every time someone left")),
    ("Leadership", "Leadership engagement", ("leadership came to the kickoff", "She sat in on two sessions")),
    ("Strengths practice", "Starting from what people want", (
        "I start with what people want", "the first question is what the person wants",
    )),
    ("Strengths practice", "Goals beyond symptoms", (
        "goals that aren't about symptoms", "enrolled in a welding course", "joined one at her church",
    )),
)  # fmt: skip

# What a team's codebook says about each code: (definition, include when, exclude when)
_DEFINITIONS = {
    "Workload": ("How much work case managers carry and what takes their time.", "", ""),
    "Caseload size": (
        "The number of people a case manager works with, and what staff say about it.",
        "Numbers, changes to caseloads, judgements that a caseload is too large or manageable.",
        "Time spent on paperwork (code Paperwork).",
    ),
    "Paperwork": (
        "Forms, records and reporting that take time away from the people served.",
        "Duplicate forms, documentation demands, attempts to reduce them.",
        "",
    ),
    "Supervision": ("How practice is supported and reviewed by supervisors and peers.", "", ""),
    "Group supervision": (
        "Regular group meetings where case managers bring cases for strengths-based review.",
        "How often groups meet, how they are protected, what staff value in them.",
        "One-to-one supervision.",
    ),
    "Learning from colleagues": (
        "Practice knowledge passed between staff outside formal training.",
        "",
        "Formal training sessions.",
    ),
    "Staffing": ("Who is in post and how that changes.", "", ""),
    "Turnover": ("Staff leaving and its effect on the model.", "Departures, vacancies, training new staff.", ""),
    "Leadership": ("What leaders do and say about the model.", "", ""),
    "Leadership engagement": (
        "Leaders taking part in implementation: attending, sponsoring, protecting time.",
        "",
        "Leaders' general management style.",
    ),
    "Strengths practice": ("The strengths model as case managers practise it.", "", ""),
    "Starting from what people want": (
        "Beginning work from the person's own aspirations rather than the service's plan.",
        "",
        "",
    ),
    "Goals beyond symptoms": (
        "Goals about work, learning, faith or relationships rather than symptom reduction.",
        "",
        "",
    ),
}


def build_demo(path: Path, demo_dir: Path) -> Project:
    """Create the demo project at `path` from the transcripts in `demo_dir` and return it open."""
    project = Project.create(path, name="Strengths model demo", coder="Demo coder")
    role = project.cases.define_attribute("Role", AttributeType.CHOICE, ("case manager", "supervisor", "manager"))
    site = project.cases.define_attribute("Site", AttributeType.CHOICE, ("Riverside", "Hillcrest", "Northgate"))
    fidelity = project.cases.define_attribute("Site fidelity at 12 months", AttributeType.NUMBER)
    plans = [FilePlan(demo_dir / f"{stem}.txt", case_names=(case,)) for stem, case, _, _ in _PEOPLE]
    members = {name: name for name, _ in _FOCUS_GROUP_MEMBERS}
    plans.append(FilePlan(demo_dir / f"{_FOCUS_GROUP}.txt", kind=DocumentKind.FOCUS_GROUP, speaker_cases=members))
    report = Importer(project).run(plans)
    failed = [r.message for r in report.results if r.document_id is None]
    if failed:
        raise AxialError(f"The demo transcripts could not be imported ({'; '.join(failed)}); reinstall Axial.")
    cases = {case.name: case.id for case in project.cases.all()}
    people = [(case, role_value, site_value) for _, case, role_value, site_value in _PEOPLE]
    people += [(case, role_value, "Riverside") for case, role_value in _FOCUS_GROUP_MEMBERS if case != "CM-01"]
    project.cases.set_values(
        [
            (cases[case], attribute.id, value)
            for case, *values in people
            for attribute, value in zip((role, site), values, strict=True)
        ]
        + [(cases[case], fidelity.id, _FIDELITY[site_value]) for case, _, site_value in people]
    )
    _apply_codes(project)
    install(project, "cfir-2022")  # as every new project; mapping the codes is left to the researcher
    return project


def _apply_codes(project: Project) -> None:
    texts = {doc.id: project.documents.text(doc.id) for doc in project.documents.all()}
    parents: dict[str, int] = {}
    spans = []
    for category, name, phrases in _CODINGS:
        if category not in parents:
            parents[category] = project.codes.create(category, is_codable=False).id
            _define(project, parents[category], category)
        code = project.codes.create(name, parents[category])
        _define(project, code.id, name)
        for phrase in phrases:
            for document_id, text in texts.items():
                start = text.find(phrase)
                if start >= 0:
                    spans.append(NewCoding(document_id, code.id, start, start + len(phrase)))
    project.codings.apply_many(spans, action="code the demo study")


def _define(project: Project, code_id: int, name: str) -> None:
    definition, inclusion, exclusion = _DEFINITIONS[name]
    project.codes.set_details(code_id, definition=definition, inclusion=inclusion, exclusion=exclusion)


# How the demo team might map its codes onto CFIR 2.0; the Supervision category brings both its codes along.
_CFIR_MAPPINGS = (
    ("Caseload size", "III.A.3"),
    ("Turnover", "III.A.3"),
    ("Supervision", "III.K"),
    ("Leadership engagement", "IV.A"),
    ("Starting from what people want", "III.D.1"),
    ("Goals beyond symptoms", "III.I"),
)


def map_to_cfir(project: Project) -> None:
    """Map the demo's codes as its team might (for the screenshots and tests of framework views); Paperwork stays."""
    framework_id = project.frameworks.default_id()
    if framework_id is None:
        raise AxialError("The demo project has no framework to map onto.")
    nodes = {n.official_id: n.id for n in project.frameworks.nodes(framework_id)}
    codes = {n.code.name: n.code.id for n in project.codes.tree()}
    project.frameworks.map_many([(codes[code], nodes[official]) for code, official in _CFIR_MAPPINGS])
