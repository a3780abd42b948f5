"""The domain never loads Qt: proven in a fresh interpreter that imports every module of app.model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import app.model

SCRIPT = """
import importlib, pkgutil, sys
import app.model
for module in pkgutil.walk_packages(app.model.__path__, "app.model."):
    importlib.import_module(module.name)
forbidden = ("PySide6", "shiboken6", "app.ui")
loaded = sorted(name for name in sys.modules if name.startswith(forbidden))
print(len([m for m in sys.modules if m.startswith("app.model")]))
print(",".join(loaded))
"""


def test_app_model_imports_no_qt_and_no_ui() -> None:
    root = Path(app.model.__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=root, capture_output=True, text=True, check=True, timeout=60
    )
    module_count, loaded = result.stdout.splitlines()
    assert int(module_count) > 10  # the walk really imported the domain
    assert loaded == ""
