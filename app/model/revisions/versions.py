"""A document's versions as texts: version 0 as imported, each later one as its revision made it, so a change can be
audited and an earlier text taken back (through the corrected-version path, which moves the codings)."""

from __future__ import annotations

from app.model.core.errors import ValidationError
from app.model.project import Project
from app.model.revisions.revision_service import RevisionService


def version_text(project: Project, document_id: int, number: int) -> str:
    """Version `number`'s text: 0 as imported, the latest as it is now, each other the text the next one replaced."""
    revisions = RevisionService(project.store)
    latest = len(revisions.versions(document_id))
    if not 0 <= number <= latest:
        raise ValidationError(f"There is no version {number}: this document has versions 0 (as imported) to {latest}.")
    return project.documents.text(document_id) if number == latest else revisions.previous_text(document_id, number + 1)
