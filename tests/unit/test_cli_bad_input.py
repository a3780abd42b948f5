"""Every `axial` command, given bad input (a missing file, a folder, garbage, a NUL in the path, an empty file), says
what is wrong in a line and exits non-zero: never a traceback, whatever raised underneath."""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main as cli
from app.cli.main import main
from app.logs import log_file
from app.model.project import Project
from tests.conftest import table_dump

BAD_INPUTS = ("missing", "folder", "garbage", "nul", "empty")


def _bad(tmp_path: Path, kind: str, suffix: str) -> str:
    path = tmp_path / f"bad-{kind}{suffix}"
    if kind == "folder":
        path.mkdir()
    elif kind == "garbage":
        path.write_bytes(bytes(range(256)) * 40)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "nul":
        return str(tmp_path / f"bad\0name{suffix}")
    return str(path)


# Each command with the bad input in each place it takes a file; `good` is a healthy project, `out` a fresh folder.
Argv = Callable[[Callable[[str], str], str, Path], list[str]]
COMMANDS: dict[str, list[Argv]] = {
    "new": [lambda bad, good, out: ["new", bad(".axial"), "--framework", "none"]],
    "info": [lambda bad, good, out: ["info", bad(".axial")]],
    "documents": [lambda bad, good, out: ["documents", bad(".axial")]],
    "check": [lambda bad, good, out: ["check", bad(".axial")]],
    "cfir": [lambda bad, good, out: ["cfir", bad(".axial")]],
    "search": [
        lambda bad, good, out: ["search", bad(".axial"), "word"],
        lambda bad, good, out: ["search", bad(".axial"), "word", "--set", "Wave 2", "--where", "Change>=5"],
    ],
    "table": [
        lambda bad, good, out: ["table", bad(".axial"), "--by", "Site"],
        lambda bad, good, out: ["table", bad(".axial"), "--by", "Change", "--cut", "5", "--set", "A", "--where", "C<5"],
    ],
    "export": [
        lambda bad, good, out: ["export", bad(".axial"), "--csv", str(out / "x.csv")],
        lambda bad, good, out: ["export", bad(".axial"), "--docx", str(out / "x.docx"), "--set", "A", "--where", "C<5"],
        lambda bad, good, out: ["export", bad(".axial"), "--summaries", str(out / "s.docx")],
        lambda bad, good, out: ["export", bad(".axial"), "--matrix", str(out / "m.docx"), "--cut", "top:3"],
    ],
    "import": [
        lambda bad, good, out: ["import", bad(".axial"), bad(".txt")],
        lambda bad, good, out: ["import", good, bad(".docx")],
        lambda bad, good, out: ["import", good, bad(".txt"), bad(".vtt")],
        lambda bad, good, out: ["import", good, "--attributes", bad(".xlsx")],
        lambda bad, good, out: ["import", good, "--attributes", bad(".csv")],
    ],
    "history": [lambda bad, good, out: ["history", bad(".axial")]],
    "undo": [lambda bad, good, out: ["undo", bad(".axial")]],
    "redo": [lambda bad, good, out: ["redo", bad(".axial")]],
    "cases": [
        lambda bad, good, out: ["cases", bad(".axial")],
        lambda bad, good, out: ["cases", bad(".axial"), "--set", "P01", "Pre=3"],
        lambda bad, good, out: ["cases", bad(".axial"), "--from-speakers"],
    ],
    "attribute": [lambda bad, good, out: ["attribute", bad(".axial"), "Pre", "--type", "number"]],
    "ratings": [
        lambda bad, good, out: ["ratings", bad(".axial"), "--export", str(out / "r.xlsx")],
        lambda bad, good, out: ["ratings", good, "--import", bad(".xlsx")],
        lambda bad, good, out: ["ratings", good, "--import", bad(".csv")],
        lambda bad, good, out: ["ratings", good, "--import", bad(".xlsx"), "--rater", "Tester"],
    ],
    "reimport": [
        lambda bad, good, out: ["reimport", bad(".axial"), "Interview", str(out / "x.txt")],
        lambda bad, good, out: ["reimport", good, "Interview", bad(".txt"), "--dry-run"],
    ],
    "versions": [
        lambda bad, good, out: ["versions", bad(".axial"), "Interview"],
        lambda bad, good, out: ["versions", good, "Interview", "--text", "0", "--out", bad(".txt")],
    ],
    "deidentify": [
        lambda bad, good, out: ["deidentify", bad(".axial"), "--names", bad(".csv"), "--out", str(out / "c.axial")],
        lambda bad, good, out: [
            "deidentify",
            good,
            "--names",
            bad(".csv"),
            "--out",
            str(out / "c.axial"),
            "--patterns",
        ],
        lambda bad, good, out: [
            "deidentify",
            good,
            "--names",
            bad(".csv"),
            "--out",
            bad(".axial"),
            "--key",
            bad("-key.csv"),
        ],
        lambda bad, good, out: ["deidentify", good, "--ner", bad(""), "--out", str(out / "c.axial")],
    ],
    "import-qdpx": [
        lambda bad, good, out: ["import-qdpx", "--into", good, bad(".qdpx")],
        lambda bad, good, out: ["import-qdpx", "--new", str(out / "new.axial"), bad(".qdpx")],
        lambda bad, good, out: ["import-qdpx", "--into", bad(".axial"), bad(".qde")],
    ],
    "agreement": [
        lambda bad, good, out: ["agreement", bad(".axial"), "--coders", "A,B"],
        lambda bad, good, out: ["agreement", bad(".axial"), "--coders", "A,B", "--unit", "turn", "--json"],
        lambda bad, good, out: ["agreement", bad(".axial"), "--coders", "A,B", "--code", "X"],
        lambda bad, good, out: ["agreement", bad(".axial"), "--coders", "A,B", "--document", "D", "--bootstrap", "10"],
        lambda bad, good, out: ["agreement", bad(".axial"), "--coders", "A,B", "--docx", str(out / "a.docx")],
        lambda bad, good, out: ["agreement", bad(".axial"), "--coders", "A,B", "--xlsx", str(out / "a.xlsx")],
    ],
    "handout": [lambda bad, good, out: ["handout", bad(".axial"), str(out / "c.axial"), "--coder", "Ana"]],
    "coders": [
        lambda bad, good, out: ["coders", bad(".axial")],
        lambda bad, good, out: ["--coder", "Ana", "coders", bad(".axial"), "--json"],
    ],
    "coder": [
        lambda bad, good, out: ["coder", bad(".axial"), "Tester", "--rename", "Ana", "--initials", "AN"],
        lambda bad, good, out: ["coder", bad(".axial"), "Tester", "--colour", "#112233", "--blind"],
        lambda bad, good, out: ["coder", bad(".axial"), "Tester", "--compare"],
    ],
    "merge": [
        lambda bad, good, out: ["merge", good, bad(".axial")],
        lambda bad, good, out: ["merge", bad(".axial"), good, "--dry-run"],
        lambda bad, good, out: ["merge", good, bad(".axial"), "--take-theirs", "all"],
    ],
}
# Outputs: only a folder or an impossible name is bad for a file about to be written.
OUTPUTS: list[Argv] = [
    lambda bad, good, out: ["export", good, "--docx", bad(".docx")],
    lambda bad, good, out: ["export", good, "--summaries", bad(".docx")],
    lambda bad, good, out: ["export", good, "--qdpx", bad(".qdpx")],
    lambda bad, good, out: ["import-qdpx", "--new", bad(".axial"), str(out / "none.qdpx")],
    lambda bad, good, out: ["ratings", good, "--export", bad(".xlsx")],
    lambda bad, good, out: ["handout", good, bad(".axial"), "--coder", "Ana"],
]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "study.axial"
    Project.create(path, coder="Tester").close()
    return path


@pytest.fixture
def good(template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(template, tmp_path / "study.axial"))


def test_every_command_is_covered() -> None:
    commands = next(a for a in cli._parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.choices) == set(COMMANDS)


CASES = [
    pytest.param(variant, kind, id=f"{command}-{index}-{kind}")
    for command, variants in COMMANDS.items()
    for index, variant in enumerate(variants)
    for kind in BAD_INPUTS
    # Creating a project where no file is yet is what `new` is for.
    if not (command == "new" and kind == "missing")
] + [
    pytest.param(variant, kind, id=f"output-{index}-{kind}")
    for index, variant in enumerate(OUTPUTS)
    for kind in ("folder", "nul")
]


@pytest.mark.parametrize(("argv", "kind"), CASES)
def test_bad_input_is_one_line_and_a_failure_status(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: Argv, kind: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = table_dump(good)
    status = main(argv(lambda suffix: _bad(tmp_path, kind, suffix), str(good), out))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert status != 0, captured
    assert captured.err.strip() or "failed" in captured.out
    assert table_dump(good) == before
    assert not list(out.iterdir())  # nothing half-written where the output would have gone


def test_a_dry_run_names_each_bad_file(good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [_bad(tmp_path, kind, ".pdf") for kind in BAD_INPUTS if kind != "folder"]  # a folder is searched
    main(["import", "--dry-run", str(good), *files])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert captured.out.count("cannot be imported") == len(files)


def test_an_unforeseen_failure_is_one_line_with_the_log_hint(
    good: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> Project:
        raise RuntimeError("something nobody foresaw\non two lines")

    monkeypatch.setattr(Project, "open", broken)
    assert main(["info", str(good)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert "something nobody foresaw on two lines" in err
    assert str(log_file()) in err
    assert "something nobody foresaw" in log_file().read_text(encoding="utf-8")  # with its traceback
