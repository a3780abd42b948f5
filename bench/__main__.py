"""`make bench` / `python -m bench`: time the core services on a generated project; print a table and JSON.

The generated project is kept in bench/out/ and reused unless --regenerate is given (or the scale changes); suites
that write work on a fresh copy of it. Every timed action checks that it did its work: when one was refused or did
nothing, the run stops with a message naming it and exits with status 1 (no results file is written).
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
from dataclasses import asdict
from pathlib import Path

from . import core, imports
from .generate import Scale
from .measure import BenchError, Figure, report

OUT = Path(__file__).resolve().parent / "out"


# Suites that measure on the generated project, and their modules.
ON_THE_PROJECT = {
    "axial": "axial",
    "cfir": "cfir",
    "export": "exports",
    "search": "search",
    "exchange": "exchange",
    "ui": "ui",
    "matrix": "matrix",
    "agreement": "agreement",
    "merge": "merge",
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scale", choices=("large", "small"), default="large")
    parser.add_argument("--regenerate", action="store_true", help="build the project again even if it exists")
    suites = ("core", "import", *ON_THE_PROJECT, "dense", "revisions", "all")
    parser.add_argument("--suite", choices=suites, default="all")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    figures: list[Figure] = []
    try:
        run(args.suite, args.scale, args.regenerate, figures)
    except BenchError as failure:
        if figures:
            print(report(figures))
        print(f"\nBENCH FAILED: {failure}", file=sys.stderr)
        return 1
    print(report(figures))
    machine = {"python": platform.python_version(), "machine": platform.machine(), "system": platform.system()}
    result = {"scale": args.scale, "machine": machine, "figures": [asdict(f) | {"met": f.met()} for f in figures]}
    (OUT / f"results-{args.scale}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


def run(suite: str, scale_name: str, regenerate: bool, figures: list[Figure]) -> None:
    """Run the chosen suites, appending each figure as it is measured (so a failure still shows what came before)."""
    scale = Scale.named(scale_name)
    needs_project = suite not in ("import", "dense", "revisions")
    large, built = core.ensure_project(OUT, scale_name, regenerate) if needs_project else (OUT, [])
    figures += built
    if suite in ("core", "all"):
        figures += core.run(large, scale)
    if suite in ("import", "all"):
        documents, words = (300, 9_000) if scale_name == "large" else (20, 2_000)
        figures += imports.run(OUT, documents, words)
        figures += imports.scaling(OUT, (0.5, 2, 12) if scale_name == "large" else (0.5, 2))
    for name, module_name in ON_THE_PROJECT.items():
        if suite in (name, "all"):
            # Each suite's module is loaded only when it runs (the desktop one loads Qt).
            module = importlib.import_module(f"bench.{module_name}")
            figures += module.run(large, OUT)
    if suite in ("dense", "all"):
        # The dense-document series builds its own one-document projects, whatever the scale.
        figures += importlib.import_module("bench.dense").run(OUT)
    if suite in ("revisions", "all"):
        # A corrected transcript re-imported (issue 20), on its own one-document project.
        figures += importlib.import_module("bench.revisions").run(OUT, OUT)


if __name__ == "__main__":
    sys.exit(main())
