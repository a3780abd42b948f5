"""What every group of edits shares: the project, and running an edit as one operation of its history."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from app.model.project import Project

T = TypeVar("T")


class EditBase:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.history = project.history

    def run(self, label: str, name: str, do: Callable[[], T], /, **params: object) -> T:
        """Any edit as one operation: `name` and `params` say what it was, for the record."""
        return self.history.run(label, name, params, do)

    @contextmanager
    def together(self, label: str) -> Iterator[None]:
        """Edits made inside become one operation: all or nothing, one step in the history."""
        with self.history.operation(label, "together"):
            yield
