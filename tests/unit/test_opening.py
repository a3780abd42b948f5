"""Opening refuses what is not an intact Axial project, with the file's name and the reason, touching nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from app.model.core.dto import NewDocument
from app.model.core.errors import CorruptProjectError, NotAProjectError, ProjectFileError
from app.model.project import Project


def _state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def _real_project(path: Path) -> None:
    with Project.create(path) as project:
        for i in range(40):
            project.documents.add(NewDocument(name=f"doc {i}", text=f"Paragraph {i}\n" + "words " * 2000))


def _text_file(path: Path) -> None:
    path.write_text("Interviewer: this is a transcript, not a project\n", encoding="utf-8")


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()


def _truncated(path: Path) -> None:
    _real_project(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _short_header(path: Path) -> None:
    _real_project(path)
    path.write_bytes(path.read_bytes()[:60])


def _corrupt_pages(path: Path) -> None:
    _real_project(path)
    data = bytearray(path.read_bytes())
    page = 4096
    for index in range(2, len(data) // page, 3):  # scribble over every third page, header kept
        data[index * page : index * page + 200] = b"\xde\xad\xbe\xef" * 50
    path.write_bytes(bytes(data))


CASES: list[tuple[str, Callable[[Path], None], type[ProjectFileError], str]] = [
    ("text", _text_file, NotAProjectError, "not a SQLite database"),
    ("empty", _empty_file, NotAProjectError, "is empty"),
    ("foreign", _foreign_sqlite, NotAProjectError, "another program"),
    ("truncated", _truncated, CorruptProjectError, "truncated"),
    ("short header", _short_header, CorruptProjectError, "cut short"),
    ("corrupt", _corrupt_pages, CorruptProjectError, "damaged"),
]


@pytest.mark.parametrize(("label", "make", "error", "reason"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_refused_with_its_name_and_reason_and_left_untouched(
    tmp_path: Path, label: str, make: Callable[[Path], None], error: type[ProjectFileError], reason: str
) -> None:
    path = tmp_path / f"bad {label}.axial"
    make(path)
    before = _state(tmp_path)
    with pytest.raises(error) as refused:
        Project.open(path)
    assert str(refused.value).startswith(path.name)
    assert reason in str(refused.value)
    assert _state(tmp_path) == before  # the file, and nothing created beside it (no lock, no backup folder)
    assert [p.name for p in tmp_path.iterdir()] == list(before)


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NotAProjectError, match="no such file"):
        Project.open(tmp_path / "nowhere.axial")
    with pytest.raises(NotAProjectError, match="folder"):
        Project.open(tmp_path)


def test_create_refuses_an_existing_file_and_leaves_it_alone(tmp_path: Path) -> None:
    path = tmp_path / "precious.axial"
    path.write_text("my thesis")
    with pytest.raises(ProjectFileError, match="already exists"):
        Project.create(path)
    assert path.read_text() == "my thesis"


def test_create_leaves_no_partial_file_when_the_folder_is_missing(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="does not exist"):
        Project.create(tmp_path / "missing" / "x.axial")
    assert list(tmp_path.iterdir()) == []
