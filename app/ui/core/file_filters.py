"""The file-type filters the desktop's open and save dialogs offer."""

from __future__ import annotations

from app.model.project import EXTENSION

PROJECT_FILES = f"Axial projects (*{EXTENSION})"
REFI_FILES = "REFI-QDA (*.qdpx *.qde *.qdc *.zip);;All files (*)"


def transcript_files() -> str:
    """Every format the import lists, legacy .doc included (it is shown, then refused or converted, never hidden)."""
    # Imported here, not at the top: the readers' package loads every reader, a tenth of a second of each start.
    from app.model.documents.readers import READERS

    return f"Transcripts ({' '.join(f'*{suffix}' for suffix in sorted(READERS))});;All files (*)"
