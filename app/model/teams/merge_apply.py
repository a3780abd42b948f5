"""Following a merge plan: everything the plan lists as new is added, and each conflict the user chose to take
from the copy is settled its way. Called inside one operation (`Edits.merge_copy`), so the whole merge is one
transaction and one step to undo; the copy is only read."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select, update

from app.model.cases.attribute_changes import rename_attribute
from app.model.cases.case_service import read_form
from app.model.cases.computed import set_formula
from app.model.codings.coder_service import CoderService
from app.model.core.changes import Topic
from app.model.core.dto import AttributeType, DocumentKind, MemoTarget, NewDocument, NewTurn
from app.model.core.entities import Case, Coding
from app.model.core.errors import ConflictError, ValidationError
from app.model.core.text import plural
from app.model.project import Project
from app.model.teams.contents import node_keys
from app.model.teams.merge_plan import Conflict, Matched, MergePlan


@dataclass(frozen=True)
class MergeReport:
    documents: int
    codes: int
    coders: int
    codings: int
    memos: int
    cases: int
    values: int
    mappings: int
    ratings: int  # the team's, the raters' own and the cells' summaries
    relations: int
    sets: int
    taken: int  # conflicts settled the copy's way
    notes: tuple[str, ...]

    def summary(self) -> str:
        counts = (
            (self.documents, "document"), (self.codes, "code"), (self.coders, "coder"), (self.codings, "coding"),
            (self.memos, "memo"), (self.cases, "case"), (self.values, "attribute value"),
            (self.mappings, "mapping"), (self.ratings, "rating"), (self.relations, "relation"), (self.sets, "set"),
        )  # fmt: skip
        parts = [plural(count, noun) for count, noun in counts if count]
        taken = f"; {plural(self.taken, 'conflict')} settled the copy's way" if self.taken else ""
        return "Merged " + (", ".join(parts) or "nothing new") + taken


def apply_plan(project: Project, copy: Project, plan: MergePlan, theirs: Collection[str] = ()) -> MergeReport:
    return _Applier(project, copy, plan, set(theirs)).run()


_SETTLED = (
    "code-name", "code-parent", "code-colour", "code-details", "document-name", "case-name", "case-description",
    "attribute-name", "coding", "coding-deleted", "memo", "value", "rating", "rater", "summary",
)  # fmt: skip


class _Applier:
    def __init__(self, project: Project, copy: Project, plan: MergePlan, theirs: set[str]) -> None:
        self.p, self.copy, self.plan, self.x = project, copy, plan, plan.theirs
        self.theirs = theirs
        self.notes: list[str] = []  # a choice of theirs this project refused (a name taken, a code inside itself)
        self.ids: dict[str, dict[int, int]] = {}
        self.units: dict[int, int] = {}  # the copy's rating units and framework nodes as this project's
        self.nodes: dict[int, int] = {}

    def run(self) -> MergeReport:
        plan = self.plan
        self.ids["coder"] = self._coders()
        self.ids["attribute"] = self._attributes()
        self.ids["case"] = self._cases()
        self.ids["document"] = self._documents()
        self.ids["code"] = self._codes()
        codings = self._codings()
        memos = self._memos()
        values = self._values()
        self._links()
        mappings = self._mappings()
        ratings = self._ratings()
        self._relations()
        self._sets()
        taken = self._conflicts()
        return MergeReport(
            len(plan.new(plan.documents)), len(plan.new(plan.codes)), len(plan.new(plan.coders)), codings, memos,
            len(plan.new(plan.cases)), values, mappings, ratings, len(plan.relations), len(plan.sets), taken,
            (*plan.notes, *self.notes),
        )  # fmt: skip

    # --- what is made before anything points at it ---------------------------------------------------------

    def _made(self, matches: tuple[Matched, ...], make: dict[int, int]) -> dict[int, int]:
        return {m.their_id: make[m.their_id] if m.mine is None else m.mine for m in matches}

    def _coders(self) -> dict[int, int]:
        coders = CoderService(self.p.store)
        guids = {c.id: c.guid for c in self.x.coders}
        made: dict[int, int] = {}
        if self.plan.new(self.plan.coders):
            with self.p.store.write(f"merge the coders of {self.plan.copy_name}") as tx:
                made = {
                    m.their_id: coders.ensure(m.name_here, guid=guids[m.their_id])
                    for m in self.plan.new(self.plan.coders)
                }
                tx.touch(Topic.PROJECT)  # the views mark each coder's codings: the newcomers' too
        return self._made(self.plan.coders, made)

    def _attributes(self) -> dict[int, int]:
        rows = {a.id: a for a in self.x.attributes}
        made = {}
        for m in self.plan.new(self.plan.attributes):
            row = rows[m.their_id]
            choices = [c for c in row.choices.split("\n") if c]
            made[m.their_id] = self.p.cases.define_attribute(
                row.name, AttributeType(row.type), choices, guid=row.guid
            ).id
            if row.formula:
                set_formula(self.p, made[m.their_id], row.formula)
        return self._made(self.plan.attributes, made)

    def _cases(self) -> dict[int, int]:
        rows = {c.id: c for c in self.x.cases}
        made = {}
        for m in self.plan.new(self.plan.cases):
            row = rows[m.their_id]
            made[m.their_id] = self.p.cases.create(row.name, row.description, guid=row.guid).id
        return self._made(self.plan.cases, made)

    def _documents(self) -> dict[int, int]:
        guids = {d.id: d.guid for d in self.x.documents}
        made = {}
        for m in self.plan.new(self.plan.documents):
            made[m.their_id] = self._document(m, guids[m.their_id])
        return self._made(self.plan.documents, made)

    def _document(self, m: Matched, guid: str) -> int:
        docs = self.copy.documents
        info = docs.get(m.their_id)
        cases = self.ids["case"]
        speakers = tuple((s.label, cases[s.case_id]) for s in docs.speakers(m.their_id) if s.case_id is not None)
        new = NewDocument(
            m.name_here,
            docs.text(m.their_id),
            DocumentKind(info.kind),
            paragraphs=tuple(docs.paragraphs(m.their_id)),
            turns=tuple(NewTurn(t.speaker, t.start, t.end, t.timestamp_ms) for t in docs.turns(m.their_id)),
            source=docs.source(m.their_id),
            interview_date=info.interview_date,
            speaker_cases=speakers,
        )
        return self.p.documents.add(new, guid=guid, imported_at=info.imported_at).id

    def _codes(self) -> dict[int, int]:
        rows = {c.id: c for c in self.x.codes}
        placed: dict[int, int] = {}
        for m in self.plan.codes:
            if m.mine is not None:
                placed[m.their_id] = m.mine
                continue
            row = rows[m.their_id]
            parent = None if row.parent_id is None else placed[row.parent_id]
            made = self.p.codes.create(
                m.name_here, parent, colour=row.colour, is_codable=row.codable, definition=row.definition,
                allow_similar=True, guid=row.guid,
            )  # fmt: skip
            if row.inclusion or row.exclusion or row.example:
                self.p.codes.set_details(made.id, inclusion=row.inclusion, exclusion=row.exclusion, example=row.example)
            placed[m.their_id] = made.id
        return placed

    # --- what points at them -------------------------------------------------------------------------------

    def _codings(self) -> int:
        documents, codes, coders = self.ids["document"], self.ids["code"], self.ids["coder"]
        rows: list[dict[str, object]] = []
        touched: tuple[set[int], set[int]] = (set(), set())
        for c in self.plan.codings:
            code = codes[c.code_id]
            touched[0].add(documents[c.document_id])
            touched[1].add(code)
            rows.append(
                {
                    "guid": c.guid, "document_id": documents[c.document_id], "code_id": code, "start": c.start,
                    "end": c.end, "coder_id": None if c.coder_id is None else coders[c.coder_id],
                    "created_at": datetime.fromisoformat(c.created_at), "memo": c.memo,
                }
            )  # fmt: skip
        if not rows:
            return 0
        with self.p.store.write(f"merge the codings of {self.plan.copy_name}") as tx:
            last = tx.insert_rows(Coding, rows, skip_repeats=True)
            added = len(tx.session.scalars(select(Coding.id).where(Coding.id > last)).all())
            tx.detail = f"{added} codings"
            tx.touch(Topic.CODINGS, documents=touched[0], codes=touched[1])
        return added

    def _memos(self) -> int:
        documents, codes, cases, coders = (self.ids[k] for k in ("document", "code", "case", "coder"))

        def here(t: MemoTarget) -> MemoTarget:
            return MemoTarget(
                None if t.document_id is None else documents[t.document_id],
                None if t.code_id is None else codes[t.code_id],
                None if t.case_id is None else cases[t.case_id],
            )

        memos = [
            replace(m, target=here(m.target), author_id=None if m.author_id is None else coders[m.author_id])
            for m in self.plan.memos
        ]
        return self.p.memos.add_imported(memos) if memos else 0

    def _values(self) -> int:
        types = {a.id: AttributeType(a.type) for a in self.x.attributes}
        cases, attributes = self.ids["case"], self.ids["attribute"]
        values = [(cases[c], attributes[a], read_form(types[a], *self.x.values[(c, a)])) for c, a in self.plan.values]
        return self.p.cases.set_values(values) if values else 0

    def _links(self) -> None:
        documents, cases = self.ids["document"], self.ids["case"]
        if self.plan.links:
            self.p.documents.add_cases([(documents[d], cases[c]) for d, c in self.plan.links])

    def _nodes(self) -> dict[int, int]:
        """The copy's framework nodes as this project's."""
        here = {key: node for node, key in node_keys(self.p).items()}
        return {node: here[key] for node, key in self.x.nodes.items() if key in here}

    def _mappings(self) -> int:
        nodes, codes = self._nodes(), self.ids["code"]
        pairs = [(codes[c], nodes[n]) for c, n in self.plan.mappings]
        if pairs:
            self.p.frameworks.map_many(pairs, action=f"merge the mappings of {self.plan.copy_name}")
        return len(pairs)

    def _units(self) -> dict[int, int]:
        """The copy's rating units as this project's (by label), made here when new."""
        here = {u.label: u.id for u in self.p.frameworks.rating_units()}
        cases, attributes = self.ids["case"], self.ids["attribute"]
        units = {}
        for u in self.x.units:
            if u.label not in here:
                here[u.label] = self.p.frameworks.add_rating_unit(
                    u.label,
                    case_id=None if u.case_id is None else cases[u.case_id],
                    attribute_id=None if u.attribute_id is None else attributes[u.attribute_id],
                    attribute_value=u.attribute_value,
                ).id
            units[u.id] = here[u.label]
        return units

    def _ratings(self) -> int:
        plan = self.plan
        if not (plan.ratings or plan.rater_ratings or plan.summaries or self._taken("rating", "rater", "summary")):
            return 0
        self.units, self.nodes = self._units(), self._nodes()
        self._summaries()
        for unit, node in self.plan.ratings:
            self._rate(unit, node)
        for unit, node, coder in self.plan.rater_ratings:
            value, rationale = self.x.rater_ratings[(unit, node, coder)]
            self.p.frameworks.set_rater_rating(
                self.units[unit], self.nodes[node], value, rationale, coder_id=self.ids["coder"][coder]
            )
        return len(plan.ratings) + len(plan.rater_ratings) + len(plan.summaries)

    def _summaries(self) -> None:
        for unit, node in self.plan.summaries:
            self.p.frameworks.set_summary(self.units[unit], self.nodes[node], self.x.summaries[(unit, node)])

    def _relations(self) -> None:
        if not self.plan.relations:
            return
        types = {t.name: t.id for t in self.p.relations.types()}
        codes = self.ids["code"]
        wanted = set(self.plan.relations)
        for relation in (r for r in self.x.relations if r.guid in wanted):
            if relation.type not in types:
                types[relation.type] = self.p.relations.add_type(relation.type, directed=relation.directed).id
            self.p.relations.create(
                codes[relation.source_id], codes[relation.target_id], types[relation.type], relation.memo,
                guid=relation.guid,
            )  # fmt: skip

    def _sets(self) -> None:
        documents, codes = self.ids["document"], self.ids["code"]
        wanted = set(self.plan.sets)
        for group in (g for g in self.x.sets if g.guid in wanted):
            self.p.groups.create(
                group.name, description=group.description, document_ids=[documents[d] for d in group.document_ids],
                code_ids=[codes[c] for c in group.code_ids], guid=group.guid,
            )  # fmt: skip

    def _rate(self, unit: int, node: int) -> None:
        rating = self.x.ratings[(unit, node)]
        with self.p.store.read() as s:
            cited = list(s.scalars(select(Coding.id).where(Coding.guid.in_(rating.evidence))))
        self.p.frameworks.set_rating(
            self.units[unit], self.nodes[node], rating.value, rating.rationale, flag=rating.flag, evidence=cited
        )

    # --- conflicts settled the copy's way ------------------------------------------------------------------

    def _taken(self, *kinds: str) -> list[Conflict]:
        return [c for c in self.plan.conflicts if c.kind in kinds and c.key in self.theirs]

    def _conflicts(self) -> int:
        taken = self._taken(*_SETTLED)
        for conflict in taken:
            try:
                self._settle(conflict)
            except (ConflictError, ValidationError) as refusal:  # its own savepoint: the rest of the merge stands
                self.notes.append(f"{conflict.what} ({conflict.where}) kept as it is here: {refusal}")
        return len(taken)

    def _settle(self, conflict: Conflict) -> None:
        ref, kind = conflict.ref, conflict.kind
        if kind.startswith("code-"):
            self._code(kind, ref[0])
        elif kind == "document-name":
            their_id = next(d.id for d in self.x.documents if d.guid == ref[0])
            self.p.documents.rename(self.ids["document"][their_id], conflict.theirs)
        elif kind in ("case-name", "case-description"):
            self._case(kind, ref[0])
        elif kind == "attribute-name":
            their_id = next(a.id for a in self.x.attributes if a.guid == ref[0])
            rename_attribute(self.p, self.ids["attribute"][their_id], conflict.theirs)
        elif kind == "coding":
            self._coding(ref[0])
        elif kind == "coding-deleted":
            with self.p.store.read() as s:
                gone = s.scalar(select(Coding.id).where(Coding.guid == ref[0]))
            if gone is not None:
                self.p.codings.remove(gone)
        elif kind == "memo":
            memo = next(m for m in self.x.memos if m.guid == ref[0])
            here = next(m for m in self.p.memos.all() if m.guid == ref[0])
            self.p.memos.update(here.id, title=memo.title, body=memo.body)
        elif kind == "value":
            self._value(ref)
        elif kind == "rating":
            unit, node = self._cell(ref)
            self._rate(unit, node)
        elif kind == "summary":
            unit, node = self._cell(ref)
            self.p.frameworks.set_summary(self.units[unit], self.nodes[node], self.x.summaries[(unit, node)])
        else:
            unit, node = self._cell(ref)
            coder = next(c.id for c in self.x.coders if c.guid == ref[2])
            value, rationale = self.x.rater_ratings[(unit, node, coder)]
            self.p.frameworks.set_rater_rating(
                self.units[unit], self.nodes[node], value, rationale, coder_id=self.ids["coder"][coder]
            )

    def _code(self, kind: str, guid: str) -> None:
        row = next(c for c in self.x.codes if c.guid == guid)
        mine = self.ids["code"][row.id]
        if kind == "code-name":
            self.p.codes.rename(mine, row.name)
        elif kind == "code-parent":
            self.p.codes.move(mine, None if row.parent_id is None else self.ids["code"][row.parent_id])
        elif kind == "code-colour":
            self.p.codes.recolour(mine, row.colour)
        else:
            self.p.codes.set_details(
                mine, definition=row.definition, inclusion=row.inclusion, exclusion=row.exclusion, example=row.example
            )

    def _case(self, kind: str, guid: str) -> None:
        row = next(c for c in self.x.cases if c.guid == guid)
        mine = self.ids["case"][row.id]
        if kind == "case-name":
            self.p.cases.rename(mine, row.name)
            return
        with self.p.store.write("take the copy's case description") as tx:
            tx.session.execute(update(Case).where(Case.id == mine).values(description=row.description))
            tx.touch(Topic.CASES)

    def _cell(self, ref: tuple[str, ...]) -> tuple[int, int]:
        unit = next(u.id for u in self.x.units if u.label == ref[0])
        node = next(n for n, key in self.x.nodes.items() if key == ref[1])
        return unit, node

    def _coding(self, guid: str) -> None:
        theirs = next(c for c in self.x.codings if c.guid == guid)
        document = self.ids["document"][theirs.document_id]
        coder = None if theirs.coder_id is None else self.ids["coder"][theirs.coder_id]
        with self.p.store.read() as s:
            mine = s.scalar(
                select(Coding.id).where(Coding.guid == guid, Coding.document_id == document, Coding.coder_id == coder)
            )
        if mine is None:
            return
        code = self.ids["code"][theirs.code_id]
        if self.p.codings.get(mine).code_id != code:
            self.p.codings.set_code(mine, code)
        self.p.codings.set_bounds(mine, theirs.start, theirs.end)
        self.p.codings.set_memo(mine, theirs.memo)

    def _value(self, ref: tuple[str, ...]) -> None:
        case = next(c.id for c in self.x.cases if c.guid == ref[0])
        attribute = next(a for a in self.x.attributes if a.guid == ref[1])
        stored = self.x.values.get((case, attribute.id))  # None: the copy cleared it
        value = None if stored is None else read_form(AttributeType(attribute.type), *stored)
        self.p.cases.set_values([(self.ids["case"][case], self.ids["attribute"][attribute.id], value)])
