"""Writes the two Word interviews of this corpus, laid out as Otter's Word export lays them out.

Run from the repository root: `.venv/bin/python tests/data/transcripts/otter_deidentified/make_docx.py`.
The texts are written for Axial's tests; no real person is quoted.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent

# (speaker, time, paragraphs of speech)
DC05 = (
    ("INT", "0:03", ["Thanks for talking with me. What is your role in the state's data programme?"]),
    (
        "DC05",
        "0:10",
        [
            "[Name of state agency]",
            "I coordinate data sharing for them, which mostly means agreements with universities.",
        ],
    ),
    ("INT", "0:52", ["How does an agreement usually start?"]),
    (
        "DC05",
        "0:57",
        [
            "[Describes data management plan]. Then the lawyers get involved, and that's where the months go.",
            "We have tried a template. It helps for the easy cases.",
        ],
    ),
    ("INT", "2:15", ["Do researchers ever give up?"]),
    ("DC05", "2:19", [" No, no. They find a workaround, usually a summary table instead of the records."]),
    ("INT", "3:01", ["Thanks. That's all from me.", "[Interviewer thanks participant and stops recording]"]),
)
DC07 = (
    ("INT", "0:02", "Could you describe what your team curates?"),
    ("DC07", "0:07", "Survey data, mainly. [IR software] holds the files and we write the codebooks."),
    ("INT", "0:44", "Who asks for the codebooks?"),
    ("DC07", "0:48", "[U.S. federal funding agency]. And reviewers, more and more."),
    ("INT", "1:14", "Do you check the files for disclosure risk?"),
    ("DC07", "1:18", " No, no. That is the study team's job, but we ask whether they did it."),
    ("INT", "2:05", "Thank you."),
)


def _header(paragraph: Paragraph, speaker: str, time: str) -> None:
    paragraph.add_run(speaker).bold = True
    paragraph.add_run("  ")
    paragraph.add_run(time)


def separate_paragraphs(path: Path) -> None:
    """Each turn as Otter writes it: a header paragraph, then the speech in paragraphs of its own."""
    document = Document()
    document.add_paragraph("DC05 interview")
    for speaker, time, speech in DC05:
        _header(document.add_paragraph(), speaker, time)
        for text in speech:
            document.add_paragraph(text)
    document.save(str(path))


def one_paragraph_per_turn(path: Path) -> None:
    """Each turn in one paragraph, the header and the speech separated by a line break."""
    document = Document()
    for speaker, time, speech in DC07:
        paragraph = document.add_paragraph()
        _header(paragraph, speaker, time)
        paragraph.add_run().add_break()
        paragraph.add_run(speech)
    document.save(str(path))


if __name__ == "__main__":
    separate_paragraphs(HERE / "DC05 interview.docx")
    one_paragraph_per_turn(HERE / "DC07 interview.docx")
