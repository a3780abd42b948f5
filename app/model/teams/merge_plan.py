"""The plan of a merge, worked out before anything is written: what in a coder's copy matches this project, what
is new, what is refused and what conflicts. Pure: it compares two projects' contents (`contents.py`) and returns
a frozen plan that the preview shows and `merge_apply` follows.

Documents match by GUID and the hash of their text: a document whose text differs is refused (its codings are not
merged, never re-anchored); one only in the copy is new. Codes match by GUID, then by their path of names (the
plan says which). Coders match by GUID only: two people of the same name stay two, the newcomer named apart.
Wherever both sides hold a different value for the same thing (a code's name, place in the tree, colour or
definition, a document's name, a case's name or description, an attribute's name or value, a memo, a rating, a
coding's extent), the plan lists a conflict; the default is to keep this project's. Nothing that differs is left
unsaid: with no common ancestor to compare, the plan cannot tell which side changed it, so the user chooses."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from enum import Enum

from app.model.codes.code_names import name_key
from app.model.core.dto import MemoInfo
from app.model.core.text import free_name, plural
from app.model.teams import plan_extras
from app.model.teams.contents import CodeRow, CodingRow, Contents


class Match(Enum):
    SAME = "matched"
    BY_CONTENT = "matched by its text"  # a document of another GUID with the very same text
    BY_PATH = "matched by name path"  # a code of another GUID with the same path of names
    BY_NAME = "matched by name"  # a case or attribute of another GUID with the same name
    NEW = "new"
    REFUSED = "refused"  # a document whose text differs: its codings are not merged
    NAMED_APART = "new, named apart"  # another person with a name this project already has


@dataclass(frozen=True)
class Matched:
    """One document, code or coder of the copy and what it is here (`mine` None when it is new)."""

    their_id: int
    name: str  # a document's or coder's name, a code's path
    match: Match
    mine: int | None
    note: str = ""
    name_here: str = ""  # the name it takes here when new


COPY, HERE, BOTH = "the copy", "this project", "both"


@dataclass(frozen=True)
class Conflict:
    """Both sides hold a different value for one thing: keep mine (the default) or take theirs."""

    kind: str  # code-name, code-parent, code-colour, code-details, document-name, case-name, case-description,
    # attribute-name, coding, coding-deleted, memo, value, rating, rater, summary
    ref: tuple[str, ...]  # GUIDs and names that find the thing on both sides
    what: str  # "Code name", "Attribute value", …
    where: str  # which code, case, memo…
    mine: str
    theirs: str
    changed_in: str = ""  # "the copy", "this project" or "both" since the hand-out ("" when not known)

    @property
    def key(self) -> str:
        """Stable across plans of the same two files: what a choice of "take theirs" names."""
        return ":".join((self.kind, *self.ref))


@dataclass(frozen=True)
class MergePlan:
    copy_name: str
    documents: tuple[Matched, ...]
    codes: tuple[Matched, ...]
    coders: tuple[Matched, ...]
    codings: tuple[CodingRow, ...]  # the copy's codings to add (its own ids), every one new here
    codings_there: int  # the copy's codings this project already has
    codings_refused: int  # on documents whose text differs
    memos: tuple[MemoInfo, ...]  # the copy's memos to add
    cases: tuple[Matched, ...]
    attributes: tuple[Matched, ...]
    values: tuple[tuple[int, int], ...]  # the copy's (case, attribute) values to add
    links: tuple[tuple[int, int], ...]  # the copy's (document, case) links to add
    mappings: tuple[tuple[int, int], ...]  # the copy's (code, node) mappings to add
    ratings: tuple[tuple[int, int], ...]  # the copy's (unit, node) ratings to add
    rater_ratings: tuple[tuple[int, int, int], ...]  # the copy's (unit, node, coder) ratings to add
    summaries: tuple[tuple[int, int], ...]  # the copy's (unit, node) cell summaries to add
    relations: tuple[str, ...]  # the GUIDs of the copy's code relations to add
    sets: tuple[str, ...]  # the GUIDs of the copy's sets to add
    conflicts: tuple[Conflict, ...]
    notes: tuple[str, ...]  # what is left out, and why
    theirs: Contents = field(repr=False, compare=False)

    def new(self, matches: tuple[Matched, ...]) -> list[Matched]:
        return [m for m in matches if m.match in (Match.NEW, Match.NAMED_APART)]

    def others(self) -> list[str]:
        """What else the merge adds, in words: "2 memos", "1 case", "0 sets"…"""
        summaries = len(self.summaries)
        return [
            plural(len(self.memos), "memo"), plural(len(self.new(self.cases)), "case"),
            plural(len(self.values), "attribute value"), plural(len(self.links), "document-case link"),
            plural(len(self.mappings), "mapping"), plural(len(self.ratings) + len(self.rater_ratings), "rating"),
            f"{summaries:,} cell summar{'y' if summaries == 1 else 'ies'}", plural(len(self.relations), "relation"),
            plural(len(self.sets), "set"),
        ]  # fmt: skip

    def copys_changes(self) -> set[str]:
        """The conflicts changed in the copy alone since it was handed out: the copy's way is the one to take."""
        return {c.key for c in self.conflicts if c.changed_in == COPY}

    def changes_nothing(self, theirs: Collection[str] = ()) -> bool:
        """Whether merging (taking theirs for the conflict keys in `theirs`) would change nothing here."""
        additions = (
            self.new(self.documents), self.new(self.codes), self.new(self.coders), self.codings, self.memos,
            self.new(self.cases), self.new(self.attributes), self.values, self.links, self.mappings, self.ratings,
            self.rater_ratings, self.summaries, self.relations, self.sets,
        )  # fmt: skip
        return not any(additions) and not any(c.key in theirs for c in self.conflicts)


def target(matched: Matched) -> int:
    """What a row of the copy is here: this project's id, or minus the copy's id while it is still to be made
    (the copy's ids are positive, so the two never meet)."""
    return matched.mine if matched.mine is not None else -matched.their_id


def plan_merge(
    mine: Contents, theirs: Contents, copy_name: str, recipient: str | None = None, removed: Collection[str] = ()
) -> MergePlan:
    """`recipient`: the coder the copy was handed out to (`handout.handed_out_to`), whose codings missing there it
    reports as removed; `removed`: the GUIDs of the codings the copy's history says were removed there."""
    return _Planner(mine, theirs, copy_name, recipient, removed).plan()


class _Planner:
    def __init__(
        self, mine: Contents, theirs: Contents, copy_name: str, recipient: str | None, removed: Collection[str]
    ) -> None:
        self.mine, self.theirs, self.copy_name = mine, theirs, copy_name
        self.recipient, self.removed = recipient, removed
        self.my_paths, self.their_paths = mine.code_paths(), theirs.code_paths()
        self.conflicts: list[Conflict] = []
        self.notes: list[str] = []

    def plan(self) -> MergePlan:
        coders = self._coders()
        documents = self._documents()
        codes = self._codes()
        cases = self._cases()
        attributes = self._attributes()
        ids = {
            kind: {m.their_id: target(m) for m in matches}
            for kind, matches in (
                ("coder", coders), ("document", documents), ("code", codes), ("case", cases),
                ("attribute", attributes),
            )
        }  # fmt: skip
        refused = {m.their_id for m in documents if m.match is Match.REFUSED}
        codings, there, refused_codings = self._codings(ids, refused)
        held = {their: here for their, here in ids["document"].items() if their not in refused and here > 0}
        for gone in plan_extras.deleted_codings(
            self.mine, self.theirs, self.recipient, self.removed, ids["coder"], held
        ):
            self.conflicts.append(
                Conflict("coding-deleted", (gone.guid,), "Coding deleted in the copy", gone.where, gone.coding, "—")
            )
        memos, values, links, mappings = self._memos(ids), self._values(ids), self._links(ids), self._mappings(ids)
        ratings, raters = self._ratings(ids)
        relations, left_out = plan_extras.new_relations(self.mine, self.theirs, ids["code"])
        self.notes += left_out
        summaries, differing = plan_extras.summaries(self.mine, self.theirs)
        for d in differing:
            self.conflicts.append(Conflict("summary", d.cell, "Cell summary", " · ".join(d.cell), d.mine, d.theirs))
        return MergePlan(
            self.copy_name, tuple(documents), tuple(codes), tuple(coders), tuple(codings), there, refused_codings,
            tuple(memos), tuple(cases), tuple(attributes), tuple(values), tuple(links), tuple(mappings), ratings,
            raters, tuple(summaries), tuple(relations), tuple(plan_extras.new_sets(self.mine, self.theirs)),
            tuple(self.conflicts), tuple(self.notes), self.theirs,
        )  # fmt: skip

    # --- who, what was coded, and with what ------------------------------------------------------------------

    def _coders(self) -> list[Matched]:
        by_guid = {c.guid: c for c in self.mine.coders}
        names = {c.name for c in self.mine.coders}
        matches = []
        for coder in self.theirs.coders:
            here = by_guid.get(coder.guid)
            if here is not None:
                note = f"known here as {here.name}" if here.name != coder.name else ""
                matches.append(Matched(coder.id, coder.name, Match.SAME, here.id, note))
            elif coder.name in names:
                apart = free_name(f"{coder.name} (from {self.copy_name})", names)
                names.add(apart)
                note = f"another person than this project's {coder.name}: added as {apart}"
                matches.append(Matched(coder.id, coder.name, Match.NAMED_APART, None, note, apart))
            else:
                names.add(coder.name)
                matches.append(Matched(coder.id, coder.name, Match.NEW, None, name_here=coder.name))
        return matches

    def _documents(self) -> list[Matched]:
        by_guid = {d.guid: d for d in self.mine.documents}
        by_text = {d.sha256: d for d in reversed(self.mine.documents)}
        names = {d.name for d in self.mine.documents}
        claimed: set[int] = set()
        matches = []
        for document in self.theirs.documents:
            here = by_guid.get(document.guid)
            if here is not None and here.name != document.name:
                self.conflicts.append(
                    Conflict("document-name", (document.guid,), "Document name", here.name, here.name, document.name)
                )
            if here is not None and here.sha256 != document.sha256:
                why = "its text differs here; its codings are not merged"
                matches.append(Matched(document.id, document.name, Match.REFUSED, here.id, why))
            elif here is not None:
                matches.append(Matched(document.id, document.name, Match.SAME, here.id))
            elif (same := by_text.get(document.sha256)) is not None and same.id not in claimed:
                claimed.add(same.id)
                note = f"the same text as {same.name} here" if same.name != document.name else ""
                matches.append(Matched(document.id, document.name, Match.BY_CONTENT, same.id, note))
            else:
                name = free_name(document.name, names)
                names.add(name)
                note = f"added as {name} (a document here has its name)" if name != document.name else ""
                matches.append(Matched(document.id, document.name, Match.NEW, None, note, name))
            if here is not None:
                claimed.add(here.id)
        return matches

    def _codes(self) -> list[Matched]:
        mine = {c.id: c for c in self.mine.codes}
        by_guid = {c.guid: c for c in self.mine.codes}
        by_place = {(c.parent_id, name_key(c.name)): c.id for c in self.mine.codes}
        my_paths, their_paths = self.my_paths, self.their_paths
        placed: dict[int, int] = {}  # their id -> target
        claimed: set[int] = set()
        matches = []
        for code in self.theirs.codes:
            parent = placed.get(code.parent_id) if code.parent_id is not None else None
            path = their_paths[code.id]
            here = by_guid.get(code.guid)
            if here is not None:
                matched = Matched(code.id, path, Match.SAME, here.id)
                self._code_conflicts(here, code, parent)
            elif parent is None or parent > 0:
                found = by_place.get((parent, name_key(code.name)))
                if found is not None and found not in claimed:
                    note = "another GUID here" if my_paths[found] == path else f"as {my_paths[found]}, another GUID"
                    matched = Matched(code.id, path, Match.BY_PATH, found, note)
                    self._code_conflicts(mine[found], code, parent)
                else:
                    matched = self._new_code(code, path, parent, found is not None)
            else:
                matched = self._new_code(code, path, parent, False)
            if matched.mine is not None:
                claimed.add(matched.mine)
            placed[code.id] = target(matched)
            matches.append(matched)
        return matches

    def _new_code(self, code: CodeRow, path: str, parent: int | None, clash: bool) -> Matched:
        if not clash:
            return Matched(code.id, path, Match.NEW, None, name_here=code.name)
        apart = f"{code.name} (from {self.copy_name})"
        return Matched(code.id, path, Match.NEW, None, f"another code here has its name: added as {apart}", apart)

    def _code_conflicts(self, here: CodeRow, code: CodeRow, parent: int | None) -> None:
        """`parent` is where the copy's parent is here (minus the copy's id when that parent is new)."""
        my_paths, their_paths = self.my_paths, self.their_paths
        path = my_paths[here.id]
        if here.parent_id != parent:
            mine = "(top level)" if here.parent_id is None else f"under {my_paths[here.parent_id]}"
            theirs = "(top level)" if code.parent_id is None else f"under {their_paths[code.parent_id]}"
            self.conflicts.append(Conflict("code-parent", (code.guid,), "Code moved", path, mine, theirs))
        if here.colour.lower() != code.colour.lower():
            self.conflicts.append(Conflict("code-colour", (code.guid,), "Code colour", path, here.colour, code.colour))
        if here.name != code.name:
            self.conflicts.append(Conflict("code-name", (code.guid,), "Code name", path, here.name, code.name))
        details = ("definition", "inclusion", "exclusion", "example")
        if any(getattr(here, d) != getattr(code, d) for d in details):
            mine, theirs = (" / ".join(getattr(c, d) for d in details if getattr(c, d)) for c in (here, code))
            self.conflicts.append(Conflict("code-details", (code.guid,), "Code definition", path, mine, theirs))

    def _codings(self, ids: dict[str, dict[int, int]], refused: set[int]) -> tuple[list[CodingRow], int, int]:
        documents, codes, coders = ids["document"], ids["code"], ids["coder"]
        mine = {(c.document_id, c.code_id, c.start, c.end, c.coder_id) for c in self.mine.codings}
        by_guid = {c.guid: c for c in self.mine.codings}
        codable = {c.id: c.codable for c in self.mine.codes}
        new: list[CodingRow] = []
        there = refused_count = categories = 0
        for coding in self.theirs.codings:
            if coding.document_id in refused:
                refused_count += 1
                continue
            document, code = documents[coding.document_id], codes[coding.code_id]
            coder = None if coding.coder_id is None else coders[coding.coder_id]
            here = by_guid.get(coding.guid)
            if here is not None and (here.document_id, here.coder_id) == (document, coder):
                there += 1
                if (here.code_id, here.start, here.end, here.memo) != (code, coding.start, coding.end, coding.memo):
                    self._coding_conflict(here, coding)
            elif (document, code, coding.start, coding.end, coder) in mine:
                there += 1
            elif code > 0 and not codable[code]:
                categories += 1
            else:
                new.append(coding)
        if refused_count:
            self.notes.append(f"{plural(refused_count, 'coding')} on documents whose text differs: not merged")
        if categories:
            self.notes.append(f"{plural(categories, 'coding')} of codes that are categories here: not merged")
        return new, there, refused_count

    def _coding_conflict(self, here: CodingRow, theirs: CodingRow) -> None:
        """The same coding (its GUID, document and coder) with another code, extent or memo in the copy."""
        mine, copy = self.my_paths, self.their_paths

        def said(paths: dict[int, str], c: CodingRow, memo: bool) -> str:
            return f"{paths[c.code_id]} {c.start}–{c.end}" + (f" (memo: {c.memo})" if memo else "")

        memo = here.memo != theirs.memo
        where = f"{mine[here.code_id]} at {here.start}–{here.end}"
        self.conflicts.append(
            Conflict(
                "coding", (theirs.guid,), "Coding changed", where, said(mine, here, memo), said(copy, theirs, memo)
            )
        )

    def _memos(self, ids: dict[str, dict[int, int]]) -> list[MemoInfo]:
        by_guid = {m.guid: m for m in self.mine.memos}
        new = []
        for memo in self.theirs.memos:
            here = by_guid.get(memo.guid)
            if here is None:
                new.append(memo)
            elif (here.title, here.body) != (memo.title, memo.body):
                mine, theirs = f"{here.title}: {here.body}", f"{memo.title}: {memo.body}"
                self.conflicts.append(Conflict("memo", (memo.guid,), "Memo", here.title, mine, theirs))
        return new

    # --- cases, attributes, links --------------------------------------------------------------------------

    def _cases(self) -> list[Matched]:
        by_guid = {c.guid: c for c in self.mine.cases}
        by_name = {c.name: c for c in self.mine.cases}
        matches = []
        for case in self.theirs.cases:
            here = by_guid.get(case.guid)
            if here is not None:
                matches.append(Matched(case.id, case.name, Match.SAME, here.id))
                if here.name != case.name:
                    named = Conflict("case-name", (case.guid,), "Case name", here.name, here.name, case.name)
                    self.conflicts.append(named)
            elif case.name in by_name:
                here = by_name[case.name]
                matches.append(Matched(case.id, case.name, Match.BY_NAME, here.id))
            else:
                matches.append(Matched(case.id, case.name, Match.NEW, None, name_here=case.name))
            if here is not None and here.description != case.description:
                self.conflicts.append(
                    Conflict(
                        "case-description", (case.guid,), "Case description", here.name, here.description,
                        case.description,
                    )
                )  # fmt: skip
        return matches

    def _attributes(self) -> list[Matched]:
        mine = {a.id: a for a in self.mine.attributes}
        by_guid = {a.guid: a.id for a in self.mine.attributes}
        by_name = {a.name: a.id for a in self.mine.attributes}
        matches = []
        for attribute in self.theirs.attributes:
            found = by_guid.get(attribute.guid) or by_name.get(attribute.name)
            if found is None:
                matches.append(Matched(attribute.id, attribute.name, Match.NEW, None, name_here=attribute.name))
            elif mine[found].type != attribute.type:
                why = f"a {mine[found].type} here, a {attribute.type} in the copy: its values are not merged"
                self.notes.append(f"Attribute {attribute.name}: {why}")
                matches.append(Matched(attribute.id, attribute.name, Match.REFUSED, found, why))
            else:
                matches.append(Matched(attribute.id, attribute.name, Match.SAME, found))
            if found is not None and mine[found].name != attribute.name:
                self.conflicts.append(
                    Conflict(
                        "attribute-name", (attribute.guid,), "Attribute name", mine[found].name, mine[found].name,
                        attribute.name,
                    )
                )  # fmt: skip
        return matches

    def _values(self, ids: dict[str, dict[int, int]]) -> list[tuple[int, int]]:
        cases, attributes = ids["case"], ids["attribute"]
        refused = {a for a, t in attributes.items() if t > 0 and self._attribute_refused(a, t)}
        computed = {a.id for a in self.theirs.attributes if a.formula}
        case_names = {c.id: c.name for c in self.theirs.cases}
        attribute_names = {a.id: a.name for a in self.theirs.attributes}
        new = []
        # A value here that the copy cleared (or never had): theirs is empty.
        compared = sorted(
            {**dict.fromkeys(self._cleared(cases, attributes), (None, None)), **self.theirs.values}.items()
        )
        for (case_id, attribute_id), value in compared:
            if attribute_id in refused or attribute_id in computed:
                continue
            here = self.mine.values.get((cases[case_id], attributes[attribute_id]))
            if here is None:
                new.append((case_id, attribute_id))
            elif here != value:
                self.conflicts.append(
                    Conflict(
                        "value", (self._guid("case", case_id), self._guid("attribute", attribute_id)),
                        "Attribute value", f"{case_names[case_id]} · {attribute_names[attribute_id]}",
                        _shown(here), _shown(value),
                    )
                )  # fmt: skip
        return new

    def _cleared(self, cases: dict[int, int], attributes: dict[int, int]) -> list[tuple[int, int]]:
        """The (case, attribute) of the copy, both matched here, where this project holds a value and the copy none."""
        case_of = {here: theirs for theirs, here in cases.items() if here > 0}
        attribute_of = {here: theirs for theirs, here in attributes.items() if here > 0}
        return [
            (case_of[case], attribute_of[attribute])
            for case, attribute in self.mine.values
            if case in case_of
            and attribute in attribute_of
            and (case_of[case], attribute_of[attribute]) not in self.theirs.values
        ]

    def _attribute_refused(self, their_id: int, mine: int) -> bool:
        theirs = next(a for a in self.theirs.attributes if a.id == their_id)
        return next(a for a in self.mine.attributes if a.id == mine).type != theirs.type

    def _guid(self, kind: str, their_id: int) -> str:
        rows = self.theirs.cases if kind == "case" else self.theirs.attributes
        return next(r.guid for r in rows if r.id == their_id)

    def _links(self, ids: dict[str, dict[int, int]]) -> list[tuple[int, int]]:
        documents, cases = ids["document"], ids["case"]
        return sorted((d, c) for d, c in self.theirs.links if (documents[d], cases[c]) not in self.mine.links)

    # --- frameworks ----------------------------------------------------------------------------------------

    @property
    def _nodes_here(self) -> dict[str, int]:
        return {key: node for node, key in self.mine.nodes.items()}

    def _mappings(self, ids: dict[str, dict[int, int]]) -> list[tuple[int, int]]:
        nodes = self._nodes_here
        new, unknown = [], 0
        for code_id, node_id in sorted(self.theirs.mappings):
            node = nodes.get(self.theirs.nodes[node_id])
            if node is None:
                unknown += 1
            elif (ids["code"][code_id], node) not in self.mine.mappings:
                new.append((code_id, node_id))
        if unknown:
            self.notes.append(f"{plural(unknown, 'code mapping')} to constructs this project does not have: not merged")
        return new

    def _ratings(
        self, ids: dict[str, dict[int, int]]
    ) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int, int], ...]]:
        nodes = self._nodes_here
        units = {u.label: u.id for u in self.mine.units}
        their_units = {u.id: u.label for u in self.theirs.units}
        new: list[tuple[int, int]] = []
        for (unit_id, node_id), rating in sorted(self.theirs.ratings.items()):
            node = nodes.get(self.theirs.nodes[node_id])
            if node is None:
                continue
            unit = units.get(their_units[unit_id])
            here = None if unit is None else self.mine.ratings.get((unit, node))
            where = f"{their_units[unit_id]} · {self.theirs.nodes[node_id]}"
            if here is None:
                new.append((unit_id, node_id))
            elif (here.value, here.rationale, here.flag) != (rating.value, rating.rationale, rating.flag):
                self.conflicts.append(
                    Conflict(
                        "rating", (their_units[unit_id], self.theirs.nodes[node_id]), "Rating", where,
                        _rated(here.value, here.rationale), _rated(rating.value, rating.rationale),
                    )
                )  # fmt: skip
        raters: list[tuple[int, int, int]] = []
        coders = {c.id: c for c in self.theirs.coders}
        for (unit_id, node_id, coder_id), (value, rationale) in sorted(self.theirs.rater_ratings.items()):
            node = nodes.get(self.theirs.nodes[node_id])
            unit = units.get(their_units[unit_id])
            if node is None:
                continue
            there = None if unit is None else self.mine.rater_ratings.get((unit, node, ids["coder"][coder_id]))
            if there is None:
                raters.append((unit_id, node_id, coder_id))
            elif there != (value, rationale):
                self.conflicts.append(
                    Conflict(
                        "rater", (their_units[unit_id], self.theirs.nodes[node_id], coders[coder_id].guid),
                        "Rater's rating", f"{coders[coder_id].name}: {their_units[unit_id]} · "
                        f"{self.theirs.nodes[node_id]}", _rated(*there), _rated(value, rationale),
                    )
                )  # fmt: skip
        return tuple(new), tuple(raters)


def _shown(value: tuple[str | None, float | None]) -> str:
    text, number = value
    return text if text is not None else ("(none)" if number is None else f"{number:g}")


def _rated(value: str, rationale: str) -> str:
    return f"{value} ({rationale})" if rationale else value
