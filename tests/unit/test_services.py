"""Documents, cases and typed attributes, codings, memos, relations, frameworks and ratings through the services."""

from __future__ import annotations

from datetime import date

import pytest

from app.model.core.dto import (
    AttributeType,
    DocumentKind,
    MemoTarget,
    NewCoding,
    NewDocument,
    NewFrameworkNode,
    NewTurn,
    SourceFile,
)
from app.model.core.errors import ConflictError, NotFoundError, ValidationError
from app.model.project import Project
from tests.conftest import table_dump


def test_documents_keep_source_kind_cases_and_counts(project: Project) -> None:
    case = project.cases.create("CM-07")
    source = SourceFile("int1.txt", "txt", b"I: hello\nP: hi")
    doc = project.documents.add(
        NewDocument(
            name="Interview 1",
            text="I: hello\nP: hi",
            kind=DocumentKind.FOCUS_GROUP,
            source=source,
            interview_date=date(2024, 3, 1),
            case_ids=(case.id,),
            turns=(NewTurn("I", 0, 8), NewTurn("P", 9, 14)),
        )
    )
    assert (doc.kind, doc.word_count, doc.case_ids, doc.source_format) == (
        DocumentKind.FOCUS_GROUP,
        4,
        (case.id,),
        "txt",
    )
    assert project.documents.find_by_sha256(doc.source_sha256 or "") == doc.id
    assert project.documents.source(doc.id) == source
    with pytest.raises(ConflictError, match="already in the project"):
        project.documents.add(NewDocument(name="Interview 1", text="x"))
    speaker = next(s for s in project.documents.speakers(doc.id) if s.label == "P")
    project.documents.map_speaker(speaker.id, case.id)
    assert next(s for s in project.documents.speakers(doc.id) if s.label == "P").case_id == case.id
    project.documents.rename(doc.id, "Focus group 1")
    project.documents.set_kind(doc.id, DocumentKind.INTERVIEW)
    code = project.codes.create("Greeting")
    project.codings.apply(doc.id, code.id, 3, 8)
    [listed] = project.documents.all()
    assert (listed.name, listed.kind, listed.coding_count) == ("Focus group 1", DocumentKind.INTERVIEW, 1)
    assert project.cases.all()[0].document_count == 1
    project.memos.add(MemoTarget(document_id=doc.id), "About this interview", "noisy room")
    before = table_dump(project.path)
    project.edits.delete_documents([doc.id])
    assert project.info().codings == 0
    assert project.documents.all() == []
    assert project.memos.all() == []
    project.history.undo()
    assert table_dump(project.path) == before


def test_attribute_values_are_typed_and_bad_values_are_refused_with_a_reason(project: Project) -> None:
    case = project.cases.create("Site A")
    role = project.cases.define_attribute("Role", AttributeType.CHOICE, ["case manager", "supervisor"])
    score = project.cases.define_attribute("Fidelity", AttributeType.NUMBER)
    trained = project.cases.define_attribute("Trained", AttributeType.BOOLEAN)
    start = project.cases.define_attribute("Start", AttributeType.DATE)
    note = project.cases.define_attribute("Note", AttributeType.TEXT)
    project.cases.set_value(case.id, role.id, "supervisor")
    project.cases.set_value(case.id, score.id, "4,250.5")
    project.cases.set_value(case.id, trained.id, "yes")
    project.cases.set_value(case.id, start.id, "2024-02-29")
    project.cases.set_value(case.id, note.id, "  small team ")
    project.cases.set_value(case.id, score.id, "3,25")
    assert project.cases.values()[(case.id, score.id)] == 3.25  # a decimal comma
    project.cases.set_value(case.id, score.id, "4,250.5")
    assert project.cases.values() == {
        (case.id, role.id): "supervisor",
        (case.id, score.id): 4250.5,
        (case.id, trained.id): True,
        (case.id, start.id): date(2024, 2, 29),
        (case.id, note.id): "small team",
    }
    for attribute, bad in [(role.id, "janitor"), (score.id, "high"), (trained.id, "maybe"), (start.id, "31/02/24")]:
        with pytest.raises(ValidationError, match=r"not (a valid|one of)"):
            project.cases.set_value(case.id, attribute, bad)
    project.cases.set_value(case.id, note.id, None)
    assert (case.id, note.id) not in project.cases.values()
    with pytest.raises(ConflictError):
        project.cases.define_attribute("Role", AttributeType.TEXT)


def test_coding_bounds_code_and_memo_change_and_undo(project: Project) -> None:
    doc = project.documents.add(NewDocument(name="A", text="caseload is heavy this year"))
    heavy = project.codes.create("Heavy")
    load = project.codes.create("Load")
    coding = project.codings.apply(doc.id, heavy.id, 0, 8)
    with pytest.raises(ConflictError, match="already has that code"):
        project.codings.apply(doc.id, heavy.id, 0, 8)
    old = project.codings.set_bounds(coding.id, 0, 17)
    assert (old.start, old.end) == (0, 8)
    project.codings.set_code(coding.id, load.id)
    project.codings.set_memo(coding.id, "whole clause")
    now = project.codings.get(coding.id)
    assert (now.code_id, now.end, now.memo) == (load.id, 17, "whole clause")
    removed = project.codings.get(coding.id)
    project.edits.remove_coding(coding.id)
    assert project.codings.for_document(doc.id) == []
    project.history.undo()
    assert project.codings.for_document(doc.id) == [removed]
    with pytest.raises(NotFoundError):
        project.codings.remove(12345)


def test_memos_on_every_target_edit_delete_and_undo(project: Project) -> None:
    doc = project.documents.add(NewDocument(name="A", text="text"))
    case = project.cases.create("P1")
    code = project.codes.create("C")
    for target in (
        MemoTarget(),
        MemoTarget(document_id=doc.id),
        MemoTarget(case_id=case.id),
        MemoTarget(code_id=code.id),
    ):
        project.memos.add(target, "Title", "body")
    assert len(project.memos.all()) == 4
    [on_case] = project.memos.all(MemoTarget(case_id=case.id))
    project.edits.edit_memo(on_case.id, body="new thoughts")
    assert project.memos.get(on_case.id).body == "new thoughts"
    project.history.undo()
    assert project.memos.get(on_case.id) == on_case
    deleted = project.edits.run("Delete memo", "delete_memo", lambda: project.memos.delete(on_case.id))
    assert deleted == on_case
    assert len(project.memos.all()) == 3
    project.history.undo()
    assert project.memos.get(on_case.id) == on_case
    with pytest.raises(ValueError, match="one thing"):
        MemoTarget(document_id=1, code_id=2)


def test_relations_and_relation_types(project: Project) -> None:
    a, b = project.codes.create("Turnover"), project.codes.create("Burnout")
    names = [t.name for t in project.relations.types()]
    assert names[:5] == ["causal condition", "context", "intervening condition", "action/strategy", "consequence"]
    own = project.relations.add_type("worsens", directed=True)
    relation = project.relations.create(b.id, a.id, own.id, "burnout drives people out")
    assert project.relations.all(a.id) == [relation]
    assert project.relations.set_memo(relation.id, "updated") == "burnout drives people out"
    project.edits.unrelate(relation.id)
    assert project.relations.all() == []
    project.history.undo()
    assert project.relations.all()[0].memo == "updated"
    with pytest.raises(ValidationError):
        project.relations.create(a.id, a.id, own.id)


def test_framework_storage_mapping_and_ratings(project: Project) -> None:
    framework = project.frameworks.add(
        "cfir-2022",
        "CFIR 2.0",
        "Damschroder et al. 2022",
        [
            NewFrameworkNode(
                "domain", "Inner Setting", "III", children=(NewFrameworkNode("construct", "Culture", "III.D"),)
            )
        ],
    )
    project.frameworks.set_default(framework.id)
    assert project.info().default_framework == "CFIR 2.0"
    nodes = {node.level: node for node in project.frameworks.nodes(framework.id)}
    domain, construct = nodes["domain"], nodes["construct"]
    assert (construct.official_id, construct.parent_id) == ("III.D", domain.id)
    code = project.codes.create("Team culture")
    project.frameworks.map_code(code.id, construct.id)
    project.frameworks.map_code(code.id, construct.id)  # mapping twice is one mapping
    assert project.frameworks.mappings() == [(code.id, construct.id)]

    site = project.cases.define_attribute("Site", AttributeType.TEXT)
    unit = project.frameworks.add_rating_unit("Site B", attribute_id=site.id, attribute_value="B")
    doc = project.documents.add(NewDocument(name="A", text="we trust each other"))
    coding = project.codings.apply(doc.id, code.id, 3, 19)
    assert project.frameworks.set_rating(unit.id, construct.id, "+2", "concrete examples", evidence=[coding.id]) is None
    old = project.frameworks.set_rating(unit.id, construct.id, "X", "mixed")
    assert old is not None
    assert (old.value, old.evidence_coding_ids) == ("+2", (coding.id,))
    with pytest.raises(ValidationError, match="not a rating"):
        project.frameworks.set_rating(unit.id, construct.id, "+3")
    with pytest.raises(ValidationError, match="either a case or an attribute value"):
        project.frameworks.add_rating_unit("Broken")
    project.codings.remove(coding.id)
    assert project.frameworks.ratings()[0].evidence_coding_ids == ()


def test_apply_many_is_all_or_nothing_and_skips_what_is_already_there(project: Project) -> None:
    doc = project.documents.add(NewDocument(name="A", text="caseload is heavy this year"))
    heavy = project.codes.create("Heavy")
    project.codings.apply(doc.id, heavy.id, 0, 8)
    spans = [
        NewCoding(doc.id, heavy.id, 0, 8),
        NewCoding(doc.id, heavy.id, 12, 17),
        NewCoding(doc.id, heavy.id, 12, 17),
    ]
    assert project.codings.apply_many(spans) == 1
    assert [(c.start, c.end) for c in project.codings.for_document(doc.id)] == [(0, 8), (12, 17)]
    with pytest.raises(ValidationError, match="within the document"):
        project.codings.apply_many([NewCoding(doc.id, heavy.id, 18, 22), NewCoding(doc.id, heavy.id, 20, 99)])
    assert len(project.codings.for_document(doc.id)) == 2  # the valid first span was not kept either
