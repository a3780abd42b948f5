"""The desktop's warning about a project on a network share or in a cloud-synced folder: once per project."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from app.model.storage.synced_folders import synced_place, warning
from app.ui.core.settings import Setting, Settings

WARNED = Setting("warnings/synced_projects", "", str)  # the projects already warned about, one path a line
WARNED_LIMIT = 50


def warn_if_synced(path: Path, settings: Settings, tell: Callable[[str, str], None]) -> bool:
    """Tell the user when `path` is in an unsafe place, the first time only; True when told now."""
    place = synced_place(path)
    if place is None:
        return False
    key = os.path.abspath(path)
    warned = settings.get(WARNED).splitlines()
    if key in warned:
        return False
    settings.set(WARNED, "\n".join([*warned, key][-WARNED_LIMIT:]))
    tell("Project in a shared or synced folder", warning(path, place))
    return True
