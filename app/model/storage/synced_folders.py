"""Is a project in a place where SQLite's file locks and write-ahead log are unsafe?

On a network share two computers can change the file at once because the share does not honour the locks; a folder
that a cloud service syncs can upload a project half-written or bring back an older copy over a newer one. Either
can damage a project, so the user is told once, with what to do instead.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

# File systems whose locking SQLite cannot rely on (as /proc/mounts names them).
NETWORK_FILE_SYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "9p", "ncpfs", "coda", "davfs",
        "fuse.sshfs", "fuse.rclone", "fuse.davfs2", "fuse.s3fs", "fuse.gvfsd-fuse", "fuse.onedriver",
        "glusterfs", "fuse.glusterfs", "ceph", "fuse.ceph", "lustre", "gpfs", "beegfs",
    }
)  # fmt: skip
# A folder name a sync client creates, casefolded, matched at its start ("OneDrive - Contoso", "Dropbox (Team)",
# macOS's "GoogleDrive-me@example.org" under ~/Library/CloudStorage), with the service's name.
CLOUD_FOLDERS = (
    ("onedrive", "OneDrive"),
    ("dropbox", "Dropbox"),
    ("icloud drive", "iCloud Drive"),
    ("mobile documents", "iCloud Drive"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("cloudstorage", "a cloud storage service"),
)
MOUNTS = Path("/proc/mounts")


@dataclass(frozen=True)
class SyncedPlace:
    kind: str  # "network" or "cloud"
    name: str  # the file system ("nfs4") or the service ("OneDrive")


def _unescape(field: str) -> str:
    """/proc/mounts writes a space, tab, newline or backslash in a path as an octal escape."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def _file_system(path: Path, mounts: str) -> str | None:
    """The type of the file system holding `path`: the one mounted on the longest prefix of it."""
    best: tuple[int, str] | None = None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = Path(_unescape(fields[1]))
        if (path == point or point in path.parents) and (best is None or len(point.parts) > best[0]):
            best = (len(point.parts), fields[2])
    return best[1] if best else None


def _cloud_service(path: Path) -> str | None:
    """The service named by a folder on the path; the most specific name first (macOS's CloudStorage is last)."""
    folded = [part.casefold() for part in path.parts]
    for start, service in CLOUD_FOLDERS:
        if any(part.startswith(start) for part in folded):
            return service
    return None


def _mounts() -> str:
    try:
        return MOUNTS.read_text(encoding="utf-8", errors="replace") if sys.platform.startswith("linux") else ""
    except OSError:
        return ""


def synced_place(path: Path, mounts: str | None = None) -> SyncedPlace | None:
    """Where `path` (which need not exist yet) is unsafe for a project, or None; `mounts` as /proc/mounts has it."""
    full = Path(os.path.abspath(path))
    if full.anchor.startswith(("\\\\", "//")):  # a Windows share named by UNC path, \\server\share
        return SyncedPlace("network", "a Windows share")
    file_system = _file_system(full, _mounts() if mounts is None else mounts)
    if file_system is not None and file_system.casefold() in NETWORK_FILE_SYSTEMS:
        return SyncedPlace("network", file_system)
    service = _cloud_service(full)
    return SyncedPlace("cloud", service) if service else None


def warning(path: Path, place: SyncedPlace) -> str:
    """What to tell the user, with what to do instead."""
    if place.kind == "network":
        where = f"on a network share ({place.name})"
        risk = "a share does not honour the locks that stop two people changing a project at once"
    else:
        where = f"in a folder synced by {place.name}"
        risk = "syncing can copy a project while it is half-written, or bring back an older copy over your work"
    return (
        f"“{path.name}” is {where}. Axial keeps a project in one database file, and {risk}; either can damage "
        "the project.\n\nKeep projects you work on in a folder on this computer (for example a local Documents "
        "folder). To share a project or keep it safe, use File ▸ Save a Copy As… into the shared folder, and work "
        "on your local copy."
    )
