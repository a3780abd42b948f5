"""`axial search`: hits with their context, filters, fuzzy spellings; mistakes are one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main
from app.model.demo import build_demo
from app.resources import resource


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "Demo.axial"
    build_demo(path, resource("demo")).close()
    return path


def test_hits_are_printed_in_context_with_a_count(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(demo_file), '"group supervision"', "--where", "Role=supervisor"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "Hillcrest - supervisor SV-02 (SV-02, ¶ 4): SV-02: [Group supervision], without question. I protect that "
        "hour. We use the strengths review…"
    )
    assert lines[-1] == "4 hits in 2 documents"


def test_case_filter_keeps_what_that_case_said(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(demo_file), "supervision", "--case", "CM-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "5 hits in 2 documents"
    # CM-01's own interview, and CM-01's turns in the focus group (its speakers are cases), no one else's.
    assert all(
        line.startswith(("Riverside - case manager CM-01 (", "Riverside - focus group FG-1 (CM-01, "))
        for line in lines[:-1]
    )


def test_fuzzy_hits_show_their_likeness_and_the_spellings_found(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", str(demo_file), "supervison", "--fuzzy", "--speaker", "CM-01", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "~95: CM-01: Group [supervision] is the best hour of my week." in out
    assert "near spellings of 'supervison': supervise, supervision, supervisor" in out
    assert out.endswith("(more not shown)\n")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["AND"], "'AND' needs a word before and after it."),
        (["caseload", "--document", "Nowhere"], "no document 'Nowhere' in the project"),
        (["caseload", "--coded", "Nothing"], "no code 'Nothing' in the project"),
        (["caseload", "--case", "Nobody"], "no case 'Nobody' in the project"),
    ],
)
def test_mistakes_are_one_line_errors(
    demo_file: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    assert main(["search", str(demo_file), *arguments]) == 1
    assert capsys.readouterr().err == f"axial: {message}\n"
