"""The edits of documents after import: their name, kind, interview date and cases, which case a speaker is, and
the sets they are grouped in. Each is one operation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.model.core.dto import DocumentKind
from app.model.core.text import plural
from app.model.history.edit_base import EditBase


class DocumentEdits(EditBase):
    def rename_document(self, document_id: int, name: str) -> None:
        documents = self.project.documents
        self.run(
            f"Rename document to “{name.strip()}”", "rename_document", lambda: documents.rename(document_id, name),
            document_id=document_id, name=name,
        )  # fmt: skip

    def set_document_kind(self, document_id: int, kind: DocumentKind) -> None:
        documents = self.project.documents
        self.run(
            f"Make the document {kind.label}", "set_document_kind", lambda: documents.set_kind(document_id, kind),
            document_id=document_id, kind=kind.value,
        )  # fmt: skip

    def set_interview_date(self, document_id: int, when: date | None) -> None:
        documents = self.project.documents
        self.run(
            "Set the interview date", "set_interview_date", lambda: documents.set_interview_date(document_id, when),
            document_id=document_id, when=when.isoformat() if when else None,
        )  # fmt: skip

    def set_document_cases(self, document_id: int, case_ids: Sequence[int]) -> None:
        """The cases the whole document belongs to (its speakers' cases are set per speaker)."""
        documents = self.project.documents
        self.run(
            "Set the document's cases", "set_document_cases", lambda: documents.set_cases(document_id, case_ids),
            document_id=document_id, case_ids=list(case_ids),
        )  # fmt: skip

    def link_speaker(self, speaker_id: int, case_id: int | None) -> None:
        """Say which case a speaker is (None: no case), so what they say counts for that case."""
        documents = self.project.documents
        self.run(
            "Link a speaker to a case" if case_id is not None else "Unlink a speaker from its case", "link_speaker",
            lambda: documents.map_speaker(speaker_id, case_id), speaker_id=speaker_id, case_id=case_id,
        )  # fmt: skip

    # --- sets ----------------------------------------------------------------------------------------------

    def create_set(self, name: str, document_ids: Sequence[int] = ()) -> int:
        groups = self.project.groups
        return self.run(
            f"Create set “{name.strip()}”", "create_set",
            lambda: groups.create(name, document_ids=document_ids), name=name, document_ids=list(document_ids),
        )  # fmt: skip

    def rename_set(self, group_id: int, name: str) -> None:
        groups = self.project.groups
        self.run(
            f"Rename set to “{name.strip()}”", "rename_set", lambda: groups.rename(group_id, name),
            group_id=group_id, name=name,
        )  # fmt: skip

    def delete_set(self, group_id: int) -> None:
        self.run("Delete set", "delete_set", lambda: self.project.groups.delete(group_id), group_id=group_id)

    def add_to_set(self, group_id: int, document_ids: Sequence[int]) -> int:
        groups = self.project.groups
        return self.run(
            f"Add {plural(len(document_ids), 'document')} to a set", "add_to_set",
            lambda: groups.add_documents(group_id, document_ids), group_id=group_id, document_ids=list(document_ids),
        )  # fmt: skip

    def remove_from_set(self, group_id: int, document_ids: Sequence[int]) -> int:
        groups = self.project.groups
        return self.run(
            f"Remove {plural(len(document_ids), 'document')} from a set", "remove_from_set",
            lambda: groups.remove_documents(group_id, document_ids),
            group_id=group_id, document_ids=list(document_ids),
        )  # fmt: skip
