"""`axial --version`, reading the version only when asked (metadata costs every command tens of milliseconds)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from app import version


class VersionAction(argparse.Action):
    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show Axial's version and exit")

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any, option: str | None = None
    ) -> None:
        print(f"axial {version()}")
        parser.exit()
