"""Every edit a user can make, each one operation in the project's history (one transaction, one undo step).

The desktop and the command line both edit through here, so anything either does can be undone, after reopening
too. An edit refused by the domain raises its `AxialError` and leaves neither a change nor a step behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from app.model.core.dto import (
    CodeInfo,
    CodingInfo,
    MemoInfo,
    MemoTarget,
    RelationInfo,
)
from app.model.core.progress import Progress
from app.model.core.text import plural
from app.model.history.agreement_edits import AgreementEdits
from app.model.history.case_edits import CaseEdits
from app.model.history.coder_edits import CoderEdits
from app.model.history.document_edits import DocumentEdits
from app.model.history.merge_edits import MergeEdits
from app.model.history.pseudonym_edits import PseudonymEdits
from app.model.history.rating_edits import RatingEdits
from app.model.history.revision_edits import RevisionEdits
from app.model.history.set_up_edits import SetUpEdits

if TYPE_CHECKING:
    from app.model.documents.importing import DocConverter, FilePlan
    from app.model.documents.importing import ImportReport as FilesReport
    from app.model.documents.readers import ReadOptions


class Edits(
    AgreementEdits,
    CaseEdits,
    CoderEdits,
    DocumentEdits,
    MergeEdits,
    PseudonymEdits,
    RatingEdits,
    RevisionEdits,
    SetUpEdits,
):
    """Every edit: the daily ones below, the set-up ones (`SetUpEdits`), those of cases (`CaseEdits`), of documents
    and their sets (`DocumentEdits`, document_edits.py) and of ratings (`RatingEdits`)."""

    # --- codings -------------------------------------------------------------------------------------------

    def apply_coding(self, document_id: int, code_id: int, start: int, end: int) -> CodingInfo:
        codings = self.project.codings
        return self.run(
            "Apply code", "apply_coding", lambda: codings.apply(document_id, code_id, start, end),
            document_id=document_id, code_id=code_id, start=start, end=end,
        )  # fmt: skip

    def remove_coding(self, coding_id: int) -> None:
        self.run("Remove coding", "remove_coding", lambda: self.project.codings.remove(coding_id), coding_id=coding_id)

    def set_bounds(self, coding_id: int, start: int, end: int) -> None:
        codings = self.project.codings
        self.run(
            "Change coding extent", "set_bounds", lambda: codings.set_bounds(coding_id, start, end),
            coding_id=coding_id, start=start, end=end,
        )  # fmt: skip

    def set_code(self, coding_id: int, code_id: int) -> None:
        codings = self.project.codings
        self.run(
            "Change the code of a coding", "set_code", lambda: codings.set_code(coding_id, code_id),
            coding_id=coding_id, code_id=code_id,
        )  # fmt: skip

    def set_coding_memo(self, coding_id: int, memo: str) -> None:
        codings = self.project.codings
        self.run("Edit coding memo", "set_coding_memo", lambda: codings.set_memo(coding_id, memo), coding_id=coding_id)

    def autocode(self, text: str, do: Callable[[], Sequence[CodingInfo]]) -> int:
        """Many codings added by one call (search hits, speaker turns) as one step; returns how many were added."""
        return len(self.run(text, "autocode", lambda: list(do())))

    # --- codes ---------------------------------------------------------------------------------------------

    def create_code(
        self, name: str, parent_id: int | None = None, *, is_codable: bool = True, allow_similar: bool = False
    ) -> CodeInfo:
        codes = self.project.codes
        return self.run(
            f"Create code “{name.strip()}”", "create_code",
            lambda: codes.create(name, parent_id, is_codable=is_codable, allow_similar=allow_similar),
            name=name, parent_id=parent_id, is_codable=is_codable,
        )  # fmt: skip

    def rename_code(self, code_id: int, name: str) -> None:
        codes = self.project.codes
        self.run(
            f"Rename code to “{name}”", "rename_code", lambda: codes.rename(code_id, name), code_id=code_id, name=name
        )

    def recolour_code(self, code_id: int, colour: str) -> None:
        codes = self.project.codes
        self.run(
            "Change code colour", "recolour_code", lambda: codes.recolour(code_id, colour),
            code_id=code_id, colour=colour,
        )  # fmt: skip

    def edit_code_details(self, code_id: int, definition: str, inclusion: str, exclusion: str, example: str) -> None:
        codes = self.project.codes
        self.run(
            "Edit code definition", "edit_code_details",
            lambda: codes.set_details(
                code_id, definition=definition, inclusion=inclusion, exclusion=exclusion, example=example
            ),
            code_id=code_id,
        )  # fmt: skip

    def move_code(self, code_id: int, parent_id: int | None, position: int | None = None) -> None:
        codes = self.project.codes
        self.run(
            "Move code", "move_code", lambda: codes.move(code_id, parent_id, position),
            code_id=code_id, parent_id=parent_id, position=position,
        )  # fmt: skip

    def delete_code(self, code_id: int) -> None:
        codes = self.project.codes
        name = codes.get(code_id).name
        self.run(f"Delete code “{name}”", "delete_code", lambda: codes.delete(code_id), code_id=code_id)

    def merge_codes(self, source_ids: Sequence[int], target_id: int, *, make_codable: bool = False) -> None:
        codes = self.project.codes
        name = codes.get(target_id).name
        self.run(
            f"Merge {plural(len(source_ids), 'code')} into “{name}”", "merge_codes",
            lambda: codes.merge(source_ids, target_id, make_codable=make_codable),
            source_ids=list(source_ids), target_id=target_id, make_codable=make_codable,
        )  # fmt: skip

    def create_category(self, name: str, code_ids: Sequence[int], *, allow_similar: bool = False) -> int:
        codes = self.project.codes
        category = self.run(
            f"Create category “{name}”", "create_category",
            lambda: codes.create_category(name, code_ids, allow_similar=allow_similar),
            name=name, code_ids=list(code_ids),
        )  # fmt: skip
        return category.id

    def move_codes(self, code_ids: Sequence[int], parent_id: int | None) -> None:
        codes = self.project.codes
        self.run(
            f"Move {plural(len(code_ids), 'code')}", "move_codes", lambda: codes.move_many(code_ids, parent_id),
            code_ids=list(code_ids), parent_id=parent_id,
        )  # fmt: skip

    def split_codings(self, coding_ids: Sequence[int], target_id: int) -> None:
        codes = self.project.codes
        name = codes.get(target_id).name
        self.run(
            f"Move {plural(len(coding_ids), 'coding')} to “{name}”", "split_codings",
            lambda: codes.split(coding_ids, target_id), coding_ids=list(coding_ids), target_id=target_id,
        )  # fmt: skip

    def set_codable(self, code_id: int, codable: bool) -> None:
        codes = self.project.codes
        self.run(
            "Make a code" if codable else "Make a category", "set_codable",
            lambda: codes.set_details(code_id, is_codable=codable), code_id=code_id, codable=codable,
        )  # fmt: skip

    def dismiss_similarity(self, first_id: int, second_id: int) -> None:
        codes = self.project.codes
        self.run(
            "Mark codes as not similar", "dismiss_similarity", lambda: codes.dismiss_similarity(first_id, second_id),
            first_id=first_id, second_id=second_id,
        )  # fmt: skip

    # --- relations -----------------------------------------------------------------------------------------

    def relate(self, source_id: int, target_id: int, type_id: int, memo: str = "") -> RelationInfo:
        relations = self.project.relations
        return self.run(
            "Relate codes", "relate", lambda: relations.create(source_id, target_id, type_id, memo),
            source_id=source_id, target_id=target_id, type_id=type_id,
        )  # fmt: skip

    def unrelate(self, relation_id: int) -> None:
        relations = self.project.relations
        self.run("Delete relation", "unrelate", lambda: relations.delete(relation_id), relation_id=relation_id)

    def place_boxes(self, positions: dict[int, tuple[float, float]]) -> None:
        relations = self.project.relations
        self.run(
            "Move boxes on the diagram", "place_boxes", lambda: relations.set_positions(positions),
            code_ids=sorted(positions),
        )  # fmt: skip

    # --- frameworks ----------------------------------------------------------------------------------------

    def map_codes(self, code_ids: Sequence[int], node_id: int) -> None:
        frameworks = self.project.frameworks
        mapped = {(c, n) for c, n in frameworks.mappings()}
        new = [(c, node_id) for c in code_ids if (c, node_id) not in mapped]
        if new:
            self.run(
                f"Map {plural(len(new), 'code')} to a construct", "map_codes", lambda: frameworks.map_many(new),
                code_ids=[c for c, _ in new], node_id=node_id,
            )  # fmt: skip

    def unmap_code(self, code_id: int, node_id: int) -> None:
        frameworks = self.project.frameworks
        self.run(
            "Unmap code", "unmap_code", lambda: frameworks.unmap_code(code_id, node_id),
            code_id=code_id, node_id=node_id,
        )  # fmt: skip

    def rate(
        self,
        unit_id: int,
        node_id: int,
        value: str,
        rationale: str,
        flag: str = "",
        evidence: Sequence[int] | None = None,
    ) -> None:
        """Rate a construct for a unit; `evidence` (coding ids) replaces the linked excerpts, None keeps them."""
        frameworks = self.project.frameworks

        def do() -> None:
            kept = evidence
            if kept is None:
                current = next((r for r in frameworks.ratings() if (r.unit_id, r.node_id) == (unit_id, node_id)), None)
                kept = current.evidence_coding_ids if current else ()
            frameworks.set_rating(unit_id, node_id, value, rationale, flag=flag, evidence=kept)

        self.run("Rate construct", "rate", do, unit_id=unit_id, node_id=node_id, value=value, flag=flag)

    def adapt_construct(self, node_id: int, *, study_name: str | None = None, hidden: bool | None = None,
                        reverse_rated: bool | None = None) -> None:  # fmt: skip
        """Rename a construct for the study, hide or show it, mark it reverse rated: one step, whatever is given."""
        frameworks = self.project.frameworks
        changes = [
            label
            for label, given in (
                ("Rename construct for the study", study_name is not None),
                ("Hide construct" if hidden else "Show construct", hidden is not None),
                ("Mark construct reverse rated", reverse_rated is not None),
            )
            if given
        ]

        def do() -> None:
            if study_name is not None:
                frameworks.rename_for_study(node_id, study_name)
            if hidden is not None:
                frameworks.set_hidden(node_id, hidden)
            if reverse_rated is not None:
                frameworks.set_reverse_rated(node_id, reverse_rated)

        if changes:
            self.run(
                changes[0] if len(changes) == 1 else "Adapt construct", "adapt_construct", do,
                node_id=node_id, study_name=study_name, hidden=hidden, reverse_rated=reverse_rated,
            )  # fmt: skip

    # --- memos ---------------------------------------------------------------------------------------------

    def add_memo(self, target: MemoTarget, title: str, body: str) -> MemoInfo:
        memos = self.project.memos
        return self.run("Add memo", "add_memo", lambda: memos.add(target, title, body), target=target, title=title)

    def edit_memo(self, memo_id: int, *, title: str | None = None, body: str | None = None) -> None:
        memos = self.project.memos
        self.run("Edit memo", "edit_memo", lambda: memos.update(memo_id, title=title, body=body), memo_id=memo_id)

    # --- documents -----------------------------------------------------------------------------------------

    def import_documents(
        self,
        plans: Sequence[FilePlan],
        progress: Progress | None = None,
        *,
        options: ReadOptions | None = None,
        converter: DocConverter | None = None,
    ) -> FilesReport:
        """Import transcripts as one step (as `Importer.run`, which the import dialog calls after its preview); a
        file that cannot be read is reported and the others carry on."""
        from app.model.documents.importing import Importer

        return Importer(self.project, options, converter).run(plans, progress)

    def delete_documents(self, document_ids: Sequence[int]) -> None:
        ids = list(document_ids)
        documents = self.project.documents
        self.run(
            f"Delete {plural(len(ids), 'document')}", "delete_documents", lambda: documents.delete(ids),
            document_ids=ids,
        )  # fmt: skip
