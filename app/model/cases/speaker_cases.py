"""Make every speaker a case in one step: each label that is not the interviewer's becomes (or joins) the case named
after it, so what P3 says counts for P3 in every analysis."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.model.core.errors import ValidationError
from app.model.project import Project

# Who asks rather than answers, by default: Interviewer, Facilitator, Moderator, Researcher and the short forms
# transcribers use (Int, IV, I, Q; Otter exports write INT), numbered too. The rule is a parameter, since a study
# may name its interviewers otherwise.
INTERVIEWERS = r"(interviewer|facilitator|moderator|researcher|int\.?|iv|i|q)([ \-]?\d{1,3})?"


@dataclass(frozen=True)
class SpeakerCases:
    created: tuple[str, ...]  # new cases, by name
    mapped: int  # speaker labels (one per document) now mapped to a case
    skipped: tuple[str, ...]  # labels the interviewer rule left out


def cases_from_speakers(project: Project, interviewers: str = INTERVIEWERS) -> SpeakerCases:
    """Map every unmapped speaker to the case with its label, creating the cases that do not exist; speakers whose
    whole label matches `interviewers` (ignoring case) are left alone."""
    try:
        rule = re.compile(interviewers, re.IGNORECASE)
    except re.error as error:
        raise ValidationError(f"The interviewer rule {interviewers!r} is not a valid pattern: {error}.") from None
    existing = {c.name: c.id for c in project.cases.all()}
    created: list[str] = []
    skipped: set[str] = set()
    mapped = 0
    with project.store.write("make every speaker a case"):
        for speaker in project.documents.speakers():
            label = " ".join(speaker.label.split())
            if speaker.case_id is not None or not label:
                continue
            if rule.fullmatch(label):
                skipped.add(label)
                continue
            if label not in existing:
                existing[label] = project.cases.create(label).id
                created.append(label)
            project.documents.map_speaker(speaker.id, existing[label])
            mapped += 1
    return SpeakerCases(tuple(created), mapped, tuple(sorted(skipped)))
