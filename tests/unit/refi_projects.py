"""Projects the REFI-QDA tests export and read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.model.core.dto import AttributeType, MemoTarget, NewDocument, NewTurn
from app.model.documents.importing import FilePlan, Importer
from app.model.project import Project

# --- a project with everything the format can carry --------------------------------------------------------

TEXTS = {
    "Emoji and CJK": "P1: Supervision 😀 helps. 我们的督导很好。\nP2: The caseload 😀😀 is heavy.\n",
    "Right to left": "P3: עבודה קשה מאוד, ההדרכה עוזרת\nP4: العمل صعب جدا\n",
    "Plain": "Interviewer: How is it?\nCM-01: Fine, mostly.\n",
}


def turns_of(text: str) -> tuple[NewTurn, ...]:
    turns, position = [], 0
    for line in text.split("\n"):
        label = line.partition(": ")[0]
        if line:
            turns.append(NewTurn(label, position + len(label) + 2, position + len(line)))
        position += len(line) + 1
    return tuple(turns)


def build_rich(project: Project, tmp_path: Path) -> Project:
    """Codes in a tree with definitions and colours, codings after astral characters, a transcript that came in
    with CRLF line endings, cases with variables of every type, memos on everything, relations."""
    windows = tmp_path / "Windows transcript.txt"
    windows.write_bytes("Interviewer: Tell me.\r\nP5: Supervision 😀 is weekly.\r\n".encode())
    Importer(project).run([FilePlan(windows)])
    documents = {
        name: project.documents.add(NewDocument(name, text, turns=turns_of(text))) for name, text in TEXTS.items()
    }
    workload = project.codes.create("Workload", is_codable=False)
    caseload = project.codes.create("Caseload", workload.id)
    supervision = project.codes.create("Supervision")
    feeling = project.codes.create("Feelings « & » <tags>", workload.id)
    project.codes.set_details(
        caseload.id, definition="How many people.", inclusion="Numbers.", exclusion="Paperwork.", example="28 people"
    )
    project.codes.recolour(supervision.id, "#12AB9F")
    for name, code, phrase in (
        ("Emoji and CJK", supervision, "Supervision 😀 helps"),
        ("Emoji and CJK", caseload, "caseload 😀😀 is heavy"),
        ("Emoji and CJK", supervision, "督导很好"),
        ("Right to left", feeling, "ההדרכה עוזרת"),
        ("Right to left", feeling, "العمل صعب"),
        ("Plain", caseload, "Fine, mostly."),
    ):
        start = TEXTS[name].index(phrase)
        project.codings.apply(
            documents[name].id, code.id, start, start + len(phrase), memo="memo 😀" if code == caseload else ""
        )
    role = project.cases.define_attribute("Role", AttributeType.CHOICE, ("case manager", "supervisor"))
    score = project.cases.define_attribute("Fidelity", AttributeType.NUMBER)
    since = project.cases.define_attribute("Since", AttributeType.DATE)
    lead = project.cases.define_attribute("Lead", AttributeType.BOOLEAN)
    note = project.cases.define_attribute("Note", AttributeType.TEXT)
    case = project.cases.create("CM-01", "A case manager at Riverside")
    project.documents.set_cases(documents["Plain"].id, [case.id])
    for attribute, value in (
        (role, "case manager"),
        (score, 4.5),
        (since, date(2024, 3, 1)),
        (lead, True),
        (note, "ok"),
    ):
        project.cases.set_value(case.id, attribute.id, value)
    project.memos.add(MemoTarget(), "Plan", "The project memo")
    project.memos.add(MemoTarget(code_id=caseload.id), "On caseload", "Code memo")
    project.memos.add(MemoTarget(document_id=documents["Plain"].id), "Context", "Document memo")
    transcript = next(d for d in project.documents.all() if d.name.startswith("Windows"))
    start = project.documents.text(transcript.id).index("is weekly")
    project.codings.apply(transcript.id, supervision.id, start, start + len("is weekly"))
    kinds = {t.name: t.id for t in project.relations.types()}
    project.relations.create(caseload.id, supervision.id, kinds["is cause of"], memo="Caseload drives supervision")
    return project
