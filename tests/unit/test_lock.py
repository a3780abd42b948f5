"""One writer at a time: a second opener is refused with the holder's name, and a crashed holder's lock is cleared."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.model.core.errors import ProjectLockedError, ReadOnlyError
from app.model.project import Project
from app.model.storage.writer_lock import lock_path

HOLDER = """
import sys, time
from app.model.project import Project
project = Project.open(sys.argv[1], backups=0)
print("open", flush=True)
sys.stdin.readline()  # hold the project until told to stop
project.close()
print("closed", flush=True)
"""
ROOT = Path(__file__).resolve().parents[2]


def _start_holder(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "open"
    return holder


@pytest.mark.slow
def test_second_process_is_refused_while_the_first_holds_the_project(tmp_path: Path) -> None:
    path = tmp_path / "shared.axial"
    Project.create(path).close()
    holder = _start_holder(path)
    try:
        with pytest.raises(ProjectLockedError) as refused:
            Project.open(path)
        assert f"process {holder.pid}" in str(refused.value)
        assert "read-only" in str(refused.value)
        # Reading alongside the writer is allowed, and writing through it is not.
        with Project.open(path, read_only=True) as reader:
            assert reader.info().documents == 0
            with pytest.raises(ReadOnlyError):
                reader.codes.create("Nope")
    finally:
        out, _ = holder.communicate("\n", timeout=30)
    assert out.strip() == "closed"
    assert not lock_path(path).exists()
    Project.open(path).close()  # free again once the holder has closed


@pytest.mark.slow
def test_stale_lock_of_a_crashed_process_is_recognised_and_cleared(tmp_path: Path) -> None:
    path = tmp_path / "crashed.axial"
    Project.create(path).close()
    holder = _start_holder(path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.communicate(timeout=30)
    assert lock_path(path).exists()  # the crash left its lock file behind

    with Project.open(path) as project:
        assert project.lock_replaced is not None
        assert project.lock_replaced.pid == holder.pid
        project.codes.create("Works again")


def test_same_process_cannot_open_a_project_twice_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "twice.axial"
    with Project.create(path), pytest.raises(ProjectLockedError, match=f"process {os.getpid()}"):
        Project.open(path)
