"""Project-wide search: each query form, filters, fuzzy spellings, the index kept in step, autocoding."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from app.model.analysis.scope import Scope
from app.model.codings.autocode import autocode_hits, autocode_turns, hit_spans, speakers_in
from app.model.core.dto import AttributeType, NewDocument, NewTurn
from app.model.core.errors import ValidationError
from app.model.documents.extents import Extent
from app.model.documents.importing import FilePlan, Importer
from app.model.project import Project
from app.model.search.searching import SearchFilter, search
from tests.conftest import table_dump

RIVERSIDE = (
    "Interviewer: How is supervision going?\n"
    "CM-01: Supervision helps. My caseload is heavy, and the case-load keeps growing.\n"
    "CM-01: Café culture and naïve hopes. I supervise nobody.\n"
)
HILLCREST = (
    "Interviewer: Tell me about SUPERVISION here.\n"
    "SV-02: Group SuperVision every week. Fidelity reviews twice a year.\n"
    "SV-02: Supervisors protect that hour. Don't cancel it.\n"
)
NORTHGATE = "P1: 我们的督导很好。😀 督导每周一次。\nP2: עבודה קשה מאוד\n"


def _turns(text: str) -> tuple[NewTurn, ...]:
    turns, position = [], 0
    for line in text.split("\n"):
        label, _, _ = line.partition(": ")
        if line:
            turns.append(NewTurn(label, position + len(label) + 2, position + len(line)))
        position += len(line) + 1
    return tuple(turns)


def _add(project: Project, name: str, text: str, case: str) -> int:
    return project.documents.add(NewDocument(name, text, turns=_turns(text), case_names=(case,))).id


@pytest.fixture
def study(project: Project) -> Project:
    _add(project, "Riverside CM-01", RIVERSIDE, "CM-01")
    _add(project, "Hillcrest SV-02", HILLCREST, "SV-02")
    _add(project, "Northgate focus group", NORTHGATE, "FG-1")
    role = project.cases.define_attribute("Role", AttributeType.CHOICE, ("case manager", "supervisor"))
    cases = {c.name: c.id for c in project.cases.all()}
    project.cases.set_value(cases["CM-01"], role.id, "case manager")
    project.cases.set_value(cases["SV-02"], role.id, "supervisor")
    return project


def _texts(project: Project, query: str, **options: object) -> list[str]:
    return [h.text for h in search(project, query, **options).hits]  # type: ignore[arg-type]


def test_a_word_is_found_in_any_case_as_a_whole_word(study: Project) -> None:
    assert _texts(study, "supervision") == ["SUPERVISION", "SuperVision", "supervision", "Supervision"]
    assert _texts(study, "supervise") == ["supervise"]  # not inside "supervisor" or "supervision"


def test_hits_carry_their_place_speaker_and_context(study: Project) -> None:
    hit = search(study, "caseload").hits[0]
    document = next(d for d in study.documents.all() if d.name == "Riverside CM-01")
    assert study.documents.text(document.id)[hit.start : hit.end] == "caseload"
    assert (hit.document_id, hit.speaker, hit.paragraph) == (document.id, "CM-01", 2)
    assert hit.before == "CM-01: Supervision helps. My "
    assert hit.after == " is heavy, and the case-load keeps growing."


def test_phrases_prefixes_and_operators(study: Project) -> None:
    assert _texts(study, '"group supervision"') == ["Group SuperVision"]
    assert _texts(study, "supervis*") == [
        "SUPERVISION", "SuperVision", "Supervisors", "supervision", "Supervision", "supervise",
    ]  # fmt: skip
    assert _texts(study, "caseload AND heavy") == ["caseload", "heavy"]
    assert _texts(study, "fidelity OR caseload") == ["Fidelity", "caseload"]
    assert _texts(study, "supervision NOT interviewer") == ["SuperVision", "Supervision"]
    assert _texts(study, "supervision AND NOT (group OR helps)") == ["SUPERVISION", "supervision"]
    assert _texts(study, "don't") == ["Don't"]


def test_accents_are_optional_and_unspaced_scripts_are_found(study: Project) -> None:
    assert _texts(study, "cafe") == ["Café"]
    assert _texts(study, "naïve") == ["naïve"]
    assert _texts(study, "督导") == ["督导", "督导"]
    assert _texts(study, "קשה") == ["קשה"]


@pytest.mark.parametrize("query", ["", "   ", "AND", "caseload OR", "(caseload", "NOT caseload", '"'])
def test_malformed_queries_say_what_is_wrong(study: Project, query: str) -> None:
    with pytest.raises(ValidationError):
        search(study, query)


def test_filters_by_document_speaker_case_attribute_and_coding(study: Project) -> None:
    documents = {d.name: d.id for d in study.documents.all()}
    riverside = frozenset({documents["Riverside CM-01"]})
    assert _texts(study, "supervision", where=SearchFilter(Scope(document_ids=riverside))) == [
        "supervision",
        "Supervision",
    ]
    assert _texts(study, "supervision", where=SearchFilter(speakers=frozenset({"Interviewer"}))) == [
        "SUPERVISION",
        "supervision",
    ]
    role = next(a.id for a in study.cases.attributes())
    supervisors = SearchFilter(Scope(attribute_values=((role, frozenset({"supervisor"})),)))
    assert _texts(study, "supervision", where=supervisors) == ["SUPERVISION", "SuperVision"]
    cm = next(c.id for c in study.cases.all() if c.name == "CM-01")
    assert _texts(study, "supervision", where=SearchFilter(Scope(case_ids=frozenset({cm})))) == [
        "supervision",
        "Supervision",
    ]
    parent = study.codes.create("Support", is_codable=False)
    code = study.codes.create("Supervision valued", parent.id)
    start = RIVERSIDE.index("Supervision helps")
    study.codings.apply(documents["Riverside CM-01"], code.id, start, start + len("Supervision helps"))
    coded = SearchFilter(coded_with=(parent.id,))  # a category stands for its codes
    assert [(h.text, h.start) for h in search(study, "supervision", where=coded).hits] == [("Supervision", start)]


def _misspell(word: str, rng: random.Random) -> str:
    """One typing slip: a letter dropped, doubled, swapped with the next or replaced."""
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "double", "swap", "replace"])
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    if kind == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word[:at] + rng.choice("aeioustr") + word[at + 1 :]


@pytest.mark.parametrize("seed", range(12))
def test_fuzzy_search_finds_generated_misspellings(study: Project, seed: int) -> None:
    rng = random.Random(seed)
    word = rng.choice(["supervision", "caseload", "fidelity", "supervisors"])
    slip = _misspell(word, rng)
    if slip == word:
        slip = word[:-1]
    result = search(study, slip, fuzzy=True)
    assert word in {h.text.casefold() for h in result.hits}, (slip, result.variants)


def test_fuzzy_ranks_exact_first_joins_compounds_and_ignores_unrelated_words(study: Project) -> None:
    found = search(study, "supervision", fuzzy=True).hits
    exact = [h for h in found if h.score == 100]
    assert [h.text for h in exact] == ["SUPERVISION", "SuperVision", "supervision", "Supervision"]
    assert found[: len(exact)] == exact
    assert all(h.score < 100 for h in found[len(exact) :])
    assert {h.text for h in search(study, "caseload", fuzzy=True).hits} == {"caseload", "case-load"}
    assert {h.text for h in search(study, "case-load", fuzzy=True).hits} == {"caseload", "case-load"}
    for unrelated in ("banana", "xylophone", "quarterly"):
        assert search(study, unrelated, fuzzy=True).hits == []
    strict = search(study, "supervison", fuzzy=True, threshold=99)
    assert strict.hits == []


def test_index_follows_import_delete_undo_and_reopening(study: Project, tmp_path: Path) -> None:
    added = _add(study, "Late interview", "P9: Supervision at last.\n", "P9")
    assert "Late interview" in _documents(study, "supervision")
    study.edits.delete_documents([added])
    assert "Late interview" not in _documents(study, "supervision")
    study.history.undo()
    assert "Late interview" in _documents(study, "supervision")
    assert study.check() == []  # FTS5's own check: the index matches the text
    path = study.path
    study.close()
    with Project.open(path) as reopened:
        assert len(_documents(reopened, "supervision")) == 3


def test_a_lost_index_is_rebuilt_on_opening(study: Project) -> None:
    path = study.path
    study.close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE search_vocabulary")
    conn.execute("DROP TABLE search_index")
    conn.commit()
    conn.close()
    with Project.open(path) as reopened:
        assert _texts(reopened, "fidelity") == ["Fidelity"]
        assert search(reopened, "fidelty", fuzzy=True).hits
        assert reopened.check() == []


def _documents(project: Project, query: str) -> set[str]:
    names = {d.id: d.name for d in project.documents.all()}
    return {names[h.document_id] for h in search(project, query).hits}


@pytest.mark.parametrize(
    ("extent", "coded"),
    [
        (Extent.SELECTION, ["caseload"]),
        (Extent.SENTENCE, ["My caseload is heavy, and the case-load keeps growing."]),
        (Extent.PARAGRAPH, ["Supervision helps. My caseload is heavy, and the case-load keeps growing."]),  # no label
        (Extent.TURN, ["Supervision helps. My caseload is heavy, and the case-load keeps growing."]),
    ],
)
def test_autocode_widens_each_hit_to_its_sentence_paragraph_or_turn(
    study: Project, extent: Extent, coded: list[str]
) -> None:
    code = study.codes.create("Workload")
    added = autocode_hits(study, search(study, "caseload").hits, code.id, extent)
    assert [study.documents.text(c.document_id)[c.start : c.end] for c in added] == coded


def test_two_hits_in_one_sentence_code_it_once_and_undo_takes_all_off(study: Project) -> None:
    code = study.codes.create("Workload")
    before = table_dump(study.path)
    hits = search(study, "caseload OR heavy").hits
    assert len(hits) == 2
    added = study.edits.autocode("Autocode", lambda: autocode_hits(study, hits, code.id, Extent.SENTENCE))
    assert added == 1
    study.history.undo()
    assert table_dump(study.path) == before


def test_autocode_every_turn_of_the_speakers_with_an_attribute_value(study: Project) -> None:
    role = next(a.id for a in study.cases.attributes())
    hillcrest = next(d.id for d in study.documents.all() if d.name.startswith("Hillcrest"))
    study.documents.map_speaker(
        next(s.id for s in study.documents.speakers(hillcrest) if s.label == "SV-02"),
        next(c.id for c in study.cases.all() if c.name == "SV-02"),
    )
    speakers = speakers_in(study, Scope(attribute_values=((role, frozenset({"supervisor"})),)))
    assert [(s.label, s.turn_count) for s in speakers] == [("SV-02", 2)]
    code = study.codes.create("Supervisors speak")
    added = autocode_turns(study, [s.id for s in speakers], code.id)
    assert [HILLCREST[c.start : c.end] for c in added] == [
        "Group SuperVision every week. Fidelity reviews twice a year.",
        "Supervisors protect that hour. Don't cancel it.",
    ]


def test_imported_files_are_searchable_at_once(project: Project, tmp_path: Path) -> None:
    transcript = tmp_path / "Northgate CM-05.txt"
    transcript.write_text("Interviewer: And the reviews?\r\nCM-05: Fidelity reviews felt like audits.\r\n", "cp1252")
    report = Importer(project).run([FilePlan(transcript)])
    assert [r.document_id is not None for r in report.results] == [True]
    hits = search(project, "audits").hits
    assert [(h.text, h.speaker) for h in hits] == [("audits", "CM-05")]


def test_autocode_extents_on_a_real_transcript_with_speakers(project: Project) -> None:
    """A Markdown transcript whose turns run over several paragraphs (Hit Save! interview, see PROVENANCE.tsv)."""
    fixture = Path(__file__).parents[1] / "data" / "fixtures" / "hitsave_wintermoor_group.md"
    Importer(project).run([FilePlan(fixture)])
    hit = search(project, "motivation").hits[0]
    assert (hit.speaker, hit.paragraph) == ("Jonas Rosland", 7)
    text = project.documents.text(hit.document_id)
    widened = {extent: text[start:end] for extent in Extent for _, start, end in hit_spans(project, [hit], extent)}
    assert widened[Extent.SELECTION] == "motivation"
    assert widened[Extent.SENTENCE] == "What was your motivation?"
    assert widened[Extent.PARAGRAPH].startswith("So can you tell me a bit about how you get started")
    assert widened[Extent.PARAGRAPH].endswith("go around the around the clock here.")
    # The turn runs from after the speaker's label and timestamp over both of the speaker's paragraphs.
    assert widened[Extent.TURN].startswith("Awesome. And I'm Jonas Rosland executive director")
    assert widened[Extent.TURN].endswith(widened[Extent.PARAGRAPH])
