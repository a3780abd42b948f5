"""Before Qt starts on Linux: the system libraries its X11 (xcb) platform needs, named by their Debian package.

Without them Qt aborts with "Could not load the Qt platform plugin xcb", which says nothing about what to install.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

# What Qt's xcb plugin links beyond Qt's own needs, which a desktop without Qt applications may lack (soname: Debian
# package). Qt's core libraries (EGL, fontconfig) are loaded on import, whose error names the missing file itself.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Qt will try X11: named, or not named and no Wayland session to prefer."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    return chosen.startswith("xcb") or (not chosen and not environ.get("WAYLAND_DISPLAY"))


def problem(environ: Mapping[str, str] | None = None, loads: Callable[[str], bool] | None = None) -> str | None:
    """What to install before the desktop can start, or None when nothing is missing."""
    if not uses_xcb(os.environ if environ is None else environ):
        return None
    loads = loads or _loads
    missing = [package for soname, package in XCB_LIBRARIES.items() if not loads(soname)]
    if not missing:
        return None
    return (
        f"Axial's desktop needs system libraries that are not installed: {', '.join(missing)}.\n"
        f"On Debian or Ubuntu: sudo apt install {' '.join(missing)}\n"
        "(The command line, `axial`, works without them.)"
    )
