"""The round-trip cases' registry: each feature's module registers a set-up per edit with `@case`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.model.project import Project
from tests.unit.history_projects import Finder


@dataclass(frozen=True)
class Step:
    """An edit to make (after the set-up) and what must be true of its result and the project once it is made."""

    do: Callable[[], object]
    check: Callable[[Any], None]  # given what the edit returned


Setup = Callable[[Project, Finder, Path], Step]
CASES: dict[str, Setup] = {}
# The `Edits` methods each case calls, to prove that every one the desktop offers has a case.
CALLS: dict[str, tuple[str, ...]] = {}


def case(*calls: str) -> Callable[[Setup], Setup]:
    def register(setup: Setup) -> Setup:
        CASES[setup.__name__] = setup
        CALLS[setup.__name__] = calls
        return setup

    return register


def equal(actual: object, expected: object) -> None:
    assert actual == expected
