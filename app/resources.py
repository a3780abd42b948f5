"""Where the data the app ships lives: the package `app._resources` (the top-level `resources/` folder).

Read through `importlib.resources`, so an editable install, a wheel and a frozen bundle find the files alike.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource(*parts: str) -> Path:
    root = files("app._resources")
    if not isinstance(root, Path):  # only a zipped install gives anything else; wheels and bundles are unpacked
        raise RuntimeError(f"Axial's data must be installed as plain files, not inside an archive ({root})")
    return root.joinpath(*parts)
