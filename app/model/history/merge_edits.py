"""The edit of merging a coder's copy back: everything new in it and every conflict settled the copy's way, as
one operation (one step to undo). Merging a copy already merged changes nothing and records nothing."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from app.model.history.edit_base import EditBase

if TYPE_CHECKING:
    from app.model.teams.merge_apply import MergeReport


class MergeEdits(EditBase):
    def merge_copy(self, other: Path | str, theirs: Collection[str] = ()) -> MergeReport:
        """Merge the coder's copy at `other`; `theirs` names the conflicts (by key) to settle the copy's way, the
        others keep this project's. Returns what was merged."""
        # The teams feature reads projects through the facade, which imports the edits: imported when used.
        from app.model.teams.merge_apply import apply_plan
        from app.model.teams.merging import opened_copy, plan_with

        path = Path(other)
        with opened_copy(self.project, path) as copy:
            plan = plan_with(self.project, copy)
            if plan.changes_nothing(theirs):
                return apply_plan(self.project, copy, plan, ())
            return self.run(
                f"Merge {path.stem}", "merge_copy", lambda: apply_plan(self.project, copy, plan, theirs),
                other=str(path), theirs=sorted(theirs),
            )  # fmt: skip
