"""`axial deidentify`: a de-identified copy of a project. The copy is made first (the project itself is never
changed), de-identified through the same operation the desktop applies, and then every other text column is
replaced with the same table; its history, the texts its versions replaced and its original files go, so no
original survives in it. The originals are written only to the key file the user names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.model.deidentify.apply import DeidentifyReport, apply_deidentification
from app.model.deidentify.candidates import find_candidates, table_for
from app.model.deidentify.matcher import Matcher
from app.model.deidentify.pseudonyms import PseudonymTable
from app.model.project import Project

# Replaced by the operation itself (through the position map or an edit): not replaced a second time.
_DONE = {("document", "text"), ("document", "name"), ("case", "name"), ("speaker", "label"), ("memo", "title")}
_DONE |= {("memo", "body"), ("coding", "memo"), ("document_source", "filename"), ("code", "name"), ("code", "name_key")}
# The history and the audit trail hold every earlier value: emptied, not rewritten.
_EMPTIED = ("operation_step", "operation_change", "operation", "audit")


@dataclass(frozen=True)
class CopyReport:
    table: PseudonymTable
    applied: DeidentifyReport
    other_values: int  # values replaced in other columns (code names, attribute values, descriptions…)


def deidentify_copy(
    source: Path, destination: Path, listed: Sequence[tuple[str, str]], *, patterns: bool = False
) -> CopyReport:
    with Project.open(source, read_only=True) as original:
        original.save_copy_as(destination)
    try:
        return _deidentify(destination, listed, patterns=patterns)
    except BaseException:
        for path in (destination, Path(f"{destination}-wal"), Path(f"{destination}-shm")):
            path.unlink(missing_ok=True)  # half a de-identified copy would still hold originals
        raise


def _deidentify(destination: Path, listed: Sequence[tuple[str, str]], *, patterns: bool) -> CopyReport:
    with Project.open(destination, backups=0) as project:
        table = table_for(project, listed)
        matcher = Matcher(table, patterns=patterns)
        applied = apply_deidentification(project, matcher, find_candidates(project, matcher))
        project.rebuild_search_index()
    other = Project.scrub_copy(destination, Matcher(table, patterns=patterns).replace, _DONE, _EMPTIED)
    return CopyReport(table, applied, other)
