"""Long work off the GUI thread: a model function that takes a Progress runs on a worker thread.

The job's signals belong to the widget that started it (a Qt parent), so they are destroyed on the GUI thread with
that widget, never on the worker when it lets go of the job; the worker only emits.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.model.core.errors import AxialError

log = logging.getLogger(__name__)


class JobSignals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)


class Job:
    """Runs `work(progress)` on a pool thread; `cancel()` asks it to stop at its next check.

    The thread holds the job while the work runs, so a window may drop its reference as soon as it hears it
    finished.
    """

    def __init__(self, work: Callable[[Any], object], owner: QObject) -> None:
        self.signals = JobSignals(owner)
        self._work = work
        self._cancel = threading.Event()

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
            log.info("A background job was refused: %s", error)
            self.signals.failed.emit(str(error))
        except Exception as error:  # the user sees one line; the traceback goes to the log
            log.exception("A background job failed")
            self.signals.failed.emit(f"Unexpected error: {error!r}")
        else:
            self.signals.finished.emit(result)

    def start(self) -> None:
        threading.Thread(target=self.run, name="axial-job", daemon=True).start()
