"""How long work reports progress and hears a cancel, without knowing who is listening (a bar, a log, nothing)."""

from __future__ import annotations

from typing import Protocol

from app.model.core.errors import AxialError


class Progress(Protocol):
    def step(self, done: int, total: int, message: str) -> None:
        """`done` of `total` units finished; `message` says what is being worked on now."""

    @property
    def cancelled(self) -> bool:
        """True once the user asked to stop; work checks it between units and stops cleanly."""


class CancelledError(AxialError):
    def __init__(self) -> None:
        super().__init__("Cancelled.")


class NoProgress:
    cancelled = False

    def step(self, done: int, total: int, message: str) -> None:
        pass
