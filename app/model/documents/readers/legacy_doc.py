"""Legacy Word .doc files (Word 97-2003's binary format): recognised, refused with a way out, and converted to
.docx by LibreOffice when it is installed.

Axial does not parse the binary format itself. A file named .doc is often something else, though: Word and other
programs save RTF, and people rename .docx files, under that name; those are read as what they are.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from app.model.documents.readers.base import ImportedText, ReadError, ReadOptions
from app.model.documents.readers.docx import read_docx
from app.model.documents.readers.rtf import read_rtf

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file that holds a .doc (and .xls, .ppt)
LEGACY_DOC = "a legacy Word .doc file: open it in Word or LibreOffice and save it as .docx, then import that"
MAX_DOC_BYTES = 200 * 1024 * 1024
_POLL_S = 0.25
CONVERT_TIMEOUT_S = 120.0  # LibreOffice's first start in a fresh profile takes a few seconds; a .doc, a few more

# Where LibreOffice installs itself when it is not on PATH.
_INSTALLED = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


class ConversionCancelledError(ReadError):
    """The user cancelled while LibreOffice was converting the file."""


def read_doc(data: bytes, name: str, options: ReadOptions) -> ImportedText:
    """A file named .doc: RTF or .docx under that name are read; a real legacy .doc is refused with the way out."""
    if data.startswith(OLE_MAGIC):
        raise ReadError(name, LEGACY_DOC)
    if data.startswith(b"PK\x03\x04"):
        return read_docx(data, name, options)
    if data.lstrip().startswith(b"{\\rtf"):
        return read_rtf(data, name, options)
    raise ReadError(name, "this .doc file is not a Word document; open it in Word or LibreOffice and save it as .docx")


def is_legacy_doc(path: Path) -> bool:
    """A .doc file in Word's binary format (by its name and its first bytes)."""
    if path.suffix.lower() != ".doc":
        return False
    try:
        with path.open("rb") as handle:
            return handle.read(len(OLE_MAGIC)) == OLE_MAGIC
    except OSError:
        return False


def find_converter() -> str | None:
    """LibreOffice's `soffice`, if it is installed."""
    for program in ("soffice", "libreoffice"):
        found = shutil.which(program)
        if found:
            return found
    return next((path for path in _INSTALLED if os.path.isfile(path)), None)


def convert_to_docx(
    path: Path,
    outdir: Path,
    converter: str,
    timeout: float = CONVERT_TIMEOUT_S,
    cancelled: Callable[[], bool] = lambda: False,
) -> Path:
    """Convert a .doc to a .docx in `outdir` with LibreOffice; the converted file, or a `ReadError` saying why not.

    LibreOffice runs headless in a profile of its own under `outdir`, so a LibreOffice window the user has open
    neither swallows the request nor is disturbed by it. `cancelled` is asked every quarter second, so a Cancel
    does not wait for a slow conversion.
    """
    profile = (outdir / "libreoffice-profile").resolve()
    command = [
        converter,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx",
        "--outdir",
        str(outdir),
        str(path),
    ]
    try:
        # A session of its own, so that a timeout ends LibreOffice's helper processes too.
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=sys.platform != "win32",
        )
    except OSError as error:
        raise ReadError(path.name, f"LibreOffice could not be started ({error.strerror or error})") from None
    deadline = time.monotonic() + timeout
    while True:
        try:
            _, errors = process.communicate(timeout=_POLL_S)
            break
        except subprocess.TimeoutExpired:
            if cancelled():
                _stop(process)
                raise ConversionCancelledError(path.name, "not converted: cancelled") from None
            if time.monotonic() >= deadline:
                _stop(process)
                raise ReadError(
                    path.name, f"LibreOffice did not finish converting it within {timeout:g} s; {_MANUALLY}"
                ) from None
    converted = outdir / f"{path.stem}.docx"
    if process.returncode != 0 or not converted.is_file():
        said = errors.decode("utf-8", "replace").strip().splitlines()
        detail = f" ({said[-1][:200]})" if said else ""
        raise ReadError(path.name, f"LibreOffice could not convert it{detail}; {_MANUALLY}")
    return converted


_MANUALLY = "open it in Word or LibreOffice and save it as .docx, then import that"


def _stop(process: subprocess.Popen[bytes]) -> None:
    if sys.platform == "win32":
        process.kill()
    else:
        with contextlib.suppress(ProcessLookupError):  # it ended just now
            os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
