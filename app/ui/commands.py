"""Every edit a user makes, as an undoable command over one service call.

`Edits` performs an edit once (so a refusal reaches the user as a message and nothing is pushed), then pushes a
command whose redo and undo replay it through the services with the same ids. If undo or redo is refused later
(the project changed in between), the user is told and the command is dropped from the history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtGui import QUndoCommand, QUndoStack

from app.model.dto import CodeInfo, CodingInfo, MemoInfo, MemoTarget, RelationInfo, Snapshot
from app.model.errors import AxialError
from app.model.project import Project
from app.model.text import plural


class _Command(QUndoCommand):
    def __init__(
        self, text: str, redo: Callable[[], object], undo: Callable[[], object], report: Callable[[str], None]
    ):
        super().__init__(text)
        self._redo, self._undo, self._report = redo, undo, report
        self._done = True  # performed before it was pushed

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._guard(self._redo)

    def undo(self) -> None:
        self._guard(self._undo)

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
        except AxialError as error:
            self._report(f"Cannot {self.text().lower()}: {error}")
            self.setObsolete(True)


class Edits:
    def __init__(self, project: Project, stack: QUndoStack, report: Callable[[str], None]) -> None:
        self.project = project
        self.stack = stack
        self.report = report

    def _push(self, text: str, redo: Callable[[], object], undo: Callable[[], object]) -> None:
        self.stack.push(_Command(text, redo, undo, self.report))

    @contextmanager
    def together(self, text: str) -> Iterator[None]:
        """Edits made inside become one step in the history."""
        self.stack.beginMacro(text)
        try:
            yield
        finally:
            self.stack.endMacro()

    # --- codings -------------------------------------------------------------------------------------------

    def apply_coding(self, document_id: int, code_id: int, start: int, end: int) -> CodingInfo:
        coding = self.project.codings.apply(document_id, code_id, start, end)
        self._push(
            "Apply code",
            lambda: self.project.codings.restore(coding),
            lambda: self.project.codings.remove(coding.id),
        )
        return coding

    def remove_coding(self, coding_id: int) -> None:
        removed = self.project.codings.remove(coding_id)
        self._push(
            "Remove coding",
            lambda: self.project.codings.remove(removed.id),
            lambda: self.project.codings.restore(removed),
        )

    def set_bounds(self, coding_id: int, start: int, end: int) -> None:
        old = self.project.codings.set_bounds(coding_id, start, end)
        self._push(
            "Change coding extent",
            lambda: self.project.codings.set_bounds(coding_id, start, end),
            lambda: self.project.codings.set_bounds(coding_id, old.start, old.end),
        )

    def set_code(self, coding_id: int, code_id: int) -> None:
        old = self.project.codings.set_code(coding_id, code_id)
        self._push(
            "Change the code of a coding",
            lambda: self.project.codings.set_code(coding_id, code_id),
            lambda: self.project.codings.set_code(coding_id, old.code_id),
        )

    def set_coding_memo(self, coding_id: int, memo: str) -> None:
        old = self.project.codings.set_memo(coding_id, memo)
        self._push(
            "Edit coding memo",
            lambda: self.project.codings.set_memo(coding_id, memo),
            lambda: self.project.codings.set_memo(coding_id, old.memo),
        )

    def autocode(self, text: str, do: Callable[[], Sequence[CodingInfo]]) -> int:
        """Many codings added by one call (search hits, speaker turns) as one step; returns how many were added."""
        added = list(do())
        ids = [c.id for c in added]
        if added:
            self._push(
                text,
                lambda: self.project.codings.restore_many(added, action=text),
                lambda: self.project.codings.remove_many(ids, action=f"undo {text}"),
            )
        return len(added)

    # --- codes ---------------------------------------------------------------------------------------------

    def create_code(
        self, name: str, parent_id: int | None = None, *, is_codable: bool = True, allow_similar: bool = False
    ) -> CodeInfo:
        code = self.project.codes.create(name, parent_id, is_codable=is_codable, allow_similar=allow_similar)
        taken: list[Snapshot] = []

        def undo() -> None:
            taken[:] = [self.project.codes.delete(code.id)]

        self._push(f"Create code “{code.name}”", lambda: self.project.codes.restore(taken[0]), undo)
        return code

    def rename_code(self, code_id: int, name: str) -> None:
        old = self.project.codes.get(code_id).name
        self.project.codes.rename(code_id, name)
        self._push(
            f"Rename code to “{name}”",
            lambda: self.project.codes.rename(code_id, name),
            lambda: self.project.codes.rename(code_id, old),
        )

    def recolour_code(self, code_id: int, colour: str) -> None:
        old = self.project.codes.get(code_id).colour
        self.project.codes.recolour(code_id, colour)
        self._push(
            "Change code colour",
            lambda: self.project.codes.recolour(code_id, colour),
            lambda: self.project.codes.recolour(code_id, old),
        )

    def edit_code_details(self, code_id: int, definition: str, inclusion: str, exclusion: str, example: str) -> None:
        old = self.project.codes.get(code_id)
        self.project.codes.set_details(
            code_id, definition=definition, inclusion=inclusion, exclusion=exclusion, example=example
        )
        self._push(
            "Edit code definition",
            lambda: self.project.codes.set_details(
                code_id, definition=definition, inclusion=inclusion, exclusion=exclusion, example=example
            ),
            lambda: self.project.codes.set_details(
                code_id,
                definition=old.definition,
                inclusion=old.inclusion,
                exclusion=old.exclusion,
                example=old.example,
            ),
        )

    def move_code(self, code_id: int, parent_id: int | None, position: int | None = None) -> None:
        old_parent, old_position = self.project.codes.move(code_id, parent_id, position)
        self._push(
            "Move code",
            lambda: self.project.codes.move(code_id, parent_id, position),
            lambda: self.project.codes.move(code_id, old_parent, old_position),
        )

    def delete_code(self, code_id: int) -> None:
        name = self.project.codes.get(code_id).name
        taken = [self.project.codes.delete(code_id)]

        def redo() -> None:
            taken[0] = self.project.codes.delete(code_id)

        self._push(f"Delete code “{name}”", redo, lambda: self.project.codes.restore(taken[0]))

    def _reorganise(self, text: str, do: Callable[[], Snapshot]) -> Snapshot:
        """An edit the codes service undoes with a snapshot (merge, split, category, move many).

        Redo restores the state the edit made rather than making it again, so a category created anew keeps its
        id, and later steps in the history that name it still find it.
        """
        before = do()
        after = self.project.codes.capture(before.code_ids, text)
        self._push(text, lambda: self.project.codes.restore(after), lambda: self.project.codes.restore(before))
        return before

    def merge_codes(self, source_ids: Sequence[int], target_id: int, *, make_codable: bool = False) -> None:
        name = self.project.codes.get(target_id).name
        self._reorganise(
            f"Merge {plural(len(source_ids), 'code')} into “{name}”",
            lambda: self.project.codes.merge(source_ids, target_id, make_codable=make_codable),
        )

    def create_category(self, name: str, code_ids: Sequence[int], *, allow_similar: bool = False) -> int:
        created: list[int] = []

        def do() -> Snapshot:
            category, taken = self.project.codes.create_category(name, code_ids, allow_similar=allow_similar)
            created[:] = [category.id]
            return taken

        self._reorganise(f"Create category “{name}”", do)
        return created[0]

    def move_codes(self, code_ids: Sequence[int], parent_id: int | None) -> None:
        self._reorganise(
            f"Move {plural(len(code_ids), 'code')}", lambda: self.project.codes.move_many(code_ids, parent_id)
        )

    def split_codings(self, coding_ids: Sequence[int], target_id: int) -> None:
        name = self.project.codes.get(target_id).name
        self._reorganise(
            f"Move {plural(len(coding_ids), 'coding')} to “{name}”",
            lambda: self.project.codes.split(coding_ids, target_id),
        )

    def set_codable(self, code_id: int, codable: bool) -> None:
        if self.project.codes.get(code_id).is_codable == codable:
            return  # nothing to do, and undo must not turn it into the opposite
        self.project.codes.set_details(code_id, is_codable=codable)
        self._push(
            "Make a code" if codable else "Make a category",
            lambda: self.project.codes.set_details(code_id, is_codable=codable),
            lambda: self.project.codes.set_details(code_id, is_codable=not codable),
        )

    def dismiss_similarity(self, first_id: int, second_id: int) -> None:
        self.project.codes.dismiss_similarity(first_id, second_id)
        self._push(
            "Mark codes as not similar",
            lambda: self.project.codes.dismiss_similarity(first_id, second_id),
            lambda: self.project.codes.undismiss_similarity(first_id, second_id),
        )

    # --- relations -----------------------------------------------------------------------------------------

    def relate(self, source_id: int, target_id: int, type_id: int, memo: str = "") -> RelationInfo:
        relation = self.project.relations.create(source_id, target_id, type_id, memo)
        self._push(
            "Relate codes",
            lambda: self.project.relations.restore(relation),
            lambda: self.project.relations.delete(relation.id),
        )
        return relation

    def unrelate(self, relation_id: int) -> None:
        removed = self.project.relations.delete(relation_id)
        self._push(
            "Delete relation",
            lambda: self.project.relations.delete(removed.id),
            lambda: self.project.relations.restore(removed),
        )

    def place_boxes(self, positions: dict[int, tuple[float, float]]) -> None:
        before = self.project.relations.set_positions(positions)
        self._push(
            "Move boxes on the diagram",
            lambda: self.project.relations.set_positions(positions),
            lambda: self.project.relations.set_positions(before) if before else None,
        )

    # --- frameworks ----------------------------------------------------------------------------------------

    def map_codes(self, code_ids: Sequence[int], node_id: int) -> None:
        before = {(c, n) for c, n in self.project.frameworks.mappings()}
        new = [(c, node_id) for c in code_ids if (c, node_id) not in before]
        if not new:
            return
        self.project.frameworks.map_many(new)

        def undo() -> None:
            for code_id, mapped_node in new:
                self.project.frameworks.unmap_code(code_id, mapped_node)

        self._push(
            f"Map {plural(len(new), 'code')} to a construct", lambda: self.project.frameworks.map_many(new), undo
        )

    def unmap_code(self, code_id: int, node_id: int) -> None:
        self.project.frameworks.unmap_code(code_id, node_id)
        self._push(
            "Unmap code",
            lambda: self.project.frameworks.unmap_code(code_id, node_id),
            lambda: self.project.frameworks.map_code(code_id, node_id),
        )

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
        current = next(
            (r for r in self.project.frameworks.ratings() if (r.unit_id, r.node_id) == (unit_id, node_id)), None
        )
        if evidence is None:
            evidence = current.evidence_coding_ids if current else ()
        old = self.project.frameworks.set_rating(unit_id, node_id, value, rationale, flag=flag, evidence=evidence)

        def undo() -> None:
            if old is None:
                self.project.frameworks.clear_rating(unit_id, node_id)
            else:
                self.project.frameworks.set_rating(
                    unit_id, node_id, old.value, old.rationale, flag=old.flag, evidence=old.evidence_coding_ids
                )

        self._push(
            "Rate construct",
            lambda: self.project.frameworks.set_rating(
                unit_id, node_id, value, rationale, flag=flag, evidence=evidence
            ),
            undo,
        )

    def adapt_construct(self, node_id: int, *, study_name: str | None = None, hidden: bool | None = None,
                        reverse_rated: bool | None = None) -> None:  # fmt: skip
        frameworks = self.project.frameworks
        if study_name is not None:
            old = frameworks.rename_for_study(node_id, study_name)
            self._push("Rename construct for the study", lambda: frameworks.rename_for_study(node_id, study_name),
                       lambda: frameworks.rename_for_study(node_id, old.study_name))  # fmt: skip
        if hidden is not None:
            frameworks.set_hidden(node_id, hidden)
            self._push("Hide construct" if hidden else "Show construct", lambda: frameworks.set_hidden(node_id, hidden),
                       lambda: frameworks.set_hidden(node_id, not hidden))  # fmt: skip
        if reverse_rated is not None:
            frameworks.set_reverse_rated(node_id, reverse_rated)
            self._push("Mark construct reverse rated", lambda: frameworks.set_reverse_rated(node_id, reverse_rated),
                       lambda: frameworks.set_reverse_rated(node_id, not reverse_rated))  # fmt: skip

    # --- memos ---------------------------------------------------------------------------------------------

    def add_memo(self, target: MemoTarget, title: str, body: str) -> MemoInfo:
        memo = self.project.memos.add(target, title, body)
        self._push("Add memo", lambda: self.project.memos.restore(memo), lambda: self.project.memos.delete(memo.id))
        return memo

    def edit_memo(self, memo_id: int, *, title: str | None = None, body: str | None = None) -> None:
        old = self.project.memos.update(memo_id, title=title, body=body)
        self._push(
            "Edit memo",
            lambda: self.project.memos.update(memo_id, title=title, body=body),
            lambda: self.project.memos.restore(old),
        )

    # --- documents -----------------------------------------------------------------------------------------

    def imported(self, document_ids: Sequence[int]) -> None:
        """Record an import that a worker has already done, so it can be undone as one step."""
        if not document_ids:
            return
        ids = list(document_ids)
        taken: list[Snapshot] = []

        def undo() -> None:
            taken[:] = [self.project.documents.delete(ids)]

        self._push(f"Import {plural(len(ids), 'document')}", lambda: self.project.documents.restore(taken[0]), undo)

    def delete_documents(self, document_ids: Sequence[int]) -> None:
        ids = list(document_ids)
        taken = [self.project.documents.delete(ids)]

        def redo() -> None:
            taken[0] = self.project.documents.delete(ids)

        self._push(f"Delete {plural(len(ids), 'document')}", redo, lambda: self.project.documents.restore(taken[0]))
