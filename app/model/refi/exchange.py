"""Importing a REFI-QDA file (`.qdpx`, a `.qdpx` sent as `.zip`, a bare `.qde`, or a `.qdc` codebook) into a new
project or the open one. Bad input is refused with a message naming the file and the reason; a new project is
removed again if its import fails, so nothing half-made is left behind."""

from __future__ import annotations

from pathlib import Path

from ..errors import AxialError
from ..importers.base import ReadError
from ..progress import Progress
from ..project import Project
from . import package
from .guids import check_exchange
from .loader import ImportReport, load
from .reader import Exchange, read_codebook, read_project

MAX_FILE = 4 * 1024 * 1024 * 1024


def read_exchange(path: Path) -> Exchange:
    """The file's contents, read and checked but not yet in any project."""
    exchange = _read(path)
    check_exchange(exchange, path.name)
    return exchange


def _read(path: Path) -> Exchange:
    name = path.name
    try:
        if path.stat().st_size > MAX_FILE:
            raise ReadError(name, "is larger than 4 GB; refused")
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(name, f"cannot be read ({error.strerror})") from None
    try:
        if data.startswith(b"PK"):
            archive = package.open_qdpx(data, name)
            return read_project(package.parse(archive.project_xml(), name), archive, name)
        root = package.parse(data, name)
        if path.suffix.lower() == ".qdc" or root.tag.endswith("CodeBook"):
            return read_codebook(root, name)
        return read_project(root, None, name)
    except ValueError as error:
        raise ReadError(name, str(error).removeprefix(f"{name}: ")) from None


def import_into(project: Project, path: Path, progress: Progress | None = None) -> ImportReport:
    """Merge the file into an open project: codes matched by GUID, then by their path of names."""
    return load(project, read_exchange(path), progress)


def import_as_new(source: Path, destination: Path, progress: Progress | None = None) -> tuple[Project, ImportReport]:
    """A new project at `destination` holding the file's contents; on failure no project file is left."""
    exchange = read_exchange(source)
    project = Project.create(destination, name=exchange.name)
    try:
        report = load(project, exchange, progress)
    except (AxialError, OSError):
        project.close()
        for leftover in (destination, *destination.parent.glob(destination.name + "-*")):
            leftover.unlink(missing_ok=True)
        raise
    return project, report
