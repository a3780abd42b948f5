"""De-identification recall on generated tests: names and their variants injected at known places into real
transcripts (tests/data/transcripts/otter_deidentified and /work/shared/fixtures). The figure for the report:
`.venv/bin/python -m tests.unit.deidentify_injection`."""

from __future__ import annotations

import random

import pytest

from app.model.deidentify.matcher import Matcher
from app.model.deidentify.pseudonyms import build_table
from tests.unit.deidentify_injection import NAMES, TRANSCRIPTS, inject, measure


@pytest.mark.parametrize("seed", [20, 21, 22])
def test_at_least_99_percent_of_injected_names_and_variants_are_found(seed: int) -> None:
    result = measure(per_transcript=80, seed=seed)
    assert result.injected >= 320  # 80 in each of the four Otter transcripts, more with /work/shared/fixtures
    assert result.recall >= 0.99, result.missed


def test_the_injected_transcripts_keep_no_injected_name_once_replaced() -> None:
    rng = random.Random(7)
    matcher = Matcher(build_table([(f"{first} {last}", "") for first, last in NAMES]))
    for path in TRANSCRIPTS[:4]:
        text, names = inject(path.read_text(encoding="utf-8-sig"), 30, rng)
        replaced = matcher.replace(text)
        for first, last in NAMES:
            assert f"{first} {last}" not in replaced
            assert f"Dr. {last}" not in replaced
        assert len(names) == 30
