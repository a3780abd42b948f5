"""Study 3 in small, shared by the filter tests: a focus group and an interview (the interview in the set 'Wave 2'),
speakers made cases with pre and post scores, `Change = Post - Pre` computed (P1 7, P2 2, P3 none, P4 8), and every
answer coded Supervision."""

from __future__ import annotations

from app.model.core.dto import AttributeType, NewDocument
from app.model.project import Project
from tests.unit.refi_projects import turns_of

GROUP = "Facilitator: Tell us.\nP1: Supervision helps.\nP2: Supervision is rare.\nP3: Supervision and training."
INTERVIEW = "Interviewer: And you?\nP4: Supervision keeps me going."
SCORES = {"P1": (3, 10), "P2": (4, 6), "P3": (2, None), "P4": (1, 9)}


def fill_small_study(project: Project) -> int:
    """Fill an empty project with the small study; returns the Supervision code's id."""
    edits = project.edits
    group = project.documents.add(NewDocument("Focus group", GROUP, turns=turns_of(GROUP)))
    interview = project.documents.add(NewDocument("Interview P4", INTERVIEW, turns=turns_of(INTERVIEW)))
    edits.cases_from_speakers()
    pre, post = (
        edits.define_attribute("Pre", AttributeType.NUMBER),
        edits.define_attribute("Post", AttributeType.NUMBER),
    )
    cases = {c.name: c.id for c in project.cases.all()}
    values = [(cases[n], pre.id, a) for n, (a, _) in SCORES.items()]
    values += [(cases[n], post.id, b) for n, (_, b) in SCORES.items() if b is not None]
    edits.set_attribute_values(values)
    edits.define_attribute("Change", AttributeType.NUMBER, formula="Post - Pre")
    edits.create_set("Wave 2", [interview.id])
    code = edits.create_code("Supervision")
    for document, text in ((group, GROUP), (interview, INTERVIEW)):
        for line in text.split("\n")[1:]:
            start = text.index(line) + line.index(": ") + 2
            edits.apply_coding(document.id, code.id, start, start + len(line) - line.index(": ") - 2)
    return code.id
