"""`axial deidentify`: a de-identified copy of a project. The listed names (and the case names and speaker labels
that name someone, and with a named-entity model what it finds) join the project's pseudonym table first, so a
later copy gives each original the same pseudonym; that table is the only change to the project. The copy is
then de-identified through the same operation the desktop applies, and its history, audit trail and pseudonym
table go, so no original survives in it. The originals are written only to the key file the user names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.model.core.errors import ProjectLockedError
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
    added: ImportResult  # what joined the table
    applied: DeidentifyReport
    table_kept: bool = True  # False: the project could not be written (open elsewhere, read-only), the copy's only


def deidentify_copy(
    source: Path,
    destination: Path,
    listed: Sequence[tuple[str, str, str]],
    *,
    patterns: bool = False,
    recogniser: Recogniser | None = None,
) -> CopyReport:
    """The names join the project's table first, so the next copy agrees with this one; when the project cannot
    be written (open in another window, on a read-only medium) they join the copy's table alone."""
    try:
        original = Project.open(source, backups=0)
    except ProjectLockedError:
        original = Project.open(source, read_only=True)
    with original:
        writable = not original.read_only
        added = _grow_table(original, listed, recogniser) if writable else ImportResult(0, 0)
        original.save_copy_as(destination)
    if writable:
        return _deidentified(destination, patterns=patterns, added=added)
    return _deidentified(destination, patterns=patterns, listed=listed, recogniser=recogniser)


def save_deidentified_copy(project: Project, destination: Path, *, patterns: bool = False) -> CopyReport:
    """From an open project (the desktop): a de-identified copy with its pseudonym table, to which the cases and
    speakers join first as `axial deidentify` adds them."""
    if project.read_only:
        project.save_copy_as(destination)
        return _deidentified(destination, patterns=patterns)
    added = fill_table(project)
    project.save_copy_as(destination)
    return _deidentified(destination, patterns=patterns, added=added)


def _grow_table(
    project: Project, listed: Sequence[tuple[str, str, str]], recogniser: Recogniser | None
) -> ImportResult:
    """The listed names, the cases and speakers, then what the model finds that the table does not."""
    added = fill_table(project, listed)
    if recogniser is None:
        return added
    found = find_candidates(project, Matcher(project.pseudonyms.table()), recogniser)
    model = [(c.original, c.pseudonym, c.kind) for c in found if c.how == MODEL]
    more = project.edits.import_pseudonyms(model) if model else ImportResult(0, 0)
    return ImportResult(added.added + more.added, added.changed + more.changed)


def _deidentified(
    destination: Path,
    *,
    patterns: bool,
    added: ImportResult | None = None,
    listed: Sequence[tuple[str, str, str]] = (),
    recogniser: Recogniser | None = None,
) -> CopyReport:
    """De-identify the copy; without `added` (the project's table grown already) its own table grows first."""
    try:
        with Project.open(destination, backups=0) as project:
            grown = added if added is not None else _grow_table(project, listed, recogniser)
            table = project.pseudonyms.table()
            matcher = Matcher(table, patterns=patterns)
            applied = apply_deidentification(project, matcher, find_candidates(project, matcher))
            project.rebuild_search_index()
        Project.scrub_copy(destination, _EMPTIED)
    except BaseException:
        for path in (destination, Path(f"{destination}-wal"), Path(f"{destination}-shm")):
            path.unlink(missing_ok=True)  # half a de-identified copy would still hold originals
        raise
    return CopyReport(table, grown, applied, table_kept=added is not None)
