"""Importing a batch of transcripts: look before writing, then import file by file.

`preview` reads every file and reports what it found (format, encoding, words, speakers, the kind of document
they suggest, warnings, duplicates) without writing anything. `run` imports each file in its own transaction: a
file is in the project whole or not at all, a failing file is reported and the rest carry on, a file already
imported (same SHA-256) is skipped unless forced, and a cancel stops between files. A legacy Word .doc is listed as
refused, or read through LibreOffice when the caller hands over a `DocConverter`.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

from app.model.core.dto import DocumentKind, NewDocument, SourceFile
from app.model.core.errors import AxialError
from app.model.core.progress import NoProgress, Progress
from app.model.core.text import free_name, plural, word_count
from app.model.documents.readers import READERS, ImportedText, ReadError, ReadOptions, read_bytes, read_file
from app.model.documents.readers.legacy_doc import (
    CONVERT_TIMEOUT_S,
    MAX_DOC_BYTES,
    ConversionCancelledError,
    convert_to_docx,
    is_legacy_doc,
)
from app.model.project import Project


@dataclass(frozen=True)
class FilePreview:
    path: Path
    name: str
    format: str | None = None
    encoding: str | None = None
    words: int = 0
    speakers: tuple[tuple[str, int], ...] = ()  # label and its number of turns, most turns first
    warnings: tuple[str, ...] = ()
    error: str | None = None  # why it cannot be imported
    duplicate_of: str | None = None  # the document already imported from the same bytes
    legacy_doc: bool = False  # a Word 97-2003 .doc: refused, or read through LibreOffice

    @property
    def importable(self) -> bool:
        return self.error is None

    @property
    def kind(self) -> DocumentKind:
        return guess_kind(self.name, self.speakers)


@dataclass(frozen=True)
class FilePlan:
    """One file to import, and what to attach to it."""

    path: Path
    name: str | None = None  # default: the file name without its extension
    kind: DocumentKind | None = None  # default: guessed from the file's name and speakers
    case_ids: tuple[int, ...] = ()
    case_names: tuple[str, ...] = ()  # attached by name, created only if the file imports
    # Speaker label -> case id or name; applied where the speaker occurs in this file.
    speaker_cases: Mapping[str, int | str] = field(default_factory=dict)
    force: bool = False  # import even if the same file is already in the project


class Outcome(Enum):
    IMPORTED = "imported"
    SKIPPED = "skipped"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class FileResult:
    path: Path
    outcome: Outcome
    message: str
    document_id: int | None = None


@dataclass(frozen=True)
class ImportReport:
    results: tuple[FileResult, ...]

    def count(self, outcome: Outcome) -> int:
        return sum(result.outcome is outcome for result in self.results)

    @property
    def document_ids(self) -> tuple[int, ...]:
        return tuple(r.document_id for r in self.results if r.document_id is not None)

    def summary(self) -> str:
        parts = [f"{self.count(o)} {o.value}" for o in Outcome if self.count(o)]
        return ", ".join(parts) if parts else "nothing to import"


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the readable files inside any folder given (sorted, hidden files left out)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.is_file() and supported(p) and not p.name.startswith((".", "~$"))
            )
        else:
            found.append(path)
    return found


def guess_kind(name: str, speakers: Sequence[tuple[str, int]]) -> DocumentKind:
    """What a file most likely is, from its name and its speakers (label, turns). Someone heard once (a colleague
    putting their head round the door) does not make an interview a focus group."""
    lowered = name.lower()
    regulars = sum(turns >= 2 for _, turns in speakers)
    if "focus" in lowered or "group" in lowered or regulars > 2:
        return DocumentKind.FOCUS_GROUP
    if "field" in lowered or "observation" in lowered or "notes" in lowered:
        return DocumentKind.FIELD_NOTES
    return DocumentKind.INTERVIEW


class DocConverter:
    """Reads legacy .doc files through LibreOffice (`program`), converting each file once however often it is
    read (a preview, then the import). Used by one worker at a time."""

    def __init__(self, program: str, timeout: float = CONVERT_TIMEOUT_S) -> None:
        self.program = program
        self.timeout = timeout
        self._converted: dict[tuple[Path, int, int], bytes] = {}

    def read(
        self, path: Path, options: ReadOptions, cancelled: Callable[[], bool] = lambda: False
    ) -> tuple[ImportedText, bytes]:
        """The converted document's text, and the .doc's own bytes (kept as the source). Raises
        `ConversionCancelledError` when `cancelled` turns true during a conversion."""
        try:
            size = path.stat().st_size
            if size > MAX_DOC_BYTES:
                raise ReadError(path.name, f"the file is {size / 1e6:,.0f} MB, over the import limit for .doc files")
            data = path.read_bytes()
            key = (path.resolve(), size, path.stat().st_mtime_ns)
        except OSError as error:
            raise ReadError(path.name, f"the file cannot be read ({error.strerror})") from None
        docx = self._converted.get(key)
        if docx is None:
            with tempfile.TemporaryDirectory(prefix="axial-doc-") as folder:
                docx = convert_to_docx(path, Path(folder), self.program, self.timeout, cancelled).read_bytes()
            self._converted[key] = docx
        imported = read_bytes(docx, path.name, ".docx", options)
        warnings = ("converted from .doc by LibreOffice: check its text", *imported.warnings)
        return replace(imported, format="doc", warnings=warnings), data


class Importer:
    def __init__(
        self, project: Project, options: ReadOptions | None = None, converter: DocConverter | None = None
    ) -> None:
        """`converter`, when given, reads legacy .doc files; without it they are refused with the way out."""
        self.project = project
        self.options = options or ReadOptions()
        self.converter = converter
        self._progress: Progress = NoProgress()  # of the batch under way: a Cancel also stops a conversion

    def _read(self, path: Path) -> tuple[ImportedText, bytes]:
        if self.converter is not None and is_legacy_doc(path):
            return self.converter.read(path, self.options, lambda: self._progress.cancelled)
        return read_file(path, self.options)

    def preview(self, paths: Sequence[Path], progress: Progress | None = None) -> list[FilePreview]:
        progress = self._progress = progress or NoProgress()
        previews = []
        for done, path in enumerate(paths):
            progress.step(done, len(paths), f"Reading {path.name}")
            if progress.cancelled:
                break
            previews.append(self._preview_one(path))
        progress.step(len(previews), len(paths), "Read")
        return previews

    def _preview_one(self, path: Path) -> FilePreview:
        name = path.stem
        try:
            imported, data = self._read(path)
        except ConversionCancelledError:
            return FilePreview(path, name, legacy_doc=True)  # not read
        except ReadError as error:
            return FilePreview(path, name, error=error.reason, legacy_doc=is_legacy_doc(path))
        duplicate = self.project.documents.find_by_sha256(hashlib.sha256(data).hexdigest())
        speakers = Counter(turn.speaker for turn in imported.turns if turn.speaker is not None)
        return FilePreview(
            path,
            name,
            format=imported.format,
            encoding=imported.encoding,
            words=word_count(imported.text),
            speakers=tuple(speakers.most_common()),
            warnings=imported.warnings,
            duplicate_of=None if duplicate is None else self.project.documents.get(duplicate).name,
            legacy_doc=is_legacy_doc(path),
        )

    def run(self, plans: Sequence[FilePlan], progress: Progress | None = None) -> ImportReport:
        """Import the files as one operation (one step to undo); a file that fails is reported and the rest go on."""
        label = f"Import {plural(len(plans), 'document')}"
        files = [plan.path.name for plan in plans]
        with self.project.history.operation(label, "import_documents", {"files": files}):
            return self._run(plans, progress)

    def _run(self, plans: Sequence[FilePlan], progress: Progress | None) -> ImportReport:
        progress = self._progress = progress or NoProgress()
        taken = {doc.name for doc in self.project.documents.all()}
        results: list[FileResult] = []
        for done, plan in enumerate(plans):
            progress.step(done, len(plans), f"Importing {plan.path.name}")
            if progress.cancelled:
                results += [FileResult(p.path, Outcome.CANCELLED, "not imported: cancelled") for p in plans[done:]]
                break
            results.append(self._import_one(plan, taken))
        progress.step(len(plans), len(plans), "Imported")
        return ImportReport(tuple(results))

    def _import_one(self, plan: FilePlan, taken: set[str]) -> FileResult:
        try:
            imported, data = self._read(plan.path)
            duplicate = self.project.documents.find_by_sha256(hashlib.sha256(data).hexdigest())
            if duplicate is not None and not plan.force:
                existing = self.project.documents.get(duplicate).name
                return FileResult(plan.path, Outcome.SKIPPED, f"already imported as {existing!r}")
            name = free_name(plan.name or plan.path.stem, taken)
            heard = Counter(turn.speaker for turn in imported.turns if turn.speaker is not None)
            labels = set(heard)
            speaker_cases = tuple((label, case) for label, case in plan.speaker_cases.items() if label in labels)
            document = self.project.documents.add(
                NewDocument(
                    name=name,
                    text=imported.text,
                    kind=plan.kind or guess_kind(plan.path.stem, tuple(heard.items())),
                    paragraphs=imported.paragraphs,
                    turns=imported.turns,
                    source=SourceFile(plan.path.name, imported.format, data),
                    case_ids=plan.case_ids,
                    case_names=plan.case_names,
                    speaker_cases=speaker_cases,
                )
            )
        except ConversionCancelledError:
            return FileResult(plan.path, Outcome.CANCELLED, "not imported: cancelled")
        except AxialError as error:
            reason = error.reason if isinstance(error, ReadError) else str(error)
            return FileResult(plan.path, Outcome.FAILED, reason)
        taken.add(name)
        turns = f", {plural(len(imported.turns), 'turn')}" if imported.turns else ""
        detail = f"{plural(document.word_count, 'word')}{turns}"
        return FileResult(plan.path, Outcome.IMPORTED, f"imported as {name!r} ({detail})", document.id)


def _free_name(wanted: str, taken: set[str]) -> str:
    name, n = wanted, 2
    while name in taken:
        name, n = f"{wanted} ({n})", n + 1
    return name
