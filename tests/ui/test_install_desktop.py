"""The installed desktop: About, errors logged and shown, projects opened by the system, the smoke start."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import __main__ as desktop
from app import version
from app.logs import start_logging, stop_logging
from app.model.core.dto import NewDocument
from app.model.core.errors import ValidationError
from app.model.project import Project
from app.ui.core.settings import Settings
from app.ui.core.workers import Job
from app.ui.shell.about_dialog import AboutDialog
from app.ui.shell.crash_dialog import CrashReporter
from app.ui.shell.file_open import FileOpener
from app.ui.shell.main_window import MainWindow
from app.ui.shell.synced_warning import warn_if_synced
from app.user_folder import data_folder


def test_about_names_the_version_licence_and_the_frameworks_papers(qtbot: QtBot, window: MainWindow) -> None:
    assert window.about_action.text() == "&About Axial"
    dialog = AboutDialog(window)
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    assert f"Axial {version()}" in text
    assert "MIT licence" in text
    assert "Implementation Science 2009;4:50." in text
    assert "Implementation Science 2022;17:75." in text


def test_the_data_folder_is_the_one_qt_names(qapp: QApplication) -> None:
    names = qapp.applicationName(), qapp.organizationName()
    qapp.setApplicationName("Axial")
    qapp.setOrganizationName("Axial")
    try:
        qt_folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        assert data_folder() == Path(qt_folder)
    finally:
        qapp.setApplicationName(names[0])
        qapp.setOrganizationName(names[1])


@pytest.fixture
def reporter(tmp_path: Path) -> Iterator[tuple[CrashReporter, list[tuple[str, str]], Path]]:
    told: list[tuple[str, str]] = []
    log = start_logging(tmp_path / "axial.log")
    crash = CrashReporter(log, tell=lambda title, text: told.append((title, text)))
    crash.install()
    yield crash, told, log
    crash.uninstall()
    stop_logging()


def test_an_uncaught_exception_is_logged_and_shown_once_with_the_logs_place(
    qtbot: QtBot, reporter: tuple[CrashReporter, list[tuple[str, str]], Path]
) -> None:
    crash, told, log = reporter
    try:
        raise KeyError("no such code")
    except KeyError as error:
        crash.on_exception(KeyError, error, error.__traceback__)
    qtbot.waitUntil(lambda: len(told) == 1)
    title, text = told[0]
    assert title == "Something went wrong"
    assert "KeyError: 'no such code'" in text
    assert str(log) in text
    assert "Axial has kept running" in text
    written = log.read_text(encoding="utf-8")
    assert "CRITICAL" in written
    assert "raise KeyError" in written


def test_an_exception_on_a_thread_reaches_the_dialog_through_the_gui_thread(
    qtbot: QtBot, reporter: tuple[CrashReporter, list[tuple[str, str]], Path]
) -> None:
    _, told, log = reporter

    def fail() -> None:
        raise RuntimeError("worker broke")

    thread = threading.Thread(target=fail, name="doomed")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(told) == 1)
    assert "RuntimeError: worker broke" in told[0][1]
    assert "Uncaught exception in thread doomed" in log.read_text(encoding="utf-8")


def test_a_failed_background_job_logs_its_traceback(qapp: QApplication, caplog: pytest.LogCaptureFixture) -> None:
    failures: list[str] = []

    def broken(progress: object) -> None:
        raise ZeroDivisionError("division by zero")

    def refused(progress: object) -> None:
        raise ValidationError("refused")

    job = Job(broken, qapp)
    job.signals.failed.connect(failures.append)
    with caplog.at_level(logging.INFO, logger="app"):
        job.run()
        Job(refused, qapp).run()
    assert failures == ["Unexpected error: ZeroDivisionError('division by zero')"]
    failed = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failed) == 1
    assert failed[0].exc_info is not None
    assert failed[0].exc_info[0] is ZeroDivisionError
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.INFO] == [
        "A background job was refused: refused"
    ]


def test_a_file_open_event_opens_the_project(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "Double-clicked.axial"
    Project.create(path, name="Double-clicked").close()
    app = QCoreApplication.instance()
    assert app is not None
    opener = FileOpener(window.open_project, app)
    app.installEventFilter(opener)
    try:
        QCoreApplication.sendEvent(app, QFileOpenEvent(str(path)))
    finally:
        app.removeEventFilter(opener)
    assert window.project is not None
    assert window.project.info().name == "Double-clicked"


def test_a_synced_project_is_warned_about_once(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "OneDrive - Contoso" / "Study.axial"
    path.parent.mkdir()
    Project.create(path, name="Study").close()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    told: list[tuple[str, str]] = []
    window.tell = lambda title, text: told.append((title, text))
    assert window.open_project(path)
    assert [title for title, _ in told] == ["Project in a shared or synced folder"]
    assert "synced by OneDrive" in told[0][1]
    assert window.open_project(path)
    assert len(told) == 1  # remembered
    window.close()
    assert not warn_if_synced(tmp_path / "Local.axial", settings, lambda *a: pytest.fail("a local project"))


def test_the_smoke_start_opens_the_demo_in_a_window(qapp: QApplication, capsys: pytest.CaptureFixture[str]) -> None:
    assert desktop.smoke(qapp) == 0
    assert "opened the demo study in the main window (8 documents), closed it" in capsys.readouterr().out


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert desktop.main(["--version"]) == 0
    assert capsys.readouterr().out == f"Axial {version()}\n"


def test_the_smoke_start_opens_a_given_project(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "Given.axial"
    with Project.create(path, name="Given") as project:
        project.documents.add(NewDocument(name="Interview", text="I: Hello.\nP: Hi.\n"))
    assert desktop.smoke(qapp, path) == 0
    out = capsys.readouterr().out
    assert "opened Given.axial in the main window (1 documents)" in out
    assert re.search(r"^Usable window \d+\.\d\d s \(CPU \d+\.\d\d s\) after the process started$", out, re.M)
    Project.create(tmp_path / "Empty.axial", name="Empty").close()
    assert desktop.smoke(qapp, tmp_path / "Empty.axial") == 1  # no transcript to show: the smoke test fails


def test_missing_system_libraries_stop_the_start_with_their_names(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(desktop.system_libraries, "_loads", lambda soname: soname != "libxcb-cursor.so.0")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert desktop.main(["--smoke"]) == 1
    err = capsys.readouterr().err
    assert "not installed: libxcb-cursor0." in err
    assert "sudo apt install libxcb-cursor0" in err


def test_the_smoke_start_imports_and_writes_word_through_the_dialogs(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    transcript = Path(__file__).parents[1] / "data" / "fixtures" / "webvttpy_teams_voice.vtt"
    report = tmp_path / "report.docx"
    assert desktop.smoke(qapp, None, [transcript], report) == 0
    assert "imported 1 and wrote report.docx (9 documents)" in capsys.readouterr().out
    assert docx.Document(str(report)).paragraphs[0].text == "Coded excerpts"


def test_the_smoke_start_fails_when_an_import_fails(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert desktop.smoke(qapp, None, [tmp_path / "empty.txt"], tmp_path / "report.docx") == 1
    assert "0 of 1 transcripts were imported" in capsys.readouterr().err
