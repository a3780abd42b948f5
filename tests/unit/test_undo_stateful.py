"""Random edits, undos and redos (hypothesis): no undo or redo step is ever refused for a state the app allowed.

After every step the stored study must be exactly what it was at that point of the history: undo returns the
state before the edit, redo the state after it, and an edit the services refuse changes nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from app.model.core.dto import MemoTarget, NewDocument
from app.model.core.errors import AxialError
from app.model.project import Project
from tests.conftest import table_dump

TEXT = (
    "Supervision helped with my caseload every week. Paperwork took the afternoons.\n"
    "Turnover hit the team hard in spring, and the new staff needed training.\n"
    "Our manager protected time for the strengths model, which families noticed.\n"
)
NAMES = ("Supervision", "Caseload", "Paperwork", "Turnover", "Training", "Workload", "Leadership")
picks = st.integers(min_value=0, max_value=10_000)


class UndoMachine(RuleBasedStateMachine):
    @initialize()
    def start(self) -> None:
        self.folder = tempfile.TemporaryDirectory()
        self.project = Project.create(Path(self.folder.name) / "study.axial", coder="Tester")
        self.document = self.project.documents.add(NewDocument(name="Interview", text=TEXT)).id
        self.edits = self.project.edits
        self.history = [self._dump()]  # the study after each step of the history, index 0 before any

    def teardown(self) -> None:
        if hasattr(self, "project"):
            self.project.close()
            self.folder.cleanup()

    def _dump(self) -> dict[str, Any]:
        return table_dump(self.project.path)

    def _codes(self) -> list[int]:
        return [node.code.id for node in self.project.codes.tree()]

    def _codings(self) -> list[int]:
        return [coding.id for coding in self.project.codings.for_document(self.document)]

    def _index(self) -> int:
        """How many steps are done: the place in the (linear) history."""
        return sum(step.state == "done" for step in self.project.history.operations(limit=1_000_000))

    def _edit(self, action: Any) -> None:
        before = self._dump()
        index = self._index()
        try:
            action()
        except AxialError:
            assert self._dump() == before, "a refused edit changed the study"
            assert self._index() == index
            return
        steps = self._index() - index
        assert steps in (0, 1)
        if steps:
            del self.history[index + 1 :]
            self.history.append(self._dump())

    # --- edits ---------------------------------------------------------------------------------------------

    @rule(name=st.sampled_from(NAMES), parent=picks, nested=st.booleans())
    def create_code(self, name: str, parent: int, nested: bool) -> None:
        codes = self._codes()
        parent_id = codes[parent % len(codes)] if nested and codes else None
        self._edit(lambda: self.edits.create_code(name, parent_id))

    @rule(code=picks, start=picks, length=st.integers(min_value=1, max_value=60))
    def apply_coding(self, code: int, start: int, length: int) -> None:
        codes = self._codes()
        if codes:
            begin = start % (len(TEXT) - 1)
            end = min(len(TEXT), begin + length)
            self._edit(lambda: self.edits.apply_coding(self.document, codes[code % len(codes)], begin, end))

    @rule(which=picks)
    def remove_coding(self, which: int) -> None:
        codings = self._codings()
        if codings:
            self._edit(lambda: self.edits.remove_coding(codings[which % len(codings)]))

    @rule(which=picks, code=picks)
    def change_code(self, which: int, code: int) -> None:
        codings, codes = self._codings(), self._codes()
        if codings and codes:
            self._edit(lambda: self.edits.set_code(codings[which % len(codings)], codes[code % len(codes)]))

    @rule(which=picks, start=picks, length=st.integers(min_value=1, max_value=80))
    def extend(self, which: int, start: int, length: int) -> None:
        codings = self._codings()
        if codings:
            begin = start % (len(TEXT) - 1)
            end = min(len(TEXT), begin + length)
            self._edit(lambda: self.edits.set_bounds(codings[which % len(codings)], begin, end))

    @rule(code=picks, name=st.sampled_from(NAMES))
    def rename(self, code: int, name: str) -> None:
        codes = self._codes()
        if codes:
            self._edit(lambda: self.edits.rename_code(codes[code % len(codes)], name + " (renamed)"))

    @rule(code=picks)
    def delete_code(self, code: int) -> None:
        codes = self._codes()
        if codes:
            self._edit(lambda: self.edits.delete_code(codes[code % len(codes)]))

    @rule(source=picks, into=picks, make_codable=st.booleans())
    def merge(self, source: int, into: int, make_codable: bool) -> None:
        codes = self._codes()
        if len(codes) > 1:
            source_id, target_id = codes[source % len(codes)], codes[into % len(codes)]
            self._edit(lambda: self.edits.merge_codes([source_id], target_id, make_codable=make_codable))

    @rule(first=picks, count=st.integers(min_value=1, max_value=3), name=st.sampled_from(NAMES))
    def categorise(self, first: int, count: int, name: str) -> None:
        codes = self._codes()
        if codes:
            chosen = [codes[(first + i) % len(codes)] for i in range(count)]
            self._edit(lambda: self.edits.create_category(name + " category", list(dict.fromkeys(chosen))))

    @rule(code=picks, parent=picks, top=st.booleans())
    def move(self, code: int, parent: int, top: bool) -> None:
        codes = self._codes()
        if codes:
            parent_id = None if top else codes[parent % len(codes)]
            self._edit(lambda: self.edits.move_code(codes[code % len(codes)], parent_id))

    @rule(code=picks, codable=st.booleans())
    def set_codable(self, code: int, codable: bool) -> None:
        codes = self._codes()
        if codes:
            self._edit(lambda: self.edits.set_codable(codes[code % len(codes)], codable))

    @rule(body=st.text(min_size=1, max_size=20))
    def memo(self, body: str) -> None:
        self._edit(lambda: self.edits.add_memo(MemoTarget(document_id=self.document), "Note", body))

    # --- history -------------------------------------------------------------------------------------------

    @rule()
    def undo(self) -> None:
        if self.project.history.can_undo():
            self.project.history.undo()  # a refusal raises, failing the test
            assert self._dump() == self.history[self._index()]

    @rule()
    def redo(self) -> None:
        if self.project.history.can_redo():
            self.project.history.redo()
            assert self._dump() == self.history[self._index()]


UndoMachine.TestCase.settings = settings(
    max_examples=20,
    stateful_step_count=30,
    deadline=None,
    derandomize=True,  # the same sequences on every run, so CI is reproducible
    database=None,
    # Shrinking a long history takes minutes; the unshrunk failing sequence is printed in full instead.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.slow
def test_random_edits_undo_and_redo_exactly() -> None:
    UndoMachine.TestCase("runTest").runTest()
