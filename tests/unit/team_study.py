"""A lead's project on real transcripts (Otter, de-identified) for the hand-out and merge tests: two interviews,
a small code tree, a case with attributes, a memo, and the lead's own codings (one with a memo)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.model.core.dto import AttributeType, MemoTarget
from app.model.documents.importing import FilePlan
from app.model.project import Project

OTTER = Path(__file__).resolve().parents[1] / "data" / "transcripts" / "otter_deidentified"
LEAD = "Lead Analyst"
LEAD_MEMO = "LEAD-ONLY coding memo: the lead's reading of this passage"


@dataclass(frozen=True)
class Team:
    path: Path
    bsr: int  # document ids
    dc: int
    barriers: int  # code ids: Barriers > Staffing
    staffing: int
    site: int  # attribute ids
    size: int
    case: int


def span(project: Project, document_id: int, words: str) -> tuple[int, int]:
    start = project.documents.text(document_id).index(words)
    return start, start + len(words)


def lead_project(folder: Path) -> Team:
    path = folder / "lead.axial"
    with Project.create(path, coder=LEAD) as p:
        e = p.edits
        e.import_documents([FilePlan(OTTER / "BSR01 interview.txt"), FilePlan(OTTER / "DC01 interview.txt")])
        documents = {d.name: d.id for d in p.documents.all()}
        bsr, dc = documents["BSR01 interview"], documents["DC01 interview"]
        barriers = e.create_code("Barriers").id
        staffing = e.create_code("Staffing", barriers).id
        coding = e.apply_coding(bsr, staffing, *span(p, bsr, "A cleaned subset."))
        e.set_coding_memo(coding.id, LEAD_MEMO)
        e.apply_coding(dc, barriers, 0, 40)
        case = e.create_case("Site A lead").id
        site = e.define_attribute("Region", AttributeType.TEXT).id
        size = e.define_attribute("Staff", AttributeType.NUMBER).id
        e.set_attribute_values([(case, site, "North"), (case, size, 12.0)])
        e.add_memo(MemoTarget(code_id=barriers), "Barriers", "What gets in the way.")
    return Team(path, bsr, dc, barriers, staffing, site, size, case)


def coders_in(path: Path) -> dict[str, tuple[str, int]]:
    """Each coder's GUID and blind flag, by name, as the file holds them."""
    conn = sqlite3.connect(path)
    try:
        return {name: (guid, blind) for name, guid, blind in conn.execute("SELECT name, guid, blind FROM coder")}
    finally:
        conn.close()
