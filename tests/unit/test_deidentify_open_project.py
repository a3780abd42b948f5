"""De-identifying an open project built from real transcripts: with the project's stored pseudonym table, one
undoable step replaces every original in every study table (texts, speaker labels, document, case and code names,
memos, case descriptions, attribute values, code definitions, earlier versions, original files). Only the pseudonym
table and the undo log keep them, which is what undo needs; undo brings every value back."""

from __future__ import annotations

import shutil
import sqlite3
import zlib
from pathlib import Path

from app.model.core.dto import AttributeType, MemoTarget
from app.model.deidentify.apply import apply_deidentification
from app.model.deidentify.candidates import fill_table, find_candidates
from app.model.deidentify.matcher import Matcher
from app.model.documents.importing import FilePlan
from app.model.project import Project
from app.model.storage.migrations.journal_triggers import journaled_tables
from tests.conftest import table_dump

OTTER = Path(__file__).resolve().parents[1] / "data/transcripts/otter_deidentified"
ORIGINALS = ("Priya", "Raghunathan", "Riverside", "Maria", "Okafor", "Daniel", "Reyes", "Maple Grove")


def _study_values(path: Path) -> dict[str, list[str]]:
    """Each study table's text values and compressed texts, by table (the pseudonym table aside)."""
    conn = sqlite3.connect(path)
    try:
        values: dict[str, list[str]] = {}
        for table in journaled_tables(conn):
            if table == "pseudonym":
                continue
            for row in conn.execute(f'SELECT * FROM "{table}"').fetchall():
                for value in row:
                    if isinstance(value, str):
                        values.setdefault(table, []).append(value)
                    elif isinstance(value, bytes):
                        try:
                            values.setdefault(table, []).append(zlib.decompress(value).decode("utf-8", "replace"))
                        except zlib.error:
                            values.setdefault(table, []).append(value.decode("utf-8", "replace"))
        return values
    finally:
        conn.close()


def _left(path: Path) -> list[tuple[str, str]]:
    return sorted(
        {(table, o) for table, values in _study_values(path).items() for v in values for o in ORIGINALS if o in v}
    )


def _project(tmp_path: Path) -> Project:
    shutil.copy(OTTER / "Maria Okafor.txt", tmp_path / "Maria Okafor.txt")
    shutil.copy(OTTER / "BSR01 interview.txt", tmp_path / "Daniel Reyes BSR01.txt")
    p = Project.create(tmp_path / "Riverside study.axial", coder="Ann")
    p.edits.import_documents([FilePlan(tmp_path / "Maria Okafor.txt"), FilePlan(tmp_path / "Daniel Reyes BSR01.txt")])
    case = p.edits.create_case("Priya Raghunathan", "Case manager at Riverside Agency since 2019")
    site = p.edits.define_attribute("Site", AttributeType.TEXT)
    p.edits.set_attribute_value(case.id, site.id, "Maple Grove clinic, run by Riverside Agency")
    p.edits.set_document_cases(1, [case.id])
    code = p.edits.create_code("Riverside referrals")
    p.edits.edit_code_details(code.id, "What Priya said of Riverside", "", "", "")
    text = p.documents.text(1)
    at = text.index("Maria")
    coding = p.edits.apply_coding(1, code.id, at, at + 40)
    p.edits.set_coding_memo(coding.id, "Daniel Reyes asked Maria about this")
    p.edits.add_memo(MemoTarget(document_id=2), "Reyes interview", "Priya's case at Maple Grove")
    p.edits.correct_text(2, 0, 0, "Interview with Daniel Reyes.\n")  # an earlier version holding originals
    return p


def test_nothing_original_is_left_in_the_study_and_undo_brings_it_all_back(tmp_path: Path) -> None:
    with _project(tmp_path) as p:
        path = p.path
        p.edits.import_pseudonyms(
            [("Priya Raghunathan", "[Case manager 1]", "case manager"), ("Riverside Agency", "", "agency")]
        )
        p.edits.import_pseudonyms([("Riverside", "", "agency"), ("Maple Grove", "", "site")])
        fill_table(p)  # the speaker labels naming someone
        assert {r.original for r in p.pseudonyms.all()} >= {"Maria Okafor", "Daniel Reyes"}
        before = table_dump(path)
        assert _left(path)  # the originals are everywhere at first
        matcher = Matcher(p.pseudonyms.table())
        steps = len(p.history.operations(limit=1000))
        report = apply_deidentification(p, matcher, find_candidates(p, matcher))
        assert len(p.history.operations(limit=1000)) == steps + 1
        assert _left(path) == []
        assert report.other_values >= 3  # the case's description, the attribute value, the code's definition
        [case] = p.cases.all()
        assert case.name == "[Case manager 1]"
        assert case.description == "Case manager at [Agency A] since 2019"
        [site] = p.cases.attributes()
        assert p.cases.values()[(case.id, site.id)] == "[Site 1] clinic, run by [Agency A]"
        assert p.info().name == "[Agency B] study"  # "Riverside" alone is its own row of the table
        assert p.check() == []
        # The table and the undo log keep the originals, which is the point of undo.
        assert "Priya Raghunathan" in {r.original for r in p.pseudonyms.all()}
        p.history.undo()
    assert table_dump(path) == before
