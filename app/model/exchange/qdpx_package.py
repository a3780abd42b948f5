"""Opening a `.qdpx` (or a `.qdpx` sent as `.zip`) as untrusted input: nothing is extracted or executed.

Entries are read into memory on request, by name, after every name in the archive has been checked: no entry may
climb out of the archive (`../`), be absolute, or be a link, and the number and unpacked size of entries are capped.
XML is parsed with no network, no DTD and no entity expansion, and a document type declaration is refused outright,
since REFI-QDA files never carry one and entity attacks (billion laughs, XXE) need one.
"""

from __future__ import annotations

import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree

from app.model.documents.readers.archive import check_entries, read_entry
from app.model.documents.readers.base import ReadError

MAX_ENTRIES = 20_000
MAX_UNPACKED = 2 * 1024 * 1024 * 1024  # 2 GiB: far above any real project's text
MAX_XML = 512 * 1024 * 1024

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, recover=False)
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


@dataclass
class Package:
    """The checked archive: the project XML's name and every other entry by its lower-cased path."""

    name: str
    archive: zipfile.ZipFile
    project_entry: str
    entries: dict[str, zipfile.ZipInfo]

    def read(self, internal_path: str, limit: int = MAX_UNPACKED) -> bytes | None:
        """A file the project refers to (`internal://x.txt` lives in `sources/` or `Sources/`); None if absent."""
        file_name = internal_path.removeprefix("internal://").lstrip("/")
        bare = file_name.replace("{", "").replace("}", "")  # a braced GUID may name a file without braces
        for candidate in (f"sources/{file_name}", file_name, f"sources/{bare}", bare):
            info = self.entries.get(candidate.casefold())
            if info is not None:
                return _read(self.archive, info, self.name, limit)
        return None

    def project_xml(self) -> bytes:
        return _read(self.archive, self.entries[self.project_entry], self.name, MAX_XML)


def open_qdpx(path: Path, name: str) -> Package:
    """The archive at `path`, opened from the file (only its directory is read) and checked; the caller closes
    `Package.archive`."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, UnicodeError, NotImplementedError):
        raise ReadError(name, "is not a REFI-QDA project (.qdpx is a zip archive, and this is not one)") from None
    try:
        return _checked(archive, path.stat().st_size, name)
    except BaseException:
        archive.close()
        raise


def _checked(archive: zipfile.ZipFile, size: int, name: str) -> Package:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ReadError(name, f"holds {len(infos):,} entries, more than {MAX_ENTRIES:,}; refused as unsafe")
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise ReadError(name, f"would unpack to more than {MAX_UNPACKED // 1024**3} GB; refused as unsafe")
    if any(i.flag_bits & 0x1 for i in infos):
        raise ReadError(name, "is encrypted (password-protected); export it again without a password")
    for info in infos:
        _check_entry(info, name)
    # Compression ratio, methods and versions, judged from the headers as for .docx/.odt/.xlsx.
    check_entries(infos, size, name, max_entries=MAX_ENTRIES, max_entry=MAX_UNPACKED, max_unpacked=MAX_UNPACKED)
    entries = {i.filename.replace("\\", "/").casefold(): i for i in infos if not i.is_dir()}
    projects = [e for e in entries if e.endswith(".qde") and "/" not in e.rstrip("/")]
    if not projects:
        raise ReadError(name, "has no project file (.qde) at its top level, so it is not a REFI-QDA project")
    chosen = "project.qde" if "project.qde" in projects else sorted(projects)[0]
    return Package(name, archive, chosen, entries)


def _check_entry(info: zipfile.ZipInfo, name: str) -> None:
    path = info.filename.replace("\\", "/")
    parts = PurePosixPath(path).parts
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        raise ReadError(name, f"has an entry with an absolute path ({info.filename!r}); refused as unsafe")
    if ".." in parts:
        raise ReadError(name, f"has an entry that points outside the archive ({info.filename!r}); refused as unsafe")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise ReadError(name, f"has a link entry ({info.filename!r}); refused as unsafe")


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limit: int) -> bytes:
    return read_entry(archive, info, name, limit)  # inflated in chunks against a hard cap


def parse(data: bytes, name: str) -> etree._Element:
    """Project or codebook XML, parsed safely; a declared document type (the vehicle of entity attacks) is refused."""
    refusal = "declares a document type or entities, which REFI-QDA files never do; refused as unsafe"
    if _DOCTYPE.search(data[:65536]):
        raise ReadError(name, refusal)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise ReadError(name, f"is not well-formed XML ({error.msg})") from None
    if getattr(
        root.getroottree().docinfo, "doctype", ""
    ):  # declared after a long preamble: parsed unexpanded, still refused
        raise ReadError(name, refusal)
    return root
