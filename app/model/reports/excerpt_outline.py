"""How a report of excerpts is organised: sections by code tree or by framework, optionally split by an attribute.

The outline is plain data, so the Word writer only lays it out, and tests can check the grouping without Word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum

from app.model.analysis.matrices import NO_VALUE
from app.model.cases.attribute_values import sort_key, sorted_values
from app.model.core.text import plural
from app.model.reports.excerpts import Excerpt, Excerpts


class Grouping(Enum):
    TREE = "tree"  # headings follow the code tree
    FRAMEWORK = "cfir"  # domain > construct > code


class Order(Enum):
    DOCUMENT = "document"  # document by document, in the order of the text
    CASE = "case"
    ATTRIBUTE = "attribute"  # by the value of `OutlineOptions.order_attribute`


@dataclass(frozen=True)
class OutlineOptions:
    grouping: Grouping = Grouping.TREE
    split_by: int | None = None  # an attribute whose values split each code's excerpts (Role, Site)
    order: Order = Order.DOCUMENT
    order_attribute: int | None = None
    include_unmapped: bool = True  # framework grouping: a last section for codes that reach no construct


@dataclass
class Counts:
    excerpts: int
    documents: int
    cases: int

    def describe(self) -> str:
        return (
            f"{plural(self.excerpts, 'excerpt')} from {plural(self.documents, 'document')}, "
            f"{plural(self.cases, 'case')}"
        )


@dataclass
class Section:
    kind: str  # "domain", "construct", "subconstruct", "code", "value", "unmapped"
    title: str
    description: str = ""  # a code's definition, a construct's gist
    note: str = ""  # e.g. a construct's official name where the study renamed it
    excerpts: list[Excerpt] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    counts: Counts = field(default_factory=lambda: Counts(0, 0, 0))

    def walk(self, depth: int = 0) -> Iterable[tuple[int, Section]]:
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)


def outline(excerpts: Excerpts, options: OutlineOptions) -> list[Section]:
    """The report's top-level sections, each with its sub-sections, counts, and excerpts in the chosen order."""
    by_code: dict[int, list[Excerpt]] = {}
    for excerpt in excerpts.items:
        by_code.setdefault(excerpt.code_id, []).append(excerpt)
    key = _sort_key(excerpts, options)
    for found in by_code.values():
        found.sort(key=key)
    if options.grouping is Grouping.FRAMEWORK and excerpts.framework is not None:
        sections = _by_framework(excerpts, by_code, options)
    else:
        sections = _by_tree(excerpts, by_code, roots=[c for c in excerpts.tree_order if excerpts.codes[c].depth == 0])
    sections = [s for s in sections if _count(s)]
    if options.split_by is not None:
        for section in sections:
            _split(section, excerpts, options.split_by)
    return sections


def _by_tree(excerpts: Excerpts, by_code: dict[int, list[Excerpt]], roots: list[int]) -> list[Section]:
    sections = []
    for code_id in roots:
        node = excerpts.codes[code_id]
        section = Section("code", node.code.name, node.code.definition, excerpts=list(by_code.get(code_id, [])))
        section.children = _by_tree(excerpts, by_code, list(node.child_ids))
        sections.append(section)
    return sections


def _by_framework(excerpts: Excerpts, by_code: dict[int, list[Excerpt]], options: OutlineOptions) -> list[Section]:
    framework = excerpts.framework
    assert framework is not None
    made: dict[int, Section] = {}
    roots: list[Section] = []
    for node in excerpts.framework_nodes:
        note = f"Adapted from {' '.join(p for p in (node.official_id, node.name) if p)}" if node.study_name else ""
        section = Section(node.level, node.label, node.definition or node.gist, note)
        codes = framework.codes_at(node.id, with_subconstructs=False) & set(by_code)
        section.children = [_code_section(excerpts, c, by_code[c]) for c in excerpts.tree_order if c in codes]
        made[node.id] = section
        parent = made.get(node.parent_id) if node.parent_id is not None else None
        # A construct's own codes come before its subconstructs.
        (parent.children if parent is not None else roots).append(section)
    if options.include_unmapped:
        unmapped = [c for c in excerpts.tree_order if c in by_code and not framework.mappings(c)]
        if unmapped:
            roots.append(
                Section(
                    "unmapped",
                    "Codes not mapped to the framework",
                    children=[_code_section(excerpts, c, by_code[c]) for c in unmapped],
                )
            )
    return roots


def _code_section(excerpts: Excerpts, code_id: int, found: list[Excerpt]) -> Section:
    """A code under a construct, named by its whole path so that sub-codes of a mapped category read clearly."""
    node = excerpts.codes[code_id]
    return Section("code", " › ".join(node.path), node.code.definition, excerpts=list(found))


def _count(section: Section) -> int:
    """Fill in the section's counts (its excerpts and everything below it, each coding once); drop empty children."""
    section.children = [child for child in section.children if _count(child)]
    codings: set[int] = set()
    documents: set[int] = set()
    cases: set[int] = set()
    for _, part in section.walk():
        for excerpt in part.excerpts:
            codings.add(excerpt.coding_id)
            documents.add(excerpt.document_id)
            cases.update(excerpt.case_ids)
    section.counts = Counts(len(codings), len(documents), len(cases))
    return len(codings)


def _split(section: Section, excerpts: Excerpts, attribute_id: int) -> None:
    """Replace each section's own excerpts by one sub-section per value of the attribute."""
    for child in section.children:
        _split(child, excerpts, attribute_id)
    if not section.excerpts:
        return
    attribute = next(a for a in excerpts.attributes if a.id == attribute_id)
    groups: dict[str, list[Excerpt]] = {}
    for excerpt in section.excerpts:
        for value in _values(excerpts, excerpt, attribute_id):
            groups.setdefault(value, []).append(excerpt)
    ordered = sorted_values(groups, attribute)
    split = [Section("value", f"{attribute.name}: {value}", excerpts=groups[value]) for value in ordered]
    for part in split:
        _count(part)
    section.excerpts = []
    section.children = split + section.children


def _values(excerpts: Excerpts, excerpt: Excerpt, attribute_id: int) -> list[str]:
    found = {excerpts.case_values.get((c, attribute_id), NO_VALUE) for c in excerpt.case_ids}
    return sorted_values(found) or [NO_VALUE]


def _sort_key(excerpts: Excerpts, options: OutlineOptions) -> Callable[[Excerpt], tuple[object, ...]]:
    order = excerpts.document_order

    def in_text(e: Excerpt) -> tuple[object, ...]:
        return (order[e.document_id], e.start, e.end)

    if options.order is Order.CASE:
        return lambda e: (excerpts.cases(e).casefold() or "\uffff", *in_text(e))
    if options.order is Order.ATTRIBUTE and options.order_attribute is not None:
        attribute = next(a for a in excerpts.attributes if a.id == options.order_attribute)
        return lambda e: (sort_key(excerpts.value(e, attribute.id), attribute.type, attribute.choices), *in_text(e))
    return in_text
