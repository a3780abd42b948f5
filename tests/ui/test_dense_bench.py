"""The dense-document bench cannot report a refused or undone-for-nothing action as a fast one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.model.core.dto import CodingInfo
from bench import dense
from bench.measure import BenchError


@pytest.fixture
def series(qapp: QApplication, tmp_path: Path) -> Iterator[dense.Series]:
    path = tmp_path / "dense.axial"
    document_id = dense.build(path, 200)
    window, _ = dense.open_window(path)
    yield dense.Series(qapp, window, document_id, seed=1)
    window.close_project()
    window.close()


def test_a_checked_edit_is_recorded(series: dense.Series) -> None:
    series.edit()
    assert [len(series.timings[action].samples) for action in ("apply", "undo", "redo")] == [1, 1, 1]


def test_a_refused_apply_stops_the_run(series: dense.Series, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(code_id: int) -> CodingInfo | None:
        return None  # as the controller answers when the service says the passage already has the code

    monkeypatch.setattr(series.workspace.coding, "apply", refused)
    with pytest.raises(BenchError, match="refused"):
        series.edit()
    assert series.timings["apply"].samples == []


def test_an_undo_that_leaves_the_coding_stops_the_run(series: dense.Series, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(series.undo_actions, "undo", lambda: None)
    with pytest.raises(BenchError, match="undo removed the coding"):
        series.edit()
    assert series.timings["undo"].samples == []
