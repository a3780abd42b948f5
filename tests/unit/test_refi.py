"""REFI-QDA exchange: exports valid by the schemas, faithful round trips, what other tools write, hostile files."""

from __future__ import annotations

import io
import stat
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from app.model.analysis import Analysis, Measure
from app.model.dto import AttributeType, DocumentKind, MemoTarget, NewDocument, NewTurn
from app.model.errors import ProjectFileError
from app.model.exporters.atomic import ExportError
from app.model.importers.base import ReadError
from app.model.importing import FilePlan, Importer
from app.model.lock import ProjectLock
from app.model.progress import CancelledError, NoProgress
from app.model.project import Project
from app.model.refi import exchange as refi_exchange
from app.model.refi.exchange import import_as_new, import_into, read_exchange
from app.model.refi.writer import write_qdc, write_qdpx
from app.model.services.codes import PALETTE
from tests.unit.refi_files import ToolSelection, ToolSource, project_xml, qdpx, utf16_offset
from tests.unit.reports import demo_with_mappings

SHARED = Path(__file__).resolve().parents[1] / "data" / "refi"  # the schemas and a real export; see its README


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SHARED / name)))


def _validate_qdpx(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        names = archive.namelist()
    schema = _schema("Project.xsd")
    assert schema.validate(root), schema.error_log
    for source in root.iter("{urn:QDA-XML:project:1.0}TextSource"):
        assert "sources/" + source.get("plainTextPath").removeprefix("internal://") in names
    return root


# --- a project with everything the format can carry --------------------------------------------------------

TEXTS = {
    "Emoji and CJK": "P1: Supervision 😀 helps. 我们的督导很好。\nP2: The caseload 😀😀 is heavy.\n",
    "Right to left": "P3: עבודה קשה מאוד, ההדרכה עוזרת\nP4: العمل صعب جدا\n",
    "Plain": "Interviewer: How is it?\nCM-01: Fine, mostly.\n",
}


def _turns(text: str) -> tuple[NewTurn, ...]:
    turns, position = [], 0
    for line in text.split("\n"):
        label = line.partition(": ")[0]
        if line:
            turns.append(NewTurn(label, position + len(label) + 2, position + len(line)))
        position += len(line) + 1
    return tuple(turns)


@pytest.fixture
def rich(project: Project, tmp_path: Path) -> Project:
    """Codes in a tree with definitions and colours, codings after astral characters, a transcript that came in
    with CRLF line endings, cases with variables of every type, memos on everything, relations."""
    windows = tmp_path / "Windows transcript.txt"
    windows.write_bytes("Interviewer: Tell me.\r\nP5: Supervision 😀 is weekly.\r\n".encode())
    Importer(project).run([FilePlan(windows)])
    documents = {
        name: project.documents.add(NewDocument(name, text, turns=_turns(text))) for name, text in TEXTS.items()
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


def _snapshot(project: Project) -> dict[str, object]:
    """What must survive a round trip, by name and text (ids differ between projects)."""
    tree = project.codes.tree()
    paths = {n.code.id: " > ".join(n.path) for n in tree}
    documents = {d.id: d.name for d in project.documents.all()}
    codings = sorted(
        (documents[c.document_id], paths[c.code_id], project.documents.text(c.document_id)[c.start : c.end], c.memo)
        for c in project.codings.for_codes(list(paths))
    )
    values = project.cases.values()
    attributes = {a.id: (a.name, a.type.value, a.choices) for a in project.cases.attributes()}
    return {
        "documents": {d.name: project.documents.text(d.id) for d in project.documents.all()},
        "kinds and dates": {d.name: (d.kind, d.interview_date) for d in project.documents.all()},
        "codes": sorted(
            (
                paths[n.code.id],
                n.code.is_codable,
                n.code.colour.upper(),
                n.code.definition,
                n.code.inclusion,
                n.code.exclusion,
                n.code.example,
                n.code.guid,
            )
            for n in tree
        ),
        "codings": codings,
        "cases": sorted((c.name, c.description, c.guid) for c in project.cases.all()),
        "attributes": sorted(attributes.values()),
        "values": sorted((attributes[a][0], str(v)) for (_, a), v in values.items()),
        "memos": sorted((m.title, m.body, m.guid) for m in project.memos.all()),
        "relations": sorted((paths[r.source_id], paths[r.target_id], r.memo, r.guid) for r in project.relations.all()),
        "document cases": sorted((d.name, len(d.case_ids)) for d in project.documents.all()),
        **_speakers(project),
    }


def _speakers(project: Project) -> dict[str, object]:
    """Turns, speakers and who each speaker is, and the case counts of the code-by-attribute tables they drive."""
    documents = {d.id: d.name for d in project.documents.all()}
    cases = {c.id: c.name for c in project.cases.all()}
    turns = {
        name: [(t.speaker, t.start, t.end, t.timestamp_ms) for t in project.documents.turns(document_id)]
        for document_id, name in documents.items()
    }
    speakers = sorted(
        (documents[s.document_id], s.label, cases.get(s.case_id or 0), s.turn_count)
        for s in project.documents.speakers()
    )
    paths = {n.code.id: " > ".join(n.path) for n in project.codes.tree()}
    analysis = Analysis(project)
    tables = {}
    for attribute in project.cases.attributes():
        for measure in (Measure.CASES, Measure.CODINGS):
            matrix = analysis.by_attribute(list(paths), attribute.id, measure)
            tables[(attribute.name, measure.value)] = sorted(
                (paths[code], column, count) for (code, column), count in matrix.cells.items()
            )
    return {"turns": turns, "speakers": speakers, "tables by case": tables}


def test_export_validates_against_the_schemas(rich: Project, tmp_path: Path) -> None:
    written = write_qdpx(rich, tmp_path / "rich.qdpx")
    root = _validate_qdpx(written.path)
    assert [etree.QName(e).localname for e in root] == [
        "Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Description", "NoteRef",
    ]  # fmt: skip
    assert any("speaker turns as such" in w for w in written.warnings)
    assert any("choice lists" in w for w in written.warnings)
    codebook = write_qdc(rich, tmp_path / "rich.qdc")
    schema = _schema("Codebook.xsd")
    assert schema.validate(etree.parse(str(codebook.path))), schema.error_log


def test_an_empty_project_exports_no_empty_containers(project: Project, tmp_path: Path) -> None:
    root = _validate_qdpx(write_qdpx(project, tmp_path / "empty.qdpx").path)
    assert [etree.QName(e).localname for e in root] == ["Users", "Description"]


def test_round_trip_keeps_text_codes_codings_cases_memos_and_relations(rich: Project, tmp_path: Path) -> None:
    before = _snapshot(rich)
    write_qdpx(rich, tmp_path / "rich.qdpx")
    copy, report = import_as_new(tmp_path / "rich.qdpx", tmp_path / "copy.axial")
    with copy:
        assert _snapshot(copy) == before
        assert report.unplaced == []
        assert set(report.units.values()) == {"code points (as the standard says)"}
        plain = next(d for d in copy.documents.all() if d.name == "Plain")
        assert [s.label for s in copy.documents.speakers(plain.id)] == ["CM-01", "Interviewer"]


def test_round_trip_of_the_demo_and_stable_guids(tmp_path: Path) -> None:
    with demo_with_mappings(tmp_path / "demo.axial") as demo:
        before = _snapshot(demo)
        first = write_qdpx(demo, tmp_path / "first.qdpx").path
        second = write_qdpx(demo, tmp_path / "second.qdpx").path
    guids = [
        sorted(e.get("guid") for e in etree.fromstring(zipfile.ZipFile(p).read("project.qde")).iter() if e.get("guid"))
        for p in (first, second)
    ]
    assert guids[0] == guids[1]
    copy, _ = import_as_new(first, tmp_path / "copy.axial")
    with copy:
        assert _snapshot(copy) == before


FOCUS_GROUP = (
    "Recorded at Riverside, March 2024.\n"
    "Facilitator (00:00:05): What helps most?\n"
    "P1 (00:00:12): Group supervision helps.\n"
    "P2 (00:01:03.250): The caseload is heavy.\n"
    "P1 (01:02:03): Supervision again.\n"
)


@pytest.fixture
def focus_group(project: Project) -> Project:
    """A focus group whose speakers are cases (one turn without a speaker, timestamps to the millisecond), an
    interview that belongs to a case, and a text that looks like a transcript but has no turns in Axial."""
    lines = FOCUS_GROUP.split("\n")
    starts = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]
    turns = [NewTurn(None, 0, len(lines[0]))]
    for index, (label, clock) in enumerate(
        [("Facilitator", 5_000), ("P1", 12_000), ("P2", 63_250), ("P1", 3_723_000)], start=1
    ):
        speech = lines[index].index(": ") + 2
        turns.append(NewTurn(label, starts[index] + speech, starts[index] + len(lines[index]), clock))
    group = project.documents.add(
        NewDocument(
            "Focus group",
            FOCUS_GROUP,
            DocumentKind.FOCUS_GROUP,
            turns=tuple(turns),
            speaker_cases=(("P1", "CM-07"), ("P2", "CM-08")),
        )
    )
    interview_text = "Interviewer: How is it?\nSV-01: Weekly supervision.\n"
    interview = project.documents.add(
        NewDocument(
            "Interview",
            interview_text,
            turns=_turns(interview_text),
            case_names=("SV-01",),
            interview_date=date(2024, 5, 1),
        )
    )
    project.documents.add(NewDocument("Notes", "Q: a note\nA: not a transcript\nQ: still notes\n"))
    cases = {c.name: c.id for c in project.cases.all()}
    role = project.cases.define_attribute("Role", AttributeType.CHOICE, ("case manager", "supervisor"))
    years = project.cases.define_attribute("Years", AttributeType.NUMBER)
    for name, value, served in (
        ("CM-07", "case manager", 3),
        ("CM-08", "case manager", 12),
        ("SV-01", "supervisor", 9),
    ):
        project.cases.set_value(cases[name], role.id, value)
        project.cases.set_value(cases[name], years.id, served)
    supervision = project.codes.create("Supervision")
    caseload = project.codes.create("Caseload")
    for document, text, code, phrase in (
        (group, FOCUS_GROUP, supervision, "Group supervision helps"),
        (group, FOCUS_GROUP, supervision, "Supervision again"),
        (group, FOCUS_GROUP, caseload, "caseload is heavy"),
        (interview, interview_text, supervision, "Weekly supervision"),
    ):
        start = text.index(phrase)
        project.codings.apply(document.id, code.id, start, start + len(phrase))
    return project


def test_round_trip_restores_turns_speakers_and_their_cases(focus_group: Project, tmp_path: Path) -> None:
    before = _snapshot(focus_group)
    assert sum(len(turns) for turns in before["turns"].values()) == 7  # type: ignore[attr-defined]
    assert [(s[1], s[2]) for s in before["speakers"] if s[0] == "Focus group"] == [  # type: ignore[attr-defined]
        ("Facilitator", None), ("P1", "CM-07"), ("P2", "CM-08"),
    ]  # fmt: skip
    assert ("Role", "cases") in before["tables by case"]  # type: ignore[operator]
    assert ("Supervision", "case manager", 1) in before["tables by case"][("Role", "cases")]  # type: ignore[index]
    written = write_qdpx(focus_group, tmp_path / "group.qdpx")
    _validate_qdpx(written.path)
    copy, report = import_as_new(written.path, tmp_path / "copy.axial")
    with copy:
        assert _snapshot(copy) == before
        assert report.unplaced == []
        assert report.skipped == []
        assert report.codes == 2  # the speakers came back as speakers, not as codes
    # Merged into another project, the turns come back the same way.
    with Project.create(tmp_path / "other.axial") as other:
        import_into(other, written.path)
        assert _speakers(other) == _speakers(focus_group)


def test_other_tools_see_speakers_as_codes_and_the_cases_turns(focus_group: Project, tmp_path: Path) -> None:
    written = write_qdpx(focus_group, tmp_path / "group.qdpx")
    ns = {"q": "urn:QDA-XML:project:1.0"}
    root = etree.fromstring(zipfile.ZipFile(written.path).read("project.qde"))
    speakers = root.find("q:CodeBook/q:Codes/q:Code[@name='Speakers']", ns)
    assert speakers is not None
    assert speakers.get("isCodable") == "false"
    labels = {c.get("name"): c.get("guid") for c in speakers.findall("q:Code", ns)}
    assert sorted(labels) == ["Facilitator", "Interviewer", "P1", "P2", "SV-01"]
    group = root.find("q:Sources/q:TextSource[@name='Focus group']", ns)
    assert group is not None
    turns = [s for s in group.findall("q:PlainTextSelection", ns) if s.find("q:Description", ns) is not None]
    coded = [s.find("q:Coding/q:CodeRef", ns) for s in turns]
    assert [c.get("targetGUID") if c is not None else None for c in coded] == [
        None, labels["Facilitator"], labels["P1"], labels["P2"], labels["P1"],
    ]  # fmt: skip
    assert [s.find("q:Description", ns).text for s in turns] == [  # type: ignore[union-attr]
        "Axial speaker turn",
        "Axial speaker turn at 0:00:05.000",
        "Axial speaker turn at 0:00:12.000",
        "Axial speaker turn at 0:01:03.250",
        "Axial speaker turn at 1:02:03.000",
    ]
    p1 = {
        s.get("guid")
        for s, c in zip(turns, coded, strict=True)
        if c is not None and c.get("targetGUID") == labels["P1"]
    }
    case = root.find("q:Cases/q:Case[@name='CM-07']", ns)
    assert case is not None
    assert {r.get("targetGUID") for r in case.findall("q:SelectionRef", ns)} == p1
    assert written.warnings[:2] == [
        "speaker turns as such: other tools see the 6 turns with a speaker as codings of a “Speakers” code with one "
        "sub-code per speaker label (as NVivo shows speaker autocoding; a label used in several documents is one "
        "sub-code), and these codings count in their coding reports; 1 turn without a speaker as uncoded passages; "
        "a turn's time only in its passage's description. Axial reads them back as turns",
        "speakers as cases: other tools see the turns of the 2 speakers mapped to cases as passages of those cases, "
        "not as a speaker-to-case link (a change made there to a case's passages does not come back). Axial restores "
        "each speaker's case",
    ]


def test_a_speakers_code_from_another_tool_is_an_ordinary_code(focus_group: Project, tmp_path: Path) -> None:
    written = write_qdpx(focus_group, tmp_path / "group.qdpx")
    with zipfile.ZipFile(written.path) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    entries["project.qde"] = entries["project.qde"].replace(b'origin="Axial"', b'origin="NVivo 14"')
    with zipfile.ZipFile(tmp_path / "nvivo.qdpx", "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    copy, report = import_as_new(tmp_path / "nvivo.qdpx", tmp_path / "nvivo.axial")
    with copy:
        paths = {" > ".join(n.path) for n in copy.codes.tree()}
        assert {"Speakers", "Speakers > P1", "Speakers > P2"} <= paths
        assert report.codings == 4 + 6  # the turns are codings there
        assert any("case CM-07: 2 passages assigned to it" in line for line in report.skipped)
        # Those codes, exported by Axial again (beside Axial's own speakers code), stay codes with their codings.
        before = _snapshot(copy)
        again = write_qdpx(copy, tmp_path / "again.qdpx").path
    second, _ = import_as_new(again, tmp_path / "again.axial")
    with second:
        assert _snapshot(second) == before


def test_merge_matches_codes_and_does_not_import_a_document_twice(rich: Project, tmp_path: Path) -> None:
    path = write_qdpx(rich, tmp_path / "rich.qdpx").path
    codes_before, codings_before = len(rich.codes.tree()), rich.info().codings
    report = import_into(rich, path)
    assert (report.documents, report.codes) == (0, 0)
    assert len(rich.codes.tree()) == codes_before
    assert rich.info().codings == codings_before
    assert len(report.skipped) == len(TEXTS) + 1  # and the transcript imported from a file
    assert report.memos == 0  # memos already here (coding memos included) are not added again
    assert all("already in this project" in line for line in report.skipped)


def test_merge_matches_codes_by_name_path_when_guids_differ(project: Project, tmp_path: Path) -> None:
    category = project.codes.create("Workload", is_codable=False)
    caseload = project.codes.create("Caseload", category.id)
    codes = (
        '<Code guid="AAAAAAAA-0000-4000-8000-000000000001" name="Workload" isCodable="false">'
        '<Code guid="AAAAAAAA-0000-4000-8000-000000000002" name="Caseload" isCodable="true"/></Code>'
    )
    text = "My caseload is heavy."
    source = ToolSource("BBBBBBBB-0000-4000-8000-000000000001", "Interview", text.encode(), [
        ToolSelection(3, 11, "AAAAAAAA-0000-4000-8000-000000000002", "caseload"),
    ])  # fmt: skip
    report = import_into(project, qdpx(tmp_path / "x.qdpx", project_xml(codes, [source]), [source]))
    assert report.codes == 0
    coded = project.codings.for_codes([caseload.id])
    assert [project.documents.text(c.document_id)[c.start : c.end] for c in coded] == ["caseload"]


# --- what other tools write ----------------------------------------------------------------------------------

CODE = "C0DE0000-AAAA-4BBB-8CCC-000000000001"
CODES = f'<Code guid="{CODE}" name="Coded" isCodable="true" color="#0af"/>'


def _import(tmp_path: Path, sources: list[ToolSource], **options: str) -> tuple[Project, object]:
    folder = options.pop("folder", "sources")
    name = options.pop("project_name", "project.qde")
    suffix = options.pop("suffix", ".qdpx")
    xml = project_xml(options.pop("codes", CODES), sources, **options)
    path = qdpx(tmp_path / f"tool{suffix}", xml, sources, folder=folder, project_name=name)
    return import_as_new(path, tmp_path / "imported.axial")


def _coded(project: Project) -> list[str]:
    return [
        project.documents.text(c.document_id)[c.start : c.end]
        for c in sorted(project.codings.for_codes([n.code.id for n in project.codes.tree()]), key=lambda c: c.start)
    ]


def test_utf16_offsets_with_astral_characters_before_selections(tmp_path: Path) -> None:
    text = "😀 Emoji first. 🎉🎉 Then the caseload 😀 and supervision."
    targets = ["caseload", "supervision"]
    selections = [
        ToolSelection(utf16_offset(text, text.index(t)), utf16_offset(text, text.index(t) + len(t)), CODE)
        for t in targets
    ]  # no stored text: the unit must be found from word boundaries
    project, report = _import(
        tmp_path, [ToolSource("{D0C00000-AAAA-4BBB-8CCC-000000000001}", "NVivo", text.encode(), selections)]
    )
    with project:
        assert _coded(project) == targets
        assert report.units == {"NVivo": "UTF-16 units"}


def test_crlf_counted_as_two_with_an_uncounted_byte_order_mark(tmp_path: Path) -> None:
    lines = ["Interviewer: And?", "P1: The caseload is heavy.", "P1: Supervision helps."]
    data = "\ufeff".encode() + "\r\n".join(lines).encode()
    stored = "\r\n".join(lines)  # NVivo on Windows: offsets over the text with CRLF, without the BOM
    targets = ["caseload", "Supervision helps"]
    selections = [ToolSelection(stored.index(t), stored.index(t) + len(t), CODE, t) for t in targets]
    project, report = _import(
        tmp_path, [ToolSource("d0c00000-aaaa-4bbb-8ccc-000000000002", "Windows", data, selections)]
    )
    with project:
        assert _coded(project) == targets
        assert report.units == {"Windows": "code points (as the standard says)"}
        assert "\r" not in project.documents.text(project.documents.all()[0].id)


def test_crlf_counted_once_as_atlas_ti_does(tmp_path: Path) -> None:
    lines = ["Interviewer: And?", "P1: The caseload is heavy.", "P1: Supervision helps."]
    data = "\r\n".join(lines).encode()
    counted_once = "\n".join(lines)
    targets = ["caseload", "Supervision helps"]
    selections = [ToolSelection(counted_once.index(t), counted_once.index(t) + len(t), CODE, t) for t in targets]
    project, report = _import(
        tmp_path,
        [ToolSource("D0C00000-AAAA-4BBB-8CCC-000000000003", "ATLAS", data, selections)],
        folder="Sources",
        project_name="My Study.qde",
        suffix=".zip",
    )
    with project:
        assert _coded(project) == targets
        assert report.units == {"ATLAS": "code points, counting each CRLF line break once"}


def test_namespace_variant_colours_folders_variables_and_inline_text(tmp_path: Path) -> None:
    codes = (
        '<Code guid="{F0000000-AAAA-4BBB-8CCC-000000000001}" name="Folder" isCodable="false">'
        f'<Code guid="{CODE.lower()}" name="Coded" isCodable="true" color="rgb(255, 0, 128)">'
        "<Description>A memo some tools write as the description</Description></Code></Code>"
    )
    extra = (
        '<Variables><Variable guid="A0000000-0000-4000-8000-000000000001" name="Role" typeOfVariable="Text"/>'
        '<Variable guid="A0000000-0000-4000-8000-000000000002" name="Score" typeOfVariable="Integer"/>'
        '<Variable guid="A0000000-0000-4000-8000-000000000003" name="Lead" typeOfVariable="Boolean"/>'
        '<Variable guid="A0000000-0000-4000-8000-000000000004" name="Since" typeOfVariable="DateTime"/></Variables>'
    )
    cases = (
        '<Cases><Case guid="CA000000-0000-4000-8000-000000000001" name="P1">'
        '<VariableValue><VariableRef targetGUID="A0000000-0000-4000-8000-000000000001"/><TextValue>nurse</TextValue></VariableValue>'
        '<VariableValue><VariableRef targetGUID="A0000000-0000-4000-8000-000000000002"/><IntegerValue>7</IntegerValue></VariableValue>'
        '<VariableValue><VariableRef targetGUID="A0000000-0000-4000-8000-000000000003"/><BooleanValue>true</BooleanValue></VariableValue>'
        '<VariableValue><VariableRef targetGUID="A0000000-0000-4000-8000-000000000004"/><DateTimeValue>2024-03-01T10:00:00Z</DateTimeValue></VariableValue>'
        '<SourceRef targetGUID="D0C00000-AAAA-4BBB-8CCC-000000000004"/></Case></Cases>'
    )
    text = "Inline text with a caseload."
    source = ToolSource(
        "D0C00000-AAAA-4BBB-8CCC-000000000004", "Inline", b"", [ToolSelection(19, 27, CODE, "caseload")], inline=text
    )
    xml = project_xml(codes, [source], namespace="urn:QDA-XML:project:1:0")
    xml = xml.replace("</CodeBook>", "</CodeBook>" + extra + cases)
    path = qdpx(tmp_path / "variant.qdpx", xml, [source])
    project, report = import_as_new(path, tmp_path / "variant.axial")
    with project:
        tree = project.codes.tree()
        assert [(n.path, n.code.is_codable, n.code.colour) for n in tree] == [
            (("Folder",), False, tree[0].code.colour),
            (("Folder", "Coded"), True, "#FF0080"),
        ]
        assert tree[1].code.definition == "A memo some tools write as the description"
        assert _coded(project) == ["caseload"]
        attributes = {a.name: a for a in project.cases.attributes()}
        assert {n: a.type for n, a in attributes.items()} == {
            "Role": AttributeType.TEXT, "Score": AttributeType.NUMBER,
            "Lead": AttributeType.BOOLEAN, "Since": AttributeType.DATE,
        }  # fmt: skip
        names = {a.id: name for name, a in attributes.items()}
        values = {names[a]: value for (_, a), value in project.cases.values().items()}
        assert values == {"Role": "nurse", "Score": 7.0, "Lead": True, "Since": date(2024, 3, 1)}
        assert [d.case_ids != () for d in project.documents.all()] == [True]
        assert report.variables == 4


def test_a_selection_that_cannot_be_placed_is_listed_never_shifted(tmp_path: Path) -> None:
    text = "A caseload here 😀 and supervision there."
    good = ToolSelection(2, 10, CODE, "caseload")
    inside_nothing = ToolSelection(200, 210, CODE, "")  # beyond the end
    project, report = _import(
        tmp_path, [ToolSource("D0C00000-AAAA-4BBB-8CCC-000000000005", "Short", text.encode(), [good, inside_nothing])]
    )
    with project:
        assert _coded(project) == ["caseload"]
        assert len(report.unplaced) == 1
        assert "lie outside the text" in report.unplaced[0]


def test_atlas_ti_sample_with_its_codes_sets_notes_and_selections(tmp_path: Path) -> None:
    """The REFI standard project as ATLAS.ti 8.4 exported it; its text files are rebuilt around the selections."""
    qde = (SHARED / "samples" / "atlasti-8.4-standard-project.qde").read_bytes()
    exchange = read_exchange(SHARED / "samples" / "atlasti-8.4-standard-project.qde")
    files = {}
    root = etree.fromstring(qde)
    for source in root.iter("{urn:QDA-XML:project:1.0}TextSource"):
        selections = sorted(
            source.iter("{urn:QDA-XML:project:1.0}PlainTextSelection"), key=lambda s: int(s.get("startPosition"))
        )
        length = max([int(s.get("endPosition")) for s in selections] + [40]) + 20
        characters = list(("filler text " * (length // 12 + 1))[:length])
        for selection in selections:
            start, name = int(selection.get("startPosition")), selection.get("name")
            characters[start : start + len(name)] = name
        files[source.get("plainTextPath").removeprefix("internal://")] = "".join(characters).encode()
    path = tmp_path / "atlas.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ATLAS.ti standard project.qde", qde)
        for name, data in files.items():
            archive.writestr(f"Sources/{name}", data)
    project, report = import_as_new(path, tmp_path / "atlas.axial")
    with project:
        assert len(project.codes.tree()) == len(exchange.codes) == 14
        assert {n.code.name for n in project.codes.tree()} >= {"Coke::diet Coke", '"rushed"', "Feelings"}
        coke = next(n for n in project.codes.tree() if n.code.name == "Coke")
        assert coke.code.definition == "the breakfast of champions"
        assert report.codings == 7
        assert "Oh, that was great. See you tomorrow? Eleven thirty. Mm." in _coded(project)
        assert report.unplaced == []
        assert report.sets == 16
        assert sorted(m.title for m in project.memos.all()) == ["My favorite Coke ad", "Research Plan"]
        assert report.documents == 6
        assert any("audio" in line for line in report.skipped)
        assert any("PDF" in line for line in report.skipped)
        assert any("joins things other than two codes" in line for line in report.skipped)
        # Sent on again, the sets (Axial's groups) and everything else still satisfy the schema.
        again = write_qdpx(project, tmp_path / "again.qdpx").path
    root = _validate_qdpx(again)
    assert len(root.findall("{urn:QDA-XML:project:1.0}Sets/{urn:QDA-XML:project:1.0}Set")) == 16
    copy, second = import_as_new(again, tmp_path / "again.axial")
    with copy:
        assert (second.codings, second.sets, second.unplaced) == (7, 16, [])


def test_the_bare_sample_qde_says_its_text_files_are_missing(tmp_path: Path) -> None:
    project, report = import_as_new(SHARED / "samples" / "atlasti-8.4-standard-project.qde", tmp_path / "bare.axial")
    with project:
        assert report.documents == 0
        assert len(project.codes.tree()) == 14
        assert sum("import the .qdpx, which carries it" in line for line in report.skipped) == 6


# --- hostile files ---------------------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes], links: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            if name in links:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    return buffer.getvalue()


MINIMAL = b'<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"/>'
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol3;"/>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE p [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&secret;"/>"""


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Path]:
    """A folder whose contents (and its parent's) must not change but for the files a test names."""
    folder = tmp_path / "work"
    folder.mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    yield folder
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    ("entries", "links", "message"),
    [
        ({"project.qde": MINIMAL, "../escaped.txt": b"x"}, (), "points outside the archive"),
        ({"project.qde": MINIMAL, "sources/../../escaped.txt": b"x"}, (), "points outside the archive"),
        ({"project.qde": MINIMAL, "/etc/escaped.txt": b"x"}, (), "absolute path"),
        ({"project.qde": MINIMAL, "C:/escaped.txt": b"x"}, (), "absolute path"),
        ({"project.qde": MINIMAL, "sources/link.txt": b"/etc/passwd"}, ("sources/link.txt",), "link entry"),
        ({"project.qde": BILLION_LAUGHS}, (), "declares a document type or entities"),
        ({"project.qde": XXE}, (), "declares a document type or entities"),
        ({"notes.txt": b"no project here"}, (), "has no project file"),
    ],
)
def test_hostile_archives_are_refused_and_write_nothing(
    sandbox: Path, entries: dict[str, bytes], links: tuple[str, ...], message: str
) -> None:
    path = sandbox / "hostile.qdpx"
    path.write_bytes(_zip(entries, links))
    with pytest.raises(ReadError, match=message) as refused:
        import_as_new(path, sandbox / "new.axial")
    assert str(refused.value).startswith("hostile.qdpx: ")
    assert sorted(p.name for p in sandbox.iterdir()) == ["hostile.qdpx"]


def test_too_many_entries_and_too_large_are_refused(sandbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.model.refi.package.MAX_ENTRIES", 50)
    many = sandbox / "many.qdpx"
    many.write_bytes(_zip({"project.qde": MINIMAL, **{f"sources/{i}.txt": b"x" for i in range(60)}}))
    with pytest.raises(ReadError, match="holds 61 entries"):
        read_exchange(many)
    monkeypatch.setattr("app.model.refi.package.MAX_UNPACKED", 1000)
    large = sandbox / "large.qdpx"
    large.write_bytes(_zip({"project.qde": MINIMAL, "sources/big.txt": b"a" * 5000}))
    with pytest.raises(ReadError, match="would unpack to more than"):
        read_exchange(large)
    assert sorted(p.name for p in sandbox.iterdir()) == ["large.qdpx", "many.qdpx"]


def test_a_bare_qde_with_entities_is_refused(sandbox: Path) -> None:
    path = sandbox / "laughs.qde"
    path.write_bytes(BILLION_LAUGHS)
    with pytest.raises(ReadError, match=r"laughs\.qde: declares a document type"):
        read_exchange(path)


def test_unrelated_files_get_a_clear_message(sandbox: Path) -> None:
    path = sandbox / "notes.qdpx"
    path.write_bytes(b"just text, not a zip")
    with pytest.raises(ReadError, match=r"notes\.qdpx: is not well-formed XML"):
        read_exchange(path)


def test_palette_colours_are_valid_refi_colours() -> None:
    import re

    assert all(re.fullmatch(r"#[0-9A-Fa-f]{6}", c) for c in PALETTE)


def test_a_cancelled_import_leaves_no_project_behind(rich: Project, tmp_path: Path) -> None:
    class Cancelled(NoProgress):
        cancelled = True

    path = write_qdpx(rich, tmp_path / "rich.qdpx").path
    target = tmp_path / "out" / "new.axial"
    target.parent.mkdir()
    with pytest.raises(CancelledError):
        import_as_new(path, target, Cancelled())
    assert list(target.parent.iterdir()) == []


# --- one GUID given to two objects ---------------------------------------------------------------------------

_DUP = "D0000000-0000-4000-8000-00000000000D"
_SOURCE = "D0C00000-0000-4000-8000-000000000001"


def _text_source(guid: str, name: str, selections: str = "") -> str:
    return f'<TextSource guid="{guid}" name="{name}" plainTextPath="internal://{guid}.txt">{selections}</TextSource>'


def _selection(guid: str, start: int, end: int) -> str:
    coding = f'<Coding guid="{uuid.uuid4()}"><CodeRef targetGUID="{CODE}"/></Coding>'
    return (
        f'<PlainTextSelection guid="{guid}" startPosition="{start}" endPosition="{end}">{coding}</PlainTextSelection>'
    )


# Two objects of each kind sharing one GUID, upper and lower case (as tools mix them), in the schema's order.
_DUPLICATES = {
    "user": f'<Users><User guid="{_DUP}" name="Ann"/><User guid="{_DUP.lower()}" name="Bob"/></Users>',
    "code": (
        f'<CodeBook><Codes><Code guid="{_DUP}" name="First" isCodable="true"/>'
        f'<Code guid="{_DUP.lower()}" name="Second" isCodable="true"/></Codes></CodeBook>'
    ),
    "variable": (
        f'<Variables><Variable guid="{_DUP}" name="Role" typeOfVariable="Text"/>'
        f'<Variable guid="{_DUP}" name="Site" typeOfVariable="Text"/></Variables>'
    ),
    "case": f'<Cases><Case guid="{_DUP}" name="P1"/><Case guid="{_DUP}" name="P2"/></Cases>',
    "source": f"<Sources>{_text_source(_DUP, 'One')}{_text_source(_DUP, 'Two')}</Sources>",
    "selection": f"<Sources>{_text_source(_SOURCE, 'One', _selection(_DUP, 0, 4) + _selection(_DUP, 5, 9))}</Sources>",
    "note": (
        f'<Notes><Note guid="{_DUP}" name="N"><PlainTextContent>x</PlainTextContent></Note>'
        f'<Note guid="{_DUP}" name="M"><PlainTextContent>y</PlainTextContent></Note></Notes>'
    ),
    "link": (
        f'<Links><Link guid="{_DUP}" name="is cause of" originGUID="{CODE}" targetGUID="{CODE}"/>'
        f'<Link guid="{_DUP}" name="is part of" originGUID="{CODE}" targetGUID="{CODE}"/></Links>'
    ),
    "set": f'<Sets><Set guid="{_DUP}" name="A"/><Set guid="{_DUP}" name="B"/></Sets>',
}


@pytest.mark.parametrize("kind", list(_DUPLICATES))
def test_two_objects_with_one_guid_are_refused_by_name(project: Project, sandbox: Path, kind: str) -> None:
    parts = {"code": f"<CodeBook><Codes>{CODES}</Codes></CodeBook>", kind: _DUPLICATES[kind]}
    order = ["user", "code", "variable", "case", "source", "selection", "note", "link", "set"]
    xml = f'<Project xmlns="urn:QDA-XML:project:1.0" name="Broken">{"".join(parts.get(k, "") for k in order)}</Project>'
    path = sandbox / "dup.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
        for guid in (_DUP, _SOURCE):
            archive.writestr(f"sources/{guid}.txt", "Some caseload text here.")
    codes_before = len(project.codes.tree())
    with pytest.raises(ReadError, match=rf"^dup\.qdpx: gives two {kind}s the same GUID {_DUP.lower()} \(") as refused:
        import_as_new(path, sandbox / "new.axial")
    assert "refused" in str(refused.value)
    with pytest.raises(ReadError, match=f"two {kind}s the same GUID"):
        import_into(project, path)
    assert len(project.codes.tree()) == codes_before
    assert sorted(p.name for p in sandbox.iterdir()) == ["dup.qdpx"]


# --- a new project is built aside -------------------------------------------------------------------------------


def _fail_mid_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """A selection that breaks the import after the project has been made and part of it filled."""

    def broken(raw: str, selections: object) -> None:
        raise ValueError("a corrupt selection")

    monkeypatch.setattr("app.model.refi.offsets.place", broken)


def test_a_failed_import_leaves_nothing_and_can_be_tried_again(
    rich: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_qdpx(rich, tmp_path / "rich.qdpx").path
    folder = tmp_path / "out"
    folder.mkdir()
    with monkeypatch.context() as patched:
        _fail_mid_load(patched)
        with pytest.raises(ValueError, match="a corrupt selection"):
            import_as_new(path, folder / "new.axial")
    assert list(folder.iterdir()) == []
    copy, report = import_as_new(path, folder / "new.axial")
    with copy:
        assert report.codings == rich.info().codings
    assert sorted(p.name for p in folder.iterdir()) == ["new.axial"]


def test_what_a_killed_import_left_is_cleared_but_a_running_one_is_not_touched(rich: Project, tmp_path: Path) -> None:
    path = write_qdpx(rich, tmp_path / "rich.qdpx").path
    folder = tmp_path / "out"
    folder.mkdir()
    partial = folder / ".new.axial.partial"
    Project.create(partial).close()
    for leftover in ("-lock", "-wal", "-shm"):  # a killed process's lock (no longer held) and SQLite's files
        (folder / f".new.axial.partial{leftover}").write_bytes(b"")
    running = ProjectLock.acquire(partial)  # another import building the same project
    with pytest.raises(ProjectFileError, match=r"^new\.axial: is being made by another import right now"):
        import_as_new(path, folder / "new.axial")
    assert partial.exists()
    running.release()
    copy, _ = import_as_new(path, folder / "new.axial")
    copy.close()
    assert sorted(p.name for p in folder.iterdir()) == ["new.axial"]


def test_an_import_never_replaces_an_existing_project(
    rich: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_qdpx(rich, tmp_path / "rich.qdpx").path
    folder = tmp_path / "out"
    folder.mkdir()
    existing = folder / "existing.axial"
    existing.write_bytes(b"not to be touched")
    with pytest.raises(ProjectFileError, match="already exists"):
        import_as_new(path, existing)
    # One made by someone else while the import ran is not replaced either.
    load = refi_exchange.load

    def meanwhile(project: Project, *args: object) -> object:
        (folder / "late.axial").write_bytes(b"made meanwhile")
        return load(project, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("app.model.refi.exchange.load", meanwhile)
    with pytest.raises(ProjectFileError, match="already exists"):
        import_as_new(path, folder / "late.axial")
    assert existing.read_bytes() == b"not to be touched"
    assert (folder / "late.axial").read_bytes() == b"made meanwhile"
    assert sorted(p.name for p in folder.iterdir()) == ["existing.axial", "late.axial"]


def test_what_the_database_refuses_is_a_refusal_not_a_crash(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.model.refi.exchange.check_exchange", lambda exchange, name: None)
    path = tmp_path / "dup.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "project.qde", f'<Project xmlns="urn:QDA-XML:project:1.0" name="x">{_DUPLICATES["code"]}</Project>'
        )
    with pytest.raises(ReadError, match=r"^dup\.qdpx: holds something Axial cannot store \(UNIQUE constraint failed"):
        import_as_new(path, tmp_path / "new.axial")
    with pytest.raises(ReadError, match="nothing was changed"):
        import_into(project, path)
    assert project.codes.tree() == []
    assert not (tmp_path / "new.axial").exists()


# --- exports are whole or nothing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt(), RuntimeError("bug")])
def test_an_export_that_fails_midway_leaves_the_old_file_and_no_partial(
    rich: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "rich.qdpx"
    target.write_bytes(b"the previous export")
    (folder / ".rich.qdpx.partial").write_bytes(b"left by a killed export")
    written = zipfile.ZipFile.writestr

    def fails_on_a_source(archive: zipfile.ZipFile, name: object, data: object, *args: object) -> None:
        if str(name).startswith("sources/"):
            raise failure
        written(archive, name, data, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "writestr", fails_on_a_source)
    with pytest.raises((ExportError, KeyboardInterrupt, RuntimeError)):
        write_qdpx(rich, target)
    assert sorted(p.name for p in folder.iterdir()) == ["rich.qdpx"]
    assert target.read_bytes() == b"the previous export"


def test_an_export_over_what_a_killed_export_left_replaces_it(rich: Project, tmp_path: Path) -> None:
    (tmp_path / ".rich.qdpx.partial").write_bytes(b"left by a killed export")
    (tmp_path / ".rich.qdc.partial").write_bytes(b"left by a killed export")
    write_qdpx(rich, tmp_path / "rich.qdpx")
    write_qdc(rich, tmp_path / "rich.qdc")
    assert not list(tmp_path.glob(".*.partial"))
    _validate_qdpx(tmp_path / "rich.qdpx")


def test_the_next_export_clears_what_a_killed_one_left_but_not_one_being_written(rich: Project, tmp_path: Path) -> None:
    fcntl = pytest.importorskip("fcntl", reason="Windows protects a file being written by refusing to remove it")
    folder = tmp_path / "out"
    folder.mkdir()
    for name in (".killed.qdpx.partial", ".killed.qdc.partial", ".writing.qdpx.partial", ".other.docx.partial"):
        (folder / name).write_bytes(b"partial")
    with open(folder / ".writing.qdpx.partial", "rb") as writing:
        fcntl.flock(writing.fileno(), fcntl.LOCK_EX)  # as another window's export holds it
        write_qdpx(rich, folder / "rich.qdpx")
        assert sorted(p.name for p in folder.iterdir()) == [".other.docx.partial", ".writing.qdpx.partial", "rich.qdpx"]


def test_a_qdpx_is_never_read_whole_and_a_zip_bomb_is_refused(
    rich: Project, sandbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = sandbox / "bomb.qdpx"
    source = "D0C00000-0000-4000-8000-000000000001"
    xml = project_xml(CODES, [ToolSource(source, "Big", b"")])
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml)
        archive.writestr(f"sources/{source}.txt", b"\0" * (40 * 1024 * 1024))  # 40 MB in about 40 kB
    assert bomb.stat().st_size < 100_000

    def whole(path: Path) -> bytes:
        raise AssertionError(f"{path.name} was read whole")

    monkeypatch.setattr(Path, "read_bytes", whole)
    with pytest.raises(ReadError, match=r"^bomb\.qdpx: .*refused as unsafe \(zip bomb\)"):
        read_exchange(bomb)
    monkeypatch.undo()
    good = write_qdpx(rich, sandbox / "good.qdpx").path
    monkeypatch.setattr(Path, "read_bytes", whole)
    assert len(read_exchange(good).sources) == len(TEXTS) + 1
    assert sorted(p.name for p in sandbox.iterdir()) == ["bomb.qdpx", "good.qdpx"]


def test_oversized_xml_and_impossible_names_are_refused_in_words(
    sandbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.model.refi.package.MAX_XML", 1000)
    large = sandbox / "large.qde"
    large.write_bytes(MINIMAL + b" " * 2000)
    with pytest.raises(ReadError, match=r"^large\.qde: is 0 MB of XML, more than a REFI-QDA file ever holds"):
        read_exchange(large)
    with pytest.raises(ReadError, match="its name holds a null character"):
        import_as_new(sandbox / "bad\0name.qdpx", sandbox / "new.axial")


_KILLED_IMPORT = """
import sys, time
from pathlib import Path
from app.model.refi import offsets
from app.model.refi.exchange import import_as_new

def stuck(raw, selections):
    print("loading", flush=True)
    time.sleep(600)

offsets.place = stuck
import_as_new(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_a_killed_import_leaves_only_a_hidden_partial_which_the_retry_clears(rich: Project, tmp_path: Path) -> None:
    path = write_qdpx(rich, tmp_path / "rich.qdpx").path
    folder = tmp_path / "out"
    folder.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_IMPORT, str(path), str(folder / "new.axial")],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "loading\n"  # the project is made and being filled
    child.kill()
    child.wait()
    child.stdout.close()
    assert all(p.name.startswith(".new.axial.partial") for p in folder.iterdir())
    copy, report = import_as_new(path, folder / "new.axial")
    with copy:
        assert report.codings == rich.info().codings
    assert sorted(p.name for p in folder.iterdir()) == ["new.axial"]


def test_refusals_name_the_new_project_not_its_hidden_partial(rich: Project, tmp_path: Path) -> None:
    path = write_qdpx(rich, tmp_path / "rich.qdpx").path
    with pytest.raises(ProjectFileError, match=r"^new\.axial: cannot be created: the folder .*missing does not exist"):
        import_as_new(path, tmp_path / "missing" / "new.axial")


def test_another_tools_group_transcript_is_a_focus_group(tmp_path: Path) -> None:
    """A foreign source names no kind: it is guessed from the speakers found, as an ordinary import guesses."""
    lines = [f"{who}: turn {n} about supervision." for n in range(3) for who in ("Ann", "Ben", "Cai", "Dee")]
    text = "\n".join(lines) + "\n"
    other = tmp_path / "other.qdpx"
    with zipfile.ZipFile(other, "w") as package:
        package.writestr(
            "project.qde",
            '<?xml version="1.0" encoding="utf-8"?>'
            '<Project xmlns="urn:QDA-XML:project:1.0" name="Other">'
            '<Sources><TextSource guid="6f1d7d4e-1f7a-4d52-8f8e-0c3c3c1b0a01" name="Group 3">'
            f"<PlainTextContent>{text}</PlainTextContent></TextSource></Sources></Project>",
        )
    copy, _ = import_as_new(other, tmp_path / "copy.axial")
    with copy:
        (document,) = copy.documents.all()
        assert document.kind is DocumentKind.FOCUS_GROUP
