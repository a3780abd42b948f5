"""The file-type filters the desktop's open and save dialogs offer."""

from __future__ import annotations

from app.model.project import EXTENSION

PROJECT_FILES = f"Axial projects (*{EXTENSION})"
REFI_FILES = "REFI-QDA (*.qdpx *.qde *.qdc *.zip);;All files (*)"
