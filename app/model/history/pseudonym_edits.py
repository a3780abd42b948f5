"""The edits of the project's pseudonym table (original → pseudonym): each one step to undo."""

from __future__ import annotations

from collections.abc import Sequence

from app.model.core.text import plural
from app.model.deidentify.pseudonym_service import ImportResult, PseudonymInfo
from app.model.history.edit_base import EditBase


class PseudonymEdits(EditBase):
    def add_pseudonym(self, original: str, pseudonym: str = "", kind: str = "person") -> PseudonymInfo:
        """A blank pseudonym is proposed from the kind ("[Person 3]", "[Agency B]", "[Site 2]")."""
        pseudonyms = self.project.pseudonyms
        return self.run(
            "Add a pseudonym", "add_pseudonym", lambda: pseudonyms.add(original, pseudonym, kind), kind=kind
        )  # the original stays out of the record's parameters: the history list shows them

    def change_pseudonym(
        self, pseudonym_id: int, *, original: str | None = None, pseudonym: str | None = None, kind: str | None = None
    ) -> None:
        pseudonyms = self.project.pseudonyms
        self.run(
            "Change a pseudonym", "change_pseudonym",
            lambda: pseudonyms.change(pseudonym_id, original=original, pseudonym=pseudonym, kind=kind),
            pseudonym_id=pseudonym_id,
        )  # fmt: skip

    def set_pseudonym_identifying(self, pseudonym_id: int, identifying: bool) -> None:
        """Not identifying keeps the original in the table with no pseudonym: never replaced, never proposed again
        from the cases and speakers (removing the row would let it come back)."""
        pseudonyms = self.project.pseudonyms
        self.run(
            "Mark an original identifying" if identifying else "Mark an original not identifying",
            "set_pseudonym_identifying", lambda: pseudonyms.set_identifying(pseudonym_id, identifying),
            pseudonym_id=pseudonym_id, identifying=identifying,
        )  # fmt: skip

    def remove_pseudonym(self, pseudonym_id: int) -> None:
        pseudonyms = self.project.pseudonyms
        self.run(
            "Remove a pseudonym", "remove_pseudonym", lambda: pseudonyms.remove(pseudonym_id),
            pseudonym_id=pseudonym_id,
        )  # fmt: skip

    def import_pseudonyms(self, rows: Sequence[tuple[str, str, str]]) -> ImportResult:
        """Rows (original, pseudonym or "" to propose one, kind) pasted, read from a CSV file or seeded from the
        cases and speakers; an original already in the table keeps its pseudonym unless a row gives another."""
        pseudonyms = self.project.pseudonyms
        return self.run(
            f"Add {plural(len(rows), 'name')} to the pseudonyms", "import_pseudonyms",
            lambda: pseudonyms.add_many(rows), rows=len(rows),
        )  # fmt: skip
