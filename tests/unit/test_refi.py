"""REFI-QDA exchange: exports valid by the schemas, faithful round trips, what other tools write (refusals: test_refi_refusals)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from app.model.analysis.matrices import Analysis, Measure
from app.model.core.dto import AttributeType, DocumentKind, NewDocument, NewTurn
from app.model.exchange.refi_import import import_as_new, import_into, read_exchange
from app.model.exchange.refi_writer import write_qdc, write_qdpx
from app.model.project import Project
from tests.unit.refi_files import (
    CODE,
    CODES,
    SHARED,
    ToolSelection,
    ToolSource,
    project_xml,
    qdpx,
    refi_schema,
    utf16_offset,
    validate_qdpx,
)
from tests.unit.refi_projects import TEXTS, turns_of
from tests.unit.reports import demo_with_mappings


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
    root = validate_qdpx(written.path)
    assert [etree.QName(e).localname for e in root] == [
        "Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Description", "NoteRef",
    ]  # fmt: skip
    assert any("speaker turns as such" in w for w in written.warnings)
    assert any("choice lists" in w for w in written.warnings)
    codebook = write_qdc(rich, tmp_path / "rich.qdc")
    schema = refi_schema("Codebook.xsd")
    assert schema.validate(etree.parse(str(codebook.path))), schema.error_log


def test_an_empty_project_exports_no_empty_containers(project: Project, tmp_path: Path) -> None:
    root = validate_qdpx(write_qdpx(project, tmp_path / "empty.qdpx").path)
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
            turns=turns_of(interview_text),
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


def test_round_trip_restores_turns_speakers_and_their_cases(
    focus_group: Project, make_project: Callable[..., Project], tmp_path: Path
) -> None:
    before = _snapshot(focus_group)
    assert sum(len(turns) for turns in before["turns"].values()) == 7  # type: ignore[attr-defined]
    assert [(s[1], s[2]) for s in before["speakers"] if s[0] == "Focus group"] == [  # type: ignore[attr-defined]
        ("Facilitator", None), ("P1", "CM-07"), ("P2", "CM-08"),
    ]  # fmt: skip
    assert ("Role", "cases") in before["tables by case"]  # type: ignore[operator]
    assert ("Supervision", "case manager", 1) in before["tables by case"][("Role", "cases")]  # type: ignore[index]
    written = write_qdpx(focus_group, tmp_path / "group.qdpx")
    validate_qdpx(written.path)
    copy, report = import_as_new(written.path, tmp_path / "copy.axial")
    with copy:
        assert _snapshot(copy) == before
        assert report.unplaced == []
        assert report.skipped == []
        assert report.codes == 2  # the speakers came back as speakers, not as codes
    # Merged into another project, the turns come back the same way.
    other = make_project(name="other")
    import_into(other, written.path)
    assert _speakers(other) == _speakers(focus_group)


def test_other_tools_see_speakers_as_codes_and_the_casesturns_of(focus_group: Project, tmp_path: Path) -> None:
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
    root = validate_qdpx(again)
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
