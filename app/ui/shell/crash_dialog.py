"""Uncaught exceptions in the desktop: logged with their traceback, then one dialog saying where the log is.

Qt keeps its event loop going after an exception in a slot, and every user action is its own transaction, so the
app goes on; the dialog says so. Exceptions on worker threads reach the dialog through a queued signal, since only
the GUI thread may show one.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)


def _message_box(title: str, text: str) -> None:
    QMessageBox.critical(None, title, text)


class CrashReporter(QObject):
    caught = Signal(str)

    def __init__(self, log_path: Path, tell: Callable[[str, str], None] = _message_box) -> None:
        super().__init__()
        self.log_path = log_path
        self._tell = tell
        self._showing = False
        self._previous = (sys.excepthook, threading.excepthook)
        self.caught.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.on_exception
        threading.excepthook = self.on_thread_exception

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def on_exception(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.critical("Uncaught exception", exc_info=(kind, error, trace))
        self.caught.emit(f"{kind.__name__}: {error}")

    def on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread else "?"
        log.critical("Uncaught exception in thread %s", name, exc_info=args.exc_value)
        self.caught.emit(f"{args.exc_type.__name__}: {args.exc_value}")

    def _show(self, summary: str) -> None:
        if self._showing:  # one dialog at a time; the rest are in the log
            return
        self._showing = True
        try:
            self._tell(
                "Something went wrong",
                f"Axial met an error it did not expect:\n\n{summary[:300]}\n\n"
                f"The details are in the log file:\n{self.log_path}\n\nPlease send that file with a note of what "
                "you were doing. Axial has kept running and every finished action is saved; if something looks "
                "wrong, close the project and open it again.",
            )
        finally:
            self._showing = False
