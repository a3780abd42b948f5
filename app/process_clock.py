"""How long this process has been running: how a start is timed from the moment the system made the process (the
interpreter's and a bundle's own start included), not from the first line of Python."""

from __future__ import annotations

import os
from pathlib import Path


def seconds_since_start(proc: Path = Path("/proc")) -> float | None:
    """Wall seconds since this process was created (to the kernel's tick, 10 ms); None where /proc is missing."""
    try:
        uptime = float((proc / "uptime").read_text().split()[0])
        # Field 22, counted after the command name, which may itself hold spaces and parentheses.
        started = int((proc / "self" / "stat").read_text().rsplit(")", 1)[1].split()[19])
    except (OSError, ValueError, IndexError):
        return None
    return uptime - started / os.sysconf("SC_CLK_TCK")
