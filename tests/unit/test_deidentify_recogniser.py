"""The optional named-entity model: a real spaCy pipeline (blank English with an entity ruler, saved to a folder)
loaded by path through the adapter; its entities become candidates marked as the model's, proposed by kind, that
join the pseudonym table when applied. A missing spaCy, folder or pipeline is a clear message, never a crash."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.model.core.errors import ValidationError
from app.model.deidentify.apply import apply_deidentification
from app.model.deidentify.candidates import MODEL, find_candidates
from app.model.deidentify.matcher import Matcher
from app.model.deidentify.spacy_recogniser import load_spacy
from app.model.documents.importing import FilePlan
from app.model.project import Project

spacy = pytest.importorskip("spacy")
OKAFOR = Path(__file__).resolve().parents[1] / "data/transcripts/otter_deidentified/Maria Okafor.txt"


def _pipeline(folder: Path) -> Path:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Maria"},
            {"label": "ORG", "pattern": [{"LOWER": "the"}, {"LOWER": "library"}]},
            {"label": "ORG", "pattern": [{"LOWER": "the"}, {"LOWER": "university"}]},
            {"label": "DATE", "pattern": "Monday"},
        ]
    )
    nlp.to_disk(folder)
    return folder


def _project(tmp_path: Path) -> Project:
    shutil.copy(OKAFOR, tmp_path / "Okafor.txt")
    p = Project.create(tmp_path / "study.axial", coder="Ann")
    p.edits.import_documents([FilePlan(tmp_path / "Okafor.txt")])
    return p


def test_a_pipeline_saved_to_a_folder_finds_candidates_marked_as_the_models(tmp_path: Path) -> None:
    recogniser = load_spacy(str(_pipeline(tmp_path / "ruler")))
    assert recogniser.name == "ruler"
    text = "Thanks, Maria – ask the library on Monday. 𝔐aria"
    assert [(text[e.start : e.end], e.label) for e in recogniser.entities(text)] == [
        ("Maria", "PERSON"),
        ("the library", "ORG"),
        ("Monday", "DATE"),
    ]  # code point offsets, right after an astral character too
    with _project(tmp_path) as p:
        p.edits.add_pseudonym("Daniel Reyes")
        matcher = Matcher(p.pseudonyms.table())
        candidates = find_candidates(p, matcher, recogniser)
        table = [c for c in candidates if c.how != MODEL]
        model = [c for c in candidates if c.how == MODEL]
        assert {c.original for c in table} == {"Daniel Reyes"}
        assert {(c.original, c.pseudonym, c.kind) for c in model} == {
            ("Maria", "[Person 2]", "person"),
            ("the university", "[Agency A]", "agency"),
        }
        assert not any(c.original == "Monday" for c in candidates)  # a date names nobody
        apply_deidentification(p, matcher, candidates)
        assert ("Maria", "[Person 2]") in {(r.original, r.pseudonym) for r in p.pseudonyms.all()}
        text = p.documents.text(1)
        assert "Thanks, [Person 2]." in text
        assert "Maria" not in text
        # In the table now, the model's name is replaced where no candidate stood: the speaker labels.
        assert {s.label for s in p.documents.speakers(1)} == {"[Person 1]", "[Person 2] Okafor"}


def test_missing_spacy_model_or_folder_is_said_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError, match="is not a folder"):
        load_spacy(str(tmp_path / "nowhere"))
    with pytest.raises(ValidationError, match="install it first"):
        load_spacy("xx_no_such_pipeline_sm")
    spacy.blank("en").to_disk(tmp_path / "blank")
    with pytest.raises(ValidationError, match="no ner component"):
        load_spacy(str(tmp_path / "blank"))
    real = importlib.import_module

    def without_spacy(name: str, *args: Any) -> Any:
        if name == "spacy":
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", without_spacy)
    with pytest.raises(ValidationError, match="needs spaCy, which is not installed"):
        load_spacy("en_core_web_sm")


def test_the_command_line_adds_what_the_model_finds_to_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _pipeline(tmp_path / "ruler")
    _project(tmp_path).close()
    copy, key = tmp_path / "copy.axial", tmp_path / "key.csv"
    argv = ["deidentify", str(tmp_path / "study.axial"), "--ner", str(folder), "--out", str(copy), "--key", str(key)]
    assert main(argv) == 0
    # "Maria" is a part of a speaker label the table holds already: only the model's new name joins it.
    assert key.read_text(encoding="utf-8").splitlines()[1:] == [
        "Daniel Reyes,[Speaker 1],speaker",
        "Maria Okafor,[Speaker 2],speaker",
        "the university,[Agency A],agency",
    ]
    with Project.open(copy, read_only=True) as p:
        assert "Maria" not in p.documents.text(1)
        assert "[Agency A]" in p.documents.text(1)
    capsys.readouterr()
    assert main([*argv[:2], "--ner", "xx_no_such_pipeline_sm", "--out", str(tmp_path / "other.axial")]) == 1
    assert "install it first" in capsys.readouterr().err
