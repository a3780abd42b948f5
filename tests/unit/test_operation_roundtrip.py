"""Every edit the desktop offers undoes to exactly the file it started from and redoes to exactly the file it made.

Each case sets up what its edit needs on a copy of the starting project, then: dump → do → dump → undo → the
first dump again → redo → the second dump again → undo again → the first dump again. The dumps hold every row of
every table (GUIDs, timestamps and version numbers included) and what the search index answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.model.codings.autocode import autocode_hits, autocode_turns
from app.model.core.dto import RATING_VALUES, MemoTarget
from app.model.core.errors import AxialError
from app.model.documents.extents import Extent
from app.model.documents.importing import FilePlan
from app.model.frameworks import crosswalk, definitions
from app.model.history.edits import Edits
from app.model.project import Project
from app.model.search.searching import search
from tests.unit.history_projects import Finder, build_starting, open_copy
from tests.unit.project_dump import assert_same, dump
from tests.unit.refi_files import ToolSelection, ToolSource, project_xml, qdpx


@dataclass(frozen=True)
class Step:
    """An edit to make (after the set-up) and what must be true of its result and the project once it is made."""

    do: Callable[[], object]
    check: Callable[[Any], None]  # given what the edit returned


Setup = Callable[[Project, Finder, Path], Step]
CASES: dict[str, Setup] = {}
# The `Edits` methods each case calls, to prove that every one the desktop offers has a case.
CALLS: dict[str, tuple[str, ...]] = {}


def case(*calls: str) -> Callable[[Setup], Setup]:
    def register(setup: Setup) -> Setup:
        CASES[setup.__name__] = setup
        CALLS[setup.__name__] = calls
        return setup

    return register


@pytest.fixture(scope="module")
def start(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_starting(tmp_path_factory.mktemp("start"))


@pytest.fixture
def study(start: Path, tmp_path: Path) -> Iterator[Project]:
    project = open_copy(start, tmp_path)
    yield project
    project.close()


# --- codings -------------------------------------------------------------------------------------------------


@case("apply_coding")
def apply_coding(p: Project, find: Finder, tmp: Path) -> Step:
    document, start, end = find.span("Plain", "How is it?")
    code = find.code("Supervision").id

    def check(coding: Any) -> None:
        stored = p.codings.get(coding.id)
        assert (stored.document_id, stored.code_id, stored.start, stored.end) == (document, code, start, end)

    return Step(lambda: p.edits.apply_coding(document, code, start, end), check)


@case("remove_coding")
def remove_coding(p: Project, find: Finder, tmp: Path) -> Step:
    # The coding with a memo that is also a rating's evidence: its link goes with it and comes back on undo.
    coding = find.codings("Caseload")[0]
    assert coding.memo
    assert p.frameworks.ratings()[0].evidence_coding_ids == (coding.id,)

    def check(_: Any) -> None:
        assert coding.id not in {c.id for c in find.codings("Caseload")}
        assert p.frameworks.ratings()[0].evidence_coding_ids == ()

    return Step(lambda: p.edits.remove_coding(coding.id), check)


@case("set_bounds")
def set_bounds(p: Project, find: Finder, tmp: Path) -> Step:
    coding = find.codings("Feelings « & » <tags>")[0]
    return Step(
        lambda: p.edits.set_bounds(coding.id, coding.start + 1, coding.end),
        lambda _: _equal(
            (p.codings.get(coding.id).start, p.codings.get(coding.id).end), (coding.start + 1, coding.end)
        ),
    )


@case("set_code")
def set_code(p: Project, find: Finder, tmp: Path) -> Step:
    coding, caseload = find.codings("Supervision")[0], find.code("Caseload").id
    return Step(
        lambda: p.edits.set_code(coding.id, caseload), lambda _: _equal(p.codings.get(coding.id).code_id, caseload)
    )


@case("set_coding_memo")
def set_coding_memo(p: Project, find: Finder, tmp: Path) -> Step:
    coding = find.codings("Caseload")[0]
    return Step(
        lambda: p.edits.set_coding_memo(coding.id, "Rewritten 😀 memo"),
        lambda _: _equal(p.codings.get(coding.id).memo, "Rewritten 😀 memo"),
    )


@case("autocode")
def autocode_speaker_turns(p: Project, find: Finder, tmp: Path) -> Step:
    speakers = [s.id for s in p.documents.speakers() if s.label in ("P1", "P3")]
    code = find.code("Supervision").id
    before = len(find.codings("Supervision"))

    def check(added: Any) -> None:
        assert added == 2
        assert len(find.codings("Supervision")) == before + 2

    return Step(lambda: p.edits.autocode("Code the turns", lambda: autocode_turns(p, speakers, code)), check)


@case("autocode")
def autocode_search_hits(p: Project, find: Finder, tmp: Path) -> Step:
    hits = search(p, "caseload").hits
    code = find.code("Feelings « & » <tags>").id
    assert hits

    def check(added: Any) -> None:
        assert added == len(hits) == len(find.codings("Feelings « & » <tags>")) - 2

    return Step(lambda: p.edits.autocode("Code the hits", lambda: autocode_hits(p, hits, code, Extent.SENTENCE)), check)


# --- codes ---------------------------------------------------------------------------------------------------


@case("create_code")
def create_code(p: Project, find: Finder, tmp: Path) -> Step:
    workload = find.code("Workload").id

    def check(code: Any) -> None:
        stored = p.codes.get(code.id)
        assert (stored.name, stored.parent_id) == ("Paperwork", workload)

    return Step(lambda: p.edits.create_code("Paperwork", workload), check)


@case("rename_code")
def rename_code(p: Project, find: Finder, tmp: Path) -> Step:
    code = find.code("Supervision").id
    return Step(lambda: p.edits.rename_code(code, "Ärger"), lambda _: _equal(p.codes.get(code).name, "Ärger"))


@case("recolour_code")
def recolour_code(p: Project, find: Finder, tmp: Path) -> Step:
    code = find.code("Supervision").id
    return Step(lambda: p.edits.recolour_code(code, "#000001"), lambda _: _equal(p.codes.get(code).colour, "#000001"))


@case("edit_code_details")
def edit_code_details(p: Project, find: Finder, tmp: Path) -> Step:
    code = find.code("Caseload").id
    return Step(
        lambda: p.edits.edit_code_details(code, "Defined", "", "Nothing excluded", "e.g."),
        lambda _: _equal((p.codes.get(code).definition, p.codes.get(code).inclusion), ("Defined", "")),
    )


@case("move_code")
def move_code(p: Project, find: Finder, tmp: Path) -> Step:
    # To the top of another category: the siblings there and at the old place are renumbered.
    code, workload = find.code("Supervision").id, find.code("Workload").id
    return Step(
        lambda: p.edits.move_code(code, workload, 0),
        lambda _: _equal((p.codes.get(code).parent_id, p.codes.get(code).position), (workload, 0)),
    )


@case("delete_code")
def delete_code(p: Project, find: Finder, tmp: Path) -> Step:
    # A category whose child has codings, a memo, a relation, a mapping, rating evidence and a box on the diagram.
    workload = find.code("Workload").id

    def check(_: Any) -> None:
        assert [c.name for c in find.codes()] == ["Supervision"]
        assert p.frameworks.mappings() == []
        assert p.relations.all() == []

    return Step(lambda: p.edits.delete_code(workload), check)


@case("merge_codes")
def merge_codes(p: Project, find: Finder, tmp: Path) -> Step:
    feelings, caseload = find.code("Feelings « & » <tags>").id, find.code("Caseload").id
    total = len(find.codings("Feelings « & » <tags>")) + len(find.codings("Caseload"))

    def check(_: Any) -> None:
        assert "Feelings « & » <tags>" not in {c.name for c in find.codes()}
        assert len(find.codings("Caseload")) == total

    return Step(lambda: p.edits.merge_codes([feelings], caseload), check)


@case("create_category")
def create_category(p: Project, find: Finder, tmp: Path) -> Step:
    members = [find.code("Caseload").id, find.code("Supervision").id]

    def check(category: Any) -> None:
        assert {p.codes.get(m).parent_id for m in members} == {category}
        assert p.codes.get(category).name == "Pressures"

    return Step(lambda: p.edits.create_category("Pressures", members), check)


@case("move_codes")
def move_codes(p: Project, find: Finder, tmp: Path) -> Step:
    moved = [find.code("Caseload").id, find.code("Feelings « & » <tags>").id]
    return Step(
        lambda: p.edits.move_codes(moved, None), lambda _: _equal({p.codes.get(m).parent_id for m in moved}, {None})
    )


@case("split_codings")
def split_codings(p: Project, find: Finder, tmp: Path) -> Step:
    coding, caseload = find.codings("Supervision")[0].id, find.code("Caseload").id
    return Step(
        lambda: p.edits.split_codings([coding], caseload), lambda _: _equal(p.codings.get(coding).code_id, caseload)
    )


@case("set_codable")
def set_codable(p: Project, find: Finder, tmp: Path) -> Step:
    workload = find.code("Workload").id
    return Step(lambda: p.edits.set_codable(workload, True), lambda _: _equal(p.codes.get(workload).is_codable, True))


@case("dismiss_similarity")
def dismiss_similarity(p: Project, find: Finder, tmp: Path) -> Step:
    first, second = find.code("Caseload").id, find.code("Supervision").id
    return Step(
        lambda: p.edits.dismiss_similarity(first, second),
        lambda _: _equal(p.codes.dismissed_pairs() & {(first, second), (second, first)} != set(), True),
    )


# --- relations -----------------------------------------------------------------------------------------------


@case("relate")
def relate(p: Project, find: Finder, tmp: Path) -> Step:
    source, target = find.code("Supervision").id, find.code("Feelings « & » <tags>").id
    kind = next(t.id for t in p.relations.types() if t.name == "is associated with")

    def check(relation: Any) -> None:
        assert relation.id in {r.id for r in p.relations.all()}

    return Step(lambda: p.edits.relate(source, target, kind, "Both 😀"), check)


@case("unrelate")
def unrelate(p: Project, find: Finder, tmp: Path) -> Step:
    relation = p.relations.all()[0].id
    return Step(lambda: p.edits.unrelate(relation), lambda _: _equal(p.relations.all(), []))


@case("place_boxes")
def place_boxes(p: Project, find: Finder, tmp: Path) -> Step:
    # One box moves, one is placed for the first time.
    moved = {find.code("Caseload").id: (0.1 + 0.2, -3.0), find.code("Supervision").id: (1e-7, 2.5)}
    return Step(lambda: p.edits.place_boxes(moved), lambda _: _equal(p.relations.positions(), moved))


# --- frameworks ----------------------------------------------------------------------------------------------


@case("map_codes")
def map_codes(p: Project, find: Finder, tmp: Path) -> Step:
    codes, node = [find.code("Supervision").id, find.code("Caseload").id], find.construct("I.B").id
    return Step(
        lambda: p.edits.map_codes(codes, node),
        lambda _: _equal({c for c, n in p.frameworks.mappings() if n == node}, set(codes)),
    )


@case("unmap_code")
def unmap_code(p: Project, find: Finder, tmp: Path) -> Step:
    code, node = find.code("Caseload").id, find.construct("I.A").id
    return Step(lambda: p.edits.unmap_code(code, node), lambda _: _equal(p.frameworks.mappings(), []))


@case("rate")
def rate_anew(p: Project, find: Finder, tmp: Path) -> Step:
    unit, node = p.frameworks.rating_units()[0].id, find.construct("II.A").id
    evidence = [c.id for c in find.codings("Supervision")]

    def check(_: Any) -> None:
        rating = next(r for r in p.frameworks.ratings() if r.node_id == node)
        assert (rating.value, rating.evidence_coding_ids) == ("-2", tuple(sorted(evidence)))

    return Step(lambda: p.edits.rate(unit, node, "-2", "Weak.", "check", evidence), check)


@case("rate")
def rate_again(p: Project, find: Finder, tmp: Path) -> Step:
    rating = p.frameworks.ratings()[0]
    value = next(v for v in RATING_VALUES if v != rating.value)

    def check(_: Any) -> None:
        again = p.frameworks.ratings()[0]
        assert (again.value, again.evidence_coding_ids) == (value, rating.evidence_coding_ids)

    return Step(lambda: p.edits.rate(rating.unit_id, rating.node_id, value, "Changed."), check)


@case("adapt_construct")
def hide_construct(p: Project, find: Finder, tmp: Path) -> Step:
    node = find.construct("I.A").id
    return Step(
        lambda: p.edits.adapt_construct(node, hidden=True), lambda _: _equal(find.construct("I.A").hidden, True)
    )


@case("adapt_construct")
def reverse_rate_construct(p: Project, find: Finder, tmp: Path) -> Step:
    node = find.construct("I.B").id
    return Step(
        lambda: p.edits.adapt_construct(node, reverse_rated=True),
        lambda _: _equal(find.construct("I.B").reverse_rated, True),
    )


@case("adapt_construct")
def adapt_construct_name(p: Project, find: Finder, tmp: Path) -> Step:
    node = find.construct("II.A").id
    return Step(
        lambda: p.edits.adapt_construct(node, study_name="Partners"),
        lambda _: _equal(find.construct("II.A").study_name, "Partners"),
    )


# --- memos ---------------------------------------------------------------------------------------------------


@case("add_memo")
def add_memo(p: Project, find: Finder, tmp: Path) -> Step:
    case_id = p.cases.all()[0].id

    def check(memo: Any) -> None:
        assert p.memos.get(memo.id).target == MemoTarget(case_id=case_id)

    return Step(lambda: p.edits.add_memo(MemoTarget(case_id=case_id), "About CM-01", "Body 😀"), check)


@case("edit_memo")
def edit_memo(p: Project, find: Finder, tmp: Path) -> Step:
    memo = p.memos.all(MemoTarget(code_id=find.code("Caseload").id))[0]
    return Step(
        lambda: p.edits.edit_memo(memo.id, body="Rewritten"), lambda _: _equal(p.memos.get(memo.id).body, "Rewritten")
    )


# --- documents -----------------------------------------------------------------------------------------------


@case("import_documents")
def import_documents(p: Project, find: Finder, tmp: Path) -> Step:
    transcript = tmp / "Site visit.txt"
    transcript.write_text("Interviewer: What helps?\nCM-02: Weekly supervision helps.\n", encoding="utf-8")
    plans = [FilePlan(transcript, case_names=("CM-02",), speaker_cases={"CM-02": "CM-02"})]

    def check(_: Any) -> None:
        assert find.document("Site visit").case_ids
        assert len(search(p, "weekly").hits) == 2  # the new document's words are in the search index

    return Step(lambda: p.edits.import_documents(plans), check)


@case("delete_documents")
def delete_documents(p: Project, find: Finder, tmp: Path) -> Step:
    # A document with codings, a case, a memo, speakers and turns, and words in the search index.
    plain = find.document("Plain").id
    return Step(
        lambda: p.edits.delete_documents([plain]),
        lambda _: _equal((plain in {d.id for d in p.documents.all()}, search(p, "mostly").hits), (False, [])),
    )


# --- several edits as one step (as the desktop groups them) --------------------------------------------------


@case("together", "create_code", "apply_coding")
def create_and_apply(p: Project, find: Finder, tmp: Path) -> Step:
    document, start, end = find.span("Right to left", "עבודה קשה")

    def do() -> object:
        with p.edits.together("Code with new code “Hard work”"):
            code = p.edits.create_code("Hard work", None, allow_similar=True)
            return p.edits.apply_coding(document, code.id, start, end)

    def check(coding: Any) -> None:
        assert p.codings.get(coding.id).code_id == find.code("Hard work").id

    return Step(do, check)


@case("together", "create_code", "set_code")
def create_and_change_code(p: Project, find: Finder, tmp: Path) -> Step:
    coding = find.codings("Supervision")[0].id

    def do() -> object:
        with p.edits.together("Change code to new code “Mentoring”"):
            code = p.edits.create_code("Mentoring", find.code("Workload").id, allow_similar=True)
            p.edits.set_code(coding, code.id)
        return code

    return Step(do, lambda code: _equal(p.codings.get(coding).code_id, code.id))


@case("together", "create_code", "split_codings")
def create_and_split(p: Project, find: Finder, tmp: Path) -> Step:
    codings = [c.id for c in find.codings("Supervision")[:2]]

    def do() -> object:
        with p.edits.together("Split “Supervision”"):
            target = p.edits.create_code("Peer support", None, allow_similar=True).id
            p.edits.split_codings(codings, target)
        return target

    return Step(do, lambda target: _equal({p.codings.get(c).code_id for c in codings}, {target}))


@case("together", "move_code")
def drag_codes(p: Project, find: Finder, tmp: Path) -> Step:
    ids, workload = [find.code("Supervision").id, find.code("Caseload").id], find.code("Workload").id

    def do() -> None:
        with p.edits.together("Move codes"):
            for offset, code in enumerate(ids):
                p.edits.move_code(code, workload, 1 + offset)

    return Step(do, lambda _: _equal({p.codes.get(c).parent_id for c in ids}, {workload}))


@case("together", "create_code", "autocode")
def create_and_autocode(p: Project, find: Finder, tmp: Path) -> Step:
    hits = search(p, "supervision").hits

    def do() -> object:
        with p.edits.together("Code the hits with Oversight"):
            code = p.edits.create_code("Oversight").id
            return p.edits.autocode("Code the hits with Oversight", lambda: autocode_hits(p, hits, code, Extent.TURN))

    return Step(do, lambda added: _equal(added, len(find.codings("Oversight"))))


# --- the edits that were not undoable before ----------------------------------------------------------------


@case("use_framework")
def choose_a_framework(p: Project, find: Finder, tmp: Path) -> Step:
    def check(_: Any) -> None:
        chosen = p.frameworks.default_id()
        assert chosen is not None
        assert p.frameworks.key_of(chosen) == "cfir-2009"

    return Step(lambda: p.edits.use_framework("cfir-2009"), check)


@case("use_framework")
def choose_no_framework(p: Project, find: Finder, tmp: Path) -> Step:
    return Step(lambda: p.edits.use_framework(None), lambda _: _equal(p.frameworks.default_id(), None))


@case("import_framework")
def import_a_framework(p: Project, find: Finder, tmp: Path) -> Step:
    path = tmp / "adapted.json"
    p.frameworks.rename_for_study(find.construct("I.A").id, "Origin")
    definitions.write_adapted(p, find.construct("I.A").framework_id, path)

    def check(framework: Any) -> None:
        assert p.frameworks.default_id() == framework.id
        assert find.construct("I.A").study_name == "Origin"

    return Step(lambda: p.edits.import_framework(path), check)


@case("add_construct")
def add_study_construct(p: Project, find: Finder, tmp: Path) -> Step:
    domain = find.construct("II")

    def check(node: Any) -> None:
        assert find.construct("II").id == node.parent_id

    return Step(lambda: p.edits.add_construct(domain.framework_id, domain.id, "Funding rules"), check)


@case("add_relation_type")
def add_relation_type(p: Project, find: Finder, tmp: Path) -> Step:
    return Step(
        lambda: p.edits.add_relation_type("hinders", directed=True),
        lambda _: _equal("hinders" in {t.name for t in p.relations.types()}, True),
    )


@case("apply_attribute_sheet")
def apply_attribute_sheet(p: Project, find: Finder, tmp: Path) -> Step:
    # A known case gets new and changed values; a new attribute is made.
    sheet = tmp / "cases.csv"
    sheet.write_text("Case,Fidelity,Region\nCM-01,3.25,North\n", encoding="utf-8")

    def check(report: Any) -> None:
        assert report.values_set == 2
        assert "Region" in {a.name for a in p.cases.attributes()}

    return Step(lambda: p.edits.apply_attribute_sheet(sheet), check)


@case("merge_exchange")
def refi_merge(p: Project, find: Finder, tmp: Path) -> Step:
    # A file from another tool: its code matches one here by its path of names, its document is new.
    codes = (
        '<Code guid="AAAAAAAA-0000-4000-8000-000000000001" name="Workload" isCodable="false">'
        '<Code guid="AAAAAAAA-0000-4000-8000-000000000002" name="Caseload" isCodable="true"/>'
        '<Code guid="AAAAAAAA-0000-4000-8000-000000000003" name="Overtime" isCodable="true"/></Code>'
    )
    text = "My caseload is heavy and I stay late."
    source = ToolSource("BBBBBBBB-0000-4000-8000-000000000001", "From NVivo", text.encode(), [
        ToolSelection(3, 11, "AAAAAAAA-0000-4000-8000-000000000002", "caseload"),
        ToolSelection(24, 36, "AAAAAAAA-0000-4000-8000-000000000003", "stay late"),
    ])  # fmt: skip
    path = qdpx(tmp / "other.qdpx", project_xml(codes, [source]), [source])

    def check(_: Any) -> None:
        assert find.code("Overtime").parent_id == find.code("Workload").id
        assert len(find.codings("Caseload")) == 3

    return Step(lambda: p.edits.merge_exchange(path), check)


@case("move_to_cfir2")
def crosswalk_to_cfir2(p: Project, find: Finder, tmp: Path) -> Step:
    # Codes mapped to CFIR 2009 move onto CFIR 2.0 (already in the project) and 2.0 becomes its framework.
    old = definitions.install(p, "cfir-2009")
    new = next(f.id for f in p.frameworks.all() if f.key == "cfir-2022")
    mapped = find.code("Supervision").id
    p.frameworks.map_code(mapped, next(n.id for n in p.frameworks.nodes(old.id) if n.level == "construct"))
    steps = crosswalk.plan(p, old.id, new)
    decisions = {(s.code_id, s.old_node_id): s.options[:1] or (find.construct("I.A").id,) for s in steps}

    def check(made: Any) -> None:
        assert made
        assert p.frameworks.default_id() == new

    return Step(lambda: p.edits.move_to_cfir2(steps, decisions, new), check)


@case("add_rating_units")
def rating_units_from_an_attribute(p: Project, find: Finder, tmp: Path) -> Step:
    role = next(a.id for a in p.cases.attributes() if a.name == "Role")
    return Step(
        lambda: p.edits.add_rating_units(role),
        lambda _: _equal(len(p.frameworks.rating_units()), 2),
    )


@case("add_rating_units")
def rating_units_from_cases(p: Project, find: Finder, tmp: Path) -> Step:
    p.cases.create("CM-05")  # a case with no unit yet (CM-01 has one)
    return Step(
        lambda: p.edits.add_rating_units(None),
        lambda _: _equal([u.label for u in p.frameworks.rating_units()], ["CM-01", "CM-05"]),
    )


@case("import_ratings")
def ratings_from_a_sheet(p: Project, find: Finder, tmp: Path) -> Step:
    # CM-01's rating of I.A changes (its evidence stays) and I.B is rated for the first time.
    sheet = tmp / "ratings.csv"
    sheet.write_text("Unit,I.A,I.B\nCM-01,-2,x\n", encoding="utf-8")
    first, second = find.construct("I.A").id, find.construct("I.B").id

    def check(report: Any) -> None:
        assert report.changed == 2
        rated = {r.node_id: r for r in p.frameworks.ratings()}
        assert (rated[first].value, rated[first].rationale, rated[second].value) == ("-2", "Heavy.", "X")
        assert rated[first].evidence_coding_ids

    return Step(lambda: p.edits.import_ratings(sheet), check)


def _equal(actual: object, expected: object) -> None:
    assert actual == expected


# --- cases and attributes -----------------------------------------------------------------------------------


def _attribute(p: Project, name: str) -> Any:
    return next(a for a in p.cases.attributes() if a.name == name)


@case("create_case")
def create_case(p: Project, find: Finder, tmp: Path) -> Step:
    return Step(lambda: p.edits.create_case("CM-02"), lambda made: _equal(p.cases.find("CM-02"), made))


@case("rename_case")
def rename_case(p: Project, find: Finder, tmp: Path) -> Step:
    case_id = p.cases.all()[0].id
    return Step(
        lambda: p.edits.rename_case(case_id, "CM-01 (pilot)"),
        lambda _: _equal(p.cases.get(case_id).name, "CM-01 (pilot)"),
    )


@case("merge_cases")
def merge_cases(p: Project, find: Finder, tmp: Path) -> Step:
    source, target = p.cases.all()[0].id, p.cases.create("CM-02").id
    return Step(
        lambda: p.edits.merge_cases([source], target), lambda _: _equal([c.name for c in p.cases.all()], ["CM-02"])
    )


@case("delete_case")
def delete_case(p: Project, find: Finder, tmp: Path) -> Step:
    case_id = p.cases.all()[0].id
    return Step(lambda: p.edits.delete_case(case_id), lambda _: _equal(p.cases.all(), []))


@case("define_attribute")
def define_computed_attribute(p: Project, find: Finder, tmp: Path) -> Step:
    from app.model.cases.computed import sheet
    from app.model.core.dto import AttributeType

    def check(made: Any) -> None:
        assert sheet(p).value(p.cases.all()[0].id, made.id) is True

    return Step(lambda: p.edits.define_attribute("High", AttributeType.BOOLEAN, formula="Fidelity >= 0"), check)


@case("retype_attribute")
def retype_attribute(p: Project, find: Finder, tmp: Path) -> Step:
    from app.model.core.dto import AttributeType

    note = _attribute(p, "Fidelity")
    return Step(
        lambda: p.edits.retype_attribute(note.id, AttributeType.TEXT),
        lambda made: _equal(made.type, AttributeType.TEXT),
    )


@case("set_choices")
def set_choices(p: Project, find: Finder, tmp: Path) -> Step:
    role = _attribute(p, "Role")
    choices = ["supervisor", "case manager", "director"]
    return Step(lambda: p.edits.set_choices(role.id, choices), lambda made: _equal(list(made.choices), choices))


@case("set_formula")
def set_formula(p: Project, find: Finder, tmp: Path) -> Step:
    score = _attribute(p, "Fidelity")
    return Step(lambda: p.edits.set_formula(score.id, "2 * 3"), lambda _: None)


@case("set_attribute_value")
def set_attribute_value(p: Project, find: Finder, tmp: Path) -> Step:
    case_id, note = p.cases.all()[0].id, _attribute(p, "Note")
    return Step(lambda: p.edits.set_attribute_value(case_id, note.id, "changed"), lambda _: None)


@case("set_attribute_values")
def set_attribute_values(p: Project, find: Finder, tmp: Path) -> Step:
    case_id, note, lead = p.cases.all()[0].id, _attribute(p, "Note"), _attribute(p, "Lead")
    return Step(
        lambda: p.edits.set_attribute_values([(case_id, note.id, "x"), (case_id, lead.id, None)]),
        lambda n: _equal(n, 2),
    )


@case("cases_from_speakers")
def cases_from_speakers(p: Project, find: Finder, tmp: Path) -> Step:
    return Step(lambda: p.edits.cases_from_speakers(), lambda made: _equal("Interviewer" in made.skipped, True))


# --- the round trip ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CASES)
def test_undo_and_redo_restore_the_whole_file(name: str, study: Project, tmp_path: Path) -> None:
    step = CASES[name](study, Finder(study), tmp_path)
    history = study.history
    before = dump(study)
    done_before, label_before = len(history.operations(limit=10_000)), history.undo_label()

    result = step.do()
    after = dump(study)
    assert after != before, "the edit changed nothing"
    step.check(result)
    assert len(history.operations(limit=10_000)) == done_before + 1, "one edit, one step in the history"
    label = history.undo_label()
    assert label

    assert history.undo() is not None
    assert_same(dump(study), before, f"{name}: undo")
    assert history.redo_label() == label
    assert history.undo_label() == label_before
    assert history.redo() is not None
    assert_same(dump(study), after, f"{name}: redo")
    step.check(result)
    assert history.undo() is not None
    assert_same(dump(study), before, f"{name}: undo after redo")
    assert study.check() == []


def test_every_edit_the_desktop_offers_has_a_case() -> None:
    # `run` is how the edits below are made, not an edit of its own.
    offered = {name for name in vars(Edits) if not name.startswith("_") and callable(getattr(Edits, name))} - {"run"}
    covered = {call for calls in CALLS.values() for call in calls}
    assert offered - covered == set()


# --- refusals ------------------------------------------------------------------------------------------------


def test_a_refused_edit_leaves_no_step_and_no_change(study: Project) -> None:
    history, before = study.history, dump(study)
    steps, label = len(history.operations(limit=10_000)), history.undo_label()
    with pytest.raises(AxialError, match="already exists"):
        study.edits.create_code("supervision")  # the same name as a sibling, in another case
    assert_same(dump(study), before)
    assert len(history.operations(limit=10_000)) == steps
    assert history.undo_label() == label


def test_a_together_block_refused_halfway_leaves_nothing(study: Project) -> None:
    find, history, before = Finder(study), study.history, dump(study)
    steps = history.operations(limit=10_000)
    document = find.document("Plain")

    def create_and_apply_past_the_end() -> None:
        with study.edits.together("Code with new code “Half”"):
            code = study.edits.create_code("Half")
            study.edits.apply_coding(document.id, code.id, 5, document.length + 10)

    with pytest.raises(AxialError):
        create_and_apply_past_the_end()
    assert_same(dump(study), before)
    assert history.operations(limit=10_000) == steps
