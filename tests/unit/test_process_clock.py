"""The clock a start is timed by: seconds since the system made the process, read from /proc."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from app.process_clock import seconds_since_start


def _fake_proc(tmp_path: Path, stat: str, uptime: str) -> Path:
    (tmp_path / "self").mkdir()
    (tmp_path / "self" / "stat").write_text(stat)
    (tmp_path / "uptime").write_text(uptime)
    return tmp_path


def test_the_start_tick_is_read_after_a_command_name_with_spaces_and_parentheses(tmp_path: Path) -> None:
    tick = os.sysconf("SC_CLK_TCK")
    fields = ["S"] + ["0"] * 18 + [str(500 * tick)] + ["0"] * 30  # field 22: started 500 s after boot
    proc = _fake_proc(tmp_path, f"4242 (axial (desk) top) {' '.join(fields)}\n", "501.25 1000.00\n")
    assert seconds_since_start(proc) == 1.25


def test_no_proc_folder_gives_no_figure(tmp_path: Path) -> None:
    assert seconds_since_start(tmp_path / "missing") is None
    assert seconds_since_start(_fake_proc(tmp_path, "4242 (axial) S 0", "501.25 1000.00\n")) is None  # cut short


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="only Linux has /proc; elsewhere: None, above")
def test_this_process_has_run_at_least_as_long_as_it_has_measured() -> None:
    before = seconds_since_start()
    time.sleep(0.05)
    after = seconds_since_start()
    assert before is not None
    assert after is not None
    assert before > 0
    assert after >= before + 0.04  # the kernel's tick is 10 ms
