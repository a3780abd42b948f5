"""`axial deidentify`: a de-identified copy of a project. The listed names (and the case names and speaker labels
that name someone, and with a named-entity model what it finds) join the project's pseudonym table first, so a
later copy gives each original the same pseudonym; that table is the only change to the project. The copy is
then de-identified through the same operation the desktop applies, and its history, audit trail and pseudonym
table go, so no original survives in it. The originals are written only to the key file the user names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.model.deidentify.apply import DeidentifyReport, apply_deidentification
from app.model.deidentify.candidates import MODEL, fill_table, find_candidates
from app.model.deidentify.matcher import Matcher
from app.model.deidentify.pseudonym_service import ImportResult
from app.model.deidentify.pseudonyms import PseudonymTable
from app.model.deidentify.recogniser import Recogniser
from app.model.project import Project

# The history and the audit trail hold every earlier value: emptied, not rewritten.
_EMPTIED = ("operation_step", "operation_change", "operation", "audit")


@dataclass(frozen=True)
class CopyReport:
    table: PseudonymTable  # what the copy was de-identified with (the key)
    added: ImportResult  # what joined the project's table
    applied: DeidentifyReport


def deidentify_copy(
    source: Path,
    destination: Path,
    listed: Sequence[tuple[str, str, str]],
    *,
    patterns: bool = False,
    recogniser: Recogniser | None = None,
) -> CopyReport:
    with Project.open(source, backups=0) as original:
        added = fill_table(original, listed)
        if recogniser is not None:
            found = find_candidates(original, Matcher(original.pseudonyms.table()), recogniser)
            model = [(c.original, c.pseudonym, c.kind) for c in found if c.how == MODEL]
            more = original.edits.import_pseudonyms(model) if model else ImportResult(0, 0)
            added = ImportResult(added.added + more.added, added.changed + more.changed)
        original.save_copy_as(destination)
    return _deidentified(destination, added, patterns=patterns)


def save_deidentified_copy(project: Project, destination: Path, *, patterns: bool = False) -> CopyReport:
    """From an open project (the desktop): a de-identified copy with its pseudonym table as it stands; the
    project itself is not changed."""
    project.save_copy_as(destination)
    return _deidentified(destination, ImportResult(0, 0), patterns=patterns)


def _deidentified(destination: Path, added: ImportResult, *, patterns: bool) -> CopyReport:
    try:
        return _deidentify(destination, added, patterns=patterns)
    except BaseException:
        for path in (destination, Path(f"{destination}-wal"), Path(f"{destination}-shm")):
            path.unlink(missing_ok=True)  # half a de-identified copy would still hold originals
        raise


def _deidentify(destination: Path, added: ImportResult, *, patterns: bool) -> CopyReport:
    with Project.open(destination, backups=0) as project:
        table = project.pseudonyms.table()
        matcher = Matcher(table, patterns=patterns)
        applied = apply_deidentification(project, matcher, find_candidates(project, matcher))
        project.rebuild_search_index()
    Project.scrub_copy(destination, _EMPTIED)
    return CopyReport(table, added, applied)
