"""`axial deidentify`: a de-identified copy of a project built from real transcripts with injected names. The
project changes only in its pseudonym table (which the names file adds to); the copy holds no original anywhere
(every text column of every table, every blob, the raw bytes of the file) and no pseudonym table; codings cover
the same passages, now pseudonymised; the key is only where --key says. In an open project, applying the
candidates is one step to undo."""

from __future__ import annotations

import random
import sqlite3
import zlib
from pathlib import Path

import pytest

from app.cli.main import main
from app.model.core.dto import MemoTarget, NewDocument, NewTurn
from app.model.core.errors import ConflictError
from app.model.deidentify.apply import apply_deidentification
from app.model.deidentify.candidates import find_candidates
from app.model.deidentify.matcher import Matcher
from app.model.deidentify.pseudonyms import build_table, read_names
from app.model.project import Project
from app.model.revisions.revision_service import RevisionService
from tests.conftest import table_dump
from tests.unit.deidentify_injection import NAMES, inject

OTTER = Path(__file__).resolve().parents[1] / "data/transcripts/otter_deidentified"
LISTED = NAMES[:8]
# Real names in the transcripts' speaker labels: seeded from the labels, so they must be gone too.
SPEAKERS = ("Maria Okafor", "Daniel Reyes")


_HISTORY = ("audit", "operation", "operation_change", "operation_step")


def _originals() -> list[str]:
    words = {w for first, last in LISTED for w in (first, last)}
    return sorted(words | {w for name in SPEAKERS for w in name.split()})


def _project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A project of four real transcripts with names injected, codings on sentences naming someone, memos, a
    code and a case named after people; returns it and each coding's text by code name."""
    rng = random.Random(3)
    folder = tmp_path / "in"
    folder.mkdir()
    for i, path in enumerate(sorted(OTTER.glob("*.txt"))):
        text, _ = inject(path.read_text(encoding="utf-8"), 25, rng)
        first, last = LISTED[i]
        text += f"\n{first} {last} said the caseload was heavy; Dr. {last} agreed.\n"
        (folder / f"{path.stem} with {first}_{last}.txt").write_text(text, encoding="utf-8")
    project = tmp_path / "study.axial"
    assert main(["new", str(project), "--framework", "none"]) == 0
    assert main(["import", str(project), str(folder), "--case-per-file"]) == 0
    coded: dict[str, str] = {}
    with Project.open(project, backups=0) as p:
        for document in p.documents.all():
            text = p.documents.text(document.id)
            end = len(text.rstrip("\n"))
            at = text.rindex("\n", 0, end) + 1
            code = p.edits.create_code(f"Workload {document.id}")
            coding = p.edits.apply_coding(document.id, code.id, at, end)
            coded[code.name] = text[at:end]
            p.edits.set_coding_memo(coding.id, f"{LISTED[0][0]} said this")
        p.edits.add_memo(
            MemoTarget(document_id=1), f"About {LISTED[1][1]}", f"{LISTED[2][0]}'s view, call 555-123-4567"
        )
        p.edits.create_code(f"{LISTED[3][0]}'s remarks")
        case = next(iter(p.cases.names()))
        p.edits.rename_case(case, f"Site of {LISTED[4][0]} {LISTED[4][1]}")
        p.edits.correct_text(1, 0, 0, f"{LISTED[5][0]} {LISTED[5][1]} transcript.\n")  # a version holding originals
    return project, coded


def _names_file(tmp_path: Path) -> Path:
    path = tmp_path / "names.csv"
    rows = [f"{first} {last},[Case manager {i}]" for i, (first, last) in enumerate(LISTED[:4], start=1)]
    rows += [f"{first} {last}" for first, last in LISTED[4:]]
    path.write_text("original,pseudonym\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _every_value(path: Path) -> list[str]:
    """Every text value of every table, blobs decompressed where they are compressed text."""
    conn = sqlite3.connect(path)
    try:
        values: list[str] = []
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            for row in conn.execute(f'SELECT * FROM "{table}"').fetchall():
                for value in row:
                    if isinstance(value, str):
                        values.append(value)
                    elif isinstance(value, bytes):
                        try:
                            values.append(zlib.decompress(value).decode("utf-8", "replace"))
                        except zlib.error:
                            values.append(value.decode("utf-8", "replace"))
        return values
    finally:
        conn.close()


def test_the_copy_holds_no_original_and_codings_cover_the_pseudonymised_passages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, coded = _project(tmp_path)
    before = table_dump(project)
    assert any(LISTED[5][1] in v for v in _every_value(project))  # the original does hold them, versions too
    copy, key = tmp_path / "copy.axial", tmp_path / "key.csv"
    capsys.readouterr()
    argv = ["deidentify", str(project), "--names", str(_names_file(tmp_path)), "--patterns", "--out", str(copy)]
    assert main([*argv, "--key", str(key)]) == 0
    out = capsys.readouterr().out
    after = table_dump(project, skip=(*_HISTORY, "pseudonym"))
    assert after == {t: rows for t, rows in before.items() if t not in (*_HISTORY, "pseudonym")}
    with Project.open(project, read_only=True) as p:
        stored = {row.original: row.pseudonym for row in p.pseudonyms.all()}
    assert stored[f"{LISTED[0][0]} {LISTED[0][1]}"] == "[Case manager 1]"
    assert stored["Maria Okafor"].startswith("[Speaker ")  # a speaker label naming someone, seeded
    values = "\n".join(_every_value(copy)).casefold()
    raw = copy.read_bytes().lower()
    left = [o for o in _originals() if o.casefold() in values or o.lower().encode() in raw]
    assert left == []
    assert "555-123-4567" not in values
    assert not any(o.casefold() in out.casefold() for o in _originals())
    assert "[Case manager 1]" in out
    key_lines = key.read_text(encoding="utf-8").splitlines()
    assert key_lines[1] == f"{LISTED[0][0]} {LISTED[0][1]},[Case manager 1],person"
    assert len(key_lines) == len(stored) + 1
    table = Matcher(build_table(read_names(tmp_path / "names.csv")))
    with Project.open(copy, read_only=True) as p:
        assert p.check() == []
        codes = {n.code.id: n.code.name for n in p.codes.tree()}
        for document in p.documents.all():
            text = p.documents.text(document.id)
            (coding,) = p.codings.for_document(document.id)
            passage = text[coding.start : coding.end]
            assert passage == table.replace(coded[codes[coding.code_id]])
            assert passage.startswith("[")
            assert passage.endswith("] agreed.")
        assert p.history.operations(limit=100) == []


def test_nothing_is_overwritten_and_a_bad_names_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, _ = _project(tmp_path)
    names = _names_file(tmp_path)
    taken = tmp_path / "taken.axial"
    taken.write_bytes(b"x")
    assert main(["deidentify", str(project), "--names", str(names), "--out", str(taken)]) == 1
    assert "exists already" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,c,d\n", encoding="utf-8")
    out = tmp_path / "copy.axial"
    assert main(["deidentify", str(project), "--names", str(bad), "--out", str(out)]) == 1
    assert not out.exists()


def test_applied_in_an_open_project_it_is_one_step_to_undo(tmp_path: Path) -> None:
    project, _ = _project(tmp_path)
    with Project.open(project, backups=0) as p:
        texts = {d.id: p.documents.text(d.id) for d in p.documents.all()}
        codings = {d: [(c.start, c.end) for c in p.codings.for_document(d)] for d in texts}
        p.edits.import_pseudonyms([(f"{f} {last}", "", "person") for f, last in LISTED])
        steps = len(p.history.operations(limit=1000))
        matcher = Matcher(p.pseudonyms.table())
        candidates = find_candidates(p, matcher)
        assert {c.document_id for c in candidates} == set(texts)
        assert all(c.text and c.before is not None for c in candidates)
        report = apply_deidentification(p, matcher, candidates)
        assert report.replacements == len(candidates)
        assert len(p.history.operations(limit=1000)) == steps + 1
        assert all(not matcher.find(p.documents.text(d)) for d in texts)
        revisions = RevisionService(p.store)
        for d in texts:  # the version made keeps no earlier text: only the undo log does, until it is trimmed
            assert revisions.previous_text(d, revisions.versions(d)[-1].number) == ""
        p.history.undo()
        assert {d: p.documents.text(d) for d in texts} == texts
        assert {d: [(c.start, c.end) for c in p.codings.for_document(d)] for d in texts} == codings


def _small(tmp_path: Path, text: str, turns: tuple[tuple[str, str], ...]) -> Path:
    path = tmp_path / "small.axial"
    with Project.create(path, coder="Ann") as p:
        p.documents.add(
            NewDocument(
                name="Interview with Anna",
                text=text,
                turns=tuple(NewTurn(label, text.index(said), text.index(said) + len(said)) for label, said in turns),
            )
        )
        code = p.edits.create_code("Theme")
        coding = p.edits.apply_coding(1, code.id, 0, len(text) - 1)
        p.edits.set_coding_memo(coding.id, "Anna and Hannah")
        p.edits.add_memo(MemoTarget(document_id=1), "Anna", "Hannah said Anna was there")
    return path


def test_a_pseudonym_naming_another_listed_person_is_not_replaced_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Anna: Hannah came.\nHannah: Anna left.\n"
    path = _small(tmp_path, text, (("Anna", "Hannah came."), ("Hannah", "Anna left.")))
    names = tmp_path / "names.csv"
    names.write_text("Anna,[Hannah's friend]\nHannah,[Person 2]\n", encoding="utf-8")
    copy = tmp_path / "copy.axial"
    assert main(["deidentify", str(path), "--names", str(names), "--out", str(copy)]) == 0
    with Project.open(copy, read_only=True) as p:
        assert p.documents.text(1) == "[Hannah's friend]: [Person 2] came.\n[Person 2]: [Hannah's friend] left.\n"
        assert {s.label for s in p.documents.speakers(1)} == {"[Hannah's friend]", "[Person 2]"}
        assert [d.name for d in p.documents.all()] == ["Interview with [Hannah's friend]"]
        [coding] = p.codings.for_document(1)
        assert coding.memo == "[Hannah's friend] and [Person 2]"
        [memo] = p.memos.all()
        assert (memo.title, memo.body) == ("[Hannah's friend]", "[Person 2] said [Hannah's friend] was there")
    assert "[Hannah's friend]: 2" in capsys.readouterr().out


def test_two_speakers_given_one_pseudonym_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    text = "Jane: Hello.\nJane Smith: Hi.\n"
    path = _small(tmp_path, text, (("Jane", "Hello."), ("Jane Smith", "Hi.")))
    with Project.open(path, backups=0) as p:
        p.edits.import_pseudonyms([("Jane Smith", "", "person")])
        before = table_dump(path)
        matcher = Matcher(p.pseudonyms.table())
        with pytest.raises(ConflictError, match="would both be labelled “\\[Person 1\\]”"):
            apply_deidentification(p, matcher, find_candidates(p, matcher))
    assert table_dump(path) == before


def test_a_project_open_in_another_window_gives_its_names_to_the_copy_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, _ = _project(tmp_path)
    copy, key = tmp_path / "copy.axial", tmp_path / "key.csv"
    with Project.open(project, backups=0) as held:  # the desktop holds the writer's lock
        capsys.readouterr()
        argv = ["deidentify", str(project), "--names", str(_names_file(tmp_path)), "--out", str(copy)]
        assert main([*argv, "--key", str(key)]) == 0
        assert "Pseudonym table of the copy (not study.axial: it is not writable)" in capsys.readouterr().out
        assert held.pseudonyms.all() == []
    values = "\n".join(_every_value(copy)).casefold()
    assert [o for o in _originals() if o.casefold() in values] == []
    assert key.read_text(encoding="utf-8").splitlines()[1] == f"{LISTED[0][0]} {LISTED[0][1]},[Case manager 1],person"
