"""Axial: offline qualitative coding for implementation research.

`app.__version__` is read from the installed distribution's metadata (pyproject.toml is its one source), lazily:
reading metadata costs tens of milliseconds that the start of the desktop and of every command should not pay.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def version() -> str:
    """The installed distribution's version; in a source tree that was never installed, pyproject.toml's."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("axial")
    except PackageNotFoundError:
        import tomllib

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
