"""The one place where a reader's failure, whatever library raised it, becomes a `ReadError` that names the file
and says why in words. Everything that reads a user's file runs inside `refusals`, so callers (a batch import, the
CLI, the desktop) only ever see Axial's own errors and carry on with the next file.
"""

from __future__ import annotations

import csv
import logging
import sys
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

from lxml import etree

from app.model.core.errors import AxialError
from app.model.documents.readers import limits
from app.model.documents.readers.base import ReadError

_log = logging.getLogger(__name__)

_REASONS: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], str], ...] = (
    (MemoryError, "the file is too large to read with the memory available"),
    (RecursionError, "the file is nested too deeply to read (it is damaged or built to break readers)"),
    ((etree.XMLSyntaxError, ParseError, ExpatError), "the file's XML is damaged (it is not well-formed)"),
    (
        (zlib.error, EOFError, zipfile.BadZipFile),
        "the file is damaged (its compressed contents are broken or cut short)",
    ),
    (NotImplementedError, "the file uses a compression method or format version Axial cannot read"),
    (UnicodeError, "the file is damaged (it holds text that is not valid in the encoding it declares)"),
    (csv.Error, "the sheet cannot be split into rows and cells (a stray quote or line break in a cell?)"),
    (FileNotFoundError, "the file does not exist (was it moved?)"),
    (IsADirectoryError, "this is a folder, not a file"),
    (PermissionError, "Axial is not allowed to read the file (check its permissions)"),
)


@contextmanager
def refusals(name: str) -> Iterator[None]:
    """Run a read; any failure other than Axial's own leaves as a `ReadError` for the file `name`."""
    try:
        yield
    except AxialError:
        raise
    except Exception as error:
        raise ReadError(name, reason(error)) from None


def reason(error: BaseException) -> str:
    """Why a read failed, in words a user can act on; unforeseen failures are logged with their traceback."""
    pdf = _pdf_reason(error)
    if pdf:
        return pdf
    for kinds, said in _REASONS:
        if isinstance(error, kinds):
            return said
    if isinstance(error, ValueError) and "null byte" in str(error):
        return "the file name is not valid (it contains a NUL character)"
    if isinstance(error, OSError):
        return f"the file cannot be read ({error.strerror or 'input/output error'})"
    _log.warning("a reader failed unexpectedly", exc_info=error)
    return "the file is damaged or is not what its extension says (Axial could not make sense of it)"


def _pdf_reason(error: BaseException) -> str:
    """pypdf's errors, looked up only if pypdf was loaded (by a PDF being read): if it was not, none can occur."""
    errors = sys.modules.get("pypdf.errors")
    if errors is None:
        return ""
    if isinstance(error, errors.LimitReachedError):
        return "the PDF is too large or complex to read safely"
    if isinstance(error, errors.PyPdfError):
        return "the PDF is damaged or unreadable"
    return ""


def read_capped(path: Path, limit: int) -> bytes:
    """The file's bytes, refused before opening if it is larger than `limit`, and never more than `limit` read."""
    limits.check_size(path, limit)
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew after the check
        raise ReadError(path.name, f"the file is over Axial's {limit / limits.MB:,.0f} MB import limit")
    return data
