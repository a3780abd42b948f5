"""Python's cycle collector, run only on the GUI thread.

Widgets caught in reference cycles (a lambda connected to a signal that captures its own window, say) are freed by
the cycle collector, which Python runs in whichever thread happens to allocate. If that is a worker thread, a Qt
widget is destroyed off the GUI thread and the process crashes. So automatic collection is switched off and a
timer on the GUI thread collects instead, by the same thresholds Python itself uses.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(INTERVAL_MS)

    def collect(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = -1
        for level in range(3):
            if counts[level] > thresholds[level]:
                generation = level
        if generation >= 0:
            gc.collect(generation)
