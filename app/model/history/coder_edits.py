"""The edits of coders as identities: a coder renamed, given initials or a colour, coding blind or comparing with
the other coders again. Each is one operation, undone like any other."""

from __future__ import annotations

from app.model.core.dto import CoderInfo
from app.model.history.edit_base import EditBase


class CoderEdits(EditBase):
    def rename_coder(self, coder_id: int, name: str) -> CoderInfo:
        team = self.project.team
        return self.run(
            f"Rename coder to “{' '.join(name.split())}”", "rename_coder", lambda: team.rename(coder_id, name),
            coder_id=coder_id, name=name,
        )  # fmt: skip

    def set_coder_initials(self, coder_id: int, initials: str) -> CoderInfo:
        team = self.project.team
        return self.run(
            "Change coder initials", "set_coder_initials", lambda: team.set_initials(coder_id, initials),
            coder_id=coder_id, initials=initials,
        )  # fmt: skip

    def set_coder_colour(self, coder_id: int, colour: str) -> CoderInfo:
        team = self.project.team
        return self.run(
            "Change coder colour", "set_coder_colour", lambda: team.set_colour(coder_id, colour),
            coder_id=coder_id, colour=colour,
        )  # fmt: skip

    def set_coder_blind(self, coder_id: int, blind: bool) -> CoderInfo:
        """Code blind (the other coders' codings and counts hidden), or compare with the other coders again."""
        team = self.project.team
        return self.run(
            "Code blind" if blind else "Compare with other coders", "set_coder_blind",
            lambda: team.set_blind(coder_id, blind), coder_id=coder_id, blind=blind,
        )  # fmt: skip
