"""Emptying item views safely from Python.

PySide's `QTreeWidget.clear()` (and `QListWidget.clear()`) destroy items through the binding while Python may still
hold wrappers for some of them, which can free an item twice (seen here as rare crashes in ~QTreeWidgetItem).
Taking the items out hands each to Python, which frees it, with its children, exactly once.
"""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QTreeWidget


def empty(view: QTreeWidget | QListWidget) -> None:
    if isinstance(view, QTreeWidget):
        while view.topLevelItemCount():
            view.takeTopLevelItem(view.topLevelItemCount() - 1)
    else:
        while view.count():
            view.takeItem(view.count() - 1)
