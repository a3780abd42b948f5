"""Combo boxes whose entries follow the project: refilled without losing what the user chose."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox


def refill(combo: QComboBox, entries: Sequence[tuple[str, object]]) -> None:
    """Replace a combo's entries, keeping the chosen one where it still exists, without telling anyone."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for label, data in entries:
        combo.addItem(label, data)
    at = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(at, 0))
    combo.blockSignals(False)
