"""The status bar's summary of the open project: its name, coder (with their colour and initials, and a "Blind"
badge while they code blind) and how many documents, codes and codings it holds.

Reading the summary counts every row of five tables, which grows with the project, so a coding change that says how
many codings it added or took away (`Changes.document_deltas`) moves the shown count by that much; any other change
reads the summary again.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.model.core.changes import Changes, Topic
from app.model.core.dto import CoderInfo, ProjectInfo
from app.model.core.text import plural
from app.model.project import Project


class ProjectStatus(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self._project: Project | None = None
        self._info: ProjectInfo | None = None
        self.coder: CoderInfo | None = None
        self.setTextFormat(Qt.TextFormat.RichText)

    def show_project(self, project: Project | None) -> None:
        """Read the summary afresh (a project opened or closed, the coder changed)."""
        self._project = project
        self._info = project.info() if project is not None else None
        coder_id = project.coder_id if project is not None else None
        self.coder = project.team.get(coder_id) if project is not None and coder_id is not None else None
        if project is not None and self._info is not None and self.coder is not None and self.coder.blind:
            # Coding blind, the count is of one's own codings: the others' would say how much they coded.
            self._info = replace(self._info, codings=project.team.codings_by(self.coder.id))
        self._show()

    def on_changes(self, changes: Changes) -> None:
        if self._info is None:
            return
        if changes.topics == {Topic.CODINGS} and changes.coding_ids and not self.blind:
            gained = sum(by for _, by in changes.document_deltas)
            self._info = replace(self._info, codings=self._info.codings + gained)
            self._show()
        else:
            self.show_project(self._project)

    def _show(self) -> None:
        info = self._info
        if info is None:
            self.setText("")
            return
        suffix = "  (read-only)" if info.read_only else ""
        coder = self.coder
        chip = (
            f' <span style="background:{coder.colour}; color:white">&nbsp;{html.escape(coder.initials)}&nbsp;</span>'
            if coder is not None
            else ""
        )
        blind = (
            ' <span style="background:#333333; color:white"><b>&nbsp;Blind&nbsp;</b></span>'
            if coder is not None and coder.blind
            else ""
        )
        self.setText(
            f"{html.escape(info.name)}  ·  coder: {html.escape(info.coder)}{chip}{blind}  ·  "
            f"{plural(info.documents, 'document')}, {plural(info.codes, 'code')}, {plural(info.codings, 'coding')}"
            f"{suffix}"
        )
        self.setToolTip("Coding blind: the other coders' codings and counts are hidden" if blind else "")

    @property
    def blind(self) -> bool:
        return self.coder is not None and self.coder.blind
