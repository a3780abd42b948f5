"""The errors the domain raises for things a user did or a file contains; each message is fit to show as is."""

from __future__ import annotations

from pathlib import Path


class AxialError(Exception):
    """Base of every error a user may see. `str(error)` is the whole message."""


class ProjectFileError(AxialError):
    """A project file cannot be opened as it is. The file has not been modified."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason


class NotAProjectError(ProjectFileError):
    pass


class CorruptProjectError(ProjectFileError):
    pass


class TooNewProjectError(ProjectFileError):
    pass


class ProjectLockedError(ProjectFileError):
    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(path, f"is already open for writing by {holder}. Close it there, or open it read-only here.")
        self.holder = holder


class ReadOnlyError(AxialError):
    def __init__(self, because: str = "") -> None:
        why = f" ({because})" if because else ""
        super().__init__(f"This project is open read-only{why}; changes cannot be saved.")


class NotFoundError(AxialError):
    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"No {what} {key!r} in this project (it may have been deleted).")
        self.what = what
        self.key = key


class ValidationError(AxialError):
    """A request that would store something inconsistent (bounds outside the text, a cycle in the tree...)."""


class ConflictError(AxialError):
    """A request that clashes with what is stored (a duplicate name, an identical coding...)."""


class ConcurrentEditError(ConflictError):
    """Undo or redo refused because what it would restore was changed since (by a later or another edit)."""


class StorageError(AxialError):
    """The disk refused to read or write the project; whatever was being saved was not saved, the rest is intact."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedDatabaseError(AxialError):
    """A project on a database Axial has no backend for (it stores projects in SQLite files)."""


class DiskFullError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            f"the disk is full, so this change was not saved. The project is intact: free some space on the disk "
            f"holding {path.parent} and try again.",
        )
