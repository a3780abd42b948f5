"""Every size limit applied to files Axial reads, in one place. Each is checked before the bytes it guards are read
or inflated, so a hostile or absurd file is refused without costing more than a few megabytes of memory.

The numbers leave a wide margin over real material: a 10-hour interview is about 1 MB of text and 20,000 cues, and
a Word transcript with images rarely passes 30 MB.
"""

from __future__ import annotations

from pathlib import Path

from app.model.documents.readers.base import ReadError

MB = 1024 * 1024

# Whole files, checked with stat() before opening.
TEXT_FILE = 50 * MB  # .txt .md .vtt .srt .rtf and .csv sheets: read whole and decoded
PACKAGE_FILE = 200 * MB  # .docx .odt .pdf .xlsx: packages that may carry images and fonts
PACKAGES = frozenset({".docx", ".odt", ".pdf", ".xlsx", ".xlsm"})

# Zip packages (.docx .odt .xlsx .qdpx), judged from the entry headers before anything is inflated, then enforced
# again while inflating, since headers can lie.
MAX_ENTRIES = 5_000
MAX_ENTRY = 128 * MB  # one inflated entry (a document's XML): ~30x the markup of the longest transcript
MAX_UNPACKED = 512 * MB  # all entries together
MAX_RATIO = 200  # inflated/compressed per entry; real XML stays under 50, zip bombs reach 1,000
RATIO_FLOOR = 4 * MB  # entries smaller than this may compress as well as they like

# Subtitles: each cue costs ~60 µs to parse, so this bounds a file to a few seconds; 10 hours is ~20,000 cues.
MAX_CUES = 100_000


def check_size(path: Path, limit: int) -> int:
    """The file's size, or a `ReadError` if it exceeds `limit`; checked before the file is opened."""
    size = path.stat().st_size
    if size > limit:
        raise ReadError(path.name, f"the file is {size / MB:,.1f} MB, over Axial's {limit / MB:,.0f} MB import limit")
    return size


def for_suffix(suffix: str) -> int:
    """The size limit for a file of this type (`.docx`, `.csv`...)."""
    return PACKAGE_FILE if suffix.lower() in PACKAGES else TEXT_FILE
