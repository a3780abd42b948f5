"""Build a synthetic study at a chosen scale, through the same services the app uses.

Documents are interviews of alternating speaker turns made of sentences; codes form a tree of categories,
sub-categories and leaf codes; codings start on word boundaries and run from a phrase to a long passage, so they
overlap as real coding does; every document belongs to a participant case with typed attributes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from app.model.core.dto import AttributeType, NewCoding, NewDocument, NewTurn, SourceFile, Span
from app.model.project import Project

VOCABULARY = (
    "the a and to of in that it we they our was is for with on about my team people staff caseload supervisor "
    "manager model training meeting clients client community work week time really think know just like because "
    "when what how would could should more less strengths goals recovery fidelity review agency leadership "
    "support resources funding turnover morale paperwork notes forms housing crisis hospital family employment "
    "school group consultation reflective engaged empathy change hard easier better worse changed started "
    "stopped helped needed wanted asked said felt thought saw learned tried kept lost found built shared "
    "case managers supervisors clinicians consumers settings site sites billing hours caseloads vacancies "
    "café naïve résumé 我们 😀 שלום"
).split()

ROLES = ("case manager", "supervisor", "manager", "clinician")
SITES = tuple(f"Site {letter}" for letter in "ABCDEFGHI")


@dataclass(frozen=True)
class Scale:
    documents: int
    words: int
    codes: int
    codings: int

    @staticmethod
    def named(name: str) -> Scale:
        return {
            "large": Scale(documents=300, words=9_000, codes=1_500, codings=75_000),
            "small": Scale(documents=20, words=2_000, codes=150, codings=2_000),
        }[name]


def interview_text(rng: random.Random, words: int) -> tuple[str, tuple[NewTurn, ...], tuple[Span, ...]]:
    """Alternating Interviewer/participant turns, one paragraph each, about `words` words in all."""
    parts: list[str] = []
    turns: list[NewTurn] = []
    paragraphs: list[Span] = []
    position = 0
    written = 0
    turn = 0
    while written < words:
        speaker = "Interviewer" if turn % 2 == 0 else "P1"
        length = rng.randint(8, 25) if speaker == "Interviewer" else rng.randint(40, 160)
        sentences = []
        left = length
        while left > 0:
            size = min(left, rng.randint(6, 22))
            sentence = " ".join(rng.choices(VOCABULARY, k=size))
            sentences.append(sentence[0].upper() + sentence[1:] + rng.choice(".?."))
            left -= size
        paragraph = f"{speaker}: " + " ".join(sentences)
        if parts:
            parts.append("\n\n")
            position += 2
        parts.append(paragraph)
        span = Span(position, position + len(paragraph))
        turns.append(NewTurn(speaker, span.start, span.end, timestamp_ms=turn * 45_000))
        paragraphs.append(span)
        position = span.end
        written += length
        turn += 1
    return "".join(parts), tuple(turns), tuple(paragraphs)


def word_starts(text: str) -> list[int]:
    starts = [0] if text and not text[0].isspace() else []
    starts += [i + 1 for i, ch in enumerate(text[:-1]) if ch.isspace() and not text[i + 1].isspace()]
    return starts


def build_code_tree(project: Project, rng: random.Random, count: int) -> list[int]:
    """Categories (pure folders), sub-categories (codable) and leaves; returns the ids of codable codes."""
    categories = max(1, count // 100)
    subcategories_each = 5
    codable: list[int] = []
    made = 0
    parents: list[int] = []
    for c in range(categories):
        category = project.codes.create(f"Category {c + 1}", is_codable=False)
        made += 1
        for s in range(subcategories_each):
            sub = project.codes.create(f"Theme {c + 1}.{s + 1}", category.id)
            codable.append(sub.id)
            parents.append(sub.id)
            made += 1
    leaf, previous = 0, ""
    while made < count:
        parent = rng.choice(parents)
        leaf += 1
        name = f"{' '.join(rng.choices(VOCABULARY[:60], k=2))} {leaf}"
        if leaf % 25 == 0:  # a near duplicate of the one before (a plural), as code books grow them
            name = f"{previous.rsplit(' ', 1)[0]}s {leaf - 1}"
        previous = name
        code = project.codes.create(name, parent, allow_similar=True)  # generated: no one to ask
        codable.append(code.id)
        made += 1
    return codable


def generate(path: Path, scale: Scale, seed: int = 7) -> None:
    rng = random.Random(seed)
    path.unlink(missing_ok=True)
    with Project.create(path, name=f"Synthetic study ({scale.documents} documents)", coder="Bench") as project:
        role = project.cases.define_attribute("Role", AttributeType.CHOICE, ROLES)
        site = project.cases.define_attribute("Site", AttributeType.CHOICE, SITES)
        fidelity = project.cases.define_attribute("Fidelity", AttributeType.NUMBER)
        interviewed = project.cases.define_attribute("Interviewed", AttributeType.DATE)
        trained = project.cases.define_attribute("Trained", AttributeType.BOOLEAN)
        codable = build_code_tree(project, rng, scale.codes)
        per_document = scale.codings // scale.documents
        for index in range(scale.documents):
            case = project.cases.create(f"P{index + 1:03d}")
            project.cases.set_value(case.id, role.id, rng.choice(ROLES))
            project.cases.set_value(case.id, site.id, rng.choice(SITES))
            project.cases.set_value(case.id, fidelity.id, round(rng.uniform(1, 5), 2))
            project.cases.set_value(case.id, interviewed.id, date(2024, 1, 1) + timedelta(days=rng.randint(0, 365)))
            project.cases.set_value(case.id, trained.id, rng.random() < 0.7)
            text, turns, paragraphs = interview_text(rng, scale.words)
            document = project.documents.add(
                NewDocument(
                    name=f"Interview {index + 1:03d}",
                    text=text,
                    turns=turns,
                    paragraphs=paragraphs,
                    source=SourceFile(f"interview-{index + 1:03d}.txt", "txt", text.encode("utf-8")),
                    case_ids=(case.id,),
                )
            )
            project.codings.apply_many(random_codings(rng, document.id, text, codable, per_document))


def random_codings(rng: random.Random, document_id: int, text: str, codes: list[int], count: int) -> list[NewCoding]:
    """Codings from a phrase (3 words) to a long passage (120 words), most a sentence or two."""
    starts = word_starts(text)
    spans: set[NewCoding] = set()
    while len(spans) < count:
        first = rng.randrange(len(starts))
        words = min(int(rng.lognormvariate(3.0, 0.7)) + 3, 120)
        last = min(first + words, len(starts) - 1)
        end = starts[last] - 1 if last > first else len(text)
        spans.add(NewCoding(document_id, rng.choice(codes), starts[first], max(end, starts[first] + 1)))
    return list(spans)
