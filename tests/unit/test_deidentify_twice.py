"""A project de-identified in the desktop, then saved as a de-identified copy (or searched for candidates again):
its case names and speaker labels are pseudonyms by then, and must not join the table as originals. They did:
"[Case 1]" became an original with the pseudonym "[Case 3]", and the copy said "[Case 3]" where the key said
Ben Walker is "[Case 1]"."""

from __future__ import annotations

from pathlib import Path

from app.model.deidentify.apply import apply_deidentification
from app.model.deidentify.candidates import fill_table, find_candidates
from app.model.deidentify.deidentified_copy import save_deidentified_copy
from app.model.deidentify.matcher import Matcher
from app.model.deidentify.pseudonyms import Pseudonym, PseudonymTable
from app.model.documents.importing import FilePlan
from app.model.project import Project

OKAFOR = Path(__file__).resolve().parents[1] / "data/transcripts/otter_deidentified/Maria Okafor.txt"


def test_a_copy_of_a_project_de_identified_already_agrees_with_the_key(tmp_path: Path) -> None:
    transcript = tmp_path / "Maria Okafor.txt"
    transcript.write_bytes(OKAFOR.read_bytes())
    with Project.create(tmp_path / "study.axial", coder="Ann") as p:
        p.edits.import_documents([FilePlan(transcript)])
        p.edits.set_document_cases(1, [p.edits.create_case("Maria Okafor").id])
        fill_table(p)
        key = p.pseudonyms.table().key_csv()
        matcher = Matcher(p.pseudonyms.table())
        apply_deidentification(p, matcher, find_candidates(p, matcher))
        assert {s.label for s in p.documents.speakers()} == {"[Case 1]", "[Speaker 1]"}
        assert fill_table(p).added == 0
        assert find_candidates(p, Matcher(p.pseudonyms.table())) == []
        save_deidentified_copy(p, tmp_path / "copy.axial")
        assert p.pseudonyms.table().key_csv() == key
    with Project.open(tmp_path / "copy.axial", read_only=True) as copy:
        assert {s.label for s in copy.documents.speakers()} == {"[Case 1]", "[Speaker 1]"}
        assert [d.name for d in copy.documents.all()] == ["[Case 1]"]
        assert "Thanks, [Case 1]." in copy.documents.text(1)


def test_a_table_holding_a_pseudonym_as_an_original_does_not_replace_it_again() -> None:
    table = PseudonymTable(
        (Pseudonym("Ben Walker", "[Case 1]", "case"), Pseudonym("[Case 1]", "[Case 3]", "case"))
    )  # as such a seeding left it
    assert Matcher(table).replace("Ben Walker, then [Case 1].") == "[Case 1], then [Case 1]."
