"""The demo study a newcomer sees first: three fictional agencies adopting strengths-based case management."""

from __future__ import annotations

import re
from pathlib import Path

from .dto import AttributeType, NewDocument, NewTurn, SourceFile
from .project import Project
from .text import normalise

# The demo transcripts are ours and all use "Label: words" at the start of a paragraph.
_TURN = re.compile(r"^(?P<label>Interviewer|[A-Z]{2}-\d{2}):[ \t]*", re.MULTILINE)

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
    for stem, case_name, role_value, site_value in _PEOPLE:
        file = demo_dir / f"{stem}.txt"
        raw = file.read_bytes()
        text = normalise(raw.decode("utf-8"))
        case = project.cases.create(case_name)
        project.cases.set_value(case.id, role.id, role_value)
        project.cases.set_value(case.id, site.id, site_value)
        project.documents.add(
            NewDocument(
                name=stem,
                text=text,
                turns=_turns(text),
                source=SourceFile(file.name, "txt", raw),
                case_ids=(case.id,),
            )
        )
    _apply_codes(project)
    return project


def _turns(text: str) -> tuple[NewTurn, ...]:
    marks = list(_TURN.finditer(text))
    turns = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        turns.append(NewTurn(mark["label"], mark.start(), len(text[:end].rstrip())))
    return tuple(turns)


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
