"""The benchmark harness cannot report a refusal as a fast success, and reports CPU time beside wall time."""

from __future__ import annotations

import json
import sys
from functools import partial
from pathlib import Path

import pytest

import bench.__main__ as bench_main
from app.model.core.dto import NewCoding, NewDocument
from app.model.project import Project
from bench.fresh import FreshSpans, project_copy, stored
from bench.measure import BenchError, Figure, Timings, once, report

TEXT = " ".join(f"word{i}" for i in range(400))


def _document(project: Project) -> tuple[int, int]:
    document = project.documents.add(NewDocument("Interview", TEXT))
    code = project.codes.create("Supervision")
    return document.id, code.id


def _apply(project: Project, span: NewCoding) -> object:
    return project.codings.apply(span.document_id, span.code_id, span.start, span.end)


def test_a_refused_apply_fails_the_bench_instead_of_being_timed(project: Project) -> None:
    document, code = _document(project)
    span = NewCoding(document, code, 0, 20)
    timings = Timings("apply one coding")
    timings.measure(partial(_apply, project, span), partial(stored, project, span))
    with pytest.raises(BenchError, match=r"apply one coding: the action was refused or failed: .*already has"):
        timings.measure(partial(_apply, project, span), partial(stored, project, span))
    assert len(timings.samples) == 1


def test_an_action_whose_check_says_no_fails_the_bench(project: Project) -> None:
    document, code = _document(project)
    span = NewCoding(document, code, 0, 20)
    # The desktop's coding route returns None when it refuses (the status bar says why): nothing is stored.
    with pytest.raises(BenchError, match="did not do its work"):
        Timings("apply from the window").measure(lambda: None, partial(stored, project, span))
    with pytest.raises(BenchError, match="did not do its work"):
        once("count", "w", lambda: 3, lambda n: n == 4)
    with pytest.raises(BenchError, match="did not do its work"):
        once("look up", "w", lambda: 0, lambda n: project.codings.get(999))


def test_a_failed_check_makes_the_run_exit_non_zero_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def refused(suite: str, scale: str, regenerate: bool, figures: list[Figure]) -> None:
        figures.append(Figure("file size", 1.0, "MB", "", "w"))
        raise BenchError("apply one coding: the action was refused or failed: This passage already has that code.")

    monkeypatch.setattr(bench_main, "run", refused)
    monkeypatch.setattr(bench_main, "OUT", tmp_path)
    monkeypatch.setattr(sys, "argv", ["bench", "--suite", "core"])
    assert bench_main.main() == 1
    captured = capsys.readouterr()
    assert "BENCH FAILED: apply one coding: the action was refused" in captured.err
    assert "file size" in captured.out  # what was measured before the failure is still shown
    assert not (tmp_path / "results-large.json").exists()  # no results file that looks like a finished run


def test_cpu_time_is_reported_beside_wall_time_with_median_and_p95(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    timings = Timings("sum")
    for _ in range(20):
        timings.measure(lambda: sum(range(20_000)), lambda total: total == 199_990_000)
    figure = timings.figure("sum a range", "20,000 numbers", "< 1000", p95_target="< 2000")
    assert figure.runs == 20
    assert figure.workload == "20,000 numbers; 20 runs"
    assert figure.basis == "cpu"
    assert figure.value == figure.cpu
    assert None not in (figure.cpu, figure.cpu_p95, figure.wall, figure.wall_p95)
    assert figure.cpu is not None
    assert figure.cpu_p95 is not None
    assert figure.cpu <= figure.cpu_p95
    table = report([figure])
    assert "cpu med" in table
    assert "wall p95" in table
    assert "-- 20,000 numbers" in table  # the workload is named above its figures

    monkeypatch.setattr(bench_main, "run", lambda suite, scale, regenerate, figures: figures.append(figure))
    monkeypatch.setattr(bench_main, "OUT", tmp_path)
    monkeypatch.setattr(sys, "argv", ["bench", "--suite", "core"])
    assert bench_main.main() == 0
    saved = json.loads((tmp_path / "results-large.json").read_text())["figures"][0]
    assert saved["name"] == "sum a range"
    assert saved["cpu"] == figure.cpu
    assert saved["wall_p95"] == figure.wall_p95
    assert saved["met"] == figure.met()
    assert "sum a range" in capsys.readouterr().out


def test_p95_target_is_judged_on_its_own() -> None:
    slow_tail = Figure("apply", 10.0, "ms", "< 16", "w", p95_target="< 30", basis="cpu", runs=20, cpu=10, cpu_p95=45)
    assert slow_tail.met() is False
    assert Figure("apply", 10.0, "ms", "< 16", "w", p95_target="< 30", basis="cpu", runs=20, cpu_p95=25).met()
    assert Figure("size", 3.0, "MB", "", "w").met() is None


def test_fresh_spans_never_repeat_a_coding_already_there(project: Project) -> None:
    document, code = _document(project)
    spans = FreshSpans(project, [document], [code], seed=1)
    first = [spans.next(document, words=(1, 3)) for _ in range(150)]
    project.codings.apply_many(first)
    # A second generator over the same project and seed steers round the 150 codings now stored.
    again = FreshSpans(project, [document], [code], seed=1)
    timings = Timings("apply fresh spans")
    for _ in range(100):
        span = again.next(document, words=(1, 3))
        timings.measure(partial(_apply, project, span), partial(stored, project, span))
    assert project.documents.all()[0].coding_count == 250


def test_a_suite_writes_to_a_copy_and_leaves_the_generated_project_as_it_was(project: Project) -> None:
    document, code = _document(project)
    path = project.path
    project.close()
    with project_copy(path) as copy:
        assert copy != path
        with Project.open(copy, backups=2) as working:
            working.codings.apply(document, code, 0, 10)
            working.wait_for_backup()
        folder = copy.parent
    assert not folder.exists()
    with Project.open(path, backups=0) as original:
        assert original.info().codings == 0
