"""A REFI-QDA import keeps the rules every other way into a project keeps: it writes through the services."""

from __future__ import annotations

import zipfile
from pathlib import Path

from app.model.core.dto import DocumentKind, NewDocument
from app.model.exchange.refi_import import import_as_new, import_into
from app.model.project import Project
from tests.unit.refi_files import ToolSelection, ToolSource, project_xml, qdpx

_SOURCE = "D0C00000-AAAA-4BBB-8CCC-00000000000A"


def _guid(n: int) -> str:
    return f"C0DE0000-AAAA-4BBB-8CCC-{n:012d}"


def _paths(project: Project) -> dict[str, int]:
    """Each code's path of names, with its own number of codings."""
    return {" > ".join(n.path): n.own_count for n in project.codes.tree()}


def test_sibling_codes_of_one_name_from_another_tool_each_stay_a_code(tmp_path: Path) -> None:
    """Other tools allow two codes of the same name under one parent; Axial does not (case does not count). Each
    comes in as a code of its own, the later ones numbered, with their own codings, and the report says so."""
    codes = (
        f'<Code guid="{_guid(1)}" name="Feelings" isCodable="false">'
        f'<Code guid="{_guid(2)}" name="Coping" isCodable="true"/>'
        f'<Code guid="{_guid(3)}" name="coping" isCodable="true"/>'
        f'<Code guid="{_guid(4)}" name="Coping" isCodable="true"/></Code>'
    )
    text = "We cope. We manage. We carry on."
    selections = [ToolSelection(3, 7, _guid(2)), ToolSelection(12, 18, _guid(3)), ToolSelection(23, 31, _guid(4))]
    source = ToolSource(_SOURCE, "Interview", text.encode(), selections)
    path = qdpx(tmp_path / "other.qdpx", project_xml(codes, [source]), [source])
    project, report = import_as_new(path, tmp_path / "new.axial")
    with project:
        assert _paths(project) == {
            "Feelings": 0, "Feelings > Coping": 1, "Feelings > coping (2)": 1, "Feelings > Coping (3)": 1,
        }  # fmt: skip
        assert report.codes == 4
        assert report.codings == 3
        assert [line.split(":")[0] for line in report.changed] == ["code Feelings > coping", "code Feelings > Coping"]
        assert "imported as 'coping (2)'" in report.changed[0]
        guids = {n.code.name: n.code.guid for n in project.codes.tree()}
        assert guids["Coping (3)"] == _guid(4).lower()  # still the file's own code, whose codings are its own


def test_merge_matches_code_names_whatever_their_case_or_form(project: Project, tmp_path: Path) -> None:
    """Merged into a project, a code is the project's code of the same name under the same parent, as the project
    counts names: "workload > CASELOAD" is "Workload > Caseload", "ﬁnance" (a ligature) is "finance"."""
    workload = project.codes.create("Workload", is_codable=False)
    caseload = project.codes.create("Caseload", workload.id)
    finance = project.codes.create("finance")
    codes = (
        f'<Code guid="{_guid(1)}" name="workload" isCodable="false">'
        f'<Code guid="{_guid(2)}" name="CASELOAD" isCodable="true"/></Code>'
        f'<Code guid="{_guid(3)}" name="ﬁnance" isCodable="true"/>'
    )
    text = "My caseload is heavy and the budget is small."
    selections = [ToolSelection(3, 11, _guid(2)), ToolSelection(29, 35, _guid(3))]
    source = ToolSource(_SOURCE, "From NVivo", text.encode(), selections)
    path = qdpx(tmp_path / "other.qdpx", project_xml(codes, [source]), [source])
    report = import_into(project, path)
    assert (report.codes, report.codings) == (0, 2)
    assert _paths(project) == {"Workload": 0, "Workload > Caseload": 1, "finance": 1}
    assert {c.code_id for c in project.codings.for_codes([caseload.id, finance.id])} == {caseload.id, finance.id}


def test_the_original_text_file_is_kept_byte_for_byte(tmp_path: Path) -> None:
    """As a transcript import keeps the file it read, the import keeps each source's text file (byte-order mark and
    CRLF line endings as they were); text given inline in the project file is kept as UTF-8."""
    data = "\ufeffInterviewer: Tell me.\r\nP5: Supervision is weekly.\r\n".encode()
    stored = ToolSource(_SOURCE, "Stored", data)
    inline = ToolSource("D0C00000-AAAA-4BBB-8CCC-00000000000B", "Inline", b"", inline="Inline text, ä.")
    path = qdpx(tmp_path / "other.qdpx", project_xml("", [stored, inline]), [stored, inline])
    project, _ = import_as_new(path, tmp_path / "new.axial")
    with project:
        documents = {d.name: d for d in project.documents.all()}
        kept = project.documents.source(documents["Stored"].id)
        assert kept is not None
        assert (kept.filename, kept.format, kept.content) == (f"{_SOURCE}.txt", "txt", data)
        assert project.documents.text(documents["Stored"].id) == "Interviewer: Tell me.\nP5: Supervision is weekly.\n"
        own = project.documents.source(documents["Inline"].id)
        assert own is not None
        assert (own.filename, own.content) == ("Inline.txt", "Inline text, ä.".encode())
        assert documents["Stored"].source_sha256 is not None
        # The same file imported as a transcript is known as already imported.
        assert project.documents.find_by_sha256(documents["Stored"].source_sha256) == documents["Stored"].id


def test_a_code_the_file_applies_to_text_is_codable(tmp_path: Path) -> None:
    """A code another tool marks not codable but applies to text comes in codable, with its codings (a category
    holds no codings in Axial); the report says so."""
    codes = f'<Code guid="{_guid(1)}" name="Theme" isCodable="false"/>'
    source = ToolSource(_SOURCE, "Notes", b"A theme here.", [ToolSelection(2, 7, _guid(1))])
    path = qdpx(tmp_path / "other.qdpx", project_xml(codes, [source]), [source])
    project, report = import_as_new(path, tmp_path / "new.axial")
    with project:
        (node,) = project.codes.tree()
        assert (node.code.is_codable, node.own_count) == (True, 1)
        assert report.changed == ["code Theme: made codable, as the file applies it to text"]


def test_a_merge_is_one_audited_step_and_a_document_name_taken_is_numbered(project: Project, tmp_path: Path) -> None:
    """Every service the import writes through joins its one transaction: one line in the audit trail. A document
    named as one already there is numbered as a transcript import numbers it, and its kind is guessed the same way."""
    project.documents.add(NewDocument("Group 3", "Already here.\n"))
    lines = [f"{who}: turn {n} about supervision." for n in range(3) for who in ("Ann", "Ben", "Cai", "Dee")]
    text = "\n".join(lines) + "\n"
    source = ToolSource(_SOURCE, "Group 3", text.encode())
    path = qdpx(tmp_path / "other.qdpx", project_xml("", [source]), [source])
    before = len(project.audit(1000))
    import_into(project, path)
    assert len(project.audit(1000)) == before + 1
    documents = {d.name: d for d in project.documents.all()}
    assert documents["Group 3 (2)"].kind is DocumentKind.FOCUS_GROUP
    assert len(project.documents.speakers(documents["Group 3 (2)"].id)) == 4


def test_a_link_from_a_code_to_itself_is_listed_not_fatal(tmp_path: Path) -> None:
    codes = f'<Code guid="{_guid(1)}" name="Loop" isCodable="true"/>'
    link = f'<Links><Link guid="{_guid(9)}" name="is part of" originGUID="{_guid(1)}" targetGUID="{_guid(1)}"/></Links>'
    path = tmp_path / "loop.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project_xml(codes, [], extra=link))
    project, report = import_as_new(path, tmp_path / "new.axial")
    with project:
        assert project.relations.all() == []
        assert report.skipped == ["link 'is part of': it joins a code to itself"]
