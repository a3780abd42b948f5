"""An operating-system error (disk full, no permission, a folder gone) said in words a researcher can act on."""

from __future__ import annotations

import errno

REASONS = {
    errno.ENOSPC: "the disk is full; free some space and try again",
    errno.EDQUOT: "your disk quota is used up; free some space and try again",
    errno.EACCES: "permission denied; choose a folder you may write to, or ask whoever manages this computer",
    errno.EPERM: "the operating system does not allow this here; choose another folder",
    errno.EROFS: "the disk is read-only; choose another folder",
    errno.ENOENT: "it does not exist (was it moved, renamed or on a drive that is no longer connected?)",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENAMETOOLONG: "the name or path is too long; use a shorter name or a folder nearer the top",
    errno.EIO: "the disk could not be read or written (a failing or disconnected drive?)",
    errno.EMFILE: "too many files are open; close some programs and try again",
}


def explain(error: OSError) -> str:
    reason = REASONS.get(error.errno or 0) or error.strerror or str(error) or type(error).__name__
    if error.filename is None:
        return f"a file operation failed: {reason}"
    return f"cannot use {error.filename}: {reason}"
