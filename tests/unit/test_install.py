"""What an installed Axial needs: its data inside the package, a version, a log file, words for OS errors."""

from __future__ import annotations

import errno
import logging
import os
import subprocess
import sys
from importlib.metadata import version as installed_version
from importlib.resources import files
from pathlib import Path

import pytest

import app
from app.cli import main as cli
from app.logs import log_file, start_logging, stop_logging
from app.os_errors import explain
from app.resources import resource
from app.system_libraries import problem, uses_xcb
from app.user_folder import data_folder


def test_the_data_is_read_from_the_package() -> None:
    root = resource()
    assert root == files("app._resources")
    assert (root / "frameworks" / "cfir-2022.json").is_file()
    assert sorted(p.name for p in (root / "demo").glob("*.txt"))
    assert (root / "icons" / "axial.svg").is_file()


def test_the_version_is_the_installed_distributions() -> None:
    assert app.__version__ == installed_version("axial") == app.version()


def test_axial_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"axial {app.__version__}\n"


def test_the_log_is_written_only_when_something_is_logged(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "axial.log"
    start_logging(path)
    try:
        logging.getLogger("app.somewhere").debug("below the level")
        assert not path.parent.exists()
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("app.somewhere").exception("It failed")
    finally:
        stop_logging()
    text = path.read_text(encoding="utf-8")
    assert "ERROR" in text
    assert "app.somewhere: It failed" in text
    assert 'raise ValueError("boom")' in text


def test_the_log_lives_in_the_users_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert log_file() == tmp_path / "Axial" / "Axial" / "logs" / "axial.log"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/is/ignored")
    assert data_folder() == Path.home() / ".local" / "share" / "Axial" / "Axial"


def test_the_command_line_explains_an_os_error_and_logs_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr("sys.platform", "linux")

    def denied(args: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", "/srv/study.axial")

    monkeypatch.setattr(cli, "_info", denied)
    try:
        assert cli.main(["info", "/srv/study.axial"]) == 1
    finally:
        stop_logging()
    err = capsys.readouterr().err
    assert err.startswith("axial: cannot use /srv/study.axial: permission denied; choose a folder you may write to")
    assert "Traceback" not in err
    logged = (tmp_path / "Axial" / "Axial" / "logs" / "axial.log").read_text(encoding="utf-8")
    assert "axial info /srv/study.axial failed" in logged
    assert "PermissionError" in logged


def test_os_errors_in_words() -> None:
    assert explain(OSError(errno.ENOSPC, "No space left on device", "/x/a.docx")) == (
        "cannot use /x/a.docx: the disk is full; free some space and try again"
    )
    assert (
        explain(OSError(errno.EBUSY, "Device or resource busy")) == "a file operation failed: Device or resource busy"
    )


def test_missing_xcb_libraries_are_named_by_package() -> None:
    message = problem({"QT_QPA_PLATFORM": "xcb"}, loads=lambda soname: soname != "libxcb-cursor.so.0")
    assert message is not None
    assert "sudo apt install libxcb-cursor0\n" in message
    assert problem({"QT_QPA_PLATFORM": "xcb"}, loads=lambda soname: True) is None
    assert problem({"QT_QPA_PLATFORM": "offscreen"}, loads=lambda soname: False) is None


def test_qt_is_expected_to_use_xcb_unless_told_otherwise_or_on_wayland() -> None:
    assert uses_xcb({}, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb;wayland"}, "linux")
    assert not uses_xcb({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "wayland"}, "linux")
    assert not uses_xcb({}, "darwin")


# What the desktop loads only once a feature needs it: numpy (similar codes), the transcript readers and what they
# use (importing, reading a framework file), python-docx and openpyxl (exports), the REFI-QDA exchange.
DEFERRED = (
    "numpy",
    "pypdf",
    "docx",
    "openpyxl",
    "lxml",
    "webvtt",
    "charset_normalizer",
    "striprtf",
    "app.model.documents.readers",
    "app.model.documents.importing",
    "app.model.exchange",
    "app.model.reports.word",
    "app.ui.analysis.analysis_dialog",
    "app.ui.codes.relations_dialog",
    "app.ui.codes.similar_codes_dialog",
    "app.ui.frameworks.framework_mapping_dialog",
    "app.ui.frameworks.framework_matrix_view",
)


@pytest.mark.parametrize("module", ["app.ui.shell.main_window", "app.__main__"])
def test_the_window_starts_without_loading_what_only_a_feature_needs(module: str) -> None:
    """Together they cost about half a second of every start (the bundle's target is a window within 1.5 s)."""
    loaded = "sorted(m for m in sys.modules if any(m == d or m.startswith(d + '.') for d in deferred))"
    code = f"import sys, {module}; deferred = {DEFERRED!r}; print({loaded})"
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.stdout.strip() == "[]"
