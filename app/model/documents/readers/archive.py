"""Zip packages (.docx, .odt, .xlsx, and the REFI reader's .qdpx) opened as untrusted input, and their XML parsed
safely.

An archive is judged from its entry headers before anything is inflated (`check_entries`), and each entry is then
inflated in chunks against a hard cap (`read_entry`), since headers can lie. The caps live in `limits`.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Sequence

from lxml import etree

from app.model.documents.readers import limits
from app.model.documents.readers.base import ReadError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_CHUNK = 1024 * 1024
_RESAVE = {"Word": ("Word or LibreOffice", ".docx"), "Excel": ("Excel or LibreOffice", ".xlsx")}
# In UTF-8 and in UTF-16 (either byte order), the encodings an XML part may use without declaring one.
_DOCTYPE = re.compile(
    b"|".join(
        re.escape(word.encode(codec))
        for word in ("<!DOCTYPE", "<!ENTITY")
        for codec in ("utf-8", "utf-16-le", "utf-16-be")
    ),
    re.IGNORECASE,
)

# No network, no DTDs, no entity expansion, no huge trees: an attacker's XML can neither reach out nor blow up.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False)


def open_package(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """A zip archive whose headers passed `check_entries`; `kind` names the format for messages."""
    if data.startswith(_OLE_MAGIC):
        program, suffix = _RESAVE.get(kind, ("LibreOffice", "a current format"))
        raise ReadError(
            name,
            f"this is a legacy or password-protected {kind} file; open it in {program} and save it "
            f"as {suffix} (without a password), then import that",
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        entries = package.infolist()
    except UnicodeError:  # before ValueError, which it is
        raise ReadError(name, "the package is damaged (a part's name is not valid text)") from None
    except NotImplementedError:  # zipfile refuses a zip version above 6.3 as it opens
        raise ReadError(name, "the package uses a zip version Axial cannot unpack") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        article = "an" if kind[0] in "AEIOU" else "a"
        raise ReadError(
            name, f"the file is damaged or not {article} {kind} file (it is not a valid zip package)"
        ) from None
    check_entries(entries, len(data), name)
    return package


def check_entries(
    entries: Sequence[zipfile.ZipInfo],
    archive_size: int,
    name: str,
    *,
    max_entries: int = limits.MAX_ENTRIES,
    max_entry: int = limits.MAX_ENTRY,
    max_unpacked: int = limits.MAX_UNPACKED,
    max_ratio: int = limits.MAX_RATIO,
) -> None:
    """Refuse an archive from its headers alone: too many entries, an entry or the whole too large once inflated,
    a compression ratio only a zip bomb reaches, encryption, or a method or zip version that cannot be unpacked."""
    if len(entries) > max_entries:
        raise ReadError(name, f"the package holds {len(entries):,} parts, far more than such a file has")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > max_unpacked:
        raise ReadError(name, f"the package would unpack to {unpacked / limits.MB:,.0f} MB; refused as unsafe")
    if unpacked > max_ratio * max(archive_size, 1) + limits.RATIO_FLOOR:
        raise ReadError(
            name, f"the package would unpack to {unpacked / limits.MB:,.0f} MB; refused as unsafe (zip bomb)"
        )
    for entry in entries:
        part = entry.filename
        if entry.flag_bits & 0x1:
            raise ReadError(
                name, "the package is encrypted (password-protected); save an unprotected copy and import that"
            )
        if entry.file_size > max_entry:
            raise ReadError(
                name, f"the part {part!r} would unpack to {entry.file_size / limits.MB:,.0f} MB; refused as unsafe"
            )
        if entry.file_size > limits.RATIO_FLOOR and entry.file_size > max_ratio * max(entry.compress_size, 1):
            raise ReadError(name, f"the part {part!r} is compressed beyond any real file; refused as unsafe (zip bomb)")
        if entry.compress_type not in _METHODS or entry.extract_version > zipfile.MAX_EXTRACT_VERSION:
            raise ReadError(name, f"the part {part!r} uses a compression method Axial cannot unpack")


def read_entry(
    package: zipfile.ZipFile, entry: zipfile.ZipInfo | str, name: str, limit: int = limits.MAX_ENTRY
) -> bytes:
    """An entry inflated in chunks, refused as soon as it passes `limit` or its declared size (headers can lie)."""
    try:
        info = entry if isinstance(entry, zipfile.ZipInfo) else package.getinfo(entry)
    except KeyError:
        raise ReadError(name, f"the package has no part {entry!r}") from None
    cap = min(limit, info.file_size)
    chunks: list[bytes] = []
    size = 0
    try:
        with package.open(info) as handle:
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                if size > cap:
                    raise ReadError(name, f"the part {info.filename!r} unpacks to more than allowed; refused as unsafe")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError) as error:
        raise ReadError(name, f"the package is damaged ({info.filename}: {_plain(error)})") from None
    except NotImplementedError:
        raise ReadError(name, f"the part {info.filename!r} uses a compression method Axial cannot unpack") from None
    return b"".join(chunks)


def read_part(package: zipfile.ZipFile, part: str, name: str) -> bytes:
    return read_entry(package, part, name)


def refuse_doctype(package: zipfile.ZipFile, name: str) -> None:
    """Refuse a package whose XML parts declare a document type or entities (the vehicle of entity attacks);
    for readers, like openpyxl's, that parse the parts themselves."""
    for info in package.infolist():  # every part: the content types, not the names, say which are XML
        if _DOCTYPE.search(read_entry(package, info, name)):
            raise ReadError(name, f"the part {info.filename!r} declares a document type or entities; refused as unsafe")


def parse_xml(data: bytes, name: str) -> etree._Element:
    """XML parsed with no network, DTD or entity expansion: a declared entity stays an unexpanded reference."""
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        if "depth" in str(error.msg):
            raise ReadError(
                name, "the document's XML is nested too deeply (damaged or built to break readers)"
            ) from None
        raise ReadError(
            name, f"the document's XML is damaged (it breaks off or is malformed at line {error.lineno})"
        ) from None


def _plain(error: Exception) -> str:
    """zlib's and zipfile's messages, said in words."""
    text = str(error)
    if "CRC" in text or "Bad magic" in text or "Error -3" in text or "overlap" in text.lower():
        return "its contents do not match its checksum or are broken"
    if isinstance(error, EOFError) or "truncated" in text.lower():
        return "it is cut short"
    return "its contents are broken"
