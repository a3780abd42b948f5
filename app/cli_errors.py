"""What the command line says when something fails that nobody foresaw: one line on stderr, the traceback in a log."""

from __future__ import annotations

import tempfile
import traceback
from datetime import datetime
from pathlib import Path

LOG = Path(tempfile.gettempdir()) / "axial-errors.log"


def unexpected(error: BaseException) -> str:
    """The one-line message for an unforeseen failure; its traceback is appended to `LOG` when that can be written."""
    said = " ".join(str(error).split())[:200] or type(error).__name__
    try:
        with LOG.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
            log.write("".join(traceback.format_exception(error)))
    except OSError:
        return f"unexpected error ({said}); please report it"
    return f"unexpected error ({said}); the details are in {LOG}, please report it"
