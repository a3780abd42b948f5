"""One rule for a code's name: NFKC, Unicode case folding and collapsed white space give the key that is unique
among siblings (enforced by the schema), and every way of finding a code by name uses it."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from app.model.analysis.lookup import code_named
from app.model.codes.code_names import name_key
from app.model.core.entities import AuditEntry, Code
from app.model.core.errors import ConflictError, ValidationError
from app.model.demo import build_demo
from app.model.exchange.refi_import import import_as_new, import_into
from app.model.exchange.refi_writer import write_qdpx
from app.model.project import Project
from app.model.storage import migrations
from app.model.storage.sqlite_file import AXIAL_APPLICATION_ID
from app.resources import resource
from tests.unit.refi_files import ToolSelection, ToolSource, project_xml, qdpx


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Ärger", "ärger"),  # beyond ASCII, where SQLite's lower() stops
        ("Straße", "STRASSE"),  # full case folding
        ("Ｗｏｒｋｌｏａｄ", "workload"),  # full-width letters (NFKC)
        ("A\u0308rger", "ärger"),  # decomposed and composed umlaut
        ("Staff  turnover ", "staff turnover"),
    ],
)
def test_names_a_researcher_calls_the_same_share_a_key(first: str, second: str) -> None:
    assert name_key(first) == name_key(second)


@given(st.text(max_size=30))
def test_the_ascii_shortcut_gives_the_full_rule(name: str) -> None:
    full = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    assert name_key(name) == " ".join(full.split())


def test_different_names_keep_different_keys() -> None:
    assert name_key("Staff turnover") != name_key("Staff turn-over")  # near, but that is the similar-names check


def test_a_sibling_differing_only_in_case_beyond_ascii_is_refused(project: Project) -> None:
    anger = project.codes.create("Ärger")
    with pytest.raises(ConflictError, match="already exists at the top level"):
        project.codes.create("ärger", allow_similar=True)
    category = project.codes.create("Gefühle", is_codable=False)
    project.codes.create("ÄRGER", category.id, allow_similar=True)  # under another parent it is a different code
    with pytest.raises(ConflictError, match="already exists under this category"):
        project.codes.create("Ärger", category.id, allow_similar=True)
    project.codes.rename(anger.id, "ÄRGER")  # its own name in other letters is no clash
    assert project.codes.get(anger.id).name == "ÄRGER"
    other = project.codes.create("Wut")
    with pytest.raises(ConflictError):
        project.codes.rename(other.id, "ärger")


def test_the_schema_itself_keeps_sibling_names_unique(project: Project) -> None:
    top = project.codes.create("Ärger")
    below = project.codes.create("Zorn", top.id)
    values = {"colour": "#000000", "is_codable": True, "position": 9, "created_at": top_created(project, top.id)}
    for parent_id, key in ((None, "ärger"), (top.id, "zorn")):
        with pytest.raises(IntegrityError), project.store.write("bypass the service") as tx:
            tx.session.execute(
                insert(Code).values(guid=f"g-{key}", parent_id=parent_id, name=key, name_key=key, **values)
            )
    assert [n.code.id for n in project.codes.tree()] == [top.id, below.id]


def top_created(project: Project, code_id: int) -> object:
    with project.store.read() as s:
        return s.scalar(select(Code.created_at).where(Code.id == code_id))


def test_every_way_of_creating_or_renaming_a_code_stores_its_key(project: Project) -> None:
    first = project.codes.create("Ärger")
    second = project.codes.create("Wut")
    project.codes.rename(second.id, "  Große   Wut ")
    category = project.codes.create_category("Gefühle", [first.id], allow_similar=True)
    with project.store.read() as s:
        keys = dict(s.execute(select(Code.name, Code.name_key)).all())
    assert keys == {"Ärger": "ärger", "Große Wut": "grosse wut", "Gefühle": "gefühle"}
    assert project.codes.get(category.id).name == "Gefühle"


def test_moving_or_merging_codes_refuses_to_make_twin_siblings(project: Project) -> None:
    left = project.codes.create("Left", is_codable=False)
    right = project.codes.create("Right", is_codable=False)
    one = project.codes.create("Ärger", left.id)
    two = project.codes.create("ärger", right.id, allow_similar=True)
    with pytest.raises(ConflictError, match="same name"):
        project.codes.move_many([one.id, two.id], None)
    with pytest.raises(ConflictError, match="already exists"):
        project.codes.move_many([two.id], left.id)
    with pytest.raises(ConflictError):
        project.codes.merge([right.id], left.id)  # its sub-code would sit beside its twin
    with pytest.raises(ConflictError, match="same name"):
        project.codes.create_category("Both", [one.id, two.id])
    assert [n.path for n in project.codes.tree()] == [("Left",), ("Left", "Ärger"), ("Right",), ("Right", "ärger")]


def test_the_command_line_finds_a_code_by_the_same_rule(project: Project) -> None:
    category = project.codes.create("Gefühle", is_codable=False)
    anger = project.codes.create("Ärger", category.id)
    assert code_named(project, "ärger") == anger.id
    assert code_named(project, "GEFÜHLE  >  ÄRGER") == anger.id
    project.codes.create("ärger", allow_similar=True)
    top = code_named(project, "ÄRGER")  # the top-level one is its own path
    assert project.codes.get(top).parent_id is None
    other = project.codes.create("Andere", is_codable=False)
    project.codes.create("Angst", other.id)
    project.codes.create("angst", category.id, allow_similar=True)
    with pytest.raises(ValidationError, match=r"2 codes are named 'angst'; give one by its path \(Gefühle > angst"):
        code_named(project, "angst")


def test_a_refi_code_matches_an_existing_code_by_the_same_rule(project: Project, tmp_path: Path) -> None:
    anger = project.codes.create("Ärger")
    codes = '<Code guid="AAAAAAAA-0000-4000-8000-000000000009" name="ärger" isCodable="true"/>'
    source = ToolSource("BBBBBBBB-0000-4000-8000-000000000009", "Interview", b"So much anger here.", [
        ToolSelection(8, 13, "AAAAAAAA-0000-4000-8000-000000000009", "anger"),
    ])  # fmt: skip
    report = import_into(project, qdpx(tmp_path / "x.qdpx", project_xml(codes, [source]), [source]))
    assert report.codes == 0
    assert [n.code.id for n in project.codes.tree()] == [anger.id]
    assert len(project.codings.for_codes([anger.id])) == 1


def _old_file(path: Path) -> None:
    """A project as revision 6 wrote it, holding names the old check let through as siblings."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {AXIAL_APPLICATION_ID}")
    migrations.upgrade(conn, to=6)
    conn.execute("INSERT INTO project (id, name, created_at) VALUES (1, 'Old study', '2025-01-02 03:04:05')")
    names = [(1, None, "Ärger"), (2, None, "ärger (2)"), (3, None, "ÄRGER"), (4, None, "Wut"), (5, None, "ärger")]
    names += [(6, 4, "Ärger"), (7, 4, "ärger")]  # the same names under a category are a pair of their own
    for code_id, parent_id, name in names:
        conn.execute(
            "INSERT INTO code (id, guid, parent_id, position, name, colour, is_codable, definition, inclusion, "
            "exclusion, example, created_at) VALUES (?, ?, ?, ?, ?, '#AA0000', 1, '', '', '', '', '2025-01-02')",
            (code_id, f"g-{code_id}", parent_id, code_id, name),
        )
    conn.close()


def test_upgrading_renames_later_twins_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "old.axial"
    _old_file(path)
    with Project.open(path, backups=0) as project:
        names = {n.code.id: n.code.name for n in project.codes.tree()}
        with project.store.read() as s:
            keys = dict(s.execute(select(Code.id, Code.name_key)).all())
            audit = list(s.scalars(select(AuditEntry.detail).where(AuditEntry.action == "upgrade: rename code")))
    # The first made keeps its name; the later ones take the first number free beside it.
    assert names == {1: "Ärger", 2: "ärger (2)", 3: "ÄRGER (3)", 4: "Wut", 5: "ärger (4)", 6: "Ärger", 7: "ärger (2)"}
    assert keys == {i: name_key(name) for i, name in names.items()}
    assert audit == [
        "code 3 from 'ÄRGER' to 'ÄRGER (3)': a sibling had the same name but for case or form",
        "code 5 from 'ärger' to 'ärger (4)': a sibling had the same name but for case or form",
        "code 7 from 'ärger' to 'ärger (2)': a sibling had the same name but for case or form",
    ]


def test_every_code_the_demo_and_a_refi_import_make_has_its_key(tmp_path: Path) -> None:
    with build_demo(tmp_path / "Demo.axial", resource("demo")) as demo:
        exported = write_qdpx(demo, tmp_path / "demo.qdpx").path
    project, _ = import_as_new(exported, tmp_path / "again.axial")
    for path in (tmp_path / "Demo.axial", tmp_path / "again.axial"):
        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT name, name_key FROM code").fetchall()
        conn.close()
        assert rows
        assert all(key == name_key(name) for name, key in rows), path.name
    project.close()
