"""The demo study a newcomer sees first: three fictional agencies adopting strengths-based case management."""

from __future__ import annotations

from pathlib import Path

from .dto import AttributeType
from .errors import AxialError
from .importing import FilePlan, Importer
from .project import Project

# (file stem, case, role, site)
_PEOPLE = (
    ("Riverside - case manager CM-01", "CM-01", "case manager", "Riverside"),
    ("Hillcrest - supervisor SV-02", "SV-02", "supervisor", "Hillcrest"),
    ("Northgate - manager MG-03", "MG-03", "manager", "Northgate"),
)

# (code path, phrases in the transcripts it is applied to)
_CODINGS = (
    (("Workload", "Caseload size"), ("twenty-two people on my caseload", "caseloads went up")),
    (("Workload", "Paperwork"), ("Paperwork, mostly", "write two versions of the same person")),
    (("Supervision", "Group supervision"), ("Group supervision is the best hour of my week", "I protect that hour")),
    (("Staffing", "Turnover"), ("Turnover is the thing nobody puts in the implementation plan",)),
    (("Strengths practice", "Starting from what people want"), ("I start with what people want",)),
)


def build_demo(path: Path, demo_dir: Path) -> Project:
    """Create the demo project at `path` from the transcripts in `demo_dir` and return it open."""
    project = Project.create(path, name="Strengths model demo", coder="Demo coder")
    role = project.cases.define_attribute("Role", AttributeType.CHOICE, ("case manager", "supervisor", "manager"))
    site = project.cases.define_attribute("Site", AttributeType.CHOICE, ("Riverside", "Hillcrest", "Northgate"))
    plans = [FilePlan(demo_dir / f"{stem}.txt", case_names=(case,)) for stem, case, _, _ in _PEOPLE]
    report = Importer(project).run(plans)
    failed = [r.message for r in report.results if r.document_id is None]
    if failed:
        raise AxialError(f"The demo transcripts could not be imported ({'; '.join(failed)}); reinstall Axial.")
    cases = {case.name: case.id for case in project.cases.all()}
    project.cases.set_values(
        [
            (cases[case], attribute.id, value)
            for _, case, *values in _PEOPLE
            for attribute, value in zip((role, site), values, strict=True)
        ]
    )
    _apply_codes(project)
    return project


def _apply_codes(project: Project) -> None:
    texts = {doc.id: project.documents.text(doc.id) for doc in project.documents.all()}
    parents: dict[str, int] = {}
    for (category, name), phrases in _CODINGS:
        if category not in parents:
            parents[category] = project.codes.create(category, is_codable=False).id
        code = project.codes.create(name, parents[category])
        for phrase in phrases:
            for document_id, text in texts.items():
                start = text.find(phrase)
                if start >= 0:
                    project.codings.apply(document_id, code.id, start, start + len(phrase))
