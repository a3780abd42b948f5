"""Long work off the GUI thread: a model function that takes a Progress runs in the thread pool."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.model.errors import AxialError


class JobSignals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    """Runs `work(progress)` on a pool thread; `cancel()` asks it to stop at its next check."""

    def __init__(self, work: Callable[[Any], object]) -> None:
        super().__init__()
        self.signals = JobSignals()
        self._work = work
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def step(self, done: int, total: int, message: str) -> None:
        self.signals.progressed.emit(done, total, message)

    def run(self) -> None:
        try:
            result = self._work(self)
        except AxialError as error:
            self.signals.failed.emit(str(error))
        except Exception as error:
            self.signals.failed.emit(f"Unexpected error: {error!r}")
        else:
            self.signals.finished.emit(result)

    def start(self) -> None:
        QThreadPool.globalInstance().start(self)
