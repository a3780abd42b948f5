"""Bringing a read REFI-QDA project into an Axial project, in one transaction: whole or not at all.

Everything is written through the project's services, inside one write that they join, so an import keeps the
rules every other way of adding things keeps. Into a new project everything keeps its GUID, so exporting again
gives the same GUIDs. Into an open project (a merge), codes are matched by GUID, then by their path of names (by
the project's rule for code names: case and compatibility forms do not count); cases and attributes by GUID, then
by name; a document already there (same GUID) is not imported twice.

Each code in the file stays a code of its own: a second code of the same name under the same parent (which other
tools allow and Axial does not) comes in numbered, "Name (2)", and the report says so. Documents named like one
already there are numbered the same way, as the transcript import numbers them. The report counts what came in and
lists, with the reason, everything that did not: sources without text, selections that could not be placed
exactly, and so on.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from app.model.cases.case_service import convert
from app.model.codes.code_names import name_key
from app.model.codings.coder_service import CoderService
from app.model.core.dto import (
    AttributeInfo,
    AttributeType,
    AttributeValueType,
    CodingInfo,
    MemoInfo,
    MemoTarget,
    NewDocument,
    SourceFile,
)
from app.model.core.errors import ValidationError
from app.model.core.progress import CancelledError, NoProgress, Progress
from app.model.core.text import free_name, line_paragraphs, normalise, plural
from app.model.documents.importing import guess_kind
from app.model.exchange import document_facts, offsets, refi_speakers
from app.model.exchange.refi_reader import Case as RefiCase
from app.model.exchange.refi_reader import Code as RefiCode
from app.model.exchange.refi_reader import Exchange, Source
from app.model.exchange.vocabulary import CHOICES, read_code_description
from app.model.project import Project

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
    changed: list[str] = field(default_factory=list)  # what came in otherwise than the file has it, and why

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
        _Loader(project, exchange, report, progress).run()
        tx.detail = report.summary()
    return report


class _Loader:
    def __init__(self, project: Project, exchange: Exchange, report: ImportReport, progress: Progress) -> None:
        self.p, self.x, self.report, self.progress = project, exchange, report, progress
        self.now = datetime.now()
        self.fallback_coder = project.store.coder_id
        self.coders: dict[str, int] = {}  # user GUID -> coder id
        self.codes: dict[str, int] = {}  # code GUID -> code id
        self.documents: dict[str, int] = {}  # source GUID -> document id
        self.notes = {n.guid: n for n in exchange.notes if n.guid}
        self.used_notes: set[str] = set()
        self.memos: list[MemoInfo] = []
        self.codings: list[CodingInfo] = []
        # Axial's own file: its speakers code holds turns, not codes.
        root = refi_speakers.own_root(exchange)
        self.own = root is not None
        self.code_tree, self.speaker_labels = (
            refi_speakers.speaker_codes(exchange.codes, root) if root is not None else (exchange.codes, {})
        )
        self.turn_speakers: dict[str, int] = {}  # turn selection GUID -> speaker id
        self.turn_selections = refi_speakers.turn_guids(exchange) if self.own else set()
        # A code the file applies to text is codable, whatever the file says of it.
        self.applied = {
            c.code
            for source in exchange.sources
            for s in source.selections
            if not (self.own and refi_speakers.is_turn(s))
            for c in s.codings
            if c.code
        }

    def run(self) -> None:
        for user_guid, name in self.x.users.items():
            self.coders[user_guid] = CoderService(self.p.store).ensure(name or f"user {user_guid[:8]}", guid=user_guid)
        self._codebook()
        attributes = self._variables()
        self._sources()
        self.report.codings = self.p.codings.add_imported(self.codings, action="import codings")
        self._cases(attributes)
        self._links()
        self._sets()
        self._project_memos()
        self.report.memos = self.p.memos.add_imported(self.memos)

    # --- codes ---------------------------------------------------------------------------------------------

    def _codebook(self) -> None:
        tree = self.p.codes.tree()
        self.existing = {n.code.guid: n.code.id for n in tree}
        self.codable = {n.code.id: n.code.is_codable for n in tree}
        self.claimed: set[int] = set()  # project codes that a code of the file has become, one each
        # Into a project without codes, only the file's own codes can share a name: told apart here, not asked.
        self.made: dict[tuple[int | None, str], int] | None = {} if not tree else None
        self._codes(self.code_tree, None, "")

    def _codes(self, codes: list[RefiCode], parent_id: int | None, where: str) -> None:
        for code in codes:
            found = self.existing.get(code.guid) if code.guid else None
            if found is None:
                found = self._code(code, parent_id, where)
            self.claimed.add(found)
            if code.guid:
                self.codes[code.guid] = found
            self._codes(code.children, found, f"{where}{code.name} > ")

    def _code(self, code: RefiCode, parent_id: int | None, where: str) -> int:
        """The project's code of this name under `parent_id`, or a new one made from the file's."""
        name = " ".join(code.name.split()) or "(unnamed code)"
        same = self._named(parent_id, name)
        if same is not None and same not in self.claimed:
            return same
        if same is not None:
            wanted, number = name, 2
            while self._named(parent_id, name) is not None:
                name, number = f"{wanted} ({number})", number + 1
            self.report.changed.append(
                f"code {where}{wanted}: a second code of that name there (Axial keeps names apart among siblings); "
                f"imported as {name!r}"
            )
        fields = read_code_description(code.description)
        codable = code.codable or code.guid in self.applied
        if codable and not code.codable:
            self.report.changed.append(f"code {where}{name}: made codable, as the file applies it to text")
        created = self.p.codes.create(
            name,
            parent_id,
            colour=code.colour,
            is_codable=codable,
            definition=fields["definition"],
            allow_similar=True,  # the file's codebook comes in as it is; near names are for the user to judge
            guid=code.guid,
        )
        inclusion, exclusion, example = fields["inclusion"], fields["exclusion"], fields["example"]
        if inclusion or exclusion or example:
            self.p.codes.set_details(created.id, inclusion=inclusion, exclusion=exclusion, example=example)
        self.codable[created.id] = codable
        if self.made is not None:
            self.made[(parent_id, name_key(name))] = created.id
        self.report.codes += 1
        for note in code.notes:
            self._memo(note, MemoTarget(code_id=created.id))
        return created.id

    def _named(self, parent_id: int | None, name: str) -> int | None:
        """The code under `parent_id` that a code named `name` would clash with."""
        if self.made is not None:
            return self.made.get((parent_id, name_key(name)))
        return self.p.codes.child_named(parent_id, name)

    # --- variables and cases -------------------------------------------------------------------------------

    def _variables(self) -> dict[str, AttributeInfo]:
        """The attributes the file's variables are, by variable GUID."""
        ids = self.p.cases.attribute_guids()
        existing = {a.id: a for a in self.p.cases.attributes()}
        by_name = {a.name: a for a in existing.values()}
        made: dict[str, AttributeInfo] = {}
        for variable in self.x.variables:
            name = " ".join(variable.name.split()) or "(unnamed variable)"
            attribute = existing.get(ids.get(variable.guid or "", 0)) or by_name.get(name)
            if attribute is None:
                kind = _KINDS.get(variable.kind, AttributeType.TEXT)
                choices: tuple[str, ...] = ()
                if kind is AttributeType.TEXT and variable.description.startswith(CHOICES):
                    listed = variable.description.removeprefix(CHOICES).split(" | ")
                    choices = tuple(c.strip() for c in listed if c.strip())
                    kind = AttributeType.CHOICE if choices else kind
                attribute = self.p.cases.define_attribute(name, kind, choices, guid=variable.guid)
                by_name[attribute.name] = attribute
                self.report.variables += 1
            if variable.guid:
                made[variable.guid] = attribute
        return made

    def _cases(self, attributes: dict[str, AttributeInfo]) -> None:
        cases = self.p.cases.all()
        existing = {c.guid: c.id for c in cases}
        named = {c.name: c.id for c in cases}  # a case's name is its own: the same name is the same case
        values: list[tuple[int, int, AttributeValueType]] = []
        links: list[tuple[int, int]] = []
        for case in self.x.cases:
            name = " ".join(case.name.split()) or "(unnamed case)"
            case_id = existing.get(case.guid or "") or named.get(name)
            if case_id is None:
                case_id = named[name] = self.p.cases.create(name, case.description, guid=case.guid).id
                self.report.cases += 1
            for variable_guid, kind, written in case.values:
                attribute = attributes.get(variable_guid or "")
                if attribute is None:
                    self.report.skipped.append(f"case {name}: a value of an undeclared variable ({written!r})")
                    continue
                value = _value(attribute, kind, written)
                try:
                    convert(attribute, value)
                except ValidationError as error:
                    self.report.skipped.append(f"case {name}: {error}")
                    continue
                values.append((case_id, attribute.id, value))
            links += [(self.documents[g], case_id) for g in case.sources if g in self.documents]
            self._case_passages(case, name, case_id)
        if values:
            self.p.cases.set_values(values)
        if links:
            self.p.documents.add_cases(links)

    def _case_passages(self, case: RefiCase, name: str, case_id: int) -> None:
        """Axial's own turns make their speakers this case's; other passages of a case have no place in Axial."""
        for speaker_id in sorted({self.turn_speakers[g] for g in case.selections if g in self.turn_speakers}):
            self.p.documents.map_speaker(speaker_id, case_id)
        others = sum(1 for g in case.selections if g not in self.turn_selections)
        if others:
            self.report.skipped.append(
                f"case {name}: {plural(others, 'passage')} assigned to it (Axial assigns whole documents "
                "and speakers to cases, not passages)"
            )

    # --- sources and codings -------------------------------------------------------------------------------

    def _sources(self) -> None:
        documents = self.p.documents.all()
        existing = {d.guid: d.id for d in documents}
        names = {d.name for d in documents}
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
            name = free_name(source.name.strip() or "(unnamed source)", names)
            names.add(name)
            document_id = self._document(source, name)
            if source.guid:
                self.documents[source.guid] = document_id
            self.report.documents += 1
            self._codings(source, document_id)
            for note in source.notes:
                self._memo(note, MemoTarget(document_id=document_id))

    def _document(self, source: Source, name: str) -> int:
        """The source added as any transcript is: its paragraphs, its turns (restored from Axial's own file, else
        found in the text), its kind (as written by Axial, else guessed) and its original text file."""
        assert source.text is not None
        text = normalise(source.text)
        paragraphs = line_paragraphs(text)
        kind, interview_date = document_facts.read(source.description) if self.own else (None, None)
        speaking: dict[str, str] = {}
        if self.own:
            turns, speaking = refi_speakers.restore(text, source, self.speaker_labels, self.report.unplaced)
        else:
            turns = refi_speakers.detect(text, paragraphs)
        heard = Counter(turn.speaker for turn in turns if turn.speaker is not None)
        original = source.original
        document = self.p.documents.add(
            NewDocument(
                name,
                text,
                kind or guess_kind(name, tuple(heard.items())),
                paragraphs=paragraphs,
                turns=turns,
                source=SourceFile(original.filename, "txt", original.data) if original is not None else None,
                interview_date=interview_date,
            ),
            guid=source.guid,
            imported_at=source.created,
        )
        if speaking:
            ids = {s.label: s.id for s in self.p.documents.speakers(document.id)}
            self.turn_speakers.update({key: ids[label] for key, label in speaking.items()})
        return document.id

    def _codings(self, source: Source, document_id: int) -> None:
        assert source.text is not None
        coded = [s for s in source.selections if not (self.own and refi_speakers.is_turn(s))]
        if not coded:
            return
        placement = offsets.place(source.text, [offsets.Selection(s.guid, s.start, s.end, s.name) for s in coded])
        self.report.units[source.name] = placement.unit
        for selection, placed in zip(coded, placement.selections, strict=True):
            where = f"{source.name}: selection {selection.guid or '?'}"
            if placed.start is None or placed.end is None:
                self.report.unplaced.append(f"{where}: {placed.problem}")
                continue
            for coding in selection.codings:
                code_id = self.codes.get(coding.code or "")
                if code_id is None or not self.codable[code_id]:
                    why = "is not in the codebook" if code_id is None else "is a category in this project"
                    self.report.unplaced.append(f"{where}: its code {coding.code} {why}")
                    continue
                memo = "\n\n".join(self._note_text(n) for n in [*selection.notes, *coding.notes])
                self.codings.append(
                    CodingInfo(
                        0,
                        coding.guid or str(uuid.uuid4()),
                        document_id,
                        code_id,
                        placed.start,
                        placed.end,
                        self.coders.get(coding.user or "", self.fallback_coder),
                        coding.created or self.now,
                        memo.strip(),
                    )
                )
        bad = sum(1 for p in placement.selections if p.start is None)
        if bad:
            self.report.units[source.name] += f" ({plural(bad, 'selection')} could not be placed)"

    # --- links, sets, notes --------------------------------------------------------------------------------

    def _links(self) -> None:
        types = {t.name: t.id for t in self.p.relations.types()}
        existing = {r.guid for r in self.p.relations.all()}
        for link in self.x.links:
            source, target = self.codes.get(link.origin or ""), self.codes.get(link.target or "")
            if source is None or target is None or source == target:
                joins = "a code to itself" if source is not None and source == target else "things other than two codes"
                self.report.skipped.append(f"link {link.name!r}: it joins {joins}")
                continue
            if link.guid in existing:
                self.used_notes.update(link.notes)
                continue
            name = " ".join(link.name.split()) or "is related to"
            if name not in types:
                types[name] = self.p.relations.add_type(name, directed=link.directed).id
            memo = "\n\n".join(self._note_text(n) for n in link.notes)
            self.p.relations.create(source, target, types[name], memo.strip(), guid=link.guid)
            self.report.relations += 1

    def _sets(self) -> None:
        existing = {g.guid for g in self.p.groups.all()}
        for group in self.x.sets:
            if group.guid in existing:
                continue
            self.p.groups.create(
                group.name.strip() or "(unnamed set)",
                description=group.description,
                document_ids=[self.documents[g] for g in group.sources if g in self.documents],
                code_ids=[self.codes[g] for g in group.codes if g in self.codes],
                guid=group.guid,
            )
            self.report.sets += 1

    def _project_memos(self) -> None:
        """Notes not yet attached to a code, document, coding or link become project memos."""
        for note_guid in self.x.project_notes:
            self._memo(note_guid, MemoTarget())
        for note in self.x.notes:
            if note.guid and note.guid not in self.used_notes:
                self._memo(note.guid, MemoTarget())

    def _note_text(self, note_guid: str) -> str:
        self.used_notes.add(note_guid)
        note = self.notes.get(note_guid)
        return note.text if note is not None else ""

    def _memo(self, note_guid: str, target: MemoTarget) -> None:
        note = self.notes.get(note_guid)
        if note is None or note_guid in self.used_notes:
            return
        self.used_notes.add(note_guid)
        created = note.created or self.now
        author = self.coders.get(note.user or "")
        self.memos.append(
            MemoInfo(0, note_guid, target, note.name, note.text, author, created, note.modified or created)
        )


def _value(attribute: AttributeInfo, kind: str, written: str) -> AttributeValueType:
    """A variable's value as written in the file, in the form the attribute takes."""
    if attribute.type is AttributeType.DATE:
        return written[:10]
    if kind == "BooleanValue":
        return written.lower() in ("true", "1")
    return written
