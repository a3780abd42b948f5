"""A folder of de-identified Otter interviews imports with exactly its two speakers per interview, as interviews,
and every bracketed transcriber note inside the turn it was written in."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from app.model.core.dto import DocumentKind
from app.model.documents.importing import FilePlan, Importer, Outcome, expand
from app.model.documents.readers import ImportedText, read_file
from app.model.project import Project

CORPUS = Path(__file__).resolve().parents[2] / "data" / "transcripts" / "otter_deidentified"
SPEAKERS = {
    "BSR01 interview.txt": {"INT", "BSR01"},
    "DC01 interview.txt": {"INT", "DC01"},
    "DC05 interview.docx": {"INT", "DC05"},
    "DC07 interview.docx": {"INT", "DC07"},
    "Maria Okafor.txt": {"Maria Okafor", "Daniel Reyes"},
    "Speaker 1 and 2.txt": {"Speaker 1", "Speaker 2"},
}
# Otter's header, read independently of the importer: the name, two spaces, the time.
_HEADER = re.compile(r"^(?P<label>[^\[\n][^\n]*?) {2}\d{1,2}(?::\d{2}){1,2}\b", re.MULTILINE)
_NOTE = re.compile(r"\[[^\]\n]+\]")


def _read(name: str) -> ImportedText:
    return read_file(CORPUS / name)[0]


def test_the_corpus_is_what_the_tests_expect() -> None:
    assert sorted(p.name for p in expand([CORPUS])) == sorted(SPEAKERS)


@pytest.mark.parametrize("name", sorted(SPEAKERS))
def test_each_interview_has_its_two_speakers_with_one_turn_per_header(name: str) -> None:
    imported = _read(name)
    headers = [match.group("label") for match in _HEADER.finditer(imported.text)]
    assert set(headers) == SPEAKERS[name]
    assert Counter(turn.speaker for turn in imported.turns) == Counter(headers)
    assert all(turn.timestamp_ms is not None for turn in imported.turns)


@pytest.mark.parametrize("name", sorted(SPEAKERS))
def test_every_bracketed_note_is_in_the_turn_it_was_written_in(name: str) -> None:
    imported = _read(name)
    text = imported.text
    notes = list(_NOTE.finditer(text))
    assert notes
    for note in notes:
        header = [m for m in _HEADER.finditer(text) if m.start() < note.start()][-1]
        [turn] = [t for t in imported.turns if t.start <= note.start() and note.end() <= t.end]
        assert turn.speaker == header.group("label"), note.group()


@pytest.mark.parametrize(
    ("name", "speech"),
    [
        ("DC01 interview.txt", "No, no. We negotiate."),
        ("BSR01 interview.txt", "No, no. I mean, yes,"),
        ("BSR01 interview.txt", "Just that the time goes in at the end"),  # on the header's own line
        ("DC05 interview.docx", "No, no. They find a workaround"),
        ("DC07 interview.docx", "No, no. That is the study team's job"),
    ],
)
def test_a_turn_whose_speech_starts_with_a_space_is_its_speakers_own(name: str, speech: str) -> None:
    imported = _read(name)
    [turn] = [t for t in imported.turns if imported.text[t.start : t.end].startswith(speech)]
    assert turn.speaker != "INT"


def test_importing_the_folder_gives_interviews_with_two_speakers_each(project: Project) -> None:
    files = expand([CORPUS])
    importer = Importer(project)
    previews = importer.preview(files)
    assert {p.path.name: {label for label, _ in p.speakers} for p in previews} == SPEAKERS
    assert {p.kind for p in previews} == {DocumentKind.INTERVIEW}
    report = importer.run([FilePlan(path) for path in files])
    assert report.count(Outcome.IMPORTED) == len(SPEAKERS)
    suffixes = {path.stem: path.suffix for path in files}
    for document in project.documents.all():
        assert document.kind is DocumentKind.INTERVIEW
        speakers = {speaker.label for speaker in project.documents.speakers(document.id)}
        assert speakers == SPEAKERS[f"{document.name}{suffixes[document.name]}"]
