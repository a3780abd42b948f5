"""`make screenshots`: the desktop's windows on the demo study, and pages of its Word exports, as PNGs.

Runs offscreen on a fresh demo project in a temporary folder; writes to the folder given (docs/screenshots).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from app.model.demo import build_demo
from app.model.reports.excerpt_outline import Grouping
from app.model.reports.excerpts import Context
from app.resources import resource
from app.ui.core.settings import Settings
from app.ui.shell.main_window import MainWindow


def _settle(app: QApplication, ms: int = 200) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def _with_popup(window: QWidget, popup: QWidget) -> QPixmap:
    """The window with a popup (its own top-level window) painted where it stands."""
    shot = window.grab()
    painter = QPainter(shot)
    painter.drawPixmap(popup.pos() - window.pos(), popup.grab())
    painter.end()
    return shot


def take(folder: Path, fixtures: Path) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="axial-screenshots-"))
    window = MainWindow(Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)))
    window.resize(1440, 900)
    window.move(0, 0)
    window.adopt(build_demo(work / "Demo.axial", resource("demo")))
    window.show()
    workspace = window.workspace
    assert workspace is not None
    assert window.project is not None
    document = next(d for d in window.project.documents.all() if d.name.startswith("Hillcrest - supervisor"))
    workspace.open_document(document.id)
    supervision = next(n.code.id for n in window.project.codes.tree() if n.code.name == "Group supervision")
    workspace.codes.select(supervision)
    workspace.excerpts.show_code(supervision)
    _settle(app)
    written = [folder / "main-window.png"]
    window.grab().save(str(written[-1]))

    text = workspace.viewer.text
    start = text.index("Fill the vacancies")
    workspace.viewer.select(start, start + len("Fill the vacancies"))
    window.quick_action.trigger()
    workspace.palette.query.setText("staf")
    workspace.palette.move(window.mapToGlobal(QPoint(520, 330)))
    _settle(app)
    written.append(folder / "quick-code-palette.png")
    _with_popup(window, workspace.palette).save(str(written[-1]))
    workspace.palette.hide()

    dialog = window.show_import()
    assert dialog is not None
    dialog.resize(1100, 620)
    loop = QEventLoop()
    dialog.preview_finished.connect(loop.quit)
    names = (
        "hitsave_wintermoor_group.md",
        "pdpilot_P1_maxqda.pdf",
        "webvttpy_teams_voice.vtt",
        "d2p_example_notes_headers_tables.docx",
        "striprtf_polish_cp1250.rtf",
        "qualcoder_transcript_ids.txt",
    )
    (work / "notes.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    dialog.add_paths([fixtures / name for name in names] + [work / "notes.doc"])
    QTimer.singleShot(20_000, loop.quit)
    loop.exec()
    dialog.table.selectRow(0)
    dialog.map_speaker(fixtures / names[0], "Ben Walker", "P-BW")
    dialog.table.selectRow(1)
    dialog.table.selectRow(0)
    _settle(app)
    written.append(folder / "import-dialog.png")
    dialog.grab().save(str(written[-1]))
    dialog.reject()
    written += _search_view(app, window, folder)
    written += _axial_views(app, window, folder)
    written += _cfir_views(app, window, folder)
    written += _export_views(app, window, folder, work)
    written += _exchange_view(app, window, folder, work)
    window.close()
    return written


def _export_views(app: QApplication, window: MainWindow, folder: Path, work: Path) -> list[Path]:
    """The export dialog, and pages of the Word report, codebook and ratings matrix it writes (via LibreOffice)."""
    workspace = window.workspace
    assert workspace is not None
    dialog = workspace.show_export()
    dialog.grouping.setCurrentIndex(dialog.grouping.findData(Grouping.FRAMEWORK))
    dialog.split_by.setCurrentIndex(dialog.split_by.findText("Role"))
    dialog.context.setCurrentIndex(dialog.context.findData(Context.SENTENCE))
    dialog.title.setText("Implementation barriers and facilitators")
    _settle(app)
    written = [folder / "export-dialog.png"]
    dialog.grab().save(str(written[-1]))
    report = work / "report.docx"
    dialog.export(report)
    deadline = time.monotonic() + 30
    while dialog.job is not None and time.monotonic() < deadline:
        _settle(app, 50)
    dialog.close()
    codebook = work / "codebook.docx"
    workspace.export_codebook(codebook)
    ratings = workspace.show_matrix()
    assert ratings is not None
    fidelity = next(a.id for a in workspace.project.cases.attributes() if a.name == "Site fidelity at 12 months")
    ratings.outcome.setCurrentIndex(ratings.outcome.findData(fidelity))
    ratings.export(work / "ratings.docx")
    ratings.close()
    while not codebook.exists() and time.monotonic() < deadline:
        _settle(app, 50)
    for source, pages, name in (
        (report, (1, 2, 3, 4), "word-report"),
        (codebook, (3, 4), "word-codebook"),
        (work / "ratings.docx", (1, 2), "word-ratings-matrix"),
    ):
        written += _pages(source, pages, folder / name)
    return written


def _exchange_view(app: QApplication, window: MainWindow, folder: Path, work: Path) -> list[Path]:
    """The report after sending the demo study through REFI-QDA and back (last: it opens the imported copy)."""
    flows = window.exchange
    deadline = time.monotonic() + 30
    flows.export(work / "Demo.qdpx", codebook_only=False)
    while flows.last_report is None and time.monotonic() < deadline:
        _settle(app, 50)
    assert flows.last_report is not None
    flows.last_report.close()
    flows.last_report = None
    flows.import_file(work / "Demo.qdpx", work / "From REFI-QDA.axial")
    while flows.last_report is None and time.monotonic() < deadline:
        _settle(app, 50)
    assert flows.last_report is not None
    _settle(app)
    written = [folder / "refi-import-report.png"]
    flows.last_report.grab().save(str(written[-1]))
    flows.last_report.close()
    return written


def _pages(docx: Path, pages: tuple[int, ...], stem: Path) -> list[Path]:
    """Render pages of a Word file as PNGs with LibreOffice and poppler, when they are installed."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        print(f"skipped {stem.name}: install libreoffice-writer and poppler-utils to render Word pages")
        return []
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    written = []
    for page in pages:
        target = stem.with_name(f"{stem.name}-page-{page}")
        pdf = docx.with_suffix(".pdf")
        subprocess.run(
            [pdftoppm, "-png", "-r", "70", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(target)],
            check=True,
            timeout=60,
        )
        written.append(target.with_suffix(".png"))
    return written


def _search_view(app: QApplication, window: MainWindow, folder: Path) -> list[Path]:
    """The Search panel with a misspelled query's hits in context, the first one open in its document."""
    workspace = window.workspace
    assert workspace is not None
    window.show_search()
    window.resizeDocks([window.docks["search"]], [330], Qt.Orientation.Vertical)
    panel = workspace.search
    panel.query.setText("supervison")
    panel.fuzzy.setChecked(True)
    loop = QEventLoop()
    panel.searched.connect(loop.quit)
    panel.run()
    QTimer.singleShot(20_000, loop.quit)
    loop.exec()
    panel.open_row(0)
    _settle(app)
    written = [folder / "search-panel.png"]
    window.grab().save(str(written[-1]))
    window.docks["excerpts"].raise_()
    return written


def _cfir_views(app: QApplication, window: MainWindow, folder: Path) -> list[Path]:
    """The mapping view and the ratings matrix, after a researcher's first pass over the demo study."""
    workspace = window.workspace
    assert workspace is not None
    project = workspace.project
    window.use_cfir2_action.trigger()
    ids = {node.code.name: node.code.id for node in project.codes.tree()}
    cfir = next(f for f in project.frameworks.all() if f.key == "cfir-2022")
    nodes = {node.official_id: node.id for node in project.frameworks.nodes(cfir.id)}
    for code, construct in (
        ("Workload", "III.A.3"), ("Group supervision", "III.K"), ("Learning from colleagues", "III.B"),
        ("Turnover", "III.A.3"), ("Leadership engagement", "IV.A"), ("Starting from what people want", "III.D.2"),
    ):  # fmt: skip
        workspace.edits.map_codes([ids[code]], nodes[construct])
    mapping = workspace.show_mapping()
    assert mapping is not None
    mapping.resize(1280, 760)
    mapping.select_construct(nodes["III.A.3"])
    mapping.unmapped.setCurrentRow(0)
    _settle(app)
    written = [folder / "cfir-mapping.png"]
    mapping.grab().save(str(written[-1]))
    mapping.close()

    ratings = workspace.show_matrix()
    assert ratings is not None
    attributes = {a.name: a.id for a in project.cases.attributes()}
    ratings.unit_attribute.setCurrentIndex(ratings.unit_attribute.findData(attributes["Site"]))
    ratings.make_units()
    ratings.outcome.setCurrentIndex(ratings.outcome.findData(attributes["Site fidelity at 12 months"]))
    model = ratings.model
    units = {u.label: u.id for u in model.units}
    for construct, values in (
        ("III.A.3", {"Northgate": "+2", "Riverside": "+1", "Hillcrest": "-2"}),
        ("III.K", {"Northgate": "+1", "Riverside": "+2", "Hillcrest": "+1"}),
        ("IV.A", {"Northgate": "+1", "Riverside": "+2", "Hillcrest": "-1"}),
        ("III.B", {"Northgate": "+1", "Riverside": "+1", "Hillcrest": "+2"}),
    ):
        for site, value in values.items():
            model.rate(model.index_of(units[site], nodes[construct]), value)
            workspace.edits.set_rationale(units[site], nodes[construct], "See the coded excerpts for this site.")
    ratings.hide_empty.setChecked(True)
    ratings.resize(1280, 720)
    ratings.table.setCurrentIndex(model.index_of(units["Riverside"], nodes["III.K"]))
    ratings.panel.show_excerpts()
    _settle(app)
    written.append(folder / "cfir-ratings.png")
    ratings.grab().save(str(written[-1]))
    ratings.close()
    return written


def _axial_views(app: QApplication, window: MainWindow, folder: Path) -> list[Path]:
    """The similar-codes view, the relations diagram and a co-occurrence heat map on the demo study."""
    workspace = window.workspace
    assert workspace is not None
    project = workspace.project
    ids = {node.code.name: node.code.id for node in project.codes.tree()}
    # A researcher's first open codes often repeat one another; add a few to show what the view finds.
    for name in ("caseload sizes", "Group-supervision", "Turn over of staff", "Leadership engagment"):
        workspace.edits.create_code(name, allow_similar=True)
    similar = workspace.show_similar_codes()
    similar.resize(820, 480)
    _settle(app)
    written = [folder / "similar-codes.png"]
    similar.grab().save(str(written[-1]))
    similar.close()

    kinds = {kind.name: kind.id for kind in project.relations.types()}
    for source, target, kind in (
        ("Caseload size", "Turnover", "is cause of"),
        ("Turnover", "Learning from colleagues", "consequence"),
        ("Group supervision", "Starting from what people want", "action/strategy"),
        ("Leadership engagement", "Group supervision", "intervening condition"),
        ("Paperwork", "Starting from what people want", "contradicts"),
        ("Goals beyond symptoms", "Starting from what people want", "is associated with"),
    ):
        workspace.edits.relate(ids[source], ids[target], kinds[kind])
    relations = workspace.show_relations()
    relations.resize(1280, 700)
    _settle(app)
    relations.diagram.fitInView(relations.diagram.scene().itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
    _settle(app)
    written.append(folder / "relations-diagram.png")
    relations.grab().save(str(written[-1]))
    relations.close()

    analysis = workspace.show_analysis()
    analysis.resize(1100, 520)
    analysis.tabs.setCurrentIndex(1)
    analysis.unit.setCurrentIndex(2)  # same speaker turn
    deadline = time.monotonic() + 20
    while (analysis.job is not None or analysis.models[1].rowCount() == 0) and time.monotonic() < deadline:
        _settle(app, 50)
    written.append(folder / "cooccurrence-heat-map.png")
    analysis.grab().save(str(written[-1]))
    analysis.close()
    return written


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    fixtures = Path(__file__).resolve().parents[1] / "tests" / "data" / "fixtures"
    for path in take(folder, fixtures):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
