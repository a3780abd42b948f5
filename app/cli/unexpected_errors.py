"""What the command line says when something fails that nobody foresaw: one line on stderr; the traceback goes to
the user's log file (see `app.logs`), which the line names."""

from __future__ import annotations

from app.logs import log_file


def unexpected(error: BaseException) -> str:
    """The one-line message for an unforeseen failure (the caller has logged its traceback)."""
    said = " ".join(str(error).split())[:200] or type(error).__name__
    return f"unexpected error ({said}); the details are in {log_file()}, please report it"
