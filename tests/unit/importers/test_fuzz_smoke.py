"""A fixed-seed mutation fuzz of every reader: flipped bytes, truncations, splices, and for zip packages corrupted
entries and mutated header fields. Each input is read or refused with Axial's `ReadError`, in words (no codec
messages); never another exception. A refused import, in a batch or as an attribute sheet, changes nothing."""

from __future__ import annotations

import io
import random
import sqlite3
import struct
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.model.cases.attribute_sheet import apply_sheet
from app.model.documents.importing import FilePlan, Importer, Outcome
from app.model.documents.readers import ReadOptions, read_bytes
from app.model.documents.readers.base import ReadError
from app.model.exchange.refi_import import read_exchange
from app.model.project import Project
from tests.conftest import table_dump

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "fixtures"
REFI = Path(__file__).resolve().parents[2] / "data" / "refi" / "samples" / "atlasti-8.4-standard-project.qde"
SEED = 14
MUTANTS = 150  # per reader: 0.5-2.5 s each
SHEET_MUTANTS = 80  # per sheet format: each is written to a project, ~60 ms
REFI_MUTANTS = 300  # REFI packages: ~4 ms each
# What a library says to itself, never to a user.
CODEC_WORDS = ("Error -3", "codec can't", "invalid distance", "Errno", "Traceback", "object has no attribute")


def _pdf() -> bytes:
    """A one-page PDF with a text layer, small enough that pypdf reads hundreds of damaged copies in a second."""
    stream = b"BT /F1 12 Tf 72 720 Td (Ana: how did the training go?) Tj 0 -20 Td (Ben: better than I feared.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Case", "Role", "Years", "Trained", "Started"])
    for n in range(6):
        sheet.append([f"CM-0{n}", ("lead", "staff")[n % 2], n + 2.5, n % 2 == 0, f"2024-0{n + 1}-01"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SEEDS: dict[str, Callable[[], bytes]] = {
    ".txt": lambda: (FIXTURES / "qualcoder_transcript_ids.txt").read_bytes(),
    ".md": lambda: (FIXTURES / "hitsave_wintermoor_group.md").read_bytes()[:3000],
    ".docx": lambda: (FIXTURES / "d2p_renamed_main_part.docx").read_bytes(),
    ".odt": lambda: (FIXTURES / "qualcoder_ID2.odt").read_bytes(),
    ".rtf": lambda: (FIXTURES / "striprtf_unicode_escapes.rtf").read_bytes(),
    ".pdf": _pdf,
    ".vtt": lambda: (FIXTURES / "webvttpy_youtube_autocaption.vtt").read_bytes(),
    ".srt": lambda: (FIXTURES / "hitsave_keitai_panel.srt").read_bytes()[:2500],
}


def _qdpx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("project.qde", REFI.read_bytes())
        package.writestr("sources/interview.txt", "Ana: how did the training go?\nBen: better than I feared.\n" * 20)
    return buffer.getvalue()


SHEETS: dict[str, Callable[[], bytes]] = {
    ".csv": lambda: b'Case;Role;Years;Trained\nCM-01;lead;3,5;yes\nCM-02;staff;4;no\n"CM-03";"staff";;yes\n',
    ".xlsx": _xlsx,
}

SHEET_TABLES = ("case", "attribute", "attribute_value", "audit")

# Fields of the zip headers (offset from the signature, width): local file header, then central directory entry.
_LOCAL = ((4, 2), (6, 2), (8, 2), (14, 4), (18, 4), (22, 4), (26, 2), (28, 2))
_CENTRAL = ((4, 2), (6, 2), (8, 2), (10, 2), (16, 4), (20, 4), (24, 4), (28, 2), (30, 2), (34, 2), (38, 4), (42, 4))


def _flip(data: bytearray, rng: random.Random) -> bytearray:
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return data


def _truncate(data: bytearray, rng: random.Random) -> bytearray:
    return data[: rng.randrange(len(data))]


def _splice(data: bytearray, rng: random.Random) -> bytearray:
    start = rng.randrange(len(data))
    piece = data[start : start + rng.randint(1, 64)] if rng.random() < 0.5 else bytearray(rng.randbytes(16))
    at = rng.randrange(len(data))
    return data[:at] + piece * rng.randint(1, 4) + data[at:]


def _corrupt_entry(data: bytearray, rng: random.Random) -> bytearray:
    """Damage the compressed bytes of one entry, leaving its headers as they were."""
    starts = [i for i in range(len(data) - 30) if data[i : i + 4] == b"PK\x03\x04"]
    if not starts:
        return _flip(data, rng)
    at = rng.choice(starts)
    name_length, extra_length = struct.unpack_from("<HH", data, at + 26)
    (size,) = struct.unpack_from("<I", data, at + 18)
    begin = at + 30 + name_length + extra_length
    for _ in range(rng.randint(1, 4)):
        data[min(begin + rng.randrange(max(size, 1)), len(data) - 1)] = rng.randrange(256)
    return data


def _mutate_header(data: bytearray, rng: random.Random) -> bytearray:
    """Set one field of one local or central header to an edge value, or mark a name UTF-8 and break it."""
    headers = [(i, _LOCAL) for i in range(len(data) - 30) if data[i : i + 4] == b"PK\x03\x04"]
    headers += [(i, _CENTRAL) for i in range(len(data) - 46) if data[i : i + 4] == b"PK\x01\x02"]
    if not headers:
        return _flip(data, rng)
    at, fields = rng.choice(headers)
    if fields is _CENTRAL and rng.random() < 0.15:
        (flags,) = struct.unpack_from("<H", data, at + 8)
        struct.pack_into("<H", data, at + 8, flags | 0x800)
        data[at + 46] = 0xFF  # not valid UTF-8
        return data
    offset, width = rng.choice(fields)
    top = (1 << (8 * width)) - 1
    value = rng.choice([0, 1, top, top // 2, rng.randrange(top + 1), 99, 63, 64, 14, 12, 9])
    data[at + offset : at + offset + width] = (value & top).to_bytes(width, "little")
    return data


def mutants(data: bytes, zipped: bool, count: int = MUTANTS) -> Iterator[bytes]:
    rng = random.Random(SEED)
    kinds = [_flip, _truncate, _splice] + ([_corrupt_entry, _mutate_header, _mutate_header] if zipped else [])
    for n in range(count):
        yield bytes(kinds[n % len(kinds)](bytearray(data), rng))


def _plain(error: ReadError, name: str) -> None:
    assert str(error).startswith(f"{name}: ")
    assert not any(word in str(error) for word in CODEC_WORDS), str(error)


@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_every_mutant_is_read_or_refused_in_words(suffix: str) -> None:
    data = SEEDS[suffix]()
    read_bytes(data, f"seed{suffix}", suffix, ReadOptions())  # the unmutated file reads
    outcomes: Counter[str] = Counter()
    crashes = []
    for n, mutant in enumerate(mutants(data, zipped=suffix in (".docx", ".odt"))):
        name = f"mutant-{n}{suffix}"
        try:
            read_bytes(mutant, name, suffix, ReadOptions())
            outcomes["read"] += 1
        except ReadError as error:
            _plain(error, name)
            outcomes["refused"] += 1
        except Exception as error:
            crashes.append(f"{name}: {type(error).__name__}: {error}")
    assert crashes == []
    assert sum(outcomes.values()) == MUTANTS


def _rows(path: Path, *tables: str) -> tuple[int, ...]:
    conn = sqlite3.connect(path)
    try:
        return tuple(int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]) for table in tables)
    finally:
        conn.close()


@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_a_batch_of_mutants_imports_the_readable_and_leaves_nothing_of_the_rest(
    project: Project, tmp_path: Path, suffix: str
) -> None:
    paths = []
    for n, mutant in enumerate(mutants(SEEDS[suffix](), zipped=suffix in (".docx", ".odt"), count=8)):
        paths.append(tmp_path / f"mutant-{n}{suffix}")
        paths[-1].write_bytes(mutant)
    refused = [path for path in paths if _refused(path, suffix)]
    before = table_dump(project.path)
    report = Importer(project).run([FilePlan(path) for path in refused])
    assert [r.outcome for r in report.results] == [Outcome.FAILED] * len(refused)  # the batch carried on
    assert table_dump(project.path) == before
    report = Importer(project).run([FilePlan(path, force=True) for path in paths])
    assert len(report.results) == len(paths)
    assert _rows(project.path, "document") == (report.count(Outcome.IMPORTED),)
    assert report.count(Outcome.IMPORTED) == len(paths) - len(refused)


def _refused(path: Path, suffix: str) -> bool:
    try:
        read_bytes(path.read_bytes(), path.name, suffix, ReadOptions())
    except ReadError:
        return True
    return False


@pytest.mark.parametrize("suffix", sorted(SHEETS))
def test_every_mutant_sheet_is_applied_whole_or_refused_leaving_nothing(
    project: Project, tmp_path: Path, suffix: str
) -> None:
    outcomes: Counter[str] = Counter()
    crashes = []
    for n, mutant in enumerate(mutants(SHEETS[suffix](), zipped=suffix == ".xlsx", count=SHEET_MUTANTS)):
        path = tmp_path / f"mutant-{n}{suffix}"
        path.write_bytes(mutant)
        before = _rows(project.path, *SHEET_TABLES)
        try:
            apply_sheet(project, path, create_cases=True)
            outcomes["applied"] += 1
        except ReadError as error:
            _plain(error, path.name)
            assert _rows(project.path, *SHEET_TABLES) == before
            outcomes["refused"] += 1
        except Exception as error:
            crashes.append(f"{path.name}: {type(error).__name__}: {error}")
    assert crashes == []
    assert sum(outcomes.values()) == SHEET_MUTANTS


def test_every_mutant_refi_package_is_read_or_refused_in_words(tmp_path: Path) -> None:
    outcomes: Counter[str] = Counter()
    crashes = []
    for n, mutant in enumerate(mutants(_qdpx(), zipped=True, count=REFI_MUTANTS)):
        path = tmp_path / f"mutant-{n}.qdpx"
        path.write_bytes(mutant)
        try:
            read_exchange(path)
            outcomes["read"] += 1
        except ReadError as error:
            _plain(error, path.name)
            outcomes["refused"] += 1
        except Exception as error:
            crashes.append(f"{path.name}: {type(error).__name__}: {error}")
    assert crashes == []
    assert sum(outcomes.values()) == REFI_MUTANTS
