"""Issue 19's whole loop on real transcripts, through the command line where it has a command: the lead hands two
coders blind copies, each codes the same interviews in their own, both copies are merged back, agreement is read
per code and document with the disagreements side by side, one disagreement is settled by consensus, and the
agreement table and method statement go to Word. The agreement before consensus stays reportable."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from app.cli.main import main
from app.model.agreement.consensus import Resolution
from app.model.agreement.disagreements import disagreements
from app.model.project import Project
from tests.unit.team_study import LEAD, lead_project, span

# The same passages, read a little differently by each coder: Ana's staffing span ends earlier, and only Ben saw
# a barrier in the reviewer's request.
ANA = {
    "BSR01 interview": [
        ("Staffing", "A cleaned subset."),
        ("Barriers", "The raw logs have coordinates for private land"),
    ],
    "DC01 interview": [("Barriers", "Large files are a problem")],
}
BEN = {
    "BSR01 interview": [
        ("Staffing", "A cleaned subset. The raw logs"),
        ("Barriers", "The raw logs have coordinates for private land"),
        ("Barriers", "Then a reviewer asked for the raw logs"),
    ],
    "DC01 interview": [("Barriers", "Large files are a problem")],
}


def _code_in_copy(path: Path, coder: str, plan: dict[str, list[tuple[str, str]]]) -> None:
    with Project.open(path, coder=coder, backups=0) as copy:
        assert copy.store.coder_name == coder
        codes = {c.name: c.id for c in copy.codes.all().values()}
        documents = {d.name: d.id for d in copy.documents.all()}
        for document, passages in plan.items():
            for code, words in passages:
                copy.edits.apply_coding(documents[document], codes[code], *span(copy, documents[document], words))


def _agreement(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, object]:
    capsys.readouterr()
    assert main(["agreement", str(path), "--coders", "Ana,Ben", "--json", *extra]) == 0
    result: dict[str, object] = json.loads(capsys.readouterr().out)
    return result


def test_two_blind_coders_merge_compare_settle_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = lead_project(tmp_path)
    ana, ben = tmp_path / "ana.axial", tmp_path / "ben.axial"
    assert main(["handout", str(team.path), str(ana), "--coder", "Ana", "--blind"]) == 0
    assert main(["handout", str(team.path), str(ben), "--coder", "Ben", "--blind"]) == 0
    for copy in (ana, ben):  # blind: the lead's codings are not in the copy
        with Project.open(copy, backups=0) as opened:
            assert opened.codings.for_document(team.bsr) == []
    _code_in_copy(ana, "Ana", ANA)
    _code_in_copy(ben, "Ben", BEN)

    assert main(["merge", str(team.path), str(ana)]) == 0
    assert main(["merge", str(team.path), str(ben)]) == 0
    assert main(["merge", str(team.path), str(ben)]) == 0  # twice: nothing more
    with Project.open(team.path, backups=0) as lead:
        by_coder: dict[str, int] = {}
        for document in (team.bsr, team.dc):
            for coding in lead.codings.for_document(document):
                name = lead.coder_name(coding.coder_id)
                by_coder[name] = by_coder.get(name, 0) + 1
    assert by_coder == {LEAD: 2, "Ana": 3, "Ben": 4}

    before = _agreement(team.path, capsys)
    codes = {c["code"]: c for c in before["codes"]}  # type: ignore[attr-defined]
    barriers = codes["Barriers"]
    per_document = {d["document"]: d["coefficients"] for d in barriers["documents"]}
    assert per_document["DC01 interview"]["percent_agreement"] == 1.0  # the same passage, coded alike
    assert per_document["BSR01 interview"]["percent_agreement"] < 1.0  # only Ben coded the reviewer's request
    assert barriers["coefficients"]["unitizing_alpha"] < 1.0
    # Barriers was used in both interviews: its α has a bootstrap interval. Staffing only in one: resampling that
    # one document cannot say how sure α is, so there is none rather than a point "0.72 to 0.72".
    assert barriers["coefficients"]["krippendorff_alpha_95_low"] is not None
    staffing = codes["Barriers > Staffing"]["coefficients"]
    assert staffing["krippendorff_alpha"] is not None
    assert staffing["krippendorff_alpha_95_low"] is None

    with Project.open(team.path, coder=LEAD, backups=0) as lead:
        coders = {c.name: c.id for c in lead.coders()}
        found = disagreements(lead, [coders["Ana"], coders["Ben"]], team.barriers)
        assert [d.document for d in found] == ["BSR01 interview"]
        (passage,) = found
        ana_side, ben_side = passage.passages
        assert ana_side == ()  # side by side: Ana coded nothing there, Ben his passage
        assert ben_side is not None
        assert [p.text for p in ben_side] == ["Then a reviewer asked for the raw logs"]
        added = lead.edits.resolve_disagreement(
            team.bsr, team.barriers, [], [p.coding_id for p in ben_side], Resolution.SECOND
        )
        assert added == 1

    after = _agreement(team.path, capsys)
    assert after["overall"] == before["overall"]  # the coders' own agreement is still what it was
    report = tmp_path / "agreement.docx"
    assert main(["agreement", str(team.path), "--coders", "Ana,Ben", "--docx", str(report)]) == 0
    document = docx.Document(str(report))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "Barriers" in cells, cells
    assert "Krippendorff" in text  # the method statement, with its sources
    assert "Ana" in text
    assert "Ben" in text
