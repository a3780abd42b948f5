"""Column titles for the item models."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt


def column_title(titles: Sequence[str], section: int, orientation: Qt.Orientation, role: int) -> str | None:
    if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(titles):
        return titles[section]
    return None
