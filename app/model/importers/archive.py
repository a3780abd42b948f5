"""Opening the zip packages of .docx and .odt files as untrusted input, and parsing their XML safely."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from .base import ReadError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_ENTRIES = 5_000
MAX_UNPACKED = 1024 * 1024 * 1024  # 1 GiB: no real transcript unpacks to more
MAX_RATIO = 200  # deflate rarely beats 100:1 on real content; bombs reach 1000:1

# No network, no DTDs, no entity expansion: an attacker's XML can neither reach out nor blow up.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False)


def open_package(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """A zip archive checked for encryption and absurd sizes; `kind` names the format for messages."""
    if data.startswith(_OLE_MAGIC):
        raise ReadError(
            name,
            f"this is a legacy or password-protected {kind} file; open it in Word or LibreOffice and save it "
            "as .docx (without a password), then import that",
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        entries = package.infolist()
    except (zipfile.BadZipFile, OSError):
        raise ReadError(name, f"the file is damaged or not a {kind} file (it is not a valid zip package)") from None
    if len(entries) > MAX_ENTRIES:
        raise ReadError(name, f"the package holds {len(entries):,} parts, far more than a {kind} file has")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED or unpacked > MAX_RATIO * max(len(data), 1) + 10_000_000:
        raise ReadError(name, f"the package would unpack to {unpacked / 1e6:,.0f} MB; refused as unsafe (zip bomb)")
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise ReadError(name, "the package is encrypted (password-protected); save an unprotected copy and import that")
    return package


def read_part(package: zipfile.ZipFile, part: str, name: str) -> bytes:
    try:
        with package.open(part) as handle:
            return handle.read(MAX_UNPACKED + 1)
    except KeyError:
        raise ReadError(name, f"the package has no part {part!r}") from None
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as error:
        raise ReadError(name, f"the package is damaged ({error})") from None


def parse_xml(data: bytes, name: str) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise ReadError(name, f"the document's XML is damaged ({error.msg})") from None
