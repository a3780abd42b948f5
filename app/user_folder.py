"""Where Axial keeps its own files (the demo study, logs), without Qt so the command line can use it too.

The same folder Qt names `AppDataLocation` for the organisation and application "Axial" (see `app.__main__`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def data_folder() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / "Axial" / "Axial"
