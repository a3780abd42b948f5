"""A random working session: edits a coder could make, chosen by a seeded generator from what the project holds
now, with undo and redo mixed in. The replay and reopening tests share it.

What the project holds is read through a read-only connection of the session's own (a few small queries per edit);
the edits themselves go through `project.edits` and `project.history` like the desktop's.
"""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from collections.abc import Callable
from types import TracebackType

from app.model.core.dto import RATING_VALUES, MemoTarget
from app.model.core.errors import AxialError, ConcurrentEditError
from app.model.project import Project

NAMES = ("Stress", "Support", "Time", "Trust", "Burnout", "Training", "Pay", "Team", "Leaders", "Peers", "Travel")
COLOURS = ("#E6194B", "#3CB44B", "#4363D8", "#F58231", "#911EB4", "#000000")

Edit = Callable[[], object]
Choice = tuple[str, Edit]


class Session:
    """Makes one edit at a time on `project`; counts what was done, what the domain refused, and what was accepted
    but changed nothing (and so left no step in the history)."""

    def __init__(self, project: Project, rng: random.Random, *, undo_share: float = 0.12, redo_share: float = 0.3):
        self.project, self.rng = project, rng
        self.undo_share, self.redo_share = undo_share, redo_share
        self.done: Counter[str] = Counter()
        self.refused: Counter[str] = Counter()
        self.unchanged: Counter[str] = Counter()
        self._db = sqlite3.connect(f"{project.path.resolve().as_uri()}?mode=ro", uri=True)
        # A session adds no documents, constructs or rating units: read them once.
        self._documents: list[tuple[int, int]] = self._rows("SELECT id, length FROM document ORDER BY id")
        self._constructs = [row[0] for row in self._rows("SELECT id FROM framework_node WHERE level != 'domain'")]
        self._units = [row[0] for row in self._rows("SELECT id FROM rating_unit ORDER BY id")]

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._db.close()

    def step(self) -> str:
        """Make one edit, or undo or redo one; returns its kind. A refusal by the domain is counted, not raised;
        an undo or redo refused in a history nobody else touched is a failure and is raised."""
        roll, history = self.rng.random(), self.project.history
        if roll < self.undo_share and history.can_undo():
            kind, result = "undo", history.undo()
        elif roll < self.undo_share + self.redo_share and history.can_redo():
            kind, result = "redo", history.redo()
        else:
            kind, edit = self._choose()
            self._make(kind, edit)
            return kind
        assert result is not None, f"{kind} did nothing though the history said it could"
        self.done[kind] += 1
        return kind

    def edit(self) -> str:
        """Make one edit that the domain accepts and that changes something (one new step); returns its kind."""
        while True:
            kind, edit = self._choose()
            if self._make(kind, edit):
                return kind

    def _make(self, kind: str, edit: Edit) -> bool:
        latest = self._latest()
        try:
            edit()
        except ConcurrentEditError:
            raise
        except AxialError:
            self.refused[kind] += 1
            return False
        if self._latest() == latest:
            self.unchanged[kind] += 1
            return False
        self.done[kind] += 1
        return True

    def _latest(self) -> int | None:
        latest: int | None = self._db.execute("SELECT max(id) FROM operation").fetchone()[0]
        return latest

    def _rows(self, sql: str, *args: object) -> list[tuple[int, ...]]:
        return self._db.execute(sql, args).fetchall()

    # --- choosing an edit from the project as it is now -----------------------------------------------------

    def _choose(self) -> Choice:
        rng = self.rng
        codes = self._rows("SELECT id, is_codable FROM code ORDER BY id")
        codable = [code for code, is_codable in codes if is_codable]
        document, length = rng.choice(self._documents)
        codings = [row[0] for row in self._rows("SELECT id FROM coding WHERE document_id = ?", document)]
        choices = self._coding_edits(document, length, codable, codings)
        parent = rng.choice([None, *(code for code, _ in codes)])
        choices += [("create code", lambda: self.project.edits.create_code(self._name(), parent))] * 3
        if codes:
            choices += self._code_edits(rng.choice(codes), rng.choice(codes), parent, len(codes))
        memos = self._rows("SELECT id FROM memo ORDER BY id")
        if memos:
            memo = rng.choice(memos)[0]
            choices.append(("edit memo", lambda: self.project.edits.edit_memo(memo, body=f"body {rng.random()}")))
        target = MemoTarget(document_id=document)
        choices.append(("memo", lambda: self.project.edits.add_memo(target, "Seen", "Read twice.")))
        return rng.choice(choices)

    def _coding_edits(self, document: int, length: int, codable: list[int], codings: list[int]) -> list[Choice]:
        rng, edits = self.rng, self.project.edits
        start = rng.randrange(0, length - 1)
        end = rng.randrange(start + 1, min(length, start + 50) + 1)
        choices: list[Choice] = []
        if codable:
            code = rng.choice(codable)
            choices += [("apply", lambda: edits.apply_coding(document, code, start, end))] * 6
        if codings:
            coding = rng.choice(codings)
            choices += [
                ("remove", lambda: edits.remove_coding(coding)),
                ("remove", lambda: edits.remove_coding(coding)),
                ("bounds", lambda: edits.set_bounds(coding, start, end)),
                ("bounds", lambda: edits.set_bounds(coding, start, end)),
                ("coding memo", lambda: edits.set_coding_memo(coding, f"memo {rng.randrange(1000)} 😀")),
            ]
            if codable:
                other = rng.choice(codable)
                choices.append(("set code", lambda: edits.set_code(coding, other)))
        return choices

    def _code_edits(
        self, code: tuple[int, ...], other: tuple[int, ...], parent: int | None, count: int
    ) -> list[Choice]:
        rng, edits = self.rng, self.project.edits
        (code_id, codable), (other_id, other_codable) = code, other
        name, position = self._name(), rng.choice([None, 0, 1])
        box = (rng.uniform(-50, 50), rng.random() / 3)
        choices: list[Choice] = [
            ("rename", lambda: edits.rename_code(code_id, name)),
            ("recolour", lambda: edits.recolour_code(code_id, rng.choice(COLOURS))),
            ("details", lambda: edits.edit_code_details(code_id, f"def {rng.randrange(99)}", "", "x", "")),
            ("move", lambda: edits.move_code(code_id, parent, position)),
            ("codable", lambda: edits.set_codable(code_id, not codable)),
            ("code memo", lambda: edits.add_memo(MemoTarget(code_id=code_id), "Note", name)),
            ("boxes", lambda: edits.place_boxes({code_id: box})),
            ("category", lambda: edits.create_category(name, [code_id, other_id])),
        ]
        # Deleting and merging take codes (and their codings) away: only once the tree has grown a little.
        if count > 15:
            choices.append(("delete code", lambda: edits.delete_code(code_id)))
        if count > 10 and code_id != other_id and other_codable:
            choices.append(("merge", lambda: edits.merge_codes([code_id], other_id)))
        node = rng.choice(self._constructs)
        choices.append(("map", lambda: edits.map_codes([code_id], node)))
        mappings = self._rows("SELECT code_id, node_id FROM code_mapping ORDER BY code_id, node_id")
        if mappings:
            mapped = rng.choice(mappings)
            choices.append(("unmap", lambda: edits.unmap_code(*mapped)))
        unit, value = rng.choice(self._units), rng.choice(RATING_VALUES)
        choices.append(("rate", lambda: edits.rate(unit, node, value, f"because {rng.randrange(99)}")))
        return choices

    def _name(self) -> str:
        return f"{self.rng.choice(NAMES)} {self.rng.randrange(40)}"
