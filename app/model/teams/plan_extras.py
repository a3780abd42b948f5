"""The smaller parts of a merge plan: the copy's code relations and sets new here (by GUID), the framework
matrix's cell summaries, new here or written otherwise (a conflict), and the codings its coder deleted there.
Cells are found on both sides by the rating unit's label and the construct's key (`contents.node_keys`)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from app.model.teams.contents import Contents


@dataclass(frozen=True)
class Differing:
    """A cell summary both sides wrote, differently."""

    cell: tuple[str, str]  # (unit label, construct key)
    mine: str
    theirs: str


def new_relations(mine: Contents, theirs: Contents, codes: dict[int, int]) -> tuple[list[str], list[str]]:
    """The GUIDs of the copy's relations to add, and a note for each left out (its two codes are one here)."""
    there = {r.guid for r in mine.relations}
    same = {(r.source_id, r.target_id, r.type) for r in mine.relations}  # made on both sides, each its own GUID
    new, notes = [], []
    paths = theirs.code_paths()
    for relation in theirs.relations:
        if relation.guid in there or (codes[relation.source_id], codes[relation.target_id], relation.type) in same:
            continue
        if codes[relation.source_id] == codes[relation.target_id]:
            notes.append(
                f"The relation of {paths[relation.source_id]} and {paths[relation.target_id]}: one code here, "
                "not merged"
            )
            continue
        new.append(relation.guid)
    return new, notes


def new_sets(mine: Contents, theirs: Contents) -> list[str]:
    there = {s.guid for s in mine.sets}
    return [s.guid for s in theirs.sets if s.guid not in there]


def summaries(mine: Contents, theirs: Contents) -> tuple[list[tuple[int, int]], list[Differing]]:
    """The copy's cell summaries (unit, node: its own ids) to add, and those written otherwise here."""
    here = {_cell(mine, unit, node): text for (unit, node), text in mine.summaries.items()}
    new, differing = [], []
    for (unit, node), text in sorted(theirs.summaries.items()):
        cell = _cell(theirs, unit, node)
        if cell not in here:
            new.append((unit, node))
        elif here[cell] != text:
            differing.append(Differing(cell, here[cell], text))
    return new, differing


def _cell(contents: Contents, unit: int, node: int) -> tuple[str, str]:
    return next(u.label for u in contents.units if u.id == unit), contents.nodes[node]


@dataclass(frozen=True)
class Deleted:
    """A coding here, on a document the copy holds, that the copy lacks because its coder removed it there."""

    guid: str
    where: str  # its document
    coding: str  # its code path and extent


def deleted_codings(
    mine: Contents,
    theirs: Contents,
    recipient: str | None,
    removed: Collection[str],
    coders: dict[int, int],
    documents: dict[int, int],
) -> list[Deleted]:
    """Those of the coder the copy was handed out to (`recipient`), and any its history says it removed (`removed`,
    GUIDs). `coders` and `documents`: the copy's ids as this project's (matched ones only)."""
    coder = next((coders.get(c.id) for c in theirs.coders if c.name == recipient), None)
    held = {c.guid for c in theirs.codings}
    shown = set(documents.values())
    names = {d.id: d.name for d in mine.documents}
    paths = mine.code_paths()
    return [
        Deleted(c.guid, names[c.document_id], f"{paths[c.code_id]} {c.start}–{c.end}")
        for c in mine.codings
        if (c.guid in removed or (coder is not None and coder > 0 and c.coder_id == coder))
        and c.document_id in shown
        and c.guid not in held
    ]
