"""The file-type filters the desktop's open and save dialogs offer."""

from __future__ import annotations

from app.model.documents.readers import READERS
from app.model.project import EXTENSION

PROJECT_FILES = f"Axial projects (*{EXTENSION})"
REFI_FILES = "REFI-QDA (*.qdpx *.qde *.qdc *.zip);;All files (*)"
# Every format the import lists, legacy .doc included (it is shown, then refused or converted, never hidden).
TRANSCRIPT_FILES = f"Transcripts ({' '.join(f'*{suffix}' for suffix in sorted(READERS))});;All files (*)"
