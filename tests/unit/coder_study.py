"""A two-coder study on a real transcript (BSR01, Otter, de-identified): Maya Brooks and Sam Okafor each coded
the same interview; both used "Sharing data", only Sam used "Consent"."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.model.documents.importing import FilePlan
from app.model.project import Project

BSR01 = Path(__file__).parents[1] / "data" / "transcripts" / "otter_deidentified" / "BSR01 interview.txt"
MAYA, SAM = "Maya Brooks", "Sam Okafor"


@dataclass(frozen=True)
class Study:
    path: Path
    document_id: int
    sharing: int  # a code both coders used
    consent: int  # a code only Sam used
    maya: int
    sam: int


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def two_coder_study(folder: Path) -> Study:
    """A closed project file: Maya coded one passage, Sam three (one of them with the same code as Maya)."""
    path = folder / "team.axial"
    with Project.create(path, coder=MAYA) as project:
        project.edits.import_documents([FilePlan(BSR01)])
        document_id = project.documents.all()[0].id
        text = project.documents.text(document_id)
        sharing = project.edits.create_code("Sharing data").id
        consent = project.edits.create_code("Consent").id
        project.edits.apply_coding(document_id, sharing, *_span(text, "A cleaned subset."))
        maya = project.coder_id
        project.use_coder(SAM)
        sam = project.coder_id
        project.edits.apply_coding(document_id, sharing, *_span(text, "asked first, in the annual report."))
        project.edits.apply_coding(document_id, consent, *_span(text, "you're okay with me recording this?"))
        project.edits.apply_coding(document_id, consent, *_span(text, "we had promised the owners"))
    assert maya is not None
    assert sam is not None
    return Study(path, document_id, sharing, consent, maya, sam)
