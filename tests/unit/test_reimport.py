"""Re-importing a corrected transcript: real transcripts with generated corrections, one per failure mode the
issue lists; every coding is intact, shifted, relocated or left to review, never lost."""

from __future__ import annotations

import shutil
import textwrap
import unicodedata
from pathlib import Path

import pytest

from app.model.core.dto import Span
from app.model.documents.importing import FilePlan
from app.model.project import Project
from app.model.revisions.reimport import ReimportPlan, plan_reimport
from app.model.revisions.relocation import Fate

OTTER = Path(__file__).parents[1] / "data" / "transcripts" / "otter_deidentified"
FIXTURES = Path("/work/shared/fixtures")
BSR = OTTER / "BSR01 interview.txt"
PASSAGES = (
    "We do field sampling, so it's sensor logs",
    "Everything lands on a shared drive first.",
    "asked first, in the annual report.",
)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    shutil.copy(BSR, tmp_path / "BSR01.txt")
    made = Project.create(tmp_path / "study.axial", coder="Ann")
    made.edits.import_documents([FilePlan(tmp_path / "BSR01.txt")])
    code = made.edits.create_code("Data")
    text = made.documents.text(1)
    for passage in PASSAGES:
        at = text.index(passage)
        made.edits.apply_coding(1, code.id, at, at + len(passage))
    return made


def _plan(
    project: Project, tmp_path: Path, text: str, *, name: str = "corrected.txt", newline: str = "\n"
) -> ReimportPlan:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return plan_reimport(project, 1, path)


def _coded(project: Project) -> list[str]:
    text = project.documents.text(1)
    return [text[c.start : c.end] for c in project.codings.for_document(1)]


def _fates(plan: ReimportPlan) -> list[Fate]:
    return [r.fate for r in sorted(plan.relocations, key=lambda r: r.old.start)]


def test_the_same_file_keeps_every_coding_intact(project: Project, tmp_path: Path) -> None:
    plan = _plan(project, tmp_path, BSR.read_text("utf-8"))
    assert plan.edits == ()
    assert _fates(plan) == [Fate.INTACT] * 3


def test_crlf_and_decomposed_accents_are_the_same_text(project: Project, tmp_path: Path) -> None:
    text = BSR.read_text("utf-8")
    assert _fates(_plan(project, tmp_path, text, newline="\r\n")) == [Fate.INTACT] * 3
    accented = text.replace("Thanks for joining", "Thanks for joining, café")
    project.edits.replace_with_corrected(_plan(project, tmp_path, accented))
    decomposed = unicodedata.normalize("NFD", accented)
    assert decomposed != accented
    plan = _plan(project, tmp_path, decomposed, name="mac.txt")
    assert plan.edits == ()
    assert plan.new_text == project.documents.text(1)


def test_inserted_timestamps_astral_characters_and_a_renamed_speaker_shift_codings_exactly(
    project: Project, tmp_path: Path
) -> None:
    text = BSR.read_text("utf-8").replace("INT  ", "Interviewer  ").replace("Yes, that's fine.", "Yes 😀, that's fine.")
    text = text.replace("Great. Can you", "[00:00:09] Great. Can you")
    plan = _plan(project, tmp_path, text)
    assert _fates(plan) == [Fate.SHIFTED] * 3
    assert plan.structure.speaker_renames == (("INT", "Interviewer"),)
    project.edits.replace_with_corrected(plan)
    assert _coded(project) == list(PASSAGES)
    assert "Interviewer" in [s.label for s in project.documents.speakers(1)]


def test_edited_words_rewrapped_lines_and_smart_quotes_are_relocated(project: Project, tmp_path: Path) -> None:
    text = BSR.read_text("utf-8")
    text = text.replace("so it's sensor logs", "so it’s sensor logs")  # smart quote
    text = text.replace("lands on a shared drive", "lands on a\nshared drive")  # re-wrapped
    text = text.replace("asked first, in the annual", "asked us first, in the yearly")  # words edited
    plan = _plan(project, tmp_path, text)
    assert _fates(plan) == [Fate.EDITED] * 3
    project.edits.replace_with_corrected(plan)
    assert _coded(project) == [
        "We do field sampling, so it’s sensor logs",
        "Everything lands on a\nshared drive first.",
        "asked us first, in the yearly report.",
    ]


def test_a_boundary_inside_an_edited_word_follows_the_word(project: Project, tmp_path: Path) -> None:
    text = project.documents.text(1)
    at = text.index("sampling days")
    project.edits.apply_coding(1, project.codes.tree()[0].code.id, at + 3, at + len("sampling days"))  # "pling days"
    plan = _plan(project, tmp_path, BSR.read_text("utf-8").replace("sampling days", "samplings day"))
    moved = next(r for r in plan.relocations if r.old == Span(at + 3, at + 13))
    assert moved.fate is Fate.EDITED
    assert plan.new_text[moved.new.start : moved.new.end] == "plings day"


def test_a_moved_paragraph_takes_its_codings_along(project: Project, tmp_path: Path) -> None:
    text = BSR.read_text("utf-8")
    paragraph = next(p for p in text.split("\n\n") if PASSAGES[1] in p)
    moved = text.replace(paragraph + "\n\n", "") + "\n\n" + paragraph + "\n"
    plan = _plan(project, tmp_path, moved)
    fate = next(r for r in plan.relocations if plan.old_text[r.old.start : r.old.end] == PASSAGES[1])
    assert fate.fate is Fate.SHIFTED
    assert plan.new_text[fate.new.start : fate.new.end] == PASSAGES[1]


def test_a_repeated_passage_keeps_the_occurrence_that_was_coded(tmp_path: Path) -> None:
    source = tmp_path / "repeated.txt"
    source.write_text("A: I agree with that.\nB: Fine.\nA: I agree with that.\n", "utf-8")
    with Project.create(tmp_path / "r.axial", coder="Ann") as project:
        project.edits.import_documents([FilePlan(source)])
        code = project.edits.create_code("Agree")
        second = project.documents.text(1).rindex("I agree with that.")
        project.edits.apply_coding(1, code.id, second, second + 18)
        corrected = tmp_path / "corrected.txt"
        corrected.write_text("A: I agree with that.\nB: Fine, yes.\nA: I agree with that.\n", "utf-8")
        plan = plan_reimport(project, 1, corrected)
        [relocation] = plan.relocations
        assert relocation.fate is Fate.SHIFTED
        assert relocation.new.start == plan.new_text.rindex("I agree with that.")


def test_a_rewritten_passage_goes_to_review_and_is_never_lost(project: Project, tmp_path: Path) -> None:
    text = BSR.read_text("utf-8").replace(PASSAGES[1], "Nothing is ever stored anywhere by us.")
    plan = _plan(project, tmp_path, text)
    assert _fates(plan) == [Fate.INTACT, Fate.REVIEW, Fate.SHIFTED]
    [review] = plan.to_review
    assert plan.new_text[review.new.start : review.new.end] == "Nothing is ever stored anywhere by us."
    project.edits.replace_with_corrected(plan)  # kept at its suggested spot
    assert len(project.codings.for_document(1)) == 3
    project.history.undo()
    project.edits.replace_with_corrected(plan, {review.coding_id: None})  # the researcher removes it
    assert _coded(project) == [PASSAGES[0], PASSAGES[2]]


@pytest.mark.parametrize("name", ["DC05 interview.docx", "Maria Okafor.txt", "Speaker 1 and 2.txt"])
def test_real_transcripts_with_a_word_edited_in_every_paragraph_lose_nothing(name: str, tmp_path: Path) -> None:
    with Project.create(tmp_path / "s.axial", coder="Ann") as project:
        project.edits.import_documents([FilePlan(OTTER / name)])
        text = project.documents.text(1)
        code = project.edits.create_code("Any")
        spans = [p for p in project.documents.paragraphs(1) if p.end - p.start > 40][:12]
        for span in spans:
            project.edits.apply_coding(1, code.id, span.start + 5, span.end - 5)
        lines = text.split("\n")
        edited = [line.replace(" the ", " the very ", 1) for line in lines]
        plan = _plan(project, tmp_path, "\n".join(edited))
        assert all(r.fate.automatic for r in plan.relocations)
        project.edits.replace_with_corrected(plan)
        assert len(project.codings.for_document(1)) == len(spans)


def test_a_fixture_with_smart_quotes_in_greek_reimports_unchanged(tmp_path: Path) -> None:
    fixture = FIXTURES / "qualcoder_greek_smartquotes.docx"
    with Project.create(tmp_path / "g.axial", coder="Ann") as project:
        project.edits.import_documents([FilePlan(fixture)])
        code = project.edits.create_code("Any")
        project.edits.apply_coding(1, code.id, 0, min(30, project.documents.get(1).length))
        plan = plan_reimport(project, 1, fixture)
        assert _fates(plan) == [Fate.INTACT]


def test_the_command_line_counts_codings_and_a_dry_run_changes_nothing(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli.main import main

    path, before = project.path, project.documents.text(1)
    project.close()
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(
        BSR.read_text("utf-8").replace("asked first, in the annual", "asked us first, in the yearly"), "utf-8"
    )
    assert main(["reimport", str(path), "BSR01", str(corrected), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "codings: 2 intact, 0 shifted, 1 edited, 0 to review" in out
    assert "Dry run: nothing changed." in out
    with Project.open(path, read_only=True) as reopened:
        assert reopened.documents.text(1) == before
    assert main(["reimport", str(path), "BSR01", str(corrected)]) == 0
    assert "is now version 1: 2 codings where they were, 1 moved, 0 removed" in capsys.readouterr().out
    with Project.open(path, read_only=True) as reopened:
        assert "asked us first, in the yearly report." in reopened.documents.text(1)


def test_a_coded_repeat_deleted_goes_to_review_rather_than_onto_the_other_repeat(tmp_path: Path) -> None:
    source = tmp_path / "repeated.txt"
    source.write_text("A: I agree with that.\nB: Fine.\nA: I agree with that. Really.\n", "utf-8")
    with Project.create(tmp_path / "r.axial", coder="Ann") as project:
        project.edits.import_documents([FilePlan(source)])
        code = project.edits.create_code("Agree")
        second = project.documents.text(1).rindex("I agree with that.")
        project.edits.apply_coding(1, code.id, second, second + 18)
        corrected = tmp_path / "corrected.txt"
        corrected.write_text("A: I agree with that.\nB: Fine.\nA: Really.\n", "utf-8")
        [relocation] = plan_reimport(project, 1, corrected).relocations
        assert relocation.fate is Fate.REVIEW


def test_a_deleted_paragraph_beside_an_inserted_one_takes_no_coding_onto_other_words(tmp_path: Path) -> None:
    """Edited outside as a researcher would (a paragraph inserted, the next speaker's deleted, smart quotes, lines
    re-wrapped, a word changed): the inserted words get no coding, and the deleted paragraph's coding is removed
    unless the researcher keeps it. Word by word alone, the paragraphs paired up word for word and the coding
    went onto other words."""
    shutil.copy(FIXTURES / "hitsave_wintermoor_group.md", tmp_path / "Wintermoor.md")
    kyla = "Kyla Fury: So I grew up always wanting to be a writer"
    cool = "that's really cool. So next up we have."
    inserted = "**Ben Walker:** And that was the end of AAA for me, honestly.\n\n"
    with Project.create(tmp_path / "w.axial", coder="Ann") as project:
        project.edits.import_documents([FilePlan(tmp_path / "Wintermoor.md")])
        code = project.edits.create_code("Origins")
        text = project.documents.text(1)
        kyla_at, cool_at = text.index(kyla), text.index(cool)
        kyla_coding = project.edits.apply_coding(1, code.id, kyla_at, text.index("\n", kyla_at))
        project.edits.apply_coding(1, code.id, cool_at, cool_at + len(cool))
        source = (tmp_path / "Wintermoor.md").read_text("utf-8")
        cool_paragraph = source.index("**Jonas Rosland:** " + cool)
        kyla_paragraph = source.index("**Kyla Fury:** So I grew up")
        corrected = (
            source[:cool_paragraph]
            + inserted
            + source[cool_paragraph:kyla_paragraph]
            + source[source.index("\n\n", kyla_paragraph) + 2 :]
        ).replace("'", "\u2019")
        seventeen = corrected.index("So when I was 17,")
        paragraph = corrected[seventeen : corrected.index("\n", seventeen)]
        corrected = corrected.replace(paragraph, "\n".join(textwrap.wrap(paragraph, 70)))  # lines re-wrapped
        corrected = corrected.replace("how you get started", "how you got started")
        (tmp_path / "corrected.md").write_text(corrected, "utf-8")
        plan = plan_reimport(project, 1, tmp_path / "corrected.md")
        [review] = plan.to_review
        assert (review.coding_id, review.lost) == (kyla_coding.id, True)
        project.edits.replace_with_corrected(plan)
        assert _coded(project) == ["that\u2019s really cool. So next up we have."]
        project.history.undo()
        project.edits.replace_with_corrected(plan, {review.coding_id: review.new})  # the researcher keeps it
        assert len(project.codings.for_document(1)) == 2
