"""The coded-excerpts report in Word: a title page, a table of contents, then the outline's sections with quotes.

Each quote is in the Quote style with its speaker, followed by a source line (Excerpt Source) naming the document,
case and chosen attributes, paragraph and time, and the coder; then its memo and context where there are any.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.model.core.progress import CancelledError, NoProgress, Progress
from app.model.core.text import plural
from app.model.reports.atomic import ExportError, whole_or_nothing
from app.model.reports.excerpt_outline import Section
from app.model.reports.excerpts import Excerpt, Excerpts, timestamp
from app.model.reports.paper import Paper
from app.model.reports.word import CHARACTER_STYLES, REPORT_STYLES, Run, WordDocument, right_to_left


@dataclass(frozen=True)
class ReportOptions:
    title: str = "Coded excerpts"
    project_name: str = ""
    source_attributes: tuple[int, ...] = ()  # attributes named in every source line (Role, Site)
    details: tuple[str, ...] = ()  # how the report was made (grouping, filters), for the title page
    contents_levels: int = 2
    paper: Paper = Paper.A4


def write_excerpts_report(
    path: Path,
    excerpts: Excerpts,
    sections: Sequence[Section],
    options: ReportOptions,
    progress: Progress | None = None,
) -> Path:
    if path.suffix.lower() != ".docx":
        raise ExportError(path, "the report is saved as a Word document (.docx)")
    progress = progress or NoProgress()
    with whole_or_nothing(path) as partial:
        word = WordDocument(REPORT_STYLES, CHARACTER_STYLES, options.paper)
        word.properties(options.title, options.project_name)
        _title_page(word, excerpts, sections, options)
        entries = [(depth + 1, section.title) for top in sections for depth, section in top.walk()]
        word.contents("Contents", entries, options.contents_levels)
        word.page_numbers(options.title)
        writer = _Writer(word, excerpts, options, progress, total=sum(s.counts.excerpts for s in sections))
        for index, section in enumerate(sections):
            writer.section(section, level=1, new_page=index == 0)
        progress.step(writer.total, writer.total, "Saving the document")
        word.save(partial)
    return path


def _title_page(word: WordDocument, excerpts: Excerpts, sections: Sequence[Section], options: ReportOptions) -> None:
    word.paragraph("Title", options.title)
    if options.project_name:
        word.paragraph("Subtitle", options.project_name)
    word.paragraph("Report Details", f"Exported on {date.today():%d %B %Y}")
    for line in options.details:
        word.paragraph("Report Details", line)
    items = excerpts.items
    codes = {e.code_id for e in items}
    word.paragraph(
        "Report Details",
        f"{plural(len(items), 'excerpt')} from {plural(len({e.document_id for e in items}), 'document')} and "
        f"{plural(len({c for e in items for c in e.case_ids}), 'case')}, coded with {plural(len(codes), 'code')}",
    )
    if not sections:
        word.paragraph("Report Details", "No coded text matches the filters.")


class _Writer:
    def __init__(
        self, word: WordDocument, excerpts: Excerpts, options: ReportOptions, progress: Progress, total: int
    ) -> None:
        self.word = word
        self.excerpts = excerpts
        self.progress = progress
        self.total = total
        self.done = 0
        names = {a.id: a.name for a in excerpts.attributes}
        self.attributes = [(a, names[a]) for a in options.source_attributes if a in names]

    def section(self, section: Section, level: int, new_page: bool = False) -> None:
        self.word.heading(level, section.title, page_break_before=new_page)
        if section.note:
            self.word.paragraph("Section Description", section.note)
        if section.description:
            self.word.paragraph("Section Description", section.description)
        self.word.paragraph("Section Counts", section.counts.describe())
        for excerpt in section.excerpts:
            self.excerpt(excerpt)
        for child in section.children:
            self.section(child, level + 1)

    def excerpt(self, excerpt: Excerpt) -> None:
        if self.done % 500 == 0:
            if self.progress.cancelled:
                raise CancelledError()
            self.progress.step(self.done, self.total, "Writing excerpts")
        self.done += 1
        text = excerpt.text.strip()
        speaker = excerpt.speaker
        quote = [Run(text)]
        if speaker and not text.startswith(speaker):
            quote.insert(0, Run(f"{speaker}: ", "Speaker Label"))
        self.word.paragraph("Quote", quote, rtl=right_to_left(text))
        self.word.paragraph("Excerpt Source", self.source_line(excerpt))
        if excerpt.memo.strip():
            self.word.paragraph("Excerpt Memo", f"Memo: {excerpt.memo.strip()}")
        if excerpt.before.strip() or excerpt.after.strip(" .,;:!?…\"'”’)"):  # more than closing punctuation
            self.word.paragraph(
                "Excerpt Context",
                [
                    Run("In context: " + excerpt.before),
                    Run(excerpt.text, "Excerpt In Context"),
                    Run(excerpt.after),
                ],
            )

    def source_line(self, excerpt: Excerpt) -> str:
        parts = [self.excerpts.source(excerpt)]
        cases = self.excerpts.cases(excerpt)
        described = [f"{name}: {value}" for a, name in self.attributes if (value := self.excerpts.value(excerpt, a))]
        if cases:
            parts.append(cases + (f" ({'; '.join(described)})" if described else ""))
        elif described:
            parts.append("; ".join(described))
        where = [f"¶ {excerpt.paragraph}"] if excerpt.paragraph else []
        if excerpt.timestamp_ms is not None:
            where.append(timestamp(excerpt.timestamp_ms))
        if where:
            parts.append(", ".join(where))
        if excerpt.coder:
            parts.append(f"coded by {excerpt.coder}")
        return "— " + " · ".join(parts)
