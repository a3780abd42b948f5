"""Bringing a read REFI-QDA project into an Axial project, in one transaction: whole or not at all.

Into a new project everything keeps its GUID, so exporting again gives the same GUIDs. Into an open project
(a merge), codes are matched by GUID, then by their path of names; cases and attributes by GUID, then by name;
a document already there (same GUID) is not imported twice. The report counts what came in and lists, with the
reason, everything that did not: sources without text, selections that could not be placed exactly, and so on.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from ..changes import Topic
from ..code_names import named, sibling_named
from ..dto import AttributeInfo, AttributeType, DocumentKind
from ..entities import (
    Attribute,
    AttributeValue,
    Case,
    Code,
    Coder,
    Coding,
    Document,
    DocumentCase,
    Group,
    GroupMember,
    Memo,
    Paragraph,
    Relation,
    RelationType,
    Speaker,
)
from ..errors import ValidationError
from ..importing import guess_kind
from ..progress import CancelledError, NoProgress, Progress
from ..project import Project
from ..search_index import index_documents
from ..services.cases import convert
from ..services.codes import PALETTE
from ..text import line_paragraphs, normalise, plural, word_count
from . import document_facts, offsets, speakers
from .reader import Case as RefiCase
from .reader import Code as RefiCode
from .reader import Exchange
from .vocabulary import CHOICES, read_code_description

_KINDS = {"Text": AttributeType.TEXT, "Boolean": AttributeType.BOOLEAN, "Integer": AttributeType.NUMBER}
_KINDS |= {"Float": AttributeType.NUMBER, "Date": AttributeType.DATE, "DateTime": AttributeType.DATE}


@dataclass
class ImportReport:
    documents: int = 0
    codes: int = 0
    codings: int = 0
    cases: int = 0
    variables: int = 0
    memos: int = 0
    relations: int = 0
    sets: int = 0
    units: dict[str, str] = field(default_factory=dict)  # source -> the offset unit found
    unplaced: list[str] = field(default_factory=list)  # selections not placed exactly, with the reason
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts = [
            plural(self.documents, "document"),
            plural(self.codes, "code"),
            plural(self.codings, "coding"),
            plural(self.cases, "case"),
            plural(self.variables, "variable"),
            plural(self.memos, "memo"),
            plural(self.relations, "relation"),
            plural(self.sets, "set"),
        ]
        left = len(self.unplaced) + len(self.skipped)
        return (
            "Imported " + ", ".join(counts) + (f"; {plural(left, 'item')} not imported (see the list)" if left else "")
        )


def load(project: Project, exchange: Exchange, progress: Progress | None = None) -> ImportReport:
    progress = progress or NoProgress()
    report = ImportReport(skipped=list(exchange.skipped))
    with project.store.write(f"import {exchange.name!r} (REFI-QDA)") as tx:
        loader = _Loader(tx.session, exchange, report, progress, tx.coder_id)
        loader.run()
        tx.detail = report.summary()
        tx.touch(
            Topic.DOCUMENTS, Topic.CODES, Topic.CODINGS, Topic.CASES, Topic.ATTRIBUTES, Topic.MEMOS, Topic.RELATIONS
        )
    return report


class _Loader:
    def __init__(
        self, s: Session, exchange: Exchange, report: ImportReport, progress: Progress, coder_id: int | None
    ) -> None:
        self.s, self.x, self.report, self.progress = s, exchange, report, progress
        self.now = datetime.now()
        self.fallback_coder = coder_id
        self.coders: dict[str, int] = {}
        self.codes: dict[str, int] = {}  # REFI code GUID -> code id
        self.documents: dict[str, int] = {}
        self.notes = {n.guid: n for n in exchange.notes if n.guid}
        self.used_notes: set[str] = set()
        # Axial's own file: its speakers code holds turns, not codes.
        root = speakers.own_root(exchange)
        self.own = root is not None
        self.code_tree, self.speaker_labels = (
            speakers.speaker_codes(exchange.codes, root) if root is not None else (exchange.codes, {})
        )
        self.turns = speakers.Restored()
        self.turn_selections = speakers.turn_guids(exchange) if self.own else set()

    def run(self) -> None:
        self._coders()
        self._codes(self.code_tree, None, ())
        attributes = self._variables()
        self._sources()
        self._cases(attributes)
        self._links()
        self._sets()
        self._memos()
        self.report.unplaced += self.turns.problems

    # --- people and codes ----------------------------------------------------------------------------------

    def _coders(self) -> None:
        known = {g: i for i, g in self.s.execute(select(Coder.id, Coder.guid)).all()}
        names = {n: i for i, n in self.s.execute(select(Coder.id, Coder.name)).all()}
        for user_guid, name in self.x.users.items():
            found = known.get(user_guid) or names.get(name or f"user {user_guid[:8]}")
            if found is None:
                count = self.s.scalar(select(func.count()).select_from(Coder)) or 0
                label = name or f"user {user_guid[:8]}"
                found = self.s.execute(
                    insert(Coder)
                    .values(guid=user_guid, name=label, colour=PALETTE[count % len(PALETTE)], created_at=self.now)
                    .returning(Coder.id)
                ).scalar_one()
                names[label] = found
            self.coders[user_guid] = found

    def _codes(self, codes: list[RefiCode], parent_id: int | None, path: tuple[str, ...]) -> None:
        by_guid = dict(self.s.execute(select(Code.guid, Code.id)).all())
        for code in codes:
            here = (*path, code.name)
            found = by_guid.get(code.guid) if code.guid else None
            if found is None:
                found = self._code_at(parent_id, code.name)
            if found is None:
                found = self._new_code(code, parent_id, by_guid)
            if code.guid:
                self.codes[code.guid] = found
            self._codes(code.children, found, here)

    def _code_at(self, parent_id: int | None, name: str) -> int | None:
        return sibling_named(self.s, parent_id, _code_name(name))

    def _new_code(self, code: RefiCode, parent_id: int | None, by_guid: dict[str, int]) -> int:
        siblings = self.s.scalar(
            select(func.max(Code.position)).where(
                Code.parent_id.is_(None) if parent_id is None else Code.parent_id == parent_id
            )
        )
        count = self.s.scalar(select(func.count()).select_from(Code)) or 0
        fields = read_code_description(code.description)
        code_id = self.s.execute(
            insert(Code)
            .values(
                guid=code.guid if code.guid and code.guid not in by_guid else str(uuid.uuid4()),
                parent_id=parent_id,
                position=(siblings if siblings is not None else -1) + 1,
                **named(_code_name(code.name)),
                colour=code.colour or PALETTE[count % len(PALETTE)],
                is_codable=code.codable,
                created_at=self.now,
                **fields,
            )
            .returning(Code.id)
        ).scalar_one()
        self.report.codes += 1
        for note in code.notes:
            self._memo(note, code_id=code_id)
        return code_id

    # --- variables and cases -------------------------------------------------------------------------------

    def _variables(self) -> dict[str, AttributeInfo]:
        existing = {a.guid: a for a in self.s.execute(select(Attribute)).scalars()}
        by_name = {a.name: a for a in existing.values()}
        made: dict[str, AttributeInfo] = {}
        for variable in self.x.variables:
            attribute = existing.get(variable.guid or "") or by_name.get(variable.name)
            if attribute is None:
                kind = _KINDS.get(variable.kind, AttributeType.TEXT)
                choices = ""
                if kind is AttributeType.TEXT and variable.description.startswith(CHOICES):
                    kind = AttributeType.CHOICE
                    choices = "\n".join(c.strip() for c in variable.description.removeprefix(CHOICES).split(" | "))
                position = (self.s.scalar(select(func.max(Attribute.position))) or 0) + 1
                attribute = Attribute(
                    guid=variable.guid or str(uuid.uuid4()),
                    name=variable.name,
                    type=kind.value,
                    choices=choices,
                    position=position,
                )
                self.s.add(attribute)
                self.s.flush()
                by_name[attribute.name] = attribute
                self.report.variables += 1
            info = AttributeInfo(
                attribute.id,
                attribute.name,
                AttributeType(attribute.type),
                tuple(c for c in attribute.choices.splitlines() if c),
                attribute.position,
            )
            if variable.guid:
                made[variable.guid] = info
        return made

    def _cases(self, attributes: dict[str, AttributeInfo]) -> None:
        existing = {c.guid: c.id for c in self.s.execute(select(Case)).scalars()}
        by_name = dict(self.s.execute(select(Case.name, Case.id)).all())
        for case in self.x.cases:
            case_id = existing.get(case.guid or "") or by_name.get(case.name)
            if case_id is None:
                case_id = self.s.execute(
                    insert(Case)
                    .values(guid=case.guid or str(uuid.uuid4()), name=case.name, description=case.description)
                    .returning(Case.id)
                ).scalar_one()
                by_name[case.name] = case_id
                self.report.cases += 1
            for variable_guid, kind, written in case.values:
                attribute = attributes.get(variable_guid or "")
                if attribute is None:
                    self.report.skipped.append(f"case {case.name}: a value of an undeclared variable ({written!r})")
                    continue
                self._value(case_id, attribute, kind, written, case.name)
            for source_guid in case.sources:
                document_id = self.documents.get(source_guid)
                if document_id is not None:
                    self.s.execute(
                        insert(DocumentCase).prefix_with("OR IGNORE").values(document_id=document_id, case_id=case_id)
                    )
            self._case_passages(case, case_id)

    def _case_passages(self, case: RefiCase, case_id: int) -> None:
        """Axial's own turns make their speakers this case's; other passages of a case have no place in Axial."""
        speaker_ids = {self.turns.speakers[g] for g in case.selections if g in self.turns.speakers}
        if speaker_ids:
            self.s.execute(update(Speaker).where(Speaker.id.in_(speaker_ids)).values(case_id=case_id))
        others = sum(1 for g in case.selections if g not in self.turn_selections)
        if others:
            self.report.skipped.append(
                f"case {case.name}: {plural(others, 'passage')} assigned to it (Axial assigns whole documents "
                "and speakers to cases, not passages)"
            )

    def _value(self, case_id: int, attribute: AttributeInfo, kind: str, written: str, case: str) -> None:
        value: Any = written
        if attribute.type is AttributeType.DATE:
            value = written[:10]
        elif kind == "BooleanValue":
            value = written.lower() in ("true", "1")
        try:
            text, number = convert(attribute, value)
        except ValidationError as error:
            self.report.skipped.append(f"case {case}: {error}")
            return
        self.s.execute(
            insert(AttributeValue)
            .prefix_with("OR REPLACE")
            .values(case_id=case_id, attribute_id=attribute.id, text=text, number=number)
        )

    # --- sources and codings -------------------------------------------------------------------------------

    def _sources(self) -> None:
        existing = dict(self.s.execute(select(Document.guid, Document.id)).all())
        names = set(self.s.execute(select(Document.name)).scalars())
        sources = self.x.sources
        for done, source in enumerate(sources):
            if self.progress.cancelled:
                raise CancelledError()
            self.progress.step(done, len(sources), f"Importing {source.name}")
            if source.text is None:
                continue
            if source.guid and source.guid in existing:
                self.report.skipped.append(f"{source.name}: already in this project (same GUID); not imported twice")
                self.documents[source.guid] = existing[source.guid]
                # Its codings' notes are already their memos here: they must not turn up as project memos.
                self.used_notes.update(n for s in source.selections for c in s.codings for n in [*s.notes, *c.notes])
                continue
            text = normalise(source.text)
            name = _unique(source.name, names)
            paragraphs = line_paragraphs(text)
            document_id = self.s.execute(
                insert(Document)
                .values(
                    guid=source.guid if source.guid and source.guid not in existing else str(uuid.uuid4()),
                    name=name,
                    kind=DocumentKind.INTERVIEW.value,
                    length=len(text),
                    word_count=word_count(text),
                    imported_at=source.created or self.now,
                    interview_date=None,
                    text=text,
                )
                .returning(Document.id)
            ).scalar_one()
            if paragraphs:
                self.s.execute(
                    insert(Paragraph),
                    [
                        {"document_id": document_id, "ordinal": i, "start": p.start, "end": p.end}
                        for i, p in enumerate(paragraphs)
                    ],
                )
            kind, interview_date = document_facts.read(source.description) if self.own else (None, None)
            if self.own:
                speakers.restore(self.s, document_id, text, source, self.speaker_labels, self.turns)
            else:
                speakers.detect(self.s, document_id, text, paragraphs)
            kind = kind or guess_kind(name, speakers.turn_counts(self.s, document_id))
            facts = {"kind": kind.value, "interview_date": interview_date}
            self.s.execute(update(Document).where(Document.id == document_id).values(**facts))
            index_documents(self.s, [document_id])
            if source.guid:
                self.documents[source.guid] = document_id
            self.report.documents += 1
            self._codings(source, document_id)
            for note in source.notes:
                self._memo(note, document_id=document_id)

    def _codings(self, source: Any, document_id: int) -> None:
        coded = [s for s in source.selections if not (self.own and speakers.is_turn(s))]
        wanted = [offsets.Selection(s.guid, s.start, s.end, s.name) for s in coded]
        placement = offsets.place(source.text, wanted)
        if coded:
            self.report.units[source.name] = placement.unit
        rows = []
        for selection, placed in zip(coded, placement.selections, strict=True):
            if placed.start is None or placed.end is None:
                self.report.unplaced.append(f"{source.name}: selection {selection.guid or '?'}: {placed.problem}")
                continue
            for coding in selection.codings:
                code_id = self.codes.get(coding.code or "")
                if code_id is None:
                    self.report.unplaced.append(
                        f"{source.name}: selection {selection.guid or '?'}: "
                        f"its code {coding.code} is not in the codebook"
                    )
                    continue
                memo = "\n\n".join(self._note_text(n) for n in [*selection.notes, *coding.notes])
                rows.append(
                    {
                        "guid": coding.guid or str(uuid.uuid4()),
                        "document_id": document_id,
                        "code_id": code_id,
                        "start": placed.start,
                        "end": placed.end,
                        "coder_id": self.coders.get(coding.user or "", self.fallback_coder),
                        "created_at": coding.created or self.now,
                        "memo": memo.strip(),
                    }
                )
        if rows:
            before = self.s.scalar(select(func.count()).select_from(Coding)) or 0
            self.s.execute(insert(Coding).prefix_with("OR IGNORE"), rows)
            self.report.codings += (self.s.scalar(select(func.count()).select_from(Coding)) or 0) - before
        if not coded:
            return
        bad = sum(1 for p in placement.selections if p.start is None)
        if bad:
            self.report.units[source.name] += f" ({plural(bad, 'selection')} could not be placed)"

    # --- links, sets, notes --------------------------------------------------------------------------------

    def _links(self) -> None:
        types = {name: i for i, name in self.s.execute(select(RelationType.id, RelationType.name)).all()}
        existing = set(self.s.execute(select(Relation.guid)).scalars())
        for link in self.x.links:
            source, target = self.codes.get(link.origin or ""), self.codes.get(link.target or "")
            if source is None or target is None:
                self.report.skipped.append(f"link {link.name!r}: it joins things other than two codes")
                continue
            if link.guid in existing:
                self.used_notes.update(link.notes)
                continue
            type_id = types.get(link.name)
            if type_id is None:
                position = (self.s.scalar(select(func.max(RelationType.position))) or 0) + 1
                type_id = self.s.execute(
                    insert(RelationType)
                    .values(name=link.name, directed=link.directed, builtin=False, description="", position=position)
                    .returning(RelationType.id)
                ).scalar_one()
                types[link.name] = type_id
            memo = "\n\n".join(self._note_text(n) for n in link.notes)
            self.s.execute(
                insert(Relation).values(
                    guid=link.guid or str(uuid.uuid4()),
                    source_id=source,
                    target_id=target,
                    type_id=type_id,
                    memo=memo.strip(),
                    created_at=self.now,
                )
            )
            self.report.relations += 1

    def _sets(self) -> None:
        existing = set(self.s.execute(select(Group.guid)).scalars())
        for group in self.x.sets:
            if group.guid in existing:
                continue
            documents = [self.documents[g] for g in group.sources if g in self.documents]
            codes = [self.codes[g] for g in group.codes if g in self.codes]
            kind = "codes" if codes and not documents else "documents"
            group_id = self.s.execute(
                insert(Group)
                .values(guid=group.guid or str(uuid.uuid4()), name=group.name, description=group.description, kind=kind)
                .returning(Group.id)
            ).scalar_one()
            members = [{"group_id": group_id, "document_id": d, "code_id": None} for d in documents]
            members += [{"group_id": group_id, "document_id": None, "code_id": c} for c in codes]
            if members:
                self.s.execute(insert(GroupMember), members)
            self.report.sets += 1

    def _memos(self) -> None:
        """Notes not yet attached to a code, document, coding or link become project memos."""
        for note_guid in self.x.project_notes:
            self._memo(note_guid)
        for note in self.x.notes:
            if note.guid and note.guid not in self.used_notes:
                self._memo(note.guid)

    def _note_text(self, note_guid: str) -> str:
        self.used_notes.add(note_guid)
        note = self.notes.get(note_guid)
        return note.text if note is not None else ""

    def _memo(self, note_guid: str, *, code_id: int | None = None, document_id: int | None = None) -> None:
        note = self.notes.get(note_guid)
        if note is None or note_guid in self.used_notes:
            return
        self.used_notes.add(note_guid)
        if self.s.scalar(select(Memo.id).where(Memo.guid == note_guid)) is not None:
            return
        self.s.execute(
            insert(Memo).values(
                guid=note_guid,
                code_id=code_id,
                document_id=document_id,
                title=note.name,
                body=note.text,
                author_id=self.coders.get(note.user or ""),
                created_at=note.created or self.now,
                modified_at=note.modified or note.created or self.now,
            )
        )
        self.report.memos += 1


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name} ({number})", number + 1
    taken.add(candidate)
    return candidate


def _code_name(written: str) -> str:
    """The name a code from the file is stored (and matched) under."""
    return " ".join(written.split()) or "(unnamed code)"
