"""Every real-world transcript and document fixture imports with exact text, speakers and times, no mojibake."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model.documents.readers import ImportedText, ReadOptions, read_file

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "fixtures"
DOCUMENTS = sorted(
    p.name for p in FIXTURES.iterdir() if p.suffix not in (".tsv", ".csv", ".md") or p.stem.startswith("hit")
)


def read(name: str, **options: bool) -> ImportedText:
    return read_file(FIXTURES / name, ReadOptions(**options))[0]


def speech(imported: ImportedText, index: int) -> str:
    turn = imported.turns[index]
    return imported.text[turn.start : turn.end]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_fixture_reads_clean_normalised_text(name: str) -> None:
    imported = read(name)
    text = imported.text
    assert text.strip()
    assert "\r" not in text
    assert "\ufeff" not in text
    assert "\ufffd" not in text  # nothing undecodable
    assert not any(mark in text for mark in ("Ã©", "â€™", "Ä™"))  # classic UTF-8-read-as-1252 mojibake
    for span in imported.paragraphs:
        assert text[span.start : span.end].strip() == text[span.start : span.end]
    for turn in imported.turns:
        assert 0 <= turn.start <= turn.end <= len(text)


def test_docx_tracked_changes_are_read_as_accepted() -> None:
    assert read("mammoth_track_changes.docx").text == (
        "Track Changes Test\n\n"
        "This is the content.\n"
        "And here is much more content.\n"
        "This is new content, that I suggest.\n"
        "Some more text.\n"
        "Link 1: www.adobe.com\n"
        "Link 2: www.hlx.live\n"
        "Link 3: www.hlx.live\n"
        "A1\tA2\n\n"
        "Point one\n"
        "Point three\n"
        "And more lists\n"
        "One\n"
        "Three"
    )  # deleted words, the deleted row C1/C2 and deleted list items are gone; field codes never show


def test_docx_strict_ooxml_and_its_table() -> None:
    assert read("d2p_strict_ooxml.docx").text == "Bullet1\nBullet2\nNumber1\nNumber2\nCellaa\tCellab\nCellba\tCellbb"


def test_docx_whose_main_part_is_renamed() -> None:
    assert read("d2p_renamed_main_part.docx").text == "This is a link to my website."


def test_docx_nested_tables_notes_and_headers() -> None:
    plain = read("d2p_example_notes_headers_tables.docx")
    lines = plain.text.split("\n")
    assert lines[lines.index("Nested\tTable") + 1] == "A\tB"  # the inner table follows its row
    assert "Tab\tdelimited\ttext" in lines
    assert "10 < 20 and 20 > 10" in lines
    assert "First footnote" not in plain.text
    assert "Header text" not in plain.text
    assert plain.warnings == (
        "2 footnotes not imported (they can be appended as a section)",
        "2 endnotes not imported (they can be appended as a section)",
    )
    full = read("d2p_example_notes_headers_tables.docx", include_notes=True, include_headers=True)
    assert full.text.endswith(
        "\n\nFootnotes\nFirst footnote\nSecond footnote\n\nEndnotes\nFirst endnote\nSecond endnote"
        "\n\nHeaders and footers\nHeader text\nFooter text"
    )


def test_docx_comments_are_an_optional_section_and_never_speaker_turns() -> None:
    plain = read("d2p_comments.docx")
    assert "Randy Bartels" not in plain.text
    with_comments = read("d2p_comments.docx", include_comments=True)
    appendix = with_comments.text.split("\n\nComments\n")[1].split("\n")
    assert len(appendix) == 12  # one line per comment, replies included, however many lines it had
    assert all(line.startswith("Randy Bartels: ") for line in appendix)
    assert appendix[:2] == ["Randy Bartels: Comment 1", "Randy Bartels: Comment 2"]
    assert "Randy Bartels: With a response" in appendix
    assert with_comments.turns == ()


def test_docx_cjk_greek_and_smart_quotes() -> None:
    chinese = read("d2p_chinese_libreoffice.docx").text
    assert chinese.startswith("东阳八婺招标代理有限公司关于东阳市歌山镇农贸市场经营管理权项目")
    assert "招标编号：DYBWCG2021-JZ-019-1" in chinese
    greek = read("qualcoder_greek_smartquotes.docx").text
    assert "Αυτή είναι μια δοκιμή." in greek
    assert "‘single smart quotes’, “double smart quotes”" in greek
    assert "It’s a test." in greek
    assert "‐, –, —" in greek


def test_markdown_group_interview_speakers_and_times() -> None:
    imported = read("hitsave_wintermoor_group.md")
    assert "**" not in imported.text
    assert imported.text.startswith("Wintermoor Tactics Club interview transcription\n\nJonas Rosland: [00:00:00] hi")
    counts: dict[str | None, int] = {}
    for turn in imported.turns:
        counts[turn.speaker] = counts.get(turn.speaker, 0) + 1
    assert counts == {"Ryan Anderson": 110, "Kyla Fury": 84, "Ben Walker": 51, "Jonas Rosland": 45}
    assert speech(imported, 0).startswith("hi everyone. And welcome to another indie game preservation interview")
    assert imported.turns[0].timestamp_ms == 0  # the leading [00:00:00] times the turn...
    assert "[00:00:00]" not in speech(imported, 0)  # ...and is not part of the speech
    assert (
        speech(imported, 1)
        == "Hey, my name is Ben. I was the team lead on Wintermoor tactics club, as well as the programmer on it."
    )
    # A turn runs over its continuation paragraphs up to the next speaker.
    fourth = speech(imported, 4)
    assert fourth.startswith("Awesome. And I'm Jonas Rosland")
    assert "\n\nSo can you tell me a bit about" in fourth
    assert imported.turns[4].timestamp_ms == 60_000


def test_plain_text_bracket_speakers() -> None:
    imported = read("qualcoder_transcript_ids.txt")
    assert [t.speaker for t in imported.turns] == ["id1", "id2", "id3", "id1", "id3", "id1", "id2"]
    assert speech(imported, 0).startswith("hello, I like the course.")
    assert speech(imported, 6) == "Hmm, I will ask the tutor for more help as I am really struggling."


def test_pdf_speakers_wrapped_lines_and_tabs() -> None:
    imported = read("pdpilot_P1_maxqda.pdf")
    assert "\t" not in imported.text
    assert [t.speaker for t in imported.turns[:4]] == ["Dan", "Participant", "Dan", "Participant"]
    assert sum(t.speaker == "Dan" for t in imported.turns) == 47
    assert sum(t.speaker == "Participant" for t in imported.turns) == 47
    assert speech(imported, 0) == (
        "Okay. So now you can stop sharing your screen and then we'll just end up with a few questions that I have for you."
    )
    # A line broken by the page layout is joined back into its sentence.
    assert speech(imported, 3).endswith("but in our initial data explorations, we tend to use ICE plots.")


def test_teams_voice_tags_become_turns_with_times() -> None:
    imported = read("webvttpy_teams_voice.vtt")
    assert imported.text == "Yuri Bakulin: There you go.\nAdrian Petrescu: Why hello there, Yuri."
    assert [(t.speaker, t.timestamp_ms) for t in imported.turns] == [("Yuri Bakulin", 0), ("Adrian Petrescu", 210)]
    assert speech(imported, 1) == "Why hello there, Yuri."


def test_whisper_vtt_without_hours_joins_cues_into_timed_paragraphs() -> None:
    imported = read("hitsave_goodboy_whisper.vtt")
    assert imported.text.startswith(
        "Hello everyone and welcome to yet another Hit Save podcast. I'm here with Rick Nickel of Good Boy Galaxy"
    )
    assert "-->" not in imported.text
    assert imported.turns[0].timestamp_ms == 43_810  # 00:43.810, written without hours
    assert all(t.speaker is None for t in imported.turns)
    times = [t.timestamp_ms or 0 for t in imported.turns]
    assert times == sorted(times)


def test_srt_numbered_cues() -> None:
    imported = read("hitsave_keitai_panel.srt")
    assert imported.text.startswith("hello everyone and welcome to yet another hit save podcast this time we're doing")
    assert "-->" not in imported.text
    assert not any(line.strip().isdigit() for line in imported.text.split("\n"))  # cue numbers are not text
    assert imported.turns[1].timestamp_ms == 53_280


def test_youtube_captions_lose_styling_word_times_and_rolling_repeats() -> None:
    assert read("webvttpy_youtube_autocaption.vtt").text == "yeah what this will happen is I'm telling"


def test_vtt_with_byte_order_mark() -> None:
    assert read("webvttpy_utf8_bom.vtt").text == "Caption text #1 Caption text #2 Caption text #3 Caption text #4"


def test_rtf_code_page_and_unicode_escapes() -> None:
    polish = read("striprtf_polish_cp1250.rtf").text
    assert polish.startswith("Proszę o zapoznanie się z poniższą klauzulą informacyjną.")
    assert read("striprtf_unicode_escapes.rtf").text == "柔道"


def test_odt_paragraphs_and_euro_sign() -> None:
    imported = read("qualcoder_ID2.odt")
    assert imported.text.endswith("The course cost €200.00 and I do not want to waste my money.")
    assert len(imported.paragraphs) == 3
