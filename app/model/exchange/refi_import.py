"""Importing a REFI-QDA file (`.qdpx`, a `.qdpx` sent as `.zip`, a bare `.qde`, or a `.qdc` codebook) into a new
project or the open one. Bad input is refused with a message naming the file and the reason; a new project is
built aside and moved into place whole, so nothing half-made is left behind."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from app.model.core.errors import ProjectFileError
from app.model.core.progress import Progress
from app.model.documents.readers.base import ReadError
from app.model.exchange import qdpx_package
from app.model.exchange.aside import build_aside
from app.model.exchange.guids import check_exchange
from app.model.exchange.refi_loader import ImportReport, load
from app.model.exchange.refi_reader import Exchange, read_codebook, read_project
from app.model.project import Project

MAX_FILE = 4 * 1024 * 1024 * 1024


def read_exchange(path: Path) -> Exchange:
    """The file's contents, read and checked but not yet in any project."""
    exchange = _read(path)
    check_exchange(exchange, path.name)
    return exchange


def _read(path: Path) -> Exchange:
    """A `.qdpx` is opened as an archive (never read whole); bare XML is read only when of a plausible size."""
    name = path.name
    if "\0" in str(path):
        raise ReadError(name.replace("\0", "�"), "cannot be read: its name holds a null character, which no file may")
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise ReadError(name, "is larger than 4 GB; refused")
        with path.open("rb") as handle:
            zipped = handle.read(2) == b"PK"
        if zipped:
            archive = qdpx_package.open_qdpx(path, name)
            with archive.archive:
                return read_project(qdpx_package.parse(archive.project_xml(), name), archive, name)
        if size > qdpx_package.MAX_XML:
            raise ReadError(name, f"is {size // 1024**2:,} MB of XML, more than a REFI-QDA file ever holds; refused")
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(name, f"cannot be read ({error.strerror or error})") from None
    except ValueError as error:
        raise ReadError(name, str(error).removeprefix(f"{name}: ")) from None
    try:
        root = qdpx_package.parse(data, name)
        if path.suffix.lower() == ".qdc" or root.tag.endswith("CodeBook"):
            return read_codebook(root, name)
        return read_project(root, None, name)
    except ValueError as error:
        raise ReadError(name, str(error).removeprefix(f"{name}: ")) from None


def import_into(project: Project, path: Path, progress: Progress | None = None) -> ImportReport:
    """Merge the file into an open project: codes matched by GUID, then by their path of names."""
    return merge(project, read_exchange(path), path.name, progress)


def merge(project: Project, exchange: Exchange, name: str, progress: Progress | None = None) -> ImportReport:
    """Merge a file already read (`name` is the file's, for messages) into an open project, in one transaction
    that joins the operation it is made in (`Edits.merge_exchange` makes it one step to undo)."""
    with _refused_if_unstorable(name):
        return load(project, exchange, progress)


def import_as_new(source: Path, destination: Path, progress: Progress | None = None) -> tuple[Project, ImportReport]:
    """A new project at `destination` holding the file's contents, built aside and moved into place only when
    complete: a failure, a cancel or a kill never leaves a project (or its lock) at `destination`."""
    if destination.exists():
        raise ProjectFileError(destination, "already exists; choose a new name or merge into it")
    exchange = read_exchange(source)

    def fill(project: Project) -> ImportReport:
        with _refused_if_unstorable(source.name):
            return load(project, exchange, progress)

    return build_aside(destination, exchange.name, fill)


@contextmanager
def _refused_if_unstorable(name: str) -> Iterator[None]:
    """What the checks above missed and the database refuses is still a refusal, not a crash (the import's
    transaction is rolled back whole)."""
    try:
        yield
    except IntegrityError as error:
        reason = str(error.orig) if error.orig is not None else str(error)
        raise ReadError(name, f"holds something Axial cannot store ({reason}); refused, nothing was changed") from None
