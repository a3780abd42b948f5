"""Round-trip cases: the set-up edits (frameworks, attribute sheets, REFI merge, rating units)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.model.frameworks import crosswalk, definitions
from app.model.project import Project
from tests.unit.history_projects import Finder
from tests.unit.refi_files import ToolSelection, ToolSource, project_xml, qdpx
from tests.unit.roundtrip_harness import Step, case, equal

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
    return Step(lambda: p.edits.use_framework(None), lambda _: equal(p.frameworks.default_id(), None))


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
        lambda _: equal("hinders" in {t.name for t in p.relations.types()}, True),
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
        lambda _: equal(len(p.frameworks.rating_units()), 2),
    )


@case("add_rating_units")
def rating_units_from_cases(p: Project, find: Finder, tmp: Path) -> Step:
    p.cases.create("CM-05")  # a case with no unit yet (CM-01 has one)
    return Step(
        lambda: p.edits.add_rating_units(None),
        lambda _: equal([u.label for u in p.frameworks.rating_units()], ["CM-01", "CM-05"]),
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
