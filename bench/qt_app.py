"""The Qt application the desktop suites measure in (offscreen), with Qt's own chatter filtered."""

from __future__ import annotations

import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication


def _quiet(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """The offscreen platform cannot size, raise or grab windows; say everything else."""
    if not message.startswith("This plugin does not support"):
        print(message, file=sys.stderr)


def application() -> QApplication:
    qInstallMessageHandler(_quiet)
    app = QApplication.instance() or QApplication(["bench"])
    assert isinstance(app, QApplication)
    return app
