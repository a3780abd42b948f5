"""Every object in a REFI-QDA file is referred to by its GUID, so a GUID given to two objects of one kind makes
every reference to it ambiguous. Such a file is refused, naming the kind, the GUID and both objects: giving one of
them a fresh GUID would silently attach the other's codings, cases or notes to whichever came first."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from app.model.documents.readers.base import ReadError
from app.model.exchange.vocabulary import guid

if TYPE_CHECKING:
    from app.model.exchange.refi_reader import Code, Exchange


def check_unique(kind: str, objects: Iterable[tuple[str | None, str]], name: str) -> None:
    """Refuse the file `name` if two of `objects` (GUID, name) share a GUID (GUIDs compared as Axial keeps them)."""
    seen: dict[str, str] = {}
    for raw, label in objects:
        key = guid(raw) or (raw or "").strip().lower()
        if not key:
            continue
        if key in seen:
            raise ReadError(
                name,
                f"gives two {kind}s the same GUID {key} ({seen[key]!r} and {label!r}), so what refers to it is "
                "ambiguous; refused (export it again from the tool that made it, or correct the file)",
            )
        seen[key] = label


def check_exchange(exchange: Exchange, name: str) -> None:
    """Refuse the file if any kind of object in it (users are checked as they are read) repeats a GUID."""
    check_unique("code", ((c.guid, c.name) for c in _codes(exchange.codes)), name)
    check_unique("variable", ((v.guid, v.name) for v in exchange.variables), name)
    check_unique("case", ((c.guid, c.name) for c in exchange.cases), name)
    check_unique("source", ((s.guid, s.name) for s in exchange.sources), name)
    selections = (
        (s.guid, f"{source.name} {s.start}-{s.end}") for source in exchange.sources for s in source.selections
    )
    check_unique("selection", selections, name)
    check_unique("note", ((n.guid, n.name) for n in exchange.notes), name)
    check_unique("link", ((link.guid, link.name) for link in exchange.links), name)
    check_unique("set", ((s.guid, s.name) for s in exchange.sets), name)


def _codes(codes: list[Code]) -> Iterator[Code]:
    for code in codes:
        yield code
        yield from _codes(code.children)
