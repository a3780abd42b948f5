"""The quick-code palette (Ctrl+K): Enter applies a real match or creates the typed code, never a look-alike."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from pytestqt.qtbot import QtBot

from app.model.codes.name_matching import Candidate
from app.model.core.dto import CodeInfo, CodeNode
from app.ui.coding.quick_code import CREATE, HEADER, QuickCodePalette, label, placed
from tests.unit.codebooks import HAND_WRITTEN

# (what a researcher types, the code Enter must apply, or None: Enter must create the typed code)
TYPED: list[tuple[str, str | None]] = [
    # New codes, most sharing a word with an existing one.
    ("API access", None),
    ("Data reuse", None),
    ("Staffing capacity", None),
    ("Capacity building", None),
    ("Staff training", None),
    ("Open science values", None),
    ("Grant deadlines", None),
    ("Rural clinics", None),
    ("Court orders", None),
    ("Moral injury", None),
    ("Cloud platforms", None),
    ("Harm reduction", None),
    ("Caregiver strain", None),
    ("Language barriers", None),
    ("Research findings", None),
    ("Police contact", None),
    ("Lived experience", None),
    ("Safety planning", None),
    ("Data ownership", None),
    ("Group norms", None),
    # Existing names, as typed: any case, punctuation or plural.
    ("Privacy concerns", "Privacy concerns"),
    ("policy awareness", "Policy awareness"),
    ("Repository capacity", "Repository capacity"),
    ("staff turn-over", "Staff turnover"),
    ("caseload sizes", "Caseload size"),
    ("Peer support", "Peer support"),
    ("Metadata standards", "Metadata standards"),
    # Beginnings of a name or of one of its words.
    ("case", "Caseload size"),
    ("peer sup", "Peer support"),
    ("turnover", "Staff turnover"),
    ("referral", "Referral pathways"),
    ("trauma-informed", "Trauma-informed care"),
    # Typing slips in long words.
    ("supervison", "Supervision"),
    ("Privacy concerms", "Privacy concerns"),
    ("Repositry capacity", "Repository capacity"),
    ("Documentaion burden", "Documentation burden"),
    ("Transportaton barriers", "Transportation barriers"),
    ("Medicaton management", "Medication management"),
    ("Supervisor availabilty", "Supervisor availability"),
    ("Persistent identifers", "Persistent identifiers"),
]


def _nodes() -> list[CodeNode]:
    nodes, next_id = [], 1
    for category, names in HAND_WRITTEN.items():
        parent = next_id
        nodes.append(CodeNode(CodeInfo(parent, "", None, 0, category, "#3CB44B", False), 0, (category,), 0, 0, ()))
        next_id += 1
        for position, name in enumerate(names):
            code = CodeInfo(next_id, "", parent, position, name, "#4363D8", True)
            nodes.append(CodeNode(code, 1, (category, name), 0, 0, ()))
            next_id += 1
    top = CodeInfo(next_id, "", None, len(HAND_WRITTEN), "Interview context", "#F58231", True)
    return [*nodes, CodeNode(top, 0, ("Interview context",), 0, 0, ())]


class Outcome:
    def __init__(self, palette: QuickCodePalette) -> None:
        self.chosen: list[int] = []
        self.requested: list[tuple[str, bool]] = []
        palette.code_chosen.connect(self.chosen.append)
        palette.code_requested.connect(lambda name, similar: self.requested.append((name, similar)))


@pytest.fixture
def palette(qtbot: QtBot) -> Iterator[QuickCodePalette]:
    palette = QuickCodePalette()
    qtbot.addWidget(palette)
    palette.open(_nodes(), [])
    yield palette
    palette.hide()


def test_forty_typed_names_apply_no_unrelated_code(qtbot: QtBot, palette: QuickCodePalette) -> None:
    assert len(TYPED) == 40
    names = {n.code.id: n.code.name for n in _nodes()}
    outcome = Outcome(palette)
    wrong = []
    for typed, expected in TYPED:
        palette.open(_nodes(), [])
        qtbot.keyClicks(palette.query, typed)
        outcome.chosen.clear()
        outcome.requested.clear()
        qtbot.keyClick(palette.query, Qt.Key.Key_Return)
        if outcome.requested and palette.warning.isVisible():
            pytest.fail(f"{typed}: created without a word about similar names")
        got = names[outcome.chosen[0]] if outcome.chosen else None
        created = outcome.requested[0][0] if outcome.requested else None
        if got != expected or (expected is None and created != typed):
            wrong.append((typed, expected, got, palette.warning.text() if palette.warning.isVisible() else created))
    assert wrong == []


def test_create_sits_under_the_strong_matches_and_loose_ones_come_after_a_header(
    qtbot: QtBot, palette: QuickCodePalette
) -> None:
    qtbot.keyClicks(palette.query, "Staffing capacity")
    rows = palette.rows()
    assert rows[0] == CREATE
    assert palette.results.currentRow() == 0
    assert rows[1] == HEADER
    assert not palette.results.item(1).flags() & Qt.ItemFlag.ItemIsSelectable
    assert "Repository capacity  —  Research data" in [palette.results.item(i).text() for i in range(2, len(rows))]
    palette.move_selection(1)  # the header is skipped
    assert palette.results.currentRow() == 2
    palette.move_selection(-1)
    assert palette.results.currentRow() == 0

    palette.query.clear()
    qtbot.keyClicks(palette.query, "supervis")
    rows = palette.rows()
    strong = rows[: rows.index(CREATE)]
    assert [palette.results.item(i).text() for i in range(len(strong))] == [
        "Supervision  —  Supervision",
        "Supervisor availability  —  Supervision",
        "Group supervision  —  Supervision",
        "Clinical consultation  —  Supervision",  # by its category, last
    ]
    assert palette.results.currentRow() == 0


def test_items_read_name_then_parent_path_and_top_level_codes_just_their_name() -> None:
    assert label(Candidate(1, "Caseload size", "Workload / Caseload size")) == "Caseload size  —  Workload"
    assert label(Candidate(2, "API access", "API access")) == "API access"
    assert label(Candidate(3, "C", "A / B / C")) == "C  —  A / B"


def test_a_top_level_code_is_listed_by_its_name_alone(qtbot: QtBot, palette: QuickCodePalette) -> None:
    qtbot.keyClicks(palette.query, "interview context")
    assert palette.results.item(0).text() == "Interview context"


def test_ctrl_enter_creates_even_when_a_code_matches(qtbot: QtBot, palette: QuickCodePalette) -> None:
    outcome = Outcome(palette)
    qtbot.keyClicks(palette.query, "Peer")
    assert palette.rows()[0] != CREATE
    qtbot.keyClick(palette.query, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert outcome.requested == [("Peer", False)]
    assert outcome.chosen == []
    assert "Ctrl+Enter" in palette.query.placeholderText()


def test_a_name_close_to_an_existing_one_is_created_on_the_second_enter(
    qtbot: QtBot, palette: QuickCodePalette
) -> None:
    outcome = Outcome(palette)
    qtbot.keyClicks(palette.query, "Privacy concern")
    qtbot.keyClick(palette.query, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert outcome.requested == []
    assert palette.warning.text().startswith("Very close to “Privacy concerns” (under Research data).")
    assert palette.rows()[palette.results.currentRow()] == CREATE
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert outcome.requested == [("Privacy concern", True)]


def test_the_palette_stays_on_the_screen() -> None:
    screen = QRect(0, 0, 1280, 800)
    size = QSize(460, 320)
    assert placed(size, QRect(100, 100, 2, 18), screen).toTuple() == (100, 118)  # just below the cursor
    assert placed(size, QRect(1200, 100, 2, 18), screen).toTuple() == (820, 118)  # pulled in from the right edge
    assert placed(size, QRect(100, 700, 2, 18), screen).toTuple() == (100, 380)  # above the cursor near the bottom
    assert placed(size, QRect(-50, 790, 2, 18), screen).toTuple() == (0, 470)
    second = QRect(1280, 0, 1920, 1080)  # a second screen to the right
    assert placed(size, QRect(3150, 1070, 2, 18), second).toTuple() == (2740, 750)
