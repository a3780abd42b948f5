"""Subtitle conventions beyond the fixtures, and PDFs with some pages scanned."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfWriter

from app.model.documents.readers import ReadOptions, read_bytes

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "fixtures"

ZOOM_VTT = """WEBVTT

1
00:00:01.000 --> 00:00:04.000 align:start position:10%
Interviewer: How did the training go?

2
00:00:04.500 --> 00:00:07.000
Maria: It was good &amp; useful &lt;mostly&gt;.

3
00:00:07.100 --> 00:00:09.000
We practised the strengths assessment.

4
00:00:09.500 --> 00:00:11.000
Interviewer: Anything else?

5
01:02:03.000 --> 01:02:05.000
Maria: <i>No</i>, that's all.
"""

SRT = """1
00:00:00,500 --> 00:00:02,000
SPEAKER 1: first words

2
00:00:02,100 --> 00:00:03,000
SPEAKER 1: still me

3
00:00:03,500 --> 00:00:05,250
SPEAKER 2: my turn
"""


def test_name_prefixes_in_cues_entities_settings_and_consecutive_cues() -> None:
    imported = read_bytes(ZOOM_VTT.encode(), "zoom.vtt", ".vtt", ReadOptions())
    assert imported.text == (
        "Interviewer: How did the training go?\n"
        "Maria: It was good & useful <mostly>. We practised the strengths assessment.\n"
        "Interviewer: Anything else?\n"
        "Maria: No, that's all."
    )
    assert [(t.speaker, t.timestamp_ms) for t in imported.turns] == [
        ("Interviewer", 1000),
        ("Maria", 4500),  # the unlabelled cue after Maria's is still Maria's
        ("Interviewer", 9500),
        ("Maria", 3_723_000),
    ]
    second = imported.turns[1]
    assert (
        imported.text[second.start : second.end]
        == "It was good & useful <mostly>. We practised the strengths assessment."
    )


def test_srt_cues_of_one_speaker_join_into_one_turn() -> None:
    imported = read_bytes(SRT.encode("utf-8"), "panel.srt", ".srt", ReadOptions())
    assert imported.text == "SPEAKER 1: first words still me\nSPEAKER 2: my turn"
    assert [(t.speaker, t.timestamp_ms) for t in imported.turns] == [("SPEAKER 1", 500), ("SPEAKER 2", 3500)]


def test_a_pdf_page_without_text_is_reported_and_the_rest_imported() -> None:
    writer = PdfWriter()
    writer.append(str(FIXTURES / "pdpilot_P1_maxqda.pdf"))
    writer.add_blank_page()
    buffer = io.BytesIO()
    writer.write(buffer)
    imported = read_bytes(buffer.getvalue(), "mixed.pdf", ".pdf", ReadOptions())
    assert imported.warnings == ("page 6 has no text layer (a scanned image?); its words are not imported",)
    assert sum(t.speaker == "Dan" for t in imported.turns) == 47
