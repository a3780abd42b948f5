"""Guards against a broken Qt binding: PySide6 6.12.0 dropped a reference to None on every void call, which
crashes Python 3.11 after a few thousand paint calls. If an upgrade brings that back, this fails first."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPixmap


def test_void_calls_keep_none_alive() -> None:
    pixmap = QPixmap(20, 20)
    painter = QPainter(pixmap)
    before = sys.getrefcount(None)
    for _ in range(2000):
        painter.fillRect(QRect(0, 0, 5, 5), QColor("red"))
        painter.setFont(painter.font())
    painter.end()
    assert sys.getrefcount(None) - before > -100  # a few references may move; thousands lost means the bug
