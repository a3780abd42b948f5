"""Schema revisions of the `.axial` file, applied in order; the file records its revision in `user_version`.

A new file is built by running every revision, so a file upgraded from revision 1 and a new file have the same
schema by construction (a test also compares both with the ORM models).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from app.model.storage.migrations import (
    journal_triggers,
    r0001_core,
    r0002_analysis,
    r0003_axial,
    r0004_search,
    r0005_groups,
    r0006_history,
    r0007_code_name_key,
    r0008_attribute_formula,
    r0009_rating_cells,
    r0010_document_versions,
    r0011_coder_identity,
    r0012_pseudonyms,
)


@dataclass(frozen=True)
class Revision:
    number: int
    summary: str
    statements: tuple[str, ...]
    seed: Callable[[sqlite3.Connection], None] | None = None


REVISIONS: tuple[Revision, ...] = (
    Revision(1, "core study: documents, cases, codes, codings, memos", r0001_core.STATEMENTS),
    Revision(
        2,
        "analysis: relations, frameworks, mappings, ratings, audit trail",
        r0002_analysis.STATEMENTS,
        r0002_analysis.seed,
    ),
    Revision(3, "axial coding: dismissed similar pairs, diagram positions", r0003_axial.STATEMENTS),
    Revision(4, "full-text search index", r0004_search.STATEMENTS, r0004_search.seed),
    Revision(5, "sets of documents or codes", r0005_groups.STATEMENTS),
    Revision(6, "operation log for undo, redo and audit; versions of codes and codings", r0006_history.STATEMENTS),
    Revision(7, "code names unique among siblings", r0007_code_name_key.STATEMENTS, r0007_code_name_key.seed),
    Revision(8, "computed attributes: a formula over other attributes", r0008_attribute_formula.STATEMENTS),
    Revision(9, "framework matrix: cell summaries, each rater's own ratings", r0009_rating_cells.STATEMENTS),
    Revision(10, "document versions: each revision of a document's text", r0010_document_versions.STATEMENTS),
    Revision(11, "coders as identities: initials, blind coding", r0011_coder_identity.STATEMENTS),
    Revision(12, "de-identification: the project's pseudonym table", r0012_pseudonyms.STATEMENTS),
)
HEAD = REVISIONS[-1].number


def upgrade(conn: sqlite3.Connection, *, to: int = HEAD) -> int:
    """Apply the revisions after the file's own up to `to`, all in one transaction; return the new revision.

    `conn` must be in autocommit mode (isolation_level None) so that this function owns the transaction:
    SQLite DDL is transactional, so a failure leaves the file exactly as it was.
    """
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    pending = [r for r in REVISIONS if current < r.number <= to]
    if not pending:
        return current
    conn.execute("BEGIN IMMEDIATE")
    try:
        for revision in pending:
            for statement in revision.statements:
                conn.execute(statement)
            if revision.seed is not None:
                revision.seed(conn)
        journal_triggers.rebuild(conn)
        # PRAGMA takes no parameters; the value is an int we control.
        conn.execute(f"PRAGMA user_version = {int(pending[-1].number)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return pending[-1].number
