"""Writing a project as REFI-QDA: `project.qde` plus one UTF-8 `.txt` per document in `sources/`, zipped as `.qdpx`;
or the code tree alone as a `.qdc` codebook.

Strict, as the standard asks: schema order, code-point offsets over exactly the text shipped, no empty containers,
and every object under the GUID it has in Axial, so the same code keeps the same GUID in every export.
"""

from __future__ import annotations

import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from lxml import etree
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model.core.dto import AttributeType, DocumentKind
from app.model.core.entities import (
    Attribute,
    AttributeValue,
    Case,
    Code,
    CodeMapping,
    Coder,
    Coding,
    Document,
    DocumentCase,
    Group,
    GroupMember,
    Memo,
    Rating,
    Relation,
    RelationType,
    Speaker,
    Turn,
)
from app.model.core.progress import CancelledError, NoProgress, Progress
from app.model.core.text import plural
from app.model.exchange import document_facts
from app.model.exchange.partials import held, sweep
from app.model.exchange.refi_speakers import TurnsOut
from app.model.exchange.vocabulary import CHOICES, CODEBOOK_NS, PROJECT_NS, code_description
from app.model.project import Project
from app.model.reports.atomic import ExportError, whole_or_nothing
from app.model.reports.word import xml_safe

_SELECTIONS = uuid.UUID("6f1c8a52-5f0e-4c61-9a8e-2d7b3f2a9c41")  # names selections, which Axial does not store
_VARIABLE_TYPES = {
    AttributeType.TEXT: "Text",
    AttributeType.CHOICE: "Text",
    AttributeType.NUMBER: "Float",
    AttributeType.DATE: "Date",
    AttributeType.BOOLEAN: "Boolean",
}


@dataclass
class Written:
    path: Path
    warnings: list[str] = field(default_factory=list)  # what Axial holds that the format cannot carry


def write_qdpx(project: Project, path: Path, progress: Progress | None = None) -> Written:
    if path.suffix.lower() != ".qdpx":
        raise ExportError(path, "a REFI-QDA project is saved as .qdpx")
    progress = progress or NoProgress()
    with project.store.read() as s:
        builder = _ProjectBuilder(s, project.info().name, progress)
        root, sources = builder.build()
        warnings = _losses(s)
    xml = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True, standalone=True)
    sweep(path.parent)
    with (
        whole_or_nothing(path) as partial,
        held(partial) as handle,
        zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr("project.qde", xml)
        for name, text in sources.items():
            archive.writestr(f"sources/{name}", text.encode("utf-8"))
    return Written(path, warnings)


def write_qdc(project: Project, path: Path) -> Written:
    if path.suffix.lower() != ".qdc":
        raise ExportError(path, "a REFI-QDA codebook is saved as .qdc")
    with project.store.read() as s:
        root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS}, origin="Axial")  # type: ignore[dict-item]
        codes = _code_rows(s)
        if not codes.get(None):
            raise ExportError(path, "the project has no codes, and a codebook must hold at least one")
        _codes(etree.SubElement(root, f"{{{CODEBOOK_NS}}}Codes"), codes, None, CODEBOOK_NS, {})
    xml = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True, standalone=True)
    sweep(path.parent)
    with whole_or_nothing(path) as partial, held(partial) as handle:
        handle.write(xml)
    return Written(path, ["code memos, codings and everything but the code tree (a codebook holds only codes)"])


def selection_guid(document_guid: str, start: int, end: int) -> str:
    """The same passage of the same document gets the same selection GUID in every export."""
    return str(uuid.uuid5(_SELECTIONS, f"{document_guid}:{start}:{end}"))


class _ProjectBuilder:
    def __init__(self, s: Session, name: str, progress: Progress) -> None:
        self.s = s
        self.name = name
        self.progress = progress
        self.coders = dict(s.execute(select(Coder.id, Coder.guid)).all())
        self.notes: list[Any] = []  # Note elements, written together after the sources
        self.turns = TurnsOut.read(s, set(s.scalars(select(Code.guid))))

    def el(self, parent: Any, tag: str, **attributes: str | None) -> Any:
        element = etree.SubElement(parent, f"{{{PROJECT_NS}}}{tag}")
        for key, value in attributes.items():
            if value is not None:
                element.set(key, xml_safe(value))
        return element

    def text(self, parent: Any, tag: str, value: str) -> None:
        if value:
            etree.SubElement(parent, f"{{{PROJECT_NS}}}{tag}").text = xml_safe(value)

    def build(self) -> tuple[Any, dict[str, str]]:
        s = self.s
        root = etree.Element(f"{{{PROJECT_NS}}}Project", nsmap={None: PROJECT_NS})  # type: ignore[dict-item]
        root.set("name", xml_safe(self.name))
        root.set("origin", "Axial")
        root.set("creationDateTime", _when(datetime.now()))
        memos = _memos_by_target(s)
        if self.coders:
            users = self.el(root, "Users")
            for guid, name in s.execute(select(Coder.guid, Coder.name).order_by(Coder.id)):
                self.el(users, "User", guid=guid, name=name)
        codes = _code_rows(s)
        if codes.get(None) or self.turns.codes:
            holder = self.el(self.el(root, "CodeBook"), "Codes")
            _codes(holder, codes, None, PROJECT_NS, self._note_refs(memos["code"]))
            self.turns.write_codes(holder)
        attributes = s.execute(select(Attribute).order_by(Attribute.position)).scalars().all()
        if attributes:
            variables = self.el(root, "Variables")
            for attribute in attributes:
                kind = AttributeType(attribute.type)
                variable = self.el(variables, "Variable", guid=attribute.guid, name=attribute.name)
                variable.set("typeOfVariable", _VARIABLE_TYPES[kind])
                if kind is AttributeType.CHOICE and attribute.choices:
                    self.text(variable, "Description", CHOICES + " | ".join(attribute.choices.splitlines()))
        self._cases(root, attributes)
        sources = self._sources(root, memos)
        for memo in memos["case"] + memos["project"]:
            self._note(memo)
        links = self._links(memos)
        if self.notes:
            notes = self.el(root, "Notes")
            notes.extend(self.notes)
        if links is not None:
            root.append(links)
        self._sets(root)
        self.text(root, "Description", self.turns.project_description())  # so Axial reads the turns back
        # Project notes are referred to from the project itself, after the other parts.
        for memo in memos["project"]:
            self.el(root, "NoteRef", targetGUID=memo.guid)
        return root, sources

    def _cases(self, root: Any, attributes: Sequence[Attribute]) -> None:
        cases = self.s.execute(select(Case).order_by(Case.name)).scalars().all()
        if not cases:
            return
        guids = {a.id: a.guid for a in attributes}
        kinds = {a.id: AttributeType(a.type) for a in attributes}
        values: dict[int, list[AttributeValue]] = defaultdict(list)
        for value in self.s.execute(select(AttributeValue)).scalars():
            values[value.case_id].append(value)
        documents: dict[int, list[str]] = defaultdict(list)
        for case_id, guid in self.s.execute(
            select(DocumentCase.case_id, Document.guid).join(Document, Document.id == DocumentCase.document_id)
        ):
            documents[case_id].append(guid)
        holder = self.el(root, "Cases")
        for case in cases:
            element = self.el(holder, "Case", guid=case.guid, name=case.name)
            self.text(element, "Description", case.description)
            for value in sorted(values[case.id], key=lambda v: v.attribute_id):
                _variable_value(self, element, guids[value.attribute_id], kinds[value.attribute_id], value)
            for guid in sorted(documents[case.id]):
                self.el(element, "SourceRef", targetGUID=guid)
            for selection in self.turns.cases.get(case.id, []):  # the turns of the speakers mapped to it
                self.el(element, "SelectionRef", targetGUID=selection)

    def _sources(self, root: Any, memos: dict[str, list[Memo]]) -> dict[str, str]:
        s = self.s
        codings: dict[int, dict[tuple[int, int], list[Coding]]] = defaultdict(lambda: defaultdict(list))
        for coding in s.execute(
            select(Coding).order_by(Coding.document_id, Coding.start, Coding.end, Coding.id)
        ).scalars():
            codings[coding.document_id][(coding.start, coding.end)].append(coding)
        code_guids = dict(s.execute(select(Code.id, Code.guid)).all())
        documents = s.execute(
            select(Document.id, Document.guid, Document.name, Document.imported_at).order_by(Document.name)
        ).all()
        files: dict[str, str] = {}
        if not documents:
            return files
        holder = self.el(root, "Sources")
        notes_of = self._note_refs(memos["document"])
        for done, (document_id, guid, name, imported_at) in enumerate(documents):
            if self.progress.cancelled:
                raise CancelledError()
            self.progress.step(done, len(documents), f"Writing {name}")
            text, kind, interview_date = s.execute(
                select(Document.text, Document.kind, Document.interview_date).where(Document.id == document_id)
            ).one()
            files[f"{guid}.txt"] = text
            source = self.el(
                holder,
                "TextSource",
                guid=guid,
                name=name,
                plainTextPath=f"internal://{guid}.txt",
                creationDateTime=_when(imported_at),
            )
            self.text(source, "Description", document_facts.describe(DocumentKind(kind), interview_date))
            for (start, end), found in codings[document_id].items():
                selection = self.el(
                    source,
                    "PlainTextSelection",
                    guid=selection_guid(guid, start, end),
                    name=_excerpt_name(text[start:end]),
                    startPosition=str(start),
                    endPosition=str(end),
                    creatingUser=self.coders.get(found[0].coder_id) if found[0].coder_id else None,
                    creationDateTime=_when(found[0].created_at),
                )
                for coding in found:
                    element = self.el(
                        selection,
                        "Coding",
                        guid=coding.guid,
                        creatingUser=self.coders.get(coding.coder_id) if coding.coder_id else None,
                        creationDateTime=_when(coding.created_at),
                    )
                    self.el(element, "CodeRef", targetGUID=code_guids[coding.code_id])
                    if coding.memo.strip():
                        note_guid = str(uuid.uuid5(_SELECTIONS, f"memo:{coding.guid}"))
                        self._note_from(note_guid, "Coding memo", coding.memo, coding.created_at, coding.coder_id)
                        self.el(element, "NoteRef", targetGUID=note_guid)
            self.turns.write_selections(source, document_id, text)
            notes_of(source, document_id)
        return files

    def _links(self, memos: dict[str, list[Memo]]) -> Any:
        """The relations as Links, built apart: the schema wants them after the Notes their memos add to."""
        rows = self.s.execute(
            select(Relation, RelationType.name, RelationType.directed)
            .join(RelationType, RelationType.id == Relation.type_id)
            .order_by(Relation.id)
        ).all()
        if not rows:
            return None
        code_guids = dict(self.s.execute(select(Code.id, Code.guid)).all())
        holder = etree.Element(f"{{{PROJECT_NS}}}Links")
        for relation, type_name, directed in rows:
            link = self.el(
                holder,
                "Link",
                guid=relation.guid,
                name=type_name,
                direction="OneWay" if directed else "Associative",
                originGUID=code_guids[relation.source_id],
                targetGUID=code_guids[relation.target_id],
            )
            if relation.memo.strip():
                note_guid = str(uuid.uuid5(_SELECTIONS, f"memo:{relation.guid}"))
                self._note_from(note_guid, f"{type_name} (memo)", relation.memo, relation.created_at, None)
                self.el(link, "NoteRef", targetGUID=note_guid)
        return holder

    def _sets(self, root: Any) -> None:
        groups = self.s.execute(select(Group).order_by(Group.name, Group.id)).scalars().all()
        if not groups:
            return
        code_guids = dict(self.s.execute(select(Code.id, Code.guid)).all())
        document_guids = dict(self.s.execute(select(Document.id, Document.guid)).all())
        members: dict[int, list[GroupMember]] = defaultdict(list)
        for member in self.s.execute(select(GroupMember).order_by(GroupMember.id)).scalars():
            members[member.group_id].append(member)
        holder = self.el(root, "Sets")
        for group in groups:
            element = self.el(holder, "Set", guid=group.guid, name=group.name)
            self.text(element, "Description", group.description)
            for member in members[group.id]:  # the schema wants codes before sources
                if member.code_id is not None:
                    self.el(element, "MemberCode", targetGUID=code_guids[member.code_id])
            for member in members[group.id]:
                if member.document_id is not None:
                    self.el(element, "MemberSource", targetGUID=document_guids[member.document_id])

    # --- notes ---------------------------------------------------------------------------------------------

    def _note_refs(self, memos: list[Memo]) -> Any:
        """A function that writes each target's notes (once) and the NoteRefs on its element."""
        by_target: dict[int, list[Memo]] = defaultdict(list)
        for memo in memos:
            by_target[memo.document_id or memo.code_id or 0].append(memo)

        def refer(element: Any, target_id: int) -> None:
            for memo in by_target.get(target_id, []):
                self._note(memo)
                self.el(element, "NoteRef", targetGUID=memo.guid)

        return refer

    def _note(self, memo: Memo) -> None:
        self._note_from(memo.guid, memo.title, memo.body, memo.created_at, memo.author_id, memo.modified_at)

    def _note_from(
        self,
        guid: str,
        title: str,
        body: str,
        created: datetime,
        author_id: int | None,
        modified: datetime | None = None,
    ) -> None:
        note = etree.Element(f"{{{PROJECT_NS}}}Note")
        note.set("guid", guid)
        note.set("name", xml_safe(title))
        if author_id is not None and author_id in self.coders:
            note.set("creatingUser", self.coders[author_id])
        note.set("creationDateTime", _when(created))
        if modified is not None:
            note.set("modifiedDateTime", _when(modified))
        etree.SubElement(note, f"{{{PROJECT_NS}}}PlainTextContent").text = xml_safe(body)
        self.notes.append(note)


def _code_rows(s: Session) -> dict[int | None, list[Code]]:
    children: dict[int | None, list[Code]] = defaultdict(list)
    for code in s.execute(select(Code).order_by(Code.parent_id, Code.position, Code.id)).scalars():
        children[code.parent_id].append(code)
    return children


def _codes(holder: Any, children: dict[int | None, list[Code]], parent: int | None, ns: str, notes: Any) -> None:
    for code in children.get(parent, []):
        element = etree.SubElement(holder, f"{{{ns}}}Code")
        element.set("guid", code.guid)
        element.set("name", xml_safe(code.name))
        element.set("isCodable", "true" if code.is_codable else "false")
        element.set("color", code.colour.upper())
        description = code_description(code.definition, code.inclusion, code.exclusion, code.example)
        if description:
            etree.SubElement(element, f"{{{ns}}}Description").text = xml_safe(description)
        if ns == PROJECT_NS:
            notes(element, code.id)
        _codes(element, children, code.id, ns, notes)


def _variable_value(builder: _ProjectBuilder, case: Any, guid: str, kind: AttributeType, value: AttributeValue) -> None:
    element = builder.el(case, "VariableValue")
    builder.el(element, "VariableRef", targetGUID=guid)
    if kind is AttributeType.BOOLEAN:
        builder.el(element, "BooleanValue").text = "true" if value.number else "false"
    elif kind is AttributeType.NUMBER and value.number is not None:
        builder.el(element, "FloatValue").text = (
            repr(float(value.number)) if value.number % 1 else str(int(value.number))
        )
    elif kind is AttributeType.DATE and value.text:
        builder.el(element, "DateValue").text = value.text
    else:
        builder.el(element, "TextValue").text = xml_safe(value.text or "")


def _memos_by_target(s: Session) -> dict[str, list[Memo]]:
    found: dict[str, list[Memo]] = {"project": [], "document": [], "code": [], "case": []}
    for memo in s.execute(select(Memo).order_by(Memo.id)).scalars():
        kind = "document" if memo.document_id else "code" if memo.code_id else "case" if memo.case_id else "project"
        found[kind].append(memo)
    return found


def _losses(s: Session) -> list[str]:
    """What this project holds that REFI-QDA cannot carry, in words, for the user to read before sending it."""

    def count(query: Any) -> int:
        return int(s.scalar(query) or 0)

    losses = []
    losses += _turn_losses(count)
    mappings, ratings = (
        count(select(func.count()).select_from(CodeMapping)),
        count(select(func.count()).select_from(Rating)),
    )
    if mappings or ratings:
        losses.append(f"the CFIR framework with {plural(mappings, 'code mapping')} and {plural(ratings, 'rating')}")
    choices = count(select(func.count()).select_from(Attribute).where(Attribute.type == AttributeType.CHOICE.value))
    if choices:
        losses.append(
            f"the choice lists of {plural(choices, 'attribute')} (written as text variables, with the choices in the "
            "variable's description, which Axial reads back)"
        )
    case_memos = count(select(func.count()).select_from(Memo).where(Memo.case_id.is_not(None)))
    if case_memos:
        losses.append(f"which case each of {plural(case_memos, 'case memo')} is about (they become project notes)")
    losses.append(
        "document kinds and interview dates as fields (other tools show them in each source's description, "
        "which Axial reads back), and the original files (each document is sent as its plain text)"
    )
    return losses


def _turn_losses(count: Callable[[Any], int]) -> list[str]:
    """How speaker turns look to other tools (they reach them as codes and case passages, not as turns)."""
    turns = count(select(func.count()).select_from(Turn))
    silent = count(select(func.count()).select_from(Turn).where(Turn.speaker_id.is_(None)))
    mapped = count(select(func.count()).select_from(Speaker).where(Speaker.case_id.is_not(None)))
    unheard = count(
        select(func.count()).select_from(Speaker).where(~select(Turn.id).where(Turn.speaker_id == Speaker.id).exists())
    )
    losses = []
    if turns:
        voiced = turns - silent
        losses.append(
            "speaker turns as such: other tools see "
            + (f"the {plural(voiced, 'turn')} with a speaker" if silent else f"the {plural(voiced, 'turn')}")
            + " as codings of a “Speakers” code with one sub-code per speaker label (as NVivo shows speaker "
            "autocoding; a label used in several documents is one sub-code), and these codings count in their "
            "coding reports"
            + (f"; {plural(silent, 'turn')} without a speaker as uncoded passages" if silent else "")
            + "; a turn's time only in its passage's description. Axial reads them back as turns"
        )
    if mapped:
        losses.append(
            f"speakers as cases: other tools see the turns of the {plural(mapped, 'speaker')} mapped to cases as "
            "passages of those cases, not as a speaker-to-case link (a change made there to a case's passages does "
            "not come back). Axial restores each speaker's case"
        )
    if unheard:
        losses.append(f"{plural(unheard, 'speaker')} with no turns (a speaker travels only with their turns)")
    return losses


def _when(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


def _excerpt_name(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 80 else flat[:79] + "…"
