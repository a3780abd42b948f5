"""REFI-QDA files Axial refuses or writes whole or not at all: hostile archives, one GUID for two objects, a new
project built aside, exports that fail or are killed midway."""

from __future__ import annotations

import io
import stat
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.model.codes.code_service import PALETTE
from app.model.core.errors import ProjectFileError
from app.model.core.progress import CancelledError, NoProgress
from app.model.documents.readers.base import ReadError
from app.model.exchange import refi_import as refi_exchange
from app.model.exchange.refi_import import import_as_new, import_into, read_exchange
from app.model.exchange.refi_writer import write_qdc, write_qdpx
from app.model.project import Project
from app.model.reports.atomic import ExportError
from app.model.storage.writer_lock import ProjectLock
from tests.unit.refi_files import CODE, CODES, ToolSource, project_xml, validate_qdpx
from tests.unit.refi_projects import TEXTS

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
    monkeypatch.setattr("app.model.exchange.qdpx_package.MAX_ENTRIES", 50)
    many = sandbox / "many.qdpx"
    many.write_bytes(_zip({"project.qde": MINIMAL, **{f"sources/{i}.txt": b"x" for i in range(60)}}))
    with pytest.raises(ReadError, match="holds 61 entries"):
        read_exchange(many)
    monkeypatch.setattr("app.model.exchange.qdpx_package.MAX_UNPACKED", 1000)
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

    monkeypatch.setattr("app.model.exchange.offsets.place", broken)


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

    monkeypatch.setattr("app.model.exchange.refi_import.load", meanwhile)
    with pytest.raises(ProjectFileError, match="already exists"):
        import_as_new(path, folder / "late.axial")
    assert existing.read_bytes() == b"not to be touched"
    assert (folder / "late.axial").read_bytes() == b"made meanwhile"
    assert sorted(p.name for p in folder.iterdir()) == ["existing.axial", "late.axial"]


def test_what_the_database_refuses_is_a_refusal_not_a_crash(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.model.exchange.refi_import.check_exchange", lambda exchange, name: None)
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
    validate_qdpx(tmp_path / "rich.qdpx")


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
    monkeypatch.setattr("app.model.exchange.qdpx_package.MAX_XML", 1000)
    large = sandbox / "large.qde"
    large.write_bytes(MINIMAL + b" " * 2000)
    with pytest.raises(ReadError, match=r"^large\.qde: is 0 MB of XML, more than a REFI-QDA file ever holds"):
        read_exchange(large)
    with pytest.raises(ReadError, match="its name holds a null character"):
        import_as_new(sandbox / "bad\0name.qdpx", sandbox / "new.axial")


_KILLED_IMPORT = """
import sys, time
from pathlib import Path
from app.model.exchange import offsets
from app.model.exchange.refi_import import import_as_new

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
