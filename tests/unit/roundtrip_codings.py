"""Round-trip cases: codings, codes and relations, and the edits the desktop groups as one step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.model.codings.autocode import autocode_hits, autocode_turns
from app.model.documents.extents import Extent
from app.model.project import Project
from app.model.search.searching import search
from tests.unit.history_projects import Finder
from tests.unit.roundtrip_harness import Step, case, equal

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
        lambda _: equal((p.codings.get(coding.id).start, p.codings.get(coding.id).end), (coding.start + 1, coding.end)),
    )


@case("set_code")
def set_code(p: Project, find: Finder, tmp: Path) -> Step:
    coding, caseload = find.codings("Supervision")[0], find.code("Caseload").id
    return Step(
        lambda: p.edits.set_code(coding.id, caseload), lambda _: equal(p.codings.get(coding.id).code_id, caseload)
    )


@case("set_coding_memo")
def set_coding_memo(p: Project, find: Finder, tmp: Path) -> Step:
    coding = find.codings("Caseload")[0]
    return Step(
        lambda: p.edits.set_coding_memo(coding.id, "Rewritten 😀 memo"),
        lambda _: equal(p.codings.get(coding.id).memo, "Rewritten 😀 memo"),
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
    return Step(lambda: p.edits.rename_code(code, "Ärger"), lambda _: equal(p.codes.get(code).name, "Ärger"))


@case("recolour_code")
def recolour_code(p: Project, find: Finder, tmp: Path) -> Step:
    code = find.code("Supervision").id
    return Step(lambda: p.edits.recolour_code(code, "#000001"), lambda _: equal(p.codes.get(code).colour, "#000001"))


@case("edit_code_details")
def edit_code_details(p: Project, find: Finder, tmp: Path) -> Step:
    code = find.code("Caseload").id
    return Step(
        lambda: p.edits.edit_code_details(code, "Defined", "", "Nothing excluded", "e.g."),
        lambda _: equal((p.codes.get(code).definition, p.codes.get(code).inclusion), ("Defined", "")),
    )


@case("move_code")
def move_code(p: Project, find: Finder, tmp: Path) -> Step:
    # To the top of another category: the siblings there and at the old place are renumbered.
    code, workload = find.code("Supervision").id, find.code("Workload").id
    return Step(
        lambda: p.edits.move_code(code, workload, 0),
        lambda _: equal((p.codes.get(code).parent_id, p.codes.get(code).position), (workload, 0)),
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
        lambda: p.edits.move_codes(moved, None), lambda _: equal({p.codes.get(m).parent_id for m in moved}, {None})
    )


@case("split_codings")
def split_codings(p: Project, find: Finder, tmp: Path) -> Step:
    coding, caseload = find.codings("Supervision")[0].id, find.code("Caseload").id
    return Step(
        lambda: p.edits.split_codings([coding], caseload), lambda _: equal(p.codings.get(coding).code_id, caseload)
    )


@case("set_codable")
def set_codable(p: Project, find: Finder, tmp: Path) -> Step:
    workload = find.code("Workload").id
    return Step(lambda: p.edits.set_codable(workload, True), lambda _: equal(p.codes.get(workload).is_codable, True))


@case("dismiss_similarity")
def dismiss_similarity(p: Project, find: Finder, tmp: Path) -> Step:
    first, second = find.code("Caseload").id, find.code("Supervision").id
    return Step(
        lambda: p.edits.dismiss_similarity(first, second),
        lambda _: equal(p.codes.dismissed_pairs() & {(first, second), (second, first)} != set(), True),
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
    return Step(lambda: p.edits.unrelate(relation), lambda _: equal(p.relations.all(), []))


@case("place_boxes")
def place_boxes(p: Project, find: Finder, tmp: Path) -> Step:
    # One box moves, one is placed for the first time.
    moved = {find.code("Caseload").id: (0.1 + 0.2, -3.0), find.code("Supervision").id: (1e-7, 2.5)}
    return Step(lambda: p.edits.place_boxes(moved), lambda _: equal(p.relations.positions(), moved))


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

    return Step(do, lambda code: equal(p.codings.get(coding).code_id, code.id))


@case("together", "create_code", "split_codings")
def create_and_split(p: Project, find: Finder, tmp: Path) -> Step:
    codings = [c.id for c in find.codings("Supervision")[:2]]

    def do() -> object:
        with p.edits.together("Split “Supervision”"):
            target = p.edits.create_code("Peer support", None, allow_similar=True).id
            p.edits.split_codings(codings, target)
        return target

    return Step(do, lambda target: equal({p.codings.get(c).code_id for c in codings}, {target}))


@case("together", "move_code")
def drag_codes(p: Project, find: Finder, tmp: Path) -> Step:
    ids, workload = [find.code("Supervision").id, find.code("Caseload").id], find.code("Workload").id

    def do() -> None:
        with p.edits.together("Move codes"):
            for offset, code in enumerate(ids):
                p.edits.move_code(code, workload, 1 + offset)

    return Step(do, lambda _: equal({p.codes.get(c).parent_id for c in ids}, {workload}))


@case("together", "create_code", "autocode")
def create_and_autocode(p: Project, find: Finder, tmp: Path) -> Step:
    hits = search(p, "supervision").hits

    def do() -> object:
        with p.edits.together("Code the hits with Oversight"):
            code = p.edits.create_code("Oversight").id
            return p.edits.autocode("Code the hits with Oversight", lambda: autocode_hits(p, hits, code, Extent.TURN))

    return Step(do, lambda added: equal(added, len(find.codings("Oversight"))))
