"""The Documents panel's context menu: properties, rename, kind, sets, and which case each speaker is. Each item is
one step of Edit ▸ Undo."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from app.model.core.dto import DocumentInfo, DocumentKind
from app.model.core.errors import AxialError
from app.model.core.text import plural
from app.model.project import Project

T = TypeVar("T")
AskText = Callable[[str, str, str], str | None]
Tell = Callable[[str, str], None]


class DocumentMenu:
    """What can be done to the chosen documents; `ask_text` and `tell` are how it asks and explains."""

    def __init__(self, project: Project, ask_text: AskText, tell: Tell, properties: Callable[[int], None]) -> None:
        self.project = project
        self.ask_text = ask_text
        self.tell = tell
        self.properties = properties

    def build(self, parent: QWidget, documents: list[DocumentInfo]) -> QMenu:
        menu = QMenu(parent)
        writable = not self.project.read_only and bool(documents)
        one = documents[0] if len(documents) == 1 else None
        ids = [d.id for d in documents]

        def item(target: QMenu, text: str, do: Callable[[], object], *, enabled: bool = True) -> QAction:
            action = target.addAction(text)
            action.triggered.connect(lambda: self.run(do))
            action.setEnabled(writable and enabled)
            return action

        item(menu, "Properties…", lambda: self.properties(one.id) if one else None, enabled=one is not None)
        item(menu, "Rename…", lambda: self.rename(one) if one else None, enabled=one is not None)
        kinds = menu.addMenu("Kind")
        for kind in DocumentKind:
            action = item(kinds, kind.label, partial(self.set_kind, ids, kind))
            action.setCheckable(True)
            action.setChecked(bool(documents) and all(d.kind is kind for d in documents))
        self._sets(menu, ids, item)
        if one is not None:
            self._speakers(menu, one, item)
        return menu

    def _sets(self, menu: QMenu, ids: list[int], item: Callable[..., QAction]) -> None:
        sets = [g for g in self.project.groups.all() if g.kind == "documents"]
        add = menu.addMenu("Add to Set")
        for group in sets:
            missing = [d for d in ids if d not in group.document_ids]
            item(add, group.name, lambda g=group.id: self.project.edits.add_to_set(g, ids), enabled=bool(missing))
        add.addSeparator()
        item(add, "New Set…", lambda: self.new_set(ids))
        holding = [g for g in sets if any(d in g.document_ids for d in ids)]
        remove = menu.addMenu("Remove from Set")
        remove.setEnabled(bool(holding))
        for group in holding:
            item(remove, group.name, lambda g=group.id: self.project.edits.remove_from_set(g, ids))

    def _speakers(self, menu: QMenu, document: DocumentInfo, item: Callable[..., QAction]) -> None:
        speakers = self.project.documents.speakers(document.id)
        linking = menu.addMenu("Speaker Is Case")
        linking.setEnabled(bool(speakers))
        cases = self.project.cases.all()
        names = {c.id: c.name for c in cases}
        edits = self.project.edits
        for speaker in speakers:
            now = names.get(speaker.case_id, "no case") if speaker.case_id else "no case"
            choices = linking.addMenu(f"{speaker.label}  ({now})")
            linked = speaker.case_id is not None
            item(choices, "No Case", lambda s=speaker.id: edits.link_speaker(s, None), enabled=linked)
            choices.addSeparator()
            for case in cases:
                action = item(choices, case.name, lambda s=speaker.id, c=case.id: edits.link_speaker(s, c))
                action.setCheckable(True)
                action.setChecked(case.id == speaker.case_id)
            if speaker.label not in {c.name for c in cases}:
                choices.addSeparator()
                item(choices, f"New Case “{speaker.label}”", lambda s=speaker: self.new_case_for(s.id, s.label))

    # --- the edits -----------------------------------------------------------------------------------------

    def rename(self, document: DocumentInfo) -> None:
        name = self.ask_text("Rename document", "New name:", document.name)
        if name is not None and name.strip() and name.strip() != document.name:
            self.project.edits.rename_document(document.id, name)

    def set_kind(self, ids: list[int], kind: DocumentKind) -> None:
        edits = self.project.edits
        with edits.together(f"Make {plural(len(ids), 'document')} {kind.label}"):
            for document_id in ids:
                edits.set_document_kind(document_id, kind)

    def new_set(self, ids: list[int]) -> None:
        name = self.ask_text("New set", f"Name of the set (it holds the {plural(len(ids), 'chosen document')}):", "")
        if name is not None and name.strip():
            self.project.edits.create_set(name, ids)

    def new_case_for(self, speaker_id: int, label: str) -> None:
        edits = self.project.edits
        with edits.together(f"Make speaker {label} a case"):
            edits.link_speaker(speaker_id, edits.create_case(label).id)

    def run(self, do: Callable[[], T]) -> T | None:
        """Make an edit; a refusal is explained, and changes nothing."""
        try:
            return do()
        except AxialError as error:
            self.tell("Documents", str(error))
            return None
